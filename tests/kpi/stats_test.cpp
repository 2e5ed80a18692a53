#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "pulse/kpi/stats.h"

using pulse::kpi::fit_line;
using pulse::kpi::median;
using pulse::kpi::ratio;
using pulse::kpi::round_half_up;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

TEST_CASE("median: odd count, even count (mean of the two middle values), empty", "[kpi]") {
  struct Case {
    std::vector<double> values;
    std::optional<double> expected;
  };
  const std::vector<Case> cases = {
      {{}, std::nullopt},        {{7}, 7.0},
      {{3, 1, 2}, 2.0},          {{4, 1, 3, 2}, 2.5},   // (2 + 3) / 2
      {{10, 1, 10, 1}, 5.5},                            // (1 + 10) / 2
      {{5, 5, 5, 5}, 5.0},       {{20, 2, 8, 5}, 6.5},  // sorted 2 5 8 20 -> (5 + 8) / 2
      {{-3, 9, 0, 4, 100}, 4.0}, {{0.25, 0.75}, 0.5},
  };
  for (const Case& c : cases) {
    std::vector<double> values = c.values;
    const auto m = median(values);
    INFO("values: " << c.values.size());
    REQUIRE(m.has_value() == c.expected.has_value());
    if (c.expected) CHECK(*m == *c.expected);
  }
}

TEST_CASE("round_half_up rounds halves towards +infinity", "[kpi]") {
  struct Case {
    double x;
    long long expected;
  };
  const Case cases[] = {{2.5, 3},   {-2.5, -2},  {0.5, 1},   {-0.5, 0},
                        {2.49, 2},  {-2.51, -3}, {6.5, 7},   {3.0, 3},
                        {-3.0, -3}, {0.0, 0},    {28.5, 29}, {1e9 + 0.5, 1000000001}};
  for (const Case& c : cases) {
    INFO("x = " << c.x);
    CHECK(round_half_up(c.x) == c.expected);
  }
}

TEST_CASE("ratio is null for a zero denominator or a NaN operand", "[kpi]") {
  CHECK_FALSE(ratio(1, 0).has_value());
  CHECK_FALSE(ratio(0, 0).has_value());
  CHECK_FALSE(ratio(1, -0.0).has_value());
  CHECK_FALSE(ratio(kNaN, 2).has_value());
  CHECK_FALSE(ratio(2, kNaN).has_value());
  REQUIRE(ratio(3, 4).has_value());
  CHECK(*ratio(3, 4) == 0.75);
  CHECK(*ratio(0, 5) == 0.0);
  CHECK(*ratio(-45, 90) == -0.5);
}

TEST_CASE("fit_line recovers an exact line with zero error and r2 = 1", "[kpi]") {
  // y = 2 + 3x.
  const std::vector<double> x = {0, 1, 2, 3, 4};
  const std::vector<double> y = {2, 5, 8, 11, 14};
  const auto fit = fit_line(x, y);
  REQUIRE(fit);
  CHECK(fit->slope == Approx(3.0).epsilon(1e-12));
  CHECK(fit->intercept == Approx(2.0).epsilon(1e-12));
  CHECK(fit->std_error == Approx(0.0).margin(1e-12));
  REQUIRE(fit->r2);
  CHECK(*fit->r2 == Approx(1.0).epsilon(1e-12));
  CHECK(fit->n == 5);
}

TEST_CASE("fit_line slope, std_error and r2 on a hand-computed set", "[kpi]") {
  // x = 1 2 3 4, y = 2 4 5 4: mean x 2.5, mean y 3.75; Sxx = 5, Sxy = 3.5, Syy = 4.75.
  // slope = 3.5 / 5 = 0.7, intercept = 3.75 - 0.7 * 2.5 = 2.0; fitted 2.7 3.4 4.1 4.8,
  // residuals -0.7 0.6 0.9 -0.8, RSS = 0.49 + 0.36 + 0.81 + 0.64 = 2.3.
  // std_error = sqrt(2.3 / 2) / sqrt(5) = sqrt(0.23); r2 = 1 - 2.3 / 4.75 = 2.45 / 4.75.
  const auto fit = fit_line({1, 2, 3, 4}, {2, 4, 5, 4});
  REQUIRE(fit);
  CHECK(fit->slope == Approx(0.7).epsilon(1e-12));
  CHECK(fit->intercept == Approx(2.0).epsilon(1e-12));
  CHECK(fit->std_error == Approx(std::sqrt(0.23)).epsilon(1e-12));
  REQUIRE(fit->r2);
  CHECK(*fit->r2 == Approx(2.45 / 4.75).epsilon(1e-12));
  CHECK(fit->n == 4);
}

TEST_CASE("fit_line is null with fewer than 3 points, unequal sizes or one x value", "[kpi]") {
  CHECK_FALSE(fit_line({}, {}).has_value());
  CHECK_FALSE(fit_line({1, 2}, {3, 4}).has_value());
  CHECK_FALSE(fit_line({1, 2, 3}, {3, 4}).has_value());
  CHECK_FALSE(fit_line({2, 2, 2, 2}, {1, 2, 3, 4}).has_value());
  // A repeated x whose mean is not exact in binary must still count as "every x the same".
  CHECK_FALSE(fit_line({0.1, 0.1, 0.1}, {1, 2, 3}).has_value());
  CHECK_FALSE(fit_line({std::log(7.0), std::log(7.0), std::log(7.0), std::log(7.0), std::log(7.0),
                        std::log(7.0)},
                       {1, 2, 3, 4, 5, 6})
                  .has_value());
}

TEST_CASE("fit_line r2 is null when every y is the same; the slope is then 0", "[kpi]") {
  struct Case {
    double y;
    std::size_t n;
  };
  // Values whose mean is not exact in binary too: the test is "every y equal", not Syy > 0.
  const Case cases[] = {{5.0, 3}, {0.1, 3}, {std::log(7.0), 6}, {std::log(3.0), 7}, {1.0 / 3, 5}};
  for (const Case& c : cases) {
    std::vector<double> x, y;
    for (std::size_t i = 0; i < c.n; ++i) {
      x.push_back(std::log(1.0 + static_cast<double>(i)));
      y.push_back(c.y);
    }
    INFO("y = " << c.y << ", n = " << c.n);
    const auto fit = fit_line(x, y);
    REQUIRE(fit);
    CHECK_FALSE(fit->r2.has_value());
    CHECK(fit->slope == Approx(0.0).margin(1e-12));
    CHECK(fit->std_error == Approx(0.0).margin(1e-12));
  }
}
