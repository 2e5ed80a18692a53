#include <catch2/catch.hpp>

#include <string>

#include "pulse/kpi/discount_levels.h"

using namespace pulse::kpi;

TEST_CASE("discount projection by hand, interval ends and verdicts", "[kpi]") {
  // U = 100, R = 1000, C = 600, cut 10%, b = -2: volume 1/0.81; units +23.4568%;
  // revenue 1000 (0.9 / 0.81 - 1) = 111.1111; margin (900 - 600) / 0.81 - 400 = -29.6296.
  const Baseline base{100, 1000, 600.0};
  const CutEffect e = project_cut(base, -2, 0.10);
  CHECK(e.units_change_pct == Approx(1 / 0.81 - 1));
  CHECK(e.revenue_change == Approx(111.111111));
  REQUIRE(e.margin_change);
  CHECK(*e.margin_change == Approx(-29.629630));
  // b in [-4, -3]: margin (300 x 0.9^-b) - 400 from 11.52 (b = -3) to 57.24 (b = -4): pays.
  const CutEffectRange pays = project_cut_range(base, -3.5, -4, -3, 0.10);
  CHECK(*pays.low.margin_change == Approx(300 / 0.729 - 400));
  CHECK(*pays.high.margin_change == Approx(300 / 0.6561 - 400));
  CHECK(pays.low.units_change_pct == Approx(1 / 0.729 - 1));  // the smaller of the two ends
  CHECK(std::string(cut_verdict(pays)) == "pays");
  CHECK(std::string(cut_verdict(project_cut_range(base, -2, -2.5, -1.5, 0.10))) == "does_not_pay");
  CHECK(std::string(cut_verdict(project_cut_range(base, -3, -4, -2, 0.10))) == "uncertain");
  const CutEffectRange no_cost = project_cut_range({100, 1000, std::nullopt}, -3.5, -4, -3, 0.10);
  CHECK_FALSE(no_cost.point.margin_change);
  CHECK(std::string(cut_verdict(no_cost)) == "uncertain");
}
