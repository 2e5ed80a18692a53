#pragma once

#include <cstddef>
#include <vector>

namespace pulse::kpi {

/// An estimate of one unit (a SKU's elasticity) with its sampling variance.
struct UnitEstimate {
  double value = 0;
  double variance = 0;  // squared standard error
};

/// Fewer units than this and the between-unit variance cannot be told from noise: no
/// shrinkage (each unit keeps its own estimate).
constexpr std::size_t kMinPool = 3;

/// Partial pooling of unit estimates under the normal-normal model
/// value_i ~ N(theta_i, variance_i), theta_i ~ N(mu, tau2).
struct PooledEstimates {
  bool pooled = false;         // false with fewer than kMinPool units: shrunk = own estimates
  double tau2 = 0;             // between-unit variance, DerSimonian & Laird (1986) moment estimate
  double mean = 0;             // mu: sum w_i value_i / sum w_i, w_i = 1 / (variance_i + tau2)
  double mean_variance = 0;    // 1 / sum w_i
  std::vector<double> shrunk;  // (1 - B_i) value_i + B_i mu, B_i = v_i / (v_i + tau2)
  std::vector<double> shrunk_variance;  // (1 - B_i) v_i + B_i^2 mean_variance (Morris 1983)
};

/// Empirical-Bayes shrinkage of each unit toward the precision-weighted mean of all
/// (Morris, JASA 1983), tau2 by the method of moments of DerSimonian & Laird (Controlled
/// Clinical Trials, 1986). Variances are floored at 1e-12 so that exact fits (variance 0)
/// keep their own value without dividing by zero.
PooledEstimates pool_random_effects(const std::vector<UnitEstimate>& units);

}  // namespace pulse::kpi
