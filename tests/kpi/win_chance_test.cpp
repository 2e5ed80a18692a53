#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include "pulse/kpi/win_chance.h"

using namespace pulse::kpi;

namespace {

// Scores kept in the test: the shared scoring helper may not be committed yet.
double brier(const std::vector<double>& p, const std::vector<int>& y) {
  double sum = 0;
  for (std::size_t i = 0; i < p.size(); ++i) sum += (p[i] - y[i]) * (p[i] - y[i]);
  return sum / static_cast<double>(p.size());
}

double auc(const std::vector<double>& p, const std::vector<int>& y) {
  double pairs = 0, wins = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = 0; j < p.size(); ++j)
      if (y[i] == 1 && y[j] == 0) {
        ++pairs;
        wins += p[i] > p[j] ? 1.0 : p[i] == p[j] ? 0.5 : 0.0;
      }
  return wins / pairs;
}

}  // namespace

TEST_CASE("Win chance: conditional on age, and the tail rule beyond every observed age",
          "[kpi][survival]") {
  // Twenty deals closed at days 1..20, won when the day is a multiple of 3.
  std::vector<CompetingObservation> deals;
  for (int t = 1; t <= 20; ++t) deals.push_back({double(t), t % 3 == 0 ? kDealWon : kDealLost});
  const WinChanceModel model(deals, {});

  // Age 5: deals 6..20 are still undecided, won 6, 9, 12, 15, 18: 5 of 15.
  const auto young = model.predict(5, {});
  REQUIRE(young);
  CHECK_FALSE(young->tail);
  CHECK(young->win_probability == Approx(1.0 / 3));
  // Half of the 15 close by day 5 + 8 (deals 6..13): the median remaining time is 8 days.
  REQUIRE(young->days_to_close);
  CHECK(*young->days_to_close == 8.0);
  CHECK(young->p_close_within == Approx(1.0));  // all close within 30 days
  CHECK(young->p_won_within == Approx(1.0 / 3));

  // Age 100, older than every deal: fewer than 10 followed beyond it, so it is read at the
  // last age with 10 (age 10: deals 11..20, won 12, 15, 18: 3 of 10) and flagged.
  const auto old = model.predict(100, {});
  REQUIRE(old);
  CHECK(old->tail);
  CHECK(old->win_probability == Approx(0.3));
  // Age 12 already has only 8 followed beyond it: the same reading.
  CHECK(model.predict(12, {})->win_probability == Approx(0.3));

  // Nothing to learn from: no chance.
  CHECK_FALSE(WinChanceModel({}, {}).predict(3, {}).has_value());
}

TEST_CASE("Win chance: open deals count (censoring) where the closed share does not",
          "[kpi][survival]") {
  // 20 quick wins at day 5, 20 slow losses at day 60 and 60 deals still open at day 30 (all
  // of which, by construction, will be lost later). The closed share says 50 %; of the deals
  // open at day 0 that we follow, the Aalen-Johansen reading weights the quick wins by the
  // whole cohort: F_won(5) = 20/100.
  std::vector<CompetingObservation> deals;
  for (int i = 0; i < 20; ++i) deals.push_back({5, kDealWon});
  for (int i = 0; i < 20; ++i) deals.push_back({60, kDealLost});
  for (int i = 0; i < 60; ++i) deals.push_back({30, kDealOpen});
  const WinChanceModel model(deals, {});
  CHECK(model.predict(0, {})->win_probability == Approx(0.2));
  // At age 10 the wins are behind: nothing more to win in the follow-up.
  CHECK(model.predict(10, {})->win_probability == Approx(0.0));
}

TEST_CASE("Win chance: conditioning on amount band and rounds beats the overall curve",
          "[kpi][survival]") {
  // Deals created uniformly over 500 days; the cut is day 500. Each deal closes after an
  // exponential time (mean 45 days); it is won with a probability set by its amount band
  // (4 levels) and its rounds band (3 levels), lost or expired otherwise. A third covariate,
  // the rep (8 levels), has no effect. Deals still open at the cut are censored at their
  // age; they are the held-out set, scored against their simulated outcome.
  std::mt19937_64 rng(77);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::exponential_distribution<double> close_time(1.0 / 45.0);
  const double band_effect[4] = {-1.2, -0.3, 0.4, 1.1};
  const double rounds_effect[3] = {-0.9, 0.2, 0.8};
  std::vector<CompetingObservation> train;
  std::vector<std::vector<int>> levels(3);
  std::vector<double> test_age;
  std::vector<std::vector<int>> test_levels;
  std::vector<int> test_won;
  for (int i = 0; i < 4000; ++i) {
    const double created = std::floor(unit(rng) * 500.0);
    const int band = static_cast<int>(unit(rng) * 4), rounds = static_cast<int>(unit(rng) * 3);
    const int rep = static_cast<int>(unit(rng) * 8);
    const double p = 1.0 / (1.0 + std::exp(-(band_effect[band] + rounds_effect[rounds])));
    const double cycle = std::ceil(close_time(rng));
    const double u = unit(rng);
    const int cause = u < p ? kDealWon : unit(rng) < 0.8 ? kDealLost : kDealExpired;
    const double age = 500.0 - created;
    levels[0].push_back(band);
    levels[1].push_back(rounds);
    levels[2].push_back(rep);
    if (cycle <= age) {
      train.push_back({cycle, cause});
    } else {
      train.push_back({age, kDealOpen});
      test_age.push_back(age);
      test_levels.push_back({band, rounds, rep});
      test_won.push_back(cause == kDealWon ? 1 : 0);
    }
  }
  REQUIRE(test_won.size() > 300);
  const WinChanceModel plain(train, {});
  const WinChanceModel conditioned(train, levels);
  CHECK(conditioned.covariates()[0].used);
  CHECK(conditioned.covariates()[1].used);
  // The rep: either dropped, or shrunk so hard that a level keeps little of its own curve.
  const CovariateFit& rep = conditioned.covariates()[2];
  CHECK((!rep.used || rep.k > 100));

  std::vector<double> p_plain, p_cond;
  double mean_cond = 0, share = 0;
  for (std::size_t i = 0; i < test_won.size(); ++i) {
    p_plain.push_back(plain.predict(test_age[i], {})->win_probability);
    p_cond.push_back(conditioned.predict(test_age[i], test_levels[i])->win_probability);
    mean_cond += p_cond.back();
    share += test_won[i];
  }
  mean_cond /= static_cast<double>(test_won.size());
  share /= static_cast<double>(test_won.size());
  const double brier_plain = brier(p_plain, test_won), brier_cond = brier(p_cond, test_won);
  const double auc_plain = auc(p_plain, test_won), auc_cond = auc(p_cond, test_won);
  INFO("Brier " << brier_plain << " -> " << brier_cond << ", AUC " << auc_plain << " -> "
                << auc_cond << ", mean " << mean_cond << " vs share " << share);
  CHECK(brier_cond < brier_plain - 0.02);
  CHECK(auc_cond > auc_plain + 0.1);
  CHECK(auc_cond > 0.7);
  CHECK(mean_cond == Approx(share).margin(0.05));  // calibrated in the large
}
