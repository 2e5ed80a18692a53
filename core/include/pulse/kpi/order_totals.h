#pragma once

#include <cstdint>
#include <vector>

#include "pulse/kpi/facts.h"
#include "pulse/kpi/line_totals.h"
#include "pulse/kpi/scope.h"

namespace pulse::kpi {

/// An order's lines that a filter keeps, summed: `positive` when one has a positive or unknown
/// quantity (an order header is an order; a return alone is not), `any` when one was kept.
struct OrderSum {
  LineTotals totals;
  bool positive = false;
  bool any = false;
};

/// The lines of order `o` summed: all of them, or those of `scope`'s catalog when it has one
/// (line_in_filter; scope null: all).
OrderSum sum_order_lines(const Facts& facts, std::uint32_t o, const Scope* scope = nullptr);

/// Every order's lines summed once (sum_order_lines without a scope), for the customers' profiles
/// when no catalog filter picks lines: the profiles of the period, of the period before and of
/// a year earlier then add orders instead of lines, and so does every re-filter of the period,
/// the rep or the customer (the engine keeps them with the facts, report/engine.cpp). The sums
/// are exact (ExactSum), so adding orders gives the bits that adding their lines gives.
struct OrderTotals {
  std::vector<OrderSum> orders;
};

OrderTotals order_totals(const Facts& facts);

/// Whether `totals` give each order's sum under `scope` (the customers' profiles and the sales
/// team read them then): no catalog filter picks lines, and they are these facts' totals.
inline bool totals_serve(const OrderTotals* totals, const Facts& facts, const Scope& scope) {
  return totals && catalog_keeps_every_line(scope, facts) &&
         totals->orders.size() == facts.order_count();
}

}  // namespace pulse::kpi
