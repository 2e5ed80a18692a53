#include "pulse/kpi/order_totals.h"

#include <cmath>

#include "pulse/kpi/customer_profiles.h"

namespace pulse::kpi {

OrderSum sum_order_lines(const Facts& facts, std::uint32_t o, const Scope* scope) {
  OrderSum sum;
  for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l) {
    if (scope && !line_in_filter(facts, *scope, l)) continue;
    sum.any = true;
    const double qty = facts.line_quantity[l];
    sum.positive = sum.positive || std::isnan(qty) || qty > 0;
    sum.totals.add(facts.line_revenue[l], std::isnan(qty) ? 0 : qty, facts.cost_of(l));
  }
  return sum;
}

OrderTotals order_totals(const Facts& facts) {
  OrderTotals out;
  const std::size_t n = facts.order_count();
  out.orders.reserve(n);
  for (std::size_t o = 0; o < n; ++o)
    out.orders.push_back(sum_order_lines(facts, static_cast<std::uint32_t>(o)));
  return out;
}

}  // namespace pulse::kpi
