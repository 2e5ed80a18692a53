#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "pulse/kpi/competing_risks.h"

using pulse::kpi::CompetingObservation;
using pulse::kpi::CumulativeIncidence;

// Six deals, causes 1 = won, 2 = lost, 0 = censored (still open):
//   t=1 won, t=2 lost, t=2 censored, t=3 won, t=4 censored, t=5 lost.
// By hand (events before censorings at t=2, so the censored deal is at risk at 2):
//   t=1: n=6, d_won=1:  F_won = 1/6,               S = 5/6
//   t=2: n=5, d_lost=1: F_lost = 5/6 * 1/5 = 1/6,  S = 5/6 * 4/5 = 2/3
//   t=3: n=3, d_won=1:  F_won = 1/6 + 2/3 * 1/3 = 7/18,  S = 2/3 * 2/3 = 4/9
//   t=4: censoring only, no step
//   t=5: n=1, d_lost=1: F_lost = 1/6 + 4/9 = 11/18, S = 0
// and F_won + F_lost + S = 1 at every time.
TEST_CASE("Aalen-Johansen: hand-computed case with censoring and a tie", "[kpi][survival]") {
  const CumulativeIncidence ci({{3, 1}, {2, 0}, {1, 1}, {5, 2}, {2, 2}, {4, 0}}, 2);
  CHECK(ci.subjects() == 6);
  CHECK(ci.last_time() == 5);
  CHECK(ci.event_times() == std::vector<double>{1, 2, 3, 5});
  CHECK(ci.survival(0.5) == 1.0);
  CHECK(ci.incidence(1, 0.5) == 0.0);
  CHECK(ci.incidence(1, 1) == Approx(1.0 / 6));
  CHECK(ci.survival(1.5) == Approx(5.0 / 6));
  CHECK(ci.incidence(2, 2) == Approx(1.0 / 6));
  CHECK(ci.survival(2) == Approx(2.0 / 3));
  CHECK(ci.incidence(1, 3) == Approx(7.0 / 18));
  CHECK(ci.survival(4.9) == Approx(4.0 / 9));
  CHECK(ci.incidence(2, 5) == Approx(11.0 / 18));
  CHECK(ci.survival(5) == Approx(0.0).margin(1e-12));
  for (double t : {0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 9.0})
    CHECK(ci.incidence(1, t) + ci.incidence(2, t) + ci.survival(t) == Approx(1.0));
  CHECK(ci.followed_after(2) == 3);
  CHECK(ci.followed_after(5) == 0);
  // With 3 deals followed beyond it, the last readable age is 2 (deals at 3, 4, 5 remain).
  CHECK(ci.last_time_followed_by(3) == Approx(2.0));
  CHECK_FALSE(ci.last_time_followed_by(7).has_value());
}

TEST_CASE("Aalen-Johansen: the censoring convention decides ties", "[kpi][survival]") {
  // Censored at 1 with an event at 1: the censored subject is still at risk, so the event
  // takes 1/2 of the mass (not 1/1).
  const CumulativeIncidence ci({{1, 0}, {1, 1}}, 1);
  CHECK(ci.incidence(1, 1) == Approx(0.5));
  CHECK(ci.survival(1) == Approx(0.5));
}

TEST_CASE("Aalen-Johansen recovers known competing hazards", "[kpi][survival]") {
  // Constant hazards won 0.02, lost 0.01, expired 0.005 per day: F_k(t) = h_k/h (1 - e^{-h t}).
  // Censoring uniform on [0, 150] (deals still open at the cut).
  const double hazard[3] = {0.02, 0.01, 0.005};
  const double total = hazard[0] + hazard[1] + hazard[2];
  std::mt19937_64 rng(20240611);
  std::exponential_distribution<double> time(total);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<CompetingObservation> deals;
  for (int i = 0; i < 6000; ++i) {
    const double t = std::ceil(time(rng));  // whole days, so ties happen
    const double u = unit(rng) * total;
    const int cause = u < hazard[0] ? 1 : u < hazard[0] + hazard[1] ? 2 : 3;
    const double censor = std::floor(unit(rng) * 150.0);
    deals.push_back(t <= censor ? CompetingObservation{t, cause} : CompetingObservation{censor, 0});
  }
  const CumulativeIncidence ci(deals, 3);
  for (double t : {20.0, 50.0, 100.0}) {
    // The data are whole days: a true time in (t-1, t] is recorded as t.
    const double done = 1.0 - std::exp(-total * t);
    for (int k = 1; k <= 3; ++k) {
      INFO("t = " << t << ", cause " << k);
      CHECK(ci.incidence(k, t) == Approx(hazard[k - 1] / total * done).margin(0.02));
    }
    CHECK(ci.survival(t) == Approx(1.0 - done).margin(0.02));
  }
}
