#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pulse/model/day.h"

namespace pulse::kpi {

/// Price elasticity of one catalog x SKU (docs/kpi.md "Product catalogs"). The raw weekly
/// log-log fit (slope, std_error, r2, n, ci_*), the same fit after the catalog's seasonal
/// pattern is removed (adjusted_*), and the empirical-Bayes estimate pooled with the other
/// SKUs of the catalog (pooled_*), whose interval decides the class.
struct Elasticity {
  double slope = 0;  // b in ln Q = a + b ln P
  double std_error = 0;
  std::optional<double> r2;
  std::size_t n = 0;                 // periods used
  double confidence = 0.9;           // of every interval below
  double ci_low = 0, ci_high = 0;    // b -/+ t(n-2) x std_error
  bool seasonally_adjusted = false;  // adjusted_* hold a fit on seasonally adjusted data
  std::optional<double> adjusted_slope;
  std::optional<double> adjusted_std_error;
  std::size_t adjusted_n = 0;
  double pooled_slope = 0;  // shrunk toward the catalog's mean; = the fit when not pooled
  double pooled_std_error = 0;
  double pooled_ci_low = 0, pooled_ci_high = 0;
  std::size_t pool_skus = 1;  // SKUs in the pool (1 = not pooled)
  std::string klass;          // "elastic", "inelastic", "positive" or "uncertain", from pooled_ci_*
};

/// One positive-quantity line, reduced to what the estimate needs.
struct PricePoint {
  Day period;  // start of the line's week (or month)
  double quantity;
  double revenue;
};

/// The per-period logs a fit uses, in period order.
struct LogSeries {
  std::vector<Day> period;
  std::vector<double> log_p;
  std::vector<double> log_q;
  std::size_t size() const { return period.size(); }
};

/// A period's price P = revenue / Q and the logs of P and Q, or nullopt when log_series does
/// not keep the period (Q or P not above 0).
struct PeriodLogs {
  double price, log_p, log_q;
};
std::optional<PeriodLogs> period_logs(double quantity, double revenue);

/// The fewest kept periods a series is fitted on (LogSeriesBuilder::finish, log_series).
constexpr std::size_t kMinSeriesPeriods = 6;

/// A LogSeries built period by period, in period order, by log_series' rules: a period is kept
/// when Q > 0 and P > 0; finish() gives nullopt unless at least 6 are kept and max P / min P >=
/// 1.02. The engine's cached price points keep each run's period worked out already
/// (product_points.h), so a re-filter adds those as they are.
class LogSeriesBuilder {
 public:
  /// A period from its sums, Q = `quantity` and `revenue`.
  void add_sums(Day period, double quantity, double revenue);
  /// A kept period worked out before (period_logs).
  void add_kept(Day period, const PeriodLogs& logs);
  /// Room for `periods` periods (an upper bound known beforehand): no regrowth while adding.
  void reserve(std::size_t periods);
  std::optional<LogSeries> finish();

 private:
  LogSeries series_;
  double min_p_ = 0, max_p_ = 0;
};

/// Groups the points by period (Q = sum of quantity, P = sum of revenue / Q) and keeps periods
/// with Q > 0 and P > 0; nullopt unless there are at least 6 of them and max P / min P >= 1.02.
/// Reorders `points`.
std::optional<LogSeries> log_series(std::vector<PricePoint>& points);

/// Ordinary least squares of log_q on log_p with the slope's two-sided interval at
/// `confidence` (Student t, n - 2 degrees of freedom); nullopt with fewer than 6 periods or
/// one price. The pooled fields are set to the fit itself and the class from its interval.
std::optional<Elasticity> fit_elasticity(const LogSeries& series, double confidence);

/// log_series + fit_elasticity: the estimate of one SKU on its own (no season, no pooling).
std::optional<Elasticity> estimate_elasticity(std::vector<PricePoint>& points,
                                              double confidence = 0.9);

/// The class of an interval [low, high] on the elasticity: "elastic" when high < -1,
/// "inelastic" when -1 <= low and high <= 0, "positive" when low > 0, else "uncertain".
const char* elasticity_class(double low, double high);

/// The two-sided Student t quantile for `confidence` with `df` degrees of freedom, cached
/// per (confidence, df) since reports ask for the same few many times.
double two_sided_t(double confidence, double df);

}  // namespace pulse::kpi
