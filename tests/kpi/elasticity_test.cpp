#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "pulse/kpi/elasticity.h"
#include "pulse/model/day.h"

using pulse::Day;
using pulse::kpi::Elasticity;
using pulse::kpi::elasticity_class;
using pulse::kpi::estimate_elasticity;
using pulse::kpi::PricePoint;

namespace {

// Monday of week `w` counted from the ISO week of 2024-01-01 (a Monday).
Day week(int w) {
  return pulse::day_from_civil(2024, 1, 1) + 7 * w;
}

// One line per week at price P with Q = k * P^b, so the fit must give exactly b.
std::vector<PricePoint> power_law(double k, double b, const std::vector<double>& prices) {
  std::vector<PricePoint> out;
  for (std::size_t i = 0; i < prices.size(); ++i) {
    const double q = k * std::pow(prices[i], b);
    out.push_back({week(static_cast<int>(i)), q, q * prices[i]});
  }
  return out;
}

const std::vector<double> kSixPrices = {5, 6, 8, 10, 12, 15};

}  // namespace

TEST_CASE("elasticity of an exact power law: slope, std_error, r2, n, class", "[kpi]") {
  struct Case {
    const char* name;
    double k;
    double b;
    const char* klass;
  };
  const Case cases[] = {
      {"Q = 100 P^-2 (elastic)", 100, -2.0, "elastic"},
      {"Q = 50 P^-0.5 (inelastic)", 50, -0.5, "inelastic"},
      {"Q = 3 P^1.5 (positive, likely confounded)", 3, 1.5, "positive"},
      {"Q = 20 P^-1.25 (elastic)", 20, -1.25, "elastic"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    auto points = power_law(c.k, c.b, kSixPrices);
    const auto e = estimate_elasticity(points);
    REQUIRE(e);
    CHECK(e->slope == Approx(c.b).epsilon(1e-9));
    CHECK(e->std_error == Approx(0.0).margin(1e-9));
    REQUIRE(e->r2);
    CHECK(*e->r2 == Approx(1.0).epsilon(1e-9));
    CHECK(e->n == 6);
    CHECK(e->klass == c.klass);
  }
}

TEST_CASE("elasticity_class from the interval: elastic, inelastic, positive, else uncertain",
          "[kpi]") {
  CHECK(std::string(elasticity_class(-3.0, -1.0001)) == "elastic");
  CHECK(std::string(elasticity_class(-3.0, -1.0)) == "uncertain");  // touches -1
  CHECK(std::string(elasticity_class(-1.0, 0.0)) == "inelastic");   // [-1, 0] closed
  CHECK(std::string(elasticity_class(-0.6, -0.3)) == "inelastic");
  CHECK(std::string(elasticity_class(-1.2, -0.3)) == "uncertain");  // straddles -1
  CHECK(std::string(elasticity_class(-0.2, 0.3)) == "uncertain");   // straddles 0
  CHECK(std::string(elasticity_class(0.0001, 2.0)) == "positive");
  CHECK(std::string(elasticity_class(0.0, 2.0)) == "uncertain");
  CHECK(std::string(elasticity_class(-2.0, -2.0)) == "elastic");  // an exact fit
}

TEST_CASE("elasticity is null with fewer than 6 kept weeks", "[kpi]") {
  auto five = power_law(100, -2, {5, 6, 8, 10, 12});
  CHECK_FALSE(estimate_elasticity(five).has_value());

  // Seven lines, but two share a week: 6 distinct weeks, enough.
  auto seven_lines = power_law(100, -2, {5, 6, 8, 10, 12, 15});
  seven_lines.push_back({week(5), 1, 15});
  CHECK(estimate_elasticity(seven_lines).has_value());

  // Six lines in five weeks: not enough, however many lines there are.
  auto six_lines_five_weeks = power_law(100, -2, {5, 6, 8, 10, 12});
  six_lines_five_weeks.push_back({week(4), 2, 24});
  CHECK_FALSE(estimate_elasticity(six_lines_five_weeks).has_value());

  std::vector<PricePoint> none;
  CHECK_FALSE(estimate_elasticity(none).has_value());
}

TEST_CASE("elasticity is null when max P / min P < 1.02", "[kpi]") {
  // Prices 10 .. 10.19: spread 1.019.
  auto narrow = power_law(100, -2, {10, 10.05, 10.1, 10.15, 10.18, 10.19});
  CHECK_FALSE(estimate_elasticity(narrow).has_value());
  // Prices 10 .. 10.3: spread 1.03, estimated.
  auto wide = power_law(100, -2, {10, 10.05, 10.1, 10.15, 10.2, 10.3});
  const auto e = estimate_elasticity(wide);
  REQUIRE(e);
  CHECK(e->slope == Approx(-2.0).epsilon(1e-6));
  // One price throughout.
  auto flat = power_law(100, -2, {7, 7, 7, 7, 7, 7});
  CHECK_FALSE(estimate_elasticity(flat).has_value());
}

TEST_CASE("elasticity drops weeks with Q <= 0 or P <= 0", "[kpi]") {
  auto points = power_law(100, -2, kSixPrices);
  points.push_back({week(6), 3, 0});   // P = 0
  points.push_back({week(7), 2, -4});  // P < 0
  points.push_back({week(8), 5, 50});  // Q sums to 0 with the next point
  points.push_back({week(8), -5, -50});
  points.push_back({week(9), -1, -10});  // Q < 0
  const auto e = estimate_elasticity(points);
  REQUIRE(e);
  CHECK(e->n == 6);
  CHECK(e->slope == Approx(-2.0).epsilon(1e-9));

  // Five good weeks plus dropped ones are not six.
  auto short_points = power_law(100, -2, {5, 6, 8, 10, 12});
  short_points.push_back({week(6), 3, 0});
  short_points.push_back({week(7), -1, -10});
  CHECK_FALSE(estimate_elasticity(short_points).has_value());
}

TEST_CASE("elasticity r2 is null when every week's Q is the same", "[kpi]") {
  for (const double q : {7.0, 10.0, 0.3, 12.5}) {
    INFO("Q = " << q);
    std::vector<PricePoint> points;
    for (std::size_t i = 0; i < kSixPrices.size(); ++i)
      points.push_back({week(static_cast<int>(i)), q, q * kSixPrices[i]});
    const auto e = estimate_elasticity(points);
    REQUIRE(e);
    CHECK_FALSE(e->r2.has_value());
    CHECK(e->slope == Approx(0.0).margin(1e-12));
    CHECK(e->klass == "inelastic");
    CHECK(e->n == 6);
  }
}

TEST_CASE("elasticity sums the lines of a week: P = sum R / sum Q", "[kpi]") {
  // Q = 100 P^-2 per week. Week 0 targets P = 5, Q = 4, split into a line of 1 unit at 8 and
  // a line of 3 units at 4: sum R = 8 + 12 = 20, sum Q = 4, P = 5. A mean of the line prices
  // (6) or a per-line fit would not give -2 exactly.
  std::vector<PricePoint> points = {{week(0), 1, 8}, {week(0), 3, 12}};
  const std::vector<double> prices = {6, 8, 10, 12, 15};
  for (std::size_t i = 0; i < prices.size(); ++i) {
    const double q = 100 / (prices[i] * prices[i]);
    // Two equal halves, listed out of week order: estimate_elasticity sorts them.
    points.insert(points.begin(), {week(static_cast<int>(i) + 1), q / 2, q / 2 * prices[i]});
    points.push_back({week(static_cast<int>(i) + 1), q / 2, q / 2 * prices[i]});
  }
  const auto e = estimate_elasticity(points);
  REQUIRE(e);
  CHECK(e->n == 6);
  CHECK(e->slope == Approx(-2.0).epsilon(1e-9));
  CHECK(e->std_error == Approx(0.0).margin(1e-9));
  REQUIRE(e->r2);
  CHECK(*e->r2 == Approx(1.0).epsilon(1e-9));
}

TEST_CASE("elasticity std_error and r2 on a noisy hand-computed set", "[kpi]") {
  // ln P = x, ln Q = y chosen directly: x = 0 1 2 3 4 5 (P = e^x), y = 5 4 2 1 0 -3.
  // mean x 2.5, mean y 1.5; Sxx = 17.5; Sxy = (-2.5)(3.5) + (-1.5)(2.5) + (-0.5)(0.5)
  // + (0.5)(-0.5) + (1.5)(-1.5) + (2.5)(-4.5) = -8.75 - 3.75 - 0.25 - 0.25 - 2.25 - 11.25
  // = -26.5; b = -26.5 / 17.5 = -1.5142857; Syy = 12.25 + 6.25 + 0.25 + 0.25 + 2.25 + 20.25
  // = 41.5; RSS = Syy - Sxy^2 / Sxx = 41.5 - 702.25 / 17.5 = 1.3714286;
  // std_error = sqrt(RSS / 4) / sqrt(17.5) = 0.1399708; r2 = 1 - RSS / Syy = 0.9669535.
  const double ys[] = {5, 4, 2, 1, 0, -3};
  std::vector<PricePoint> points;
  for (int i = 0; i < 6; ++i) {
    const double p = std::exp(i), q = std::exp(ys[i]);
    points.push_back({week(i), q, q * p});
  }
  const auto e = estimate_elasticity(points);
  REQUIRE(e);
  const double rss = 41.5 - 26.5 * 26.5 / 17.5;
  CHECK(e->slope == Approx(-26.5 / 17.5).epsilon(1e-9));
  CHECK(e->std_error == Approx(std::sqrt(rss / 4) / std::sqrt(17.5)).epsilon(1e-9));
  REQUIRE(e->r2);
  CHECK(*e->r2 == Approx(1 - rss / 41.5).epsilon(1e-9));
  // 90% interval: t(0.95, 4 df) = 2.131847; -1.5142857 -/+ 2.131847 x 0.1399708 =
  // [-1.8126821, -1.2158893], wholly below -1.
  CHECK(e->confidence == 0.9);
  CHECK(e->ci_low == Approx(-1.8126821).epsilon(1e-6));
  CHECK(e->ci_high == Approx(-1.2158893).epsilon(1e-6));
  CHECK(e->klass == "elastic");
  // At 99%, t(0.995, 4) = 4.604095: [-2.1587, -0.8698] reaches above -1.
  auto again = points;
  const auto wide = estimate_elasticity(again, 0.99);
  REQUIRE(wide);
  CHECK(wide->ci_high ==
        Approx(-26.5 / 17.5 + 4.604095 * std::sqrt(rss / 4) / std::sqrt(17.5)).epsilon(1e-6));
  CHECK(wide->klass == "uncertain");
}
