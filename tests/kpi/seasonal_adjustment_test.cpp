#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "pulse/kpi/seasonal_adjustment.h"
#include "pulse/kpi/stats.h"

using namespace pulse;
using pulse::kpi::LogSeries;

TEST_CASE("seasonal adjustment: two-way demeaning recovers the slope a shared season hides",
          "[kpi]") {
  // Balanced panel, 10 SKUs x 30 weeks: ln P = c_i + 0.1 s_t + e_it, ln Q = a_i + 0.5 s_t + b ln P
  // with b = -0.8 for all. The season moves price and demand together, so the raw slope is
  // biased upward; with SKU and period effects removed, the slope is exactly -0.8.
  const double b = -0.8;
  std::vector<LogSeries> panel(10);
  for (int i = 0; i < 10; ++i)
    for (int t = 0; t < 30; ++t) {
      const double s = std::sin(t / 4.0);
      const double e = std::sin(1.7 * t + 2.3 * i) * 0.05;  // SKU-specific price moves
      const double lp = 0.3 * i + 0.1 * s + e;
      panel[i].period.push_back(day_from_civil(2024, 1, 1) + 7 * t);
      panel[i].log_p.push_back(lp);
      panel[i].log_q.push_back(1.0 + 0.2 * i + 0.5 * s + b * lp);
    }
  std::vector<const LogSeries*> ptrs;
  for (const LogSeries& s : panel) ptrs.push_back(&s);
  const auto raw = kpi::fit_line(panel[0].log_p, panel[0].log_q);
  REQUIRE(raw);
  CHECK(raw->slope > 0);  // the season dominates
  const auto adjusted = kpi::remove_period_effects(ptrs);
  REQUIRE(adjusted.size() == 10);
  for (const LogSeries& a : adjusted) {
    REQUIRE(a.size() == 30);
    const auto fit = kpi::fit_line(a.log_p, a.log_q);
    REQUIRE(fit);
    CHECK(fit->slope == Approx(b).epsilon(1e-8));
  }
  // Too few SKUs: no adjustment.
  ptrs.resize(kpi::kMinSeasonalPanel - 1);
  CHECK(kpi::remove_period_effects(ptrs).empty());
}
