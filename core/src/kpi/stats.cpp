#include "pulse/kpi/stats.h"

#include <algorithm>

namespace pulse::kpi {

std::optional<double> median(std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2.0;
}

std::optional<double> ratio(double a, double b) {
  if (b == 0 || std::isnan(a) || std::isnan(b)) return std::nullopt;
  return a / b;
}

std::optional<LinearFit> fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = x.size();
  if (n < 3 || y.size() != n) return std::nullopt;
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  // Equal values are detected exactly: a rounded mean would leave tiny deviations (SPEC §3).
  auto all_equal = [](const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [&](double e) { return e == v.front(); });
  };
  if (all_equal(x)) return std::nullopt;
  const bool y_constant = all_equal(y);
  if (y_constant) my = y.front();
  double sxx = 0, sxy = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx <= 0) return std::nullopt;
  LinearFit fit;
  fit.n = n;
  fit.slope = sxy / sxx;
  fit.intercept = my - fit.slope * mx;
  double rss = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = y[i] - (fit.intercept + fit.slope * x[i]);
    rss += r * r;
  }
  fit.std_error = std::sqrt(rss / static_cast<double>(n - 2)) / std::sqrt(sxx);
  if (!y_constant && syy > 0) fit.r2 = 1.0 - rss / syy;
  return fit;
}

}  // namespace pulse::kpi
