#include <catch2/catch.hpp>

#include <algorithm>
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

namespace {

// The method as docs/kpi.md states it, step by step (four passes a sweep): the engine's
// flattened two-pass sweeps must give exactly these bits.
void plain_demean(std::vector<LogSeries>& panel, const std::vector<Day>& periods, bool quantity) {
  std::vector<double> sum(periods.size()), count(periods.size());
  const auto slot = [&](Day d) {
    return static_cast<std::size_t>(std::lower_bound(periods.begin(), periods.end(), d) -
                                    periods.begin());
  };
  for (const LogSeries& s : panel)
    for (Day d : s.period) count[slot(d)] += 1;
  for (int sweep = 0; sweep < 100; ++sweep) {
    for (LogSeries& s : panel) {
      std::vector<double>& v = quantity ? s.log_q : s.log_p;
      if (v.empty()) continue;
      double mean = 0;
      for (double x : v) mean += x;
      mean /= static_cast<double>(v.size());
      for (double& x : v) x -= mean;
    }
    std::fill(sum.begin(), sum.end(), 0.0);
    for (const LogSeries& s : panel) {
      const std::vector<double>& v = quantity ? s.log_q : s.log_p;
      for (std::size_t i = 0; i < v.size(); ++i) sum[slot(s.period[i])] += v[i];
    }
    double largest = 0;
    for (std::size_t k = 0; k < sum.size(); ++k) {
      if (count[k] > 0) sum[k] /= count[k];
      largest = std::max(largest, std::fabs(sum[k]));
    }
    for (LogSeries& s : panel) {
      std::vector<double>& v = quantity ? s.log_q : s.log_p;
      for (std::size_t i = 0; i < v.size(); ++i) v[i] -= sum[slot(s.period[i])];
    }
    if (largest < 1e-10) break;
  }
}

}  // namespace

TEST_CASE("seasonal adjustment: the sweeps give the bits of the method stated step by step",
          "[kpi]") {
  // An unbalanced panel: series of different lengths with gaps, periods some series lack, a
  // period only one series has (dropped first), and a series that has only that period.
  std::vector<LogSeries> panel(12);
  const Day monday = day_from_civil(2024, 1, 1);
  for (int i = 0; i < 11; ++i)
    for (int t = 0; t < 40; ++t) {
      if ((t * 7 + i * 3) % 5 == 0 || t < i) continue;  // gaps, late starts
      panel[i].period.push_back(monday + 7 * t);
      panel[i].log_p.push_back(0.2 * i + 0.05 * std::sin(t * 0.9 + i));
      panel[i].log_q.push_back(3.0 - 0.7 * panel[i].log_p.back() + 0.3 * std::cos(t / 3.0));
    }
  panel[3].period.push_back(monday + 7 * 45);  // alone in its week
  panel[3].log_p.push_back(0.5);
  panel[3].log_q.push_back(1.5);
  panel[11].period.push_back(monday + 7 * 45);
  panel[11].log_p.push_back(0.25);
  panel[11].log_q.push_back(2.5);
  panel[11].period.clear();  // and one series with no point at all
  panel[11].log_p.clear();
  panel[11].log_q.clear();
  std::vector<const LogSeries*> ptrs;
  for (const LogSeries& s : panel) ptrs.push_back(&s);
  const std::vector<LogSeries> adjusted = kpi::remove_period_effects(ptrs);
  REQUIRE(adjusted.size() == panel.size());

  // The reference: the same panel without the points alone in their period, demeaned plainly.
  std::vector<Day> periods;
  for (const LogSeries& s : panel) periods.insert(periods.end(), s.period.begin(), s.period.end());
  std::sort(periods.begin(), periods.end());
  std::vector<Day> shared;
  for (std::size_t i = 0; i < periods.size();) {
    std::size_t j = i;
    while (j < periods.size() && periods[j] == periods[i]) ++j;
    if (j - i >= 2) shared.push_back(periods[i]);
    i = j;
  }
  std::vector<LogSeries> want(panel.size());
  for (std::size_t s = 0; s < panel.size(); ++s)
    for (std::size_t i = 0; i < panel[s].size(); ++i)
      if (std::binary_search(shared.begin(), shared.end(), panel[s].period[i])) {
        want[s].period.push_back(panel[s].period[i]);
        want[s].log_p.push_back(panel[s].log_p[i]);
        want[s].log_q.push_back(panel[s].log_q[i]);
      }
  CHECK(want[3].size() + 1 == panel[3].size());  // the lone week's point was dropped
  plain_demean(want, shared, false);
  plain_demean(want, shared, true);
  for (std::size_t s = 0; s < panel.size(); ++s) {
    INFO("series " << s);
    CHECK(adjusted[s].period == want[s].period);
    CHECK(adjusted[s].log_p == want[s].log_p);  // exactly: the same operations in the same order
    CHECK(adjusted[s].log_q == want[s].log_q);
  }
}
