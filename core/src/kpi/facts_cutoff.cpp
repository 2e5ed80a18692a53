#include "pulse/kpi/facts_cutoff.h"

#include <algorithm>

namespace pulse::kpi {

Facts facts_as_of(const Facts& all, Day cutoff) {
  Facts cut;
  // Per customer, catalog, rep and product: unchanged.
  cut.customer_id = all.customer_id;
  cut.customer_name = all.customer_name;
  cut.customer_catalog = all.customer_catalog;
  cut.customer_rep = all.customer_rep;
  cut.catalogs = all.catalogs;
  cut.reps = all.reps;
  cut.products = all.products;
  cut.has_lines = all.has_lines;
  cut.has_cost = all.has_cost;
  cut.warnings = all.warnings;
  cut.first_day = all.first_day;

  const std::size_t n_customers = all.customer_count();
  cut.customer_order_begin.reserve(n_customers + 1);
  cut.order_line_begin.push_back(0);
  // Group n_customers is the orders without a customer, which come last in both.
  for (std::size_t c = 0; c <= n_customers; ++c) {
    const std::uint32_t begin =
        c < n_customers ? all.customer_order_begin[c] : all.orders_without_customer_begin();
    const std::uint32_t end = c < n_customers ? all.customer_order_begin[c + 1]
                                              : static_cast<std::uint32_t>(all.order_count());
    // For c = n_customers this is the closing bound of the last customer, which is also where
    // the orders without a customer begin.
    cut.customer_order_begin.push_back(static_cast<std::uint32_t>(cut.order_count()));
    for (std::uint32_t o = begin; o < end; ++o) {
      const Day day = all.order_day[o];
      if (day == kNoDay || day > cutoff) continue;
      cut.order_id.push_back(all.order_id[o]);
      cut.order_day.push_back(day);
      cut.order_customer.push_back(all.order_customer[o]);
      cut.order_rep.push_back(all.order_rep[o]);
      cut.last_day = cut.last_day == kNoDay ? day : std::max(cut.last_day, day);
      for (std::uint32_t l = all.order_line_begin[o]; l < all.order_line_begin[o + 1]; ++l) {
        cut.line_product.push_back(all.line_product[l]);
        cut.line_quantity.push_back(all.line_quantity[l]);
        cut.line_revenue.push_back(all.line_revenue[l]);
        if (!all.line_cost.empty()) cut.line_cost.push_back(all.line_cost[l]);
      }
      cut.order_line_begin.push_back(static_cast<std::uint32_t>(cut.line_product.size()));
    }
  }
  return cut;
}

}  // namespace pulse::kpi
