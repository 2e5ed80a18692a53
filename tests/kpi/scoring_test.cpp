#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "pulse/kpi/scoring.h"

using namespace pulse::kpi;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

// Every expected figure below is counted by hand from the pairs or squares in the comment.

TEST_CASE("auc: share of positive-negative pairs ordered right, ties one half", "[kpi][scoring]") {
  // Positives 0.35, 0.8; negatives 0.1, 0.4: 0.35 beats 0.1 only, 0.8 beats both: 3 of 4.
  CHECK(auc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}) == Approx(0.75));
  // Positives 0.5, 0.9; negatives 0.5, 0.2: 0.5~0.5 is a tie (1/2), the other three pairs
  // are right: 3.5 of 4.
  CHECK(auc({0.5, 0.5, 0.2, 0.9}, {1, 0, 0, 1}) == Approx(0.875));
  // Reversed scores give 1 - AUC; a constant scores one half.
  CHECK(auc({-0.1, -0.4, -0.35, -0.8}, {0, 0, 1, 1}) == Approx(0.25));
  CHECK(auc({0.3, 0.3, 0.3}, {1, 0, 1}) == Approx(0.5));
  // A NaN score is left out, whatever its outcome.
  CHECK(auc({0.1, 0.4, kNaN, 0.35, 0.8}, {0, 0, 0, 1, 1}) == Approx(0.75));
  // Only the order matters: any increasing transform keeps the AUC.
  CHECK(auc({1, 40, 35, 800}, {0, 0, 1, 1}) == Approx(0.75));
}

TEST_CASE("auc is NaN when one outcome class is empty", "[kpi][scoring]") {
  CHECK(std::isnan(auc({0.2, 0.7}, {1, 1})));
  CHECK(std::isnan(auc({0.2, 0.7}, {0, 0})));
  CHECK(std::isnan(auc({}, {})));
  CHECK(std::isnan(auc({kNaN, 0.4}, {1, 0})));  // the only positive has no score
}

TEST_CASE("brier: mean squared error of the probability", "[kpi][scoring]") {
  // (0.2 - 0)^2 + (0.7 - 1)^2 + (1 - 0)^2 = 0.04 + 0.09 + 1 = 1.13, over 3.
  CHECK(brier({0.2, 0.7, 1.0}, {0, 1, 0}) == Approx(1.13 / 3));
  // The base rate b = 1/4 as a constant: b (1 - b) = 0.1875 = (0.5625 + 3 x 0.0625) / 4.
  CHECK(brier({0.25, 0.25, 0.25, 0.25}, {1, 0, 0, 0}) == Approx(0.1875));
  CHECK(brier({1, 0}, {1, 0}) == 0.0);
  CHECK(brier({0.2, kNaN}, {0, 1}) == Approx(0.04));  // the NaN entry is left out
  CHECK(std::isnan(brier({}, {})));
  CHECK(std::isnan(brier({kNaN}, {1})));
}

TEST_CASE("calibration by quintile: mean prediction against the observed share", "[kpi][scoring]") {
  const std::vector<double> p{0.6, 0.1, 0.9, 0.3, 0.5, 0.2, 0.7, 0.4, 1.0, 0.8};
  const std::vector<int> y{1, 0, 1, 0, 0, 0, 1, 1, 1, 0};
  const auto bins = calibration_by_quantile(p, y);
  // Sorted: (0.1,0) (0.2,0) | (0.3,0) (0.4,1) | (0.5,0) (0.6,1) | (0.7,1) (0.8,0) | (0.9,1) (1,1)
  REQUIRE(bins.size() == 5);
  const double mean[] = {0.15, 0.35, 0.55, 0.75, 0.95};
  const double share[] = {0.0, 0.5, 0.5, 0.5, 1.0};
  for (std::size_t b = 0; b < 5; ++b) {
    INFO("bin " << b);
    CHECK(bins[b].count == 2);
    CHECK(bins[b].mean_predicted == Approx(mean[b]));
    CHECK(bins[b].observed_share == Approx(share[b]));
    CHECK(bins[b].p_min == Approx(0.1 + 0.2 * static_cast<double>(b)));
    CHECK(bins[b].p_max == Approx(0.2 + 0.2 * static_cast<double>(b)));
  }
}

TEST_CASE("calibration keeps equal predictions in one bin", "[kpi][scoring]") {
  // Two bins over four: the three 0.3 have 0 smaller (bin 0), 0.9 has 3 (floor(2 x 3/4) = 1).
  const auto two = calibration_by_quantile({0.3, 0.9, 0.3, 0.3}, {1, 1, 0, 0}, 2);
  REQUIRE(two.size() == 2);
  CHECK(two[0].count == 3);
  CHECK(two[0].observed_share == Approx(1.0 / 3));
  CHECK(two[1].count == 1);
  CHECK(two[1].mean_predicted == Approx(0.9));
  // A constant predictor is one bin.
  const auto constant = calibration_by_quantile({0.4, 0.4, 0.4, 0.4, 0.4}, {1, 0, 0, 1, 0});
  REQUIRE(constant.size() == 1);
  CHECK(constant[0].count == 5);
  CHECK(constant[0].observed_share == Approx(0.4));
  // Three predictions in quintiles: bins floor(5 x 0/3) = 0, floor(5/3) = 1, floor(10/3) = 3;
  // the empty bins are not returned.
  const auto three = calibration_by_quantile({0.9, 0.1, 0.5}, {1, 0, 1});
  REQUIRE(three.size() == 3);
  CHECK(three[0].mean_predicted == Approx(0.1));
  CHECK(three[2].mean_predicted == Approx(0.9));
  // NaN predictions are left out.
  const auto with_null = calibration_by_quantile({kNaN, 0.2}, {1, 0});
  REQUIRE(with_null.size() == 1);
  CHECK(with_null[0].count == 1);
  CHECK(calibration_by_quantile({}, {}).empty());
}
