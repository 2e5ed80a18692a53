#include "pulse/kpi/special_functions.h"

#include <cmath>
#include <limits>

namespace pulse::kpi {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

bool is_non_positive_integer(double v) {
  return v <= 0 && v == std::floor(v);
}

// 1 / Gamma(v) as sign * exp(-log_abs); zero at the poles (v = 0, -1, -2, ...).
struct ReciprocalGamma {
  double log_abs;  // log |Gamma(v)|; +infinity at a pole
  int sign;        // sign of Gamma(v); 0 at a pole
};
ReciprocalGamma signed_log_gamma(double v) {
  if (is_non_positive_integer(v)) return {kInfinity, 0};
  // For v < 0, Gamma alternates in sign between consecutive negative integers: negative on
  // (-1, 0), positive on (-2, -1), ...
  const int sign = (v > 0 || static_cast<long long>(std::floor(v)) % 2 == 0) ? 1 : -1;
  return {std::lgamma(v), sign};
}

// sum_n (a)_n (b)_n / ((c)_n n!) z^n, until a term no longer moves the sum.
double series_2f1(double a, double b, double c, double z) {
  double term = 1.0, sum = 1.0;
  constexpr int kMaxTerms = 2000000;
  int small_in_a_row = 0;
  for (int n = 0; n < kMaxTerms; ++n) {
    const double dn = static_cast<double>(n);
    if (a + dn == 0 || b + dn == 0) return sum;  // a or b a non-positive integer: polynomial
    term *= (a + dn) * (b + dn) / ((c + dn) * (dn + 1.0)) * z;
    sum += term;
    if (!std::isfinite(sum)) return sum;
    // Two negligible terms in a row: with a, b, c fixed the ratio tends to z, so once terms are
    // this small and shrinking the tail is negligible too.
    if (std::abs(term) <= 1e-17 * std::abs(sum)) {
      if (++small_in_a_row >= 2) break;
    } else {
      small_in_a_row = 0;
    }
  }
  return sum;
}

// The connection formula to 1 - z, for c - a - b not an integer:
// 2F1(a,b;c;z) = G(c)G(m)/(G(c-a)G(c-b)) 2F1(a,b;1-m;1-z)
//              + (1-z)^m G(c)G(-m)/(G(a)G(b)) 2F1(c-a,c-b;1+m;1-z),   m = c - a - b.
double connection_2f1(double a, double b, double c, double z) {
  const double m = c - a - b;
  const double w = 1.0 - z;
  const ReciprocalGamma gc = signed_log_gamma(c);
  auto coefficient = [&](double top, double bottom1, double bottom2) {
    const ReciprocalGamma t = signed_log_gamma(top);
    const ReciprocalGamma b1 = signed_log_gamma(bottom1);
    const ReciprocalGamma b2 = signed_log_gamma(bottom2);
    if (b1.sign == 0 || b2.sign == 0) return 0.0;  // 1/Gamma at a pole is 0
    return gc.sign * t.sign * b1.sign * b2.sign *
           std::exp(gc.log_abs + t.log_abs - b1.log_abs - b2.log_abs);
  };
  const double first = coefficient(m, c - a, c - b);
  const double second = coefficient(-m, a, b);
  double value = 0;
  if (first != 0) value += first * series_2f1(a, b, 1.0 - m, w);
  if (second != 0) value += second * std::pow(w, m) * series_2f1(c - a, c - b, 1.0 + m, w);
  return value;
}

double hypergeometric_unit_interval(double a, double b, double c, double z) {
  if (z <= 0.9) return series_2f1(a, b, c, z);
  const double m = c - a - b;
  const double nearest = std::round(m);
  constexpr double kNearInteger = 1e-3;
  if (std::abs(m - nearest) >= kNearInteger) return connection_2f1(a, b, c, z);
  // c - a - b (nearly) an integer: both terms of the connection formula blow up and cancel.
  // The series still converges (like z^n times a power of n): up to z = 0.999 that takes at
  // most some 10^4 to 10^5 terms, a price paid only in this corner.
  if (z <= 0.999) return series_2f1(a, b, c, z);
  // Beyond, the function is smooth in c: interpolate it from c values that put m at
  // nearest +- h and nearest +- 2h, where the formula is well conditioned (cubic Lagrange;
  // relative error ~1e-8 measured on closed forms).
  const double h = 2e-3;
  const double offsets[4] = {-2 * h, -h, h, 2 * h};
  const double target = m - nearest;
  double value = 0;
  for (int i = 0; i < 4; ++i) {
    double weight = 1;
    for (int j = 0; j < 4; ++j)
      if (j != i) weight *= (target - offsets[j]) / (offsets[i] - offsets[j]);
    value += weight * connection_2f1(a, b, c - target + offsets[i], z);
  }
  return value;
}

}  // namespace

double hypergeometric_2f1(double a, double b, double c, double z) {
  if (std::isnan(a) || std::isnan(b) || std::isnan(c) || std::isnan(z) || z > 1) return kNaN;
  if (z == 0) return 1.0;
  if (is_non_positive_integer(a) || is_non_positive_integer(b)) return series_2f1(a, b, c, z);
  if (is_non_positive_integer(c)) return kNaN;
  if (z == 1) {
    const double m = c - a - b;
    if (m <= 0) return kInfinity;
    const ReciprocalGamma ca = signed_log_gamma(c - a), cb = signed_log_gamma(c - b);
    if (ca.sign == 0 || cb.sign == 0) return 0.0;
    const ReciprocalGamma gc = signed_log_gamma(c), gm = signed_log_gamma(m);
    return gc.sign * gm.sign * ca.sign * cb.sign *
           std::exp(gc.log_abs + gm.log_abs - ca.log_abs - cb.log_abs);
  }
  if (z > 0) return hypergeometric_unit_interval(a, b, c, z);
  // z < 0: Pfaff, 2F1(a,b;c;z) = (1-z)^(-a) 2F1(a, c-b; c; z/(z-1)); pulling out b instead
  // when that ends the series.
  const double w = z / (z - 1.0);
  if (is_non_positive_integer(c - a) && !is_non_positive_integer(c - b))
    return std::pow(1.0 - z, -b) * hypergeometric_2f1(c - a, b, c, w);
  return std::pow(1.0 - z, -a) * hypergeometric_2f1(a, c - b, c, w);
}

double digamma(double x) {
  if (!(x > 0)) return std::numeric_limits<double>::quiet_NaN();
  double shift = 0;
  while (x < 10) {
    shift -= 1.0 / x;
    x += 1;
  }
  // psi(x) ~ ln x - 1/(2x) - sum B_2n / (2n x^2n): 1/12, -1/120, 1/252, -1/240, 1/132.
  const double inv2 = 1.0 / (x * x);
  const double series =
      inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 / 132))));
  return shift + std::log(x) - 0.5 / x - series;
}

}  // namespace pulse::kpi
