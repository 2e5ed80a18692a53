#pragma once

#include <cmath>
#include <optional>

#include "pulse/kpi/exact_sum.h"
#include "pulse/kpi/stats.h"

namespace pulse::kpi {

/// Revenue, units and margin of a group of lines. The margin is taken over the lines whose
/// cost is known, so that a missing cost never reads as a 100% margin (docs/kpi.md).
struct LineTotals {
  // Exact sums: the same lines in another order give the same bits (exact_sum.h).
  ExactSum revenue;
  ExactSum units;
  ExactSum costed_revenue;
  ExactSum cost;
  bool any_cost = false;

  /// `line_cost` is NaN when the line's cost is unknown.
  void add(double line_revenue, double quantity, double line_cost) {
    revenue += line_revenue;
    units += quantity;
    if (!std::isnan(line_cost)) {
      costed_revenue += line_revenue;
      cost += line_cost;
      any_cost = true;
    }
  }
  void add(const LineTotals& other) {
    revenue += other.revenue;
    units += other.units;
    costed_revenue += other.costed_revenue;
    cost += other.cost;
    any_cost = any_cost || other.any_cost;
  }
  std::optional<double> margin() const {
    return any_cost ? std::optional<double>(costed_revenue - cost) : std::nullopt;
  }
  std::optional<double> margin_pct() const {
    return any_cost ? ratio(costed_revenue - cost, costed_revenue) : std::nullopt;
  }
};

}  // namespace pulse::kpi
