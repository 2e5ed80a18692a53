#pragma once

#include <optional>

#include "pulse/config/settings.h"
#include "pulse/kpi/facts.h"

namespace pulse::kpi {

/// Settings resolved against the data: concrete dates and filter values as ids.
struct Scope {
  Day as_of = kNoDay;
  Day from = kNoDay;
  Day to = kNoDay;
  // A filter set to a value absent from the data matches nothing (not everything).
  std::optional<StrId> catalog;
  std::optional<StrId> sales_rep;
  std::optional<StrId> customer;

  bool in_period(Day d) const { return d >= from && d <= to; }
};

/// Whether the scope's catalog filter leaves every order line in: none is set, or it names the
/// only catalog the lines have (a shop with one price list; Online Retail's "All"). The line
/// passes then skip the per-line test and the orders' sums serve, as without the filter: the
/// same lines, the same exact sums (exact_sum.h), the same figures. Deals are matched by their
/// own catalogs either way (negotiations.cpp).
inline bool catalog_keeps_every_line(const Scope& scope, const Facts& facts) {
  return !scope.catalog || (facts.catalogs.size() == 1 && facts.catalogs.front() == *scope.catalog);
}

/// Whether the scope's sales rep filter leaves every order in: none is set, or it names the only
/// rep the orders have (exports that name no rep: every order "Unassigned"). The catalogs then
/// read the products' cached price points, as without the filter: the same points.
inline bool sales_rep_keeps_every_order(const Scope& scope, const Facts& facts) {
  return !scope.sales_rep || (facts.reps.size() == 1 && facts.reps.front() == *scope.sales_rep);
}

/// as_of defaults to `latest_day` (orders and deals), from to `earliest_day`, to to as_of.
Scope resolve_scope(const config::Settings& settings, const StringPool& strings, Day earliest_day,
                    Day latest_day);

}  // namespace pulse::kpi
