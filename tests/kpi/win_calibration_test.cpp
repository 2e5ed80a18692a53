#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/ingest/file_loader.h"
#include "pulse/kpi/win_chance.h"
#include "pulse/report/engine.h"

using namespace pulse;
using nlohmann::json;

namespace {

// as_of 2024-12-31; the calibration looks back 90 days, to the cutoff 2024-10-02 (C).
const Day kAsOf = day_from_civil(2024, 12, 31);
const Day kCutoff = day_from_civil(2024, 10, 2);

// Learnt from at the cutoff: 10 deals closed with each cycle 20, 40, 60, 80, 100 days, of
// which 1, 3, 5, 7, 9 were won.
const int kCycles[] = {20, 40, 60, 80, 100};
const int kCycleWins[] = {1, 3, 5, 7, 9};
// Scored: `per_group` deals open at the cutoff at each age 10, 30, 50, 70, 90 days, all won or
// lost between the cutoff and as_of; of 8, 2, 4, 5, 6, 8 were won.
const int kAges[] = {10, 30, 50, 70, 90};
const int kAgeWins[] = {2, 4, 5, 6, 8};

struct Deal {
  std::string id;
  Day created;
  Day closed;  // kNoDay: open
  std::string status;
};

std::vector<Deal> history(int per_group) {
  std::vector<Deal> deals;
  int n = 0;
  auto id = [&](char prefix) { return prefix + std::to_string(100 + n++); };
  for (int g = 0; g < 5; ++g)
    for (int i = 0; i < 10; ++i) {
      const Day created = kCutoff - 200 + i;
      deals.push_back({id('L'), created, created + kCycles[g], i < kCycleWins[g] ? "won" : "lost"});
    }
  for (int g = 0; g < 5; ++g)
    for (int i = 0; i < per_group; ++i)
      deals.push_back({id('S'), kCutoff - kAges[g], kCutoff + 10 + i,
                       i < kAgeWins[g] * per_group / 8 ? "won" : "lost"});
  // Not scored: open at the cutoff but undecided by as_of (still open, or closed after it)...
  for (int i = 0; i < 3; ++i) deals.push_back({id('U'), kCutoff - 30, kNoDay, "Proposal"});
  for (int i = 0; i < 2; ++i) deals.push_back({id('U'), kCutoff - 50, kAsOf + 10, "won"});
  // ... or created after the cutoff.
  for (int i = 0; i < 2; ++i) deals.push_back({id('N'), kCutoff + 5, kCutoff + 20, "won"});
  return deals;
}

json calibration_of(const std::vector<Deal>& deals, const std::string& method) {
  std::string csv = "deal_id,customer_id,sales_rep,created_at,closed_at,status\n";
  for (const Deal& d : deals)
    csv += d.id + ",C1,ann," + format_day(d.created) + "," +
           (d.closed == kNoDay ? "" : format_day(d.closed)) + "," + d.status + "\n";
  report::Engine engine;
  ingest::FileOptions options;
  options.mapping.role = Role::deals;
  engine.begin_file("deals.csv", options);
  engine.feed(csv);
  REQUIRE(engine.finish_file().rows_skipped == 0);
  config::Settings settings;
  settings.as_of = kAsOf;
  settings.win_probability_method = method;
  return engine.report(settings)["negotiations"]["calibration"];
}

/// Quintile bins computed directly: a prediction's bin is 5 x (predictions strictly smaller)
/// / n, so equal predictions share a bin.
struct Bin {
  double p_min = 2, p_max = -1, predicted = 0, won = 0;
  int count = 0;
};
std::vector<Bin> quintiles(const std::vector<std::pair<double, int>>& scored) {
  std::vector<Bin> bins(5);
  for (const auto& [p, y] : scored) {
    const auto smaller = std::count_if(scored.begin(), scored.end(),
                                       [&](const auto& other) { return other.first < p; });
    Bin& b = bins[static_cast<std::size_t>(5 * smaller / static_cast<long>(scored.size()))];
    b.p_min = std::min(b.p_min, p), b.p_max = std::max(b.p_max, p);
    b.predicted += p, b.won += y, ++b.count;
  }
  bins.erase(std::remove_if(bins.begin(), bins.end(), [](const Bin& b) { return b.count == 0; }),
             bins.end());
  return bins;
}

}  // namespace

