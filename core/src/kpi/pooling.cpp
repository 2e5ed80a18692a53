#include "pulse/kpi/pooling.h"

#include <algorithm>

namespace pulse::kpi {
namespace {
constexpr double kVarianceFloor = 1e-12;
}

PooledEstimates pool_random_effects(const std::vector<UnitEstimate>& units) {
  PooledEstimates out;
  const std::size_t k = units.size();
  out.shrunk.resize(k);
  out.shrunk_variance.resize(k);
  std::vector<double> v(k);
  for (std::size_t i = 0; i < k; ++i) v[i] = std::max(units[i].variance, kVarianceFloor);

  // Fixed-effect mean and Cochran's Q.
  double sw = 0, sw2 = 0, swy = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const double w = 1 / v[i];
    sw += w;
    sw2 += w * w;
    swy += w * units[i].value;
  }
  if (k == 0) return out;
  const double fixed_mean = swy / sw;
  double q = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const double d = units[i].value - fixed_mean;
    q += d * d / v[i];
  }
  if (k < kMinPool) {
    out.mean = fixed_mean;
    out.mean_variance = 1 / sw;
    for (std::size_t i = 0; i < k; ++i) {
      out.shrunk[i] = units[i].value;
      out.shrunk_variance[i] = units[i].variance;
    }
    return out;
  }
  out.pooled = true;
  const double denominator = sw - sw2 / sw;
  out.tau2 = denominator > 0 ? std::max(0.0, (q - static_cast<double>(k - 1)) / denominator) : 0.0;

  double sw_re = 0, swy_re = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const double w = 1 / (v[i] + out.tau2);
    sw_re += w;
    swy_re += w * units[i].value;
  }
  out.mean = swy_re / sw_re;
  out.mean_variance = 1 / sw_re;
  for (std::size_t i = 0; i < k; ++i) {
    const double b = v[i] / (v[i] + out.tau2);  // the weight of the mean: 1 when tau2 = 0
    out.shrunk[i] = (1 - b) * units[i].value + b * out.mean;
    out.shrunk_variance[i] = (1 - b) * v[i] + b * b * out.mean_variance;
  }
  return out;
}

}  // namespace pulse::kpi
