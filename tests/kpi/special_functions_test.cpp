#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "pulse/kpi/special_functions.h"

using pulse::kpi::hypergeometric_2f1;

namespace {

// Relative error, the measure the header promises.
double relative_error(double got, double expected) {
  return std::abs(got - expected) / std::abs(expected);
}

}  // namespace

TEST_CASE("2F1(1, 1; 2; z) = -ln(1 - z) / z on every branch", "[kpi]") {
  // c - a - b = 0: the integer case of the connection formula, for z near 1 and (through
  // Pfaff's transformation) for large negative z.
  for (double z : {0.2, 0.5, 0.9, 0.93, 0.99, 0.999, 0.9999, 0.999999, -0.5, -5.0, -50.0, -1e4}) {
    INFO("z = " << z);
    const double expected = -std::log1p(-z) / z;
    const double tolerance = (z > 0.999 || z < -999) ? 1e-7 : 1e-12;
    CHECK(relative_error(hypergeometric_2f1(1, 1, 2, z), expected) < tolerance);
  }
}

TEST_CASE("2F1 against closed forms with non-integer c - a - b", "[kpi]") {
  // 2F1(a, b; b; z) = (1 - z)^-a
  for (double z : {0.5, 0.95, 0.999, -3.0, -100.0})
    CHECK(relative_error(hypergeometric_2f1(0.7, 2.3, 2.3, z), std::pow(1 - z, -0.7)) < 1e-12);
  // 2F1(1/2, 1/2; 3/2; s^2) = asin(s) / s
  for (double s : {0.5, 0.97, 0.99, 0.9999})
    CHECK(relative_error(hypergeometric_2f1(0.5, 0.5, 1.5, s * s), std::asin(s) / s) < 1e-12);
  // 2F1(1, 1/2; 3/2; -s^2) = atan(s) / s
  for (double s : {0.5, 3.0, 30.0})
    CHECK(relative_error(hypergeometric_2f1(1, 0.5, 1.5, -s * s), std::atan(s) / s) < 1e-12);
  // 2F1(1/2, 1; 3/2; s^2) = atanh(s) / s (c - a - b = 0 again)
  for (double s : {0.5, 0.97, 0.999})
    CHECK(relative_error(hypergeometric_2f1(0.5, 1, 1.5, s * s), std::atanh(s) / s) < 1e-10);
  // 2F1(2, 2; 1; z) = sum (n + 1)^2 z^n = (1 + z) / (1 - z)^3 (c - a - b = -3)
  for (double z : {0.3, 0.95, 0.995, -2.0})
    CHECK(relative_error(hypergeometric_2f1(2, 2, 1, z), (1 + z) / std::pow(1 - z, 3)) < 1e-10);
}

TEST_CASE("2F1 with BTYD-like parameters matches Euler's integral", "[kpi]") {
  // 2F1(a, 1; c; z) = (c - 1) * integral_0^1 (1 - t)^(c - 2) (1 - z t)^-a dt for c > 1,
  // evaluated here by composite Simpson on a smooth integrand (c - 2 >= 1 keeps it smooth).
  auto euler = [](double a, double c, double z) {
    const int n = 20000;
    auto f = [&](double t) { return std::pow(1 - t, c - 2) * std::pow(1 - z * t, -a); };
    double sum = f(0) + f(1);
    for (int i = 1; i < n; ++i) sum += (i % 2 ? 4 : 2) * f(static_cast<double>(i) / n);
    return (c - 1) * sum / (3.0 * n);
  };
  struct Case {
    double a, c, z;
  };
  for (const Case& k : std::vector<Case>{{3.7, 5.2, 0.3},
                                         {3.7, 5.2, 0.93},
                                         {-1.3, 12.5, 0.97},
                                         {0.45, 30.0, 0.8},
                                         {2.5, 4.0, -7.0}}) {
    INFO("a = " << k.a << ", c = " << k.c << ", z = " << k.z);
    CHECK(relative_error(hypergeometric_2f1(k.a, 1, k.c, k.z), euler(k.a, k.c, k.z)) < 1e-9);
  }
}

TEST_CASE("2F1: polynomials, z = 1, and where it is not defined", "[kpi]") {
  // a = -2 ends the series: 1 - 2 b z / c + b (b + 1) z^2 / (c (c + 1)), for any z.
  const double b = 1.7, c = 0.4;
  for (double z : {0.5, 0.95, -20.0}) {
    const double expected = 1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1));
    CHECK(relative_error(hypergeometric_2f1(-2, b, c, z), expected) < 1e-13);
  }
  // Gauss: 2F1(a, b; c; 1) = Gamma(c) Gamma(c - a - b) / (Gamma(c - a) Gamma(c - b)).
  CHECK(relative_error(hypergeometric_2f1(0.5, 0.5, 1.5, 1.0), std::asin(1.0)) < 1e-13);  // pi / 2
  CHECK(std::isinf(hypergeometric_2f1(1, 1, 2, 1.0)));
  CHECK(std::isnan(hypergeometric_2f1(1, 1, 2, 1.5)));
  CHECK(std::isnan(hypergeometric_2f1(1, 1, -2, 0.5)));
  CHECK(hypergeometric_2f1(3, 4, 5, 0) == 1.0);
}

TEST_CASE("digamma matches its known values and its recurrence", "[kpi]") {
  using pulse::kpi::digamma;
  // psi(1) = -Euler's gamma; psi(1/2) = -gamma - 2 ln 2; psi(n) = -gamma + H(n - 1).
  const double euler_gamma = 0.57721566490153286;
  CHECK(digamma(1.0) == Approx(-euler_gamma).epsilon(1e-13));
  CHECK(digamma(0.5) == Approx(-euler_gamma - 2 * std::log(2.0)).epsilon(1e-13));
  double harmonic = 0;
  for (int n = 2; n <= 40; ++n) {
    harmonic += 1.0 / (n - 1);
    CHECK(digamma(n) == Approx(-euler_gamma + harmonic).epsilon(1e-13));
  }
  // psi(x + 1) = psi(x) + 1/x, across the switch to the asymptotic series at 10, and the
  // slope of lgamma.
  for (double x : {1e-3, 0.03, 0.7, 3.3, 9.5, 9.999, 10.0, 12.5, 250.0, 1e6}) {
    CHECK(digamma(x + 1) == Approx(digamma(x) + 1 / x).epsilon(1e-13));
    const double h = 1e-5 * x;
    const double slope = (std::lgamma(x + h) - std::lgamma(x - h)) / (2 * h);
    CHECK(digamma(x) == Approx(slope).epsilon(1e-6).margin(1e-6));
  }
  CHECK(std::isnan(digamma(0.0)));
  CHECK(std::isnan(digamma(-2.5)));
  CHECK(std::isnan(digamma(std::nan(""))));
}
