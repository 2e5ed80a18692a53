#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "pulse/kpi/pooling.h"

using pulse::kpi::pool_random_effects;
using pulse::kpi::UnitEstimate;

TEST_CASE("pooling: DerSimonian-Laird tau2 and Morris shrinkage by hand", "[kpi]") {
  // Values 0, 1, 2, 3 with variances 1, 1, 1, 1: fixed mean 1.5, Q = 5, sum w = 4,
  // sum w^2 = 4: tau2 = (5 - 3) / (4 - 1) = 2/3. w* = 1 / (5/3) = 0.6 each: mu = 1.5,
  // var(mu) = 1 / 2.4 = 0.4166667. B = 1 / (1 + 2/3) = 0.6: unit 0 -> 0.4 x 0 + 0.6 x 1.5
  // = 0.9, variance 0.4 x 1 + 0.36 x 0.4166667 = 0.55.
  const auto p = pool_random_effects({{0, 1}, {1, 1}, {2, 1}, {3, 1}});
  REQUIRE(p.pooled);
  CHECK(p.tau2 == Approx(2.0 / 3));
  CHECK(p.mean == Approx(1.5));
  CHECK(p.mean_variance == Approx(1 / 2.4));
  CHECK(p.shrunk[0] == Approx(0.9));
  CHECK(p.shrunk[3] == Approx(0.4 * 3 + 0.6 * 1.5));
  CHECK(p.shrunk_variance[0] == Approx(0.55));
}

TEST_CASE("pooling: no spread beyond noise pools fully; two units are not pooled", "[kpi]") {
  // Q = 0.5 < k - 1: tau2 = 0, every unit takes the precision-weighted mean.
  const auto same = pool_random_effects({{1.0, 1}, {1.5, 1}, {1.25, 4}});
  CHECK(same.tau2 == 0);
  const double mu = (1.0 + 1.5 + 1.25 / 4) / 2.25;
  for (double v : same.shrunk) CHECK(v == Approx(mu));
  const auto two = pool_random_effects({{-2, 0.1}, {0, 0.1}});
  CHECK_FALSE(two.pooled);
  CHECK(two.shrunk[0] == -2);
  CHECK(two.shrunk_variance[1] == 0.1);
}

TEST_CASE("pooling: exact fits (variance 0) keep their value", "[kpi]") {
  const auto p = pool_random_effects({{-2, 0}, {-0.5, 0}, {1, 0}, {-1.7, 1.44}});
  CHECK(p.shrunk[0] == Approx(-2).epsilon(1e-9));
  CHECK(p.shrunk[2] == Approx(1).epsilon(1e-9));
  CHECK(p.shrunk[3] > -1.7);  // pulled toward the mean of the others (-0.5)
}
