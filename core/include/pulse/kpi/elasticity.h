#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pulse/model/day.h"

namespace pulse::kpi {

/// Log-log price elasticity of one catalog x SKU (SPEC §3).
struct Elasticity {
  double slope = 0;      // b in ln Q = a + b ln P
  double std_error = 0;
  std::optional<double> r2;
  std::size_t n = 0;     // periods used
  std::string klass;     // "elastic", "inelastic", "positive"
};

/// One positive-quantity line, reduced to what the estimate needs.
struct PricePoint {
  Day period;  // start of the line's week (or month)
  double quantity;
  double revenue;
};

/// Groups the points by period (Q = sum of quantity, P = sum of revenue / Q), keeps periods
/// with Q > 0 and P > 0, and fits ln Q on ln P when there are at least 6 of them and
/// max P / min P >= 1.02; else nullopt. Reorders `points`.
std::optional<Elasticity> estimate_elasticity(std::vector<PricePoint>& points);

/// The class SPEC §3 gives a slope.
const char* elasticity_class(double slope);

}  // namespace pulse::kpi
