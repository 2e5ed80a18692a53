#include "pulse/kpi/elasticity.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "pulse/kpi/exact_sum.h"
#include "pulse/kpi/stats.h"
#include "pulse/kpi/t_distribution.h"
#include "pulse/util/sort_by.h"

namespace pulse::kpi {
namespace {
constexpr std::size_t kMinPeriods = kMinSeriesPeriods;
constexpr double kMinPriceSpread = 1.02;
}  // namespace

const char* elasticity_class(double low, double high) {
  if (high < -1) return "elastic";
  if (low > 0) return "positive";
  if (low >= -1 && high <= 0) return "inelastic";
  return "uncertain";
}

double two_sided_t(double confidence, double df) {
  // Not thread-shared: the engine builds one report at a time per thread. The wasm build has
  // one thread, and thread-local storage there would need the atomics feature beside bulk
  // memory (wasm/bulk_copy.cpp), so a plain static.
#if defined(__EMSCRIPTEN__)
  static std::map<std::pair<double, double>, double> cache;
#else
  thread_local std::map<std::pair<double, double>, double> cache;
#endif
  const auto key = std::make_pair(confidence, df);
  const auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  const double t = student_t_quantile((1 + confidence) / 2, df);
  cache.emplace(key, t);
  return t;
}

std::optional<PeriodLogs> period_logs(double quantity, double revenue) {
  if (quantity <= 0) return std::nullopt;
  const double p = revenue / quantity;
  if (!(p > 0)) return std::nullopt;
  return PeriodLogs{p, std::log(p), std::log(quantity)};
}

void LogSeriesBuilder::add_sums(Day period, double quantity, double revenue) {
  if (const auto logs = period_logs(quantity, revenue)) add_kept(period, *logs);
}

void LogSeriesBuilder::reserve(std::size_t periods) {
  series_.period.reserve(periods);
  series_.log_p.reserve(periods);
  series_.log_q.reserve(periods);
}

void LogSeriesBuilder::add_kept(Day period, const PeriodLogs& logs) {
  if (series_.log_p.empty() || logs.price < min_p_) min_p_ = logs.price;
  if (series_.log_p.empty() || logs.price > max_p_) max_p_ = logs.price;
  series_.period.push_back(period);
  series_.log_p.push_back(logs.log_p);
  series_.log_q.push_back(logs.log_q);
}

std::optional<LogSeries> LogSeriesBuilder::finish() {
  if (series_.size() < kMinPeriods || max_p_ / min_p_ < kMinPriceSpread) return std::nullopt;
  return std::move(series_);
}

std::optional<LogSeries> log_series(std::vector<PricePoint>& points) {
  if (points.size() < kMinPeriods) return std::nullopt;
  const auto by_period = [](const PricePoint& a, const PricePoint& b) {
    return a.period < b.period;
  };
  // The engine's callers give them sorted (price points are counting-sorted by period); others
  // go through the engine's one sort (sort_by.h): its own introsort here was 3.6 KB of wasm.
  if (!std::is_sorted(points.begin(), points.end(), by_period)) sort_by(points, by_period);
  LogSeriesBuilder series;
  for (std::size_t i = 0; i < points.size();) {
    ExactSum q, revenue;  // a period's lines in any order give the same bits (exact_sum.h)
    std::size_t j = i;
    for (; j < points.size() && points[j].period == points[i].period; ++j) {
      q += points[j].quantity;
      revenue += points[j].revenue;
    }
    series.add_sums(points[i].period, q, revenue);
    i = j;
  }
  return series.finish();
}

std::optional<Elasticity> fit_elasticity(const LogSeries& series, double confidence) {
  if (series.size() < kMinPeriods) return std::nullopt;
  const auto fit = fit_line(series.log_p, series.log_q);
  if (!fit) return std::nullopt;
  Elasticity e;
  e.slope = fit->slope;
  e.std_error = fit->std_error;
  e.r2 = fit->r2;
  e.n = fit->n;
  e.confidence = confidence;
  const double half = two_sided_t(confidence, static_cast<double>(fit->n - 2)) * fit->std_error;
  e.ci_low = fit->slope - half;
  e.ci_high = fit->slope + half;
  e.pooled_slope = e.slope;
  e.pooled_std_error = e.std_error;
  e.pooled_ci_low = e.ci_low;
  e.pooled_ci_high = e.ci_high;
  e.klass = elasticity_class(e.pooled_ci_low, e.pooled_ci_high);
  return e;
}

std::optional<Elasticity> estimate_elasticity(std::vector<PricePoint>& points, double confidence) {
  const auto series = log_series(points);
  if (!series) return std::nullopt;
  return fit_elasticity(*series, confidence);
}

}  // namespace pulse::kpi