TEST_CASE("Calibration of the win chance: closed-share chances 90 days back, by hand",
          "[deals][calibration]") {
  // At the cutoff the closed share reads the cycles longer than the age: age 90 -> the ten
  // 100-day deals, 9/10; age 70 -> 16/20; age 50 -> 21/30; age 30 -> 24/40; age 10 -> 25/50.
  const json c = calibration_of(history(8), "closed_share");
  CHECK(c["method"] == "closed_share");
  CHECK(c["lookback_days"] == 90);
  CHECK(c["cutoff"] == "2024-10-02");
  CHECK(c["open_at_cutoff"] == 45);  // 40 scored + 5 undecided; the two N deals came later
  CHECK(c["undecided"] == 5);
  CHECK(c["unpredicted"] == 0);
  CHECK(c["scored"] == 40);
  CHECK(c["won"] == 25);
  CHECK(c["observed_share"].get<double>() == Approx(0.625));
  CHECK(c["reason"].is_null());
  const double predicted[] = {0.5, 0.6, 0.7, 0.8, 0.9};
  const double observed[] = {2 / 8.0, 4 / 8.0, 5 / 8.0, 6 / 8.0, 8 / 8.0};
  REQUIRE(c["bins"].size() == 5);
  for (std::size_t b = 0; b < 5; ++b) {
    INFO("bin " << b);
    const json& bin = c["bins"][b];
    CHECK(bin["p_min"].get<double>() == Approx(predicted[b]));
    CHECK(bin["p_max"].get<double>() == Approx(predicted[b]));
    CHECK(bin["mean_predicted"].get<double>() == Approx(predicted[b]));
    CHECK(bin["observed_share"].get<double>() == Approx(observed[b]));
    CHECK(bin["count"] == 8);
  }
  // Brier: 8 deals per band, (p - 1)^2 for the won, p^2 for the lost:
  // (2*.25 + 6*.25) + (4*.16 + 4*.36) + (5*.09 + 3*.49) + (6*.04 + 2*.64) + 8*.01 = 7.6 over 40.
  CHECK(c["brier"].get<double>() == Approx(0.19));
  CHECK(c["brier_constant"].get<double>() == Approx(0.625 * 0.375));
}

TEST_CASE("Calibration of the win chance: Aalen-Johansen chances as the curves read them",
          "[deals][calibration]") {
  // The deals the curves learnt from at the cutoff, written down from the history above:
  // the 50 closed ones at their cycle, the 45 open ones censored at their age then.
  std::vector<kpi::CompetingObservation> seen;
  for (int g = 0; g < 5; ++g)
    for (int i = 0; i < 10; ++i)
      seen.push_back({double(kCycles[g]), i < kCycleWins[g] ? kpi::kDealWon : kpi::kDealLost});
  for (int g = 0; g < 5; ++g)
    for (int i = 0; i < 8; ++i) seen.push_back({double(kAges[g]), kpi::kDealOpen});
  for (int i = 0; i < 3; ++i) seen.push_back({30, kpi::kDealOpen});
  for (int i = 0; i < 2; ++i) seen.push_back({50, kpi::kDealOpen});
  const kpi::WinChanceModel model(seen, {});
  std::vector<std::pair<double, int>> scored;
  double squared = 0;
  for (int g = 0; g < 5; ++g)
    for (int i = 0; i < 8; ++i) {
      const double p = model.predict(kAges[g], {})->win_probability;
      const int y = i < kAgeWins[g] ? 1 : 0;
      scored.push_back({p, y});
      squared += (p - y) * (p - y);
    }
  const std::vector<Bin> expected = quintiles(scored);

  const json c = calibration_of(history(8), "aalen_johansen");
  CHECK(c["method"] == "aalen_johansen");
  CHECK(c["scored"] == 40);
  REQUIRE(c["bins"].size() == expected.size());
  REQUIRE(expected.size() >= 3);  // the chances differ by age: a real spread to calibrate
  for (std::size_t b = 0; b < expected.size(); ++b) {
    INFO("bin " << b);
    const json& bin = c["bins"][b];
    CHECK(bin["p_min"].get<double>() == Approx(expected[b].p_min));
    CHECK(bin["p_max"].get<double>() == Approx(expected[b].p_max));
    CHECK(bin["mean_predicted"].get<double>() == Approx(expected[b].predicted / expected[b].count));
    CHECK(bin["observed_share"].get<double>() == Approx(expected[b].won / expected[b].count));
    CHECK(bin["count"] == expected[b].count);
  }
  CHECK(c["brier"].get<double>() == Approx(squared / 40));
  CHECK(c["brier_constant"].get<double>() == Approx(0.625 * 0.375));
}

TEST_CASE("Calibration of the win chance: fewer than 30 scored deals give no bins, and why",
          "[deals][calibration]") {
  const json c = calibration_of(history(5), "aalen_johansen");  // 25 scored
  CHECK(c["scored"] == 25);
  CHECK(c["bins"].is_null());
  CHECK(c["brier"].is_null());
  CHECK(c["brier_constant"].is_null());
  REQUIRE(c["reason"].is_string());
  CHECK(c["reason"].get<std::string>().find("30 are needed") != std::string::npos);
}
