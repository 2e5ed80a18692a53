#pragma once

#include <cmath>
#include <optional>
#include <vector>

namespace pulse::kpi {

/// Median; the mean of the two middle values when the count is even. nullopt when empty.
/// Reorders `values`.
std::optional<double> median(std::vector<double>& values);

/// Rounds to the nearest integer, halves up (2.5 -> 3, -2.5 -> -2).
inline long long round_half_up(double x) {
  return static_cast<long long>(std::floor(x + 0.5));
}

/// a / b, or nullopt when b is 0 or either is not a number.
std::optional<double> ratio(double a, double b);

/// Ordinary least squares fit of y = a + b x.
struct LinearFit {
  double intercept = 0;
  double slope = 0;
  double std_error = 0;      // of the slope: sqrt(RSS / (n - 2)) / sqrt(Sxx)
  std::optional<double> r2;  // nullopt when every y is the same
  std::size_t n = 0;
};
/// nullopt with fewer than 3 points or when every x is the same.
std::optional<LinearFit> fit_line(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace pulse::kpi
