#include "pulse/kpi/elasticity.h"

#include <algorithm>
#include <cmath>

#include "pulse/kpi/stats.h"

namespace pulse::kpi {
namespace {
constexpr std::size_t kMinPeriods = 6;
constexpr double kMinPriceSpread = 1.02;
}  // namespace

const char* elasticity_class(double slope) {
  if (slope < -1) return "elastic";
  if (slope <= 0) return "inelastic";
  return "positive";
}

std::optional<Elasticity> estimate_elasticity(std::vector<PricePoint>& points) {
  if (points.size() < kMinPeriods) return std::nullopt;
  const auto by_period = [](const PricePoint& a, const PricePoint& b) { return a.period < b.period; };
  if (!std::is_sorted(points.begin(), points.end(), by_period))  // callers usually sort already
    std::sort(points.begin(), points.end(), by_period);
  std::vector<double> log_p, log_q;
  double min_p = 0, max_p = 0;
  for (std::size_t i = 0; i < points.size();) {
    double q = 0, revenue = 0;
    std::size_t j = i;
    for (; j < points.size() && points[j].period == points[i].period; ++j) {
      q += points[j].quantity;
      revenue += points[j].revenue;
    }
    i = j;
    if (q <= 0) continue;
    const double p = revenue / q;
    if (!(p > 0)) continue;
    if (log_p.empty() || p < min_p) min_p = p;
    if (log_p.empty() || p > max_p) max_p = p;
    log_p.push_back(std::log(p));
    log_q.push_back(std::log(q));
  }
  if (log_p.size() < kMinPeriods || max_p / min_p < kMinPriceSpread) return std::nullopt;
  const auto fit = fit_line(log_p, log_q);
  if (!fit) return std::nullopt;
  Elasticity e;
  e.slope = fit->slope;
  e.std_error = fit->std_error;
  e.r2 = fit->r2;
  e.n = fit->n;
  e.klass = elasticity_class(fit->slope);
  return e;
}

}  // namespace pulse::kpi
