#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "pulse/kpi/btyd.h"

using pulse::kpi::BtydModel;
using pulse::kpi::BtydModelKind;
using pulse::kpi::CustomerHistory;

namespace {

constexpr double kPi = 3.14159265358979323846;

// A small deterministic generator (SplitMix64, Steele, Lea & Flood 2014) and the draws the
// simulation needs, so the data are the same on every platform and standard library.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  double uniform() {  // in (0, 1)
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (static_cast<double>(z >> 11) + 0.5) / 9007199254740992.0;
  }
  double normal() { return std::sqrt(-2 * std::log(uniform())) * std::cos(2 * kPi * uniform()); }
  double gamma(double shape) {  // rate 1; Marsaglia & Tsang (2000)
    if (shape < 1) return gamma(shape + 1) * std::pow(uniform(), 1 / shape);
    const double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
    for (;;) {
      const double z = normal();
      double v = 1 + c * z;
      if (v <= 0) continue;
      v = v * v * v;
      if (std::log(uniform()) < 0.5 * z * z + d - d * v + d * std::log(v)) return d * v;
    }
  }
  double beta(double a, double b) {
    const double g = gamma(a);
    return g / (g + gamma(b));
  }
  double exponential(double rate) { return -std::log(uniform()) / rate; }

 private:
  std::uint64_t state_;
};

// Customers drawn from the model itself: first orders uniform over `spread` days, observed
// until `as_of` days, then a hold-out window of `horizon` days. Each customer has a phase rate
// lambda ~ gamma(r, alpha) and a dropout probability p ~ beta(a, b); gaps are Erlang-k(lambda);
// after each order (the first one too when dropout_at_first) the customer leaves with
// probability p. Continuous time, as the models assume.
struct World {
  int k = 1;
  bool dropout_at_first = false;
  double r = 0, alpha = 0, a = 0, b = 0;
  int customers = 6000;
  double spread = 365, as_of = 547.5, horizon = 180;
};
struct SimulatedCustomer {
  CustomerHistory history;
  int holdout_orders = 0;
};

std::vector<SimulatedCustomer> simulate(const World& w, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<SimulatedCustomer> out;
  for (int c = 0; c < w.customers; ++c) {
    SimulatedCustomer s;
    const double first = rng.uniform() * w.spread;
    s.history.T = w.as_of - first;
    const double lambda = rng.gamma(w.r) / w.alpha;
    const double p = rng.beta(w.a, w.b);
    bool alive = !(w.dropout_at_first && rng.uniform() < p);
    double t = 0;
    while (alive) {
      for (int i = 0; i < w.k; ++i) t += rng.exponential(lambda);
      if (t > s.history.T + w.horizon) break;
      if (t <= s.history.T) {
        s.history.x += 1;
        s.history.t_x = t;
      } else {
        ++s.holdout_orders;
      }
      alive = rng.uniform() >= p;
    }
    out.push_back(s);
  }
  return out;
}

std::vector<CustomerHistory> histories_of(const std::vector<SimulatedCustomer>& customers) {
  std::vector<CustomerHistory> out;
  for (const SimulatedCustomer& c : customers) out.push_back(c.history);
  return out;
}

struct HoldoutCheck {
  double share = 0;               // customers who ordered in the hold-out window
  double predicted_share = 0;     // mean p_any_order
  double worst_quintile_gap = 0;  // max over quintiles of predicted probability: |mean p - share|
  double orders = 0, predicted_orders = 0;
  double bernoulli_log_likelihood = 0;  // of "ordered in the hold-out" under p_any_order
};

HoldoutCheck check_holdout(const BtydModel& m, const std::vector<SimulatedCustomer>& customers,
                           double horizon) {
  HoldoutCheck check;
  std::vector<std::pair<double, int>> scored;
  for (const SimulatedCustomer& c : customers) {
    const double p = pulse::kpi::p_any_order(m, c.history, horizon);
    const int ordered = c.holdout_orders > 0 ? 1 : 0;
    scored.emplace_back(p, ordered);
    check.share += ordered;
    check.predicted_share += p;
    check.orders += c.holdout_orders;
    check.predicted_orders += pulse::kpi::expected_orders(m, c.history, horizon);
    const double clipped = std::clamp(p, 1e-12, 1 - 1e-12);
    check.bernoulli_log_likelihood += ordered ? std::log(clipped) : std::log1p(-clipped);
  }
  const double n = static_cast<double>(customers.size());
  check.share /= n;
  check.predicted_share /= n;
  std::sort(scored.begin(), scored.end());
  for (std::size_t q = 0; q < 5; ++q) {
    const std::size_t lo = scored.size() * q / 5, hi = scored.size() * (q + 1) / 5;
    double p = 0, y = 0;
    for (std::size_t i = lo; i < hi; ++i) {
      p += scored[i].first;
      y += scored[i].second;
    }
    check.worst_quintile_gap =
        std::max(check.worst_quintile_gap, std::abs(p - y) / static_cast<double>(hi - lo));
  }
  return check;
}

bool finite_model(const BtydModel& m) {
  return std::isfinite(m.r) && std::isfinite(m.alpha) && std::isfinite(m.a) && std::isfinite(m.b) &&
         m.r > 0 && m.alpha > 0 && m.a > 0 && m.b > 0 && std::isfinite(m.log_likelihood);
}

}  // namespace

TEST_CASE("BG/NBD reproduces the published CDNOW figures", "[kpi][btyd]") {
  // Fader, Hardie & Lee (2005), CDNOW (weeks): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426;
  // a customer with x = 2, t_x = 30.43, T = 38.86 is expected to make 1.226 purchases in the
  // next 39 weeks (section 5 of the paper).
  BtydModel m;
  m.r = 0.242594;
  m.alpha = 4.413592;
  m.a = 0.792919;
  m.b = 2.425895;
  const CustomerHistory customer{2, 30.43, 38.86, 1};
  CHECK(pulse::kpi::expected_orders(m, customer, 39) == Approx(1.226).margin(0.0005));
  // P(alive) = 1 / (1 + a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x)), worked by hand:
  // (43.273592 / 34.843592)^2.242594 = 1.625654..., times 0.792919 / 3.425895 = 0.376256...
  CHECK(pulse::kpi::p_alive(m, customer) == Approx(1 / (1 + 0.376256)).margin(1e-6));
  // No repeat purchase yet: BG/NBD has no dropout before the first repeat purchase.
  CHECK(pulse::kpi::p_alive(m, {0, 0, 38.86, 1}) == 1.0);
}

TEST_CASE("BG/NBD expected orders: the 2F1 closed form equals the sum over the posterior",
          "[kpi][btyd]") {
  // Two independent derivations of E[orders in (T, T + t] | history]: Fader, Hardie & Lee's
  // formula with the hypergeometric function, and the sum over the posterior number of orders.
  BtydModel m;
  m.r = 0.8;
  m.alpha = 30;
  for (double a : {0.35, 0.7, 1.8, 4.0}) {
    for (double b : {0.6, 2.5, 12.0}) {
      m.a = a;
      m.b = b;
      for (const CustomerHistory& h : std::vector<CustomerHistory>{{0, 0, 1, 1},
                                                                   {0, 0, 300, 1},
                                                                   {1, 20, 200, 1},
                                                                   {5, 150, 160, 1},
                                                                   {40, 390, 400, 1}}) {
        for (double horizon : {30.0, 365.0, 3650.0}) {
          INFO("a " << a << " b " << b << " x " << h.x << " T " << h.T << " horizon " << horizon);
          const double closed = pulse::kpi::expected_orders(m, h, horizon);
          const double summed = pulse::kpi::expected_orders_summed(m, h, horizon);
          CHECK(closed == Approx(summed).epsilon(1e-9));
        }
      }
    }
  }
}

TEST_CASE("BG/NBD: parameters recovered from 6,000 simulated customers, hold-out calibrated",
          "[kpi][btyd]") {
  World world;
  world.r = 0.8;
  world.alpha = 30;
  world.a = 0.7;
  world.b = 2.5;
  const auto customers = simulate(world, 20240601);
  const BtydModel m = pulse::kpi::fit_bg_nbd(histories_of(customers));
  REQUIRE(m.converged);
  CHECK_FALSE(m.at_bound);
  CHECK(m.kind == BtydModelKind::bg_nbd);
  CHECK(m.customers == 6000);
  // Tolerances: 4 x the relative standard deviation of each estimate over 70 simulated data
  // sets of this size (measured: r 2.5 %, alpha 3.3 %, a 5.7 %, b 8.3 %).
  CHECK(m.r == Approx(world.r).epsilon(0.10));
  CHECK(m.alpha == Approx(world.alpha).epsilon(0.15));
  CHECK(m.a == Approx(world.a).epsilon(0.25));
  CHECK(m.b == Approx(world.b).epsilon(0.35));
  // The log-likelihood reported is the one btyd_log_likelihood gives at these parameters.
  CHECK(pulse::kpi::btyd_log_likelihood(m, histories_of(customers)) ==
        Approx(m.log_likelihood).epsilon(1e-12));

  // Hold-out: the 180 days after as_of (measured over 30 data sets: share error sd 0.005,
  // worst quintile gap 0.018 on average, at most 0.039; total orders error sd 2 %).
  const HoldoutCheck check = check_holdout(m, customers, world.horizon);
  CHECK(check.share == Approx(check.predicted_share).margin(0.03));
  CHECK(check.worst_quintile_gap < 0.07);
  CHECK(check.predicted_orders == Approx(check.orders).epsilon(0.10));
}

TEST_CASE("MBG/CNBD-k: regular customers select k = 3, which predicts the hold-out better",
          "[kpi][btyd]") {
  // Reorders about every 28 days (3 phases at a mean phase rate of 4 / 37.5 per day), a
  // customer may leave after any order, the first one included.
  World world;
  world.k = 3;
  world.dropout_at_first = true;
  world.r = 4;
  world.alpha = 37.5;
  world.a = 0.8;
  world.b = 6;
  world.horizon = 90;
  const auto customers = simulate(world, 20240603);
  const auto histories = histories_of(customers);
  const BtydModel best = pulse::kpi::fit_best_model(histories);
  const BtydModel bg = pulse::kpi::fit_bg_nbd(histories);
  REQUIRE(best.converged);
  // Over 20 simulated data sets the rule picked k = 3 every time.
  CHECK(best.kind == BtydModelKind::mbg_cnbd);
  CHECK(best.k == 3);
  CHECK(std::string(best.name()) == "mbg_cnbd_3");
  CHECK(best.log_likelihood > bg.log_likelihood);
  // 4 x the relative sd over 20 data sets (r 2.9 %, alpha 3.2 %, a 4.7 %, b 6.1 %).
  CHECK(best.r == Approx(world.r).epsilon(0.12));
  CHECK(best.alpha == Approx(world.alpha).epsilon(0.13));
  CHECK(best.a == Approx(world.a).epsilon(0.20));
  CHECK(best.b == Approx(world.b).epsilon(0.25));

  const HoldoutCheck regular = check_holdout(best, customers, world.horizon);
  const HoldoutCheck poisson = check_holdout(bg, customers, world.horizon);
  CHECK(regular.share == Approx(regular.predicted_share).margin(0.03));
  CHECK(regular.worst_quintile_gap < 0.07);
  CHECK(regular.predicted_orders == Approx(regular.orders).epsilon(0.10));
  // BG/NBD, blind to the rhythm, over-predicts the share (by about 0.04 here) and its
  // probabilities fit the outcomes far worse (about 500 log-likelihood units on 6,000).
  CHECK(std::abs(regular.predicted_share - regular.share) <
        std::abs(poisson.predicted_share - poisson.share));
  CHECK(regular.bernoulli_log_likelihood > poisson.bernoulli_log_likelihood + 200);

  // The reason for the regular model: a customer with a 28-day rhythm (6 repeat orders over
  // 168 days) is likely still there 14 days after the last order, much less so after 42 days.
  const CustomerHistory on_time{6, 168, 182, 1}, overdue{6, 168, 210, 1};
  const double regular_drop =
      pulse::kpi::p_alive(best, on_time) - pulse::kpi::p_alive(best, overdue);
  const double poisson_drop = pulse::kpi::p_alive(bg, on_time) - pulse::kpi::p_alive(bg, overdue);
  CHECK(regular_drop > 0.12);                // 0.92 -> 0.75 here
  CHECK(regular_drop > 1.5 * poisson_drop);  // BG/NBD: 0.92 -> 0.83
}

TEST_CASE("BG/NBD on customers who never leave: the fit reaches the no-dropout limit",
          "[kpi][btyd]") {
  // p ~ beta(0.01, 1e6): nobody drops out, the data are NBD. The likelihood rises as a -> 0 and
  // b -> infinity, so the fit stops at the search limit, flagged, with sound predictions.
  World world;
  world.r = 0.8;
  world.alpha = 30;
  world.a = 0.01;
  world.b = 1e6;
  world.customers = 3000;
  const auto customers = simulate(world, 7);
  const BtydModel m = pulse::kpi::fit_bg_nbd(histories_of(customers));
  CHECK(m.converged);
  CHECK(m.at_bound);
  CHECK(m.a / (m.a + m.b) < 1e-3);  // mean dropout probability ~ 0
  // Loose on purpose (this case is about the limit, not precision; the values are 2 % off).
  CHECK(m.r == Approx(world.r).epsilon(0.15));
  CHECK(m.alpha == Approx(world.alpha).epsilon(0.20));
  CHECK(pulse::kpi::p_alive(m, {3, 60, 400, 1}) > 0.99);
  const HoldoutCheck check = check_holdout(m, customers, world.horizon);
  CHECK(check.share == Approx(check.predicted_share).margin(0.03));
}

TEST_CASE("BTYD histories: compression merges identical triples, weights act as counts",
          "[kpi][btyd]") {
  const std::vector<CustomerHistory> raw = {
      {2, 40, 100, 1},
      {0, 0, 50, 1},
      {2, 40, 100, 2},
      {0, 0, 50, 1},
      {1, 10, 20, 1},
      {-1, 0, 10, 1},                                       // negative x: dropped
      {1, 5, 3, 1},                                         // t_x > T: T raised to t_x
      {0, 0, std::numeric_limits<double>::quiet_NaN(), 1},  // dropped
      {3, 30, 90, 0},                                       // weight 0: dropped
  };
  const auto merged = pulse::kpi::compress_histories(raw);
  REQUIRE(merged.size() == 4);
  CHECK(merged[0].x == 0);
  CHECK(merged[0].weight == 2);
  CHECK(merged[1].x == 1);
  CHECK(merged[1].t_x == 5);
  CHECK(merged[1].T == 5);
  CHECK(merged[3].x == 2);
  CHECK(merged[3].weight == 3);

  // A weighted history counts as that many customers in the likelihood.
  BtydModel m;
  m.kind = BtydModelKind::mbg_cnbd;
  m.k = 2;
  m.r = 1.2;
  m.alpha = 40;
  m.a = 0.9;
  m.b = 3;
  const std::vector<CustomerHistory> expanded = {{2, 40, 100, 1}, {2, 40, 100, 1}, {2, 40, 100, 1}};
  CHECK(pulse::kpi::btyd_log_likelihood(m, {{2, 40, 100, 3}}) ==
        Approx(pulse::kpi::btyd_log_likelihood(m, expanded)).epsilon(1e-12));
}

TEST_CASE("BTYD predictions stay in range and MBG lets a one-time buyer be gone", "[kpi][btyd]") {
  BtydModel m;
  m.kind = BtydModelKind::mbg_cnbd;
  m.k = 3;
  m.r = 4;
  m.alpha = 37.5;
  m.a = 0.8;
  m.b = 6;
  // A one-time buyer seen 300 days ago: alive only if the first dropout coin spared them and
  // no order came since; P(alive) well below 1 (BG/NBD would say exactly 1).
  const double one_timer = pulse::kpi::p_alive(m, {0, 0, 300, 1});
  CHECK(one_timer < 0.2);
  CHECK(one_timer > 0);
  for (const CustomerHistory& h : std::vector<CustomerHistory>{
           {0, 0, 0, 1}, {0, 0, 1000, 1}, {1, 1, 1, 1}, {10, 300, 301, 1}, {400, 400, 401, 1}}) {
    for (double horizon : {1.0, 90.0, 365.0, 5000.0}) {
      INFO("x " << h.x << " T " << h.T << " horizon " << horizon);
      const double alive = pulse::kpi::p_alive(m, h);
      const double any = pulse::kpi::p_any_order(m, h, horizon);
      const double orders = pulse::kpi::expected_orders(m, h, horizon);
      CHECK(alive >= 0);
      CHECK(alive <= 1);
      CHECK(any >= 0);
      CHECK(any <= alive + 1e-12);   // only a customer still there can order
      CHECK(orders >= any - 1e-12);  // at least one order whenever any
      CHECK(std::isfinite(orders));
      const pulse::kpi::BtydPrediction all = pulse::kpi::predict(m, h, horizon);
      CHECK(all.p_alive == alive);
      CHECK(all.p_any_order == any);
      CHECK(all.expected_orders == orders);
    }
  }
  // More time, more orders.
  CHECK(pulse::kpi::expected_orders(m, {10, 300, 301, 1}, 365) >
        pulse::kpi::expected_orders(m, {10, 300, 301, 1}, 90));
}

TEST_CASE("BTYD fits on degenerate data: finite, not converged, never NaN", "[kpi][btyd]") {
  const std::vector<std::vector<CustomerHistory>> cases = {
      {},                                        // nobody
      {{0, 0, 100, 50}, {0, 0, 30, 20}},         // nobody reordered
      {{3, 60, 90, 1}},                          // a single customer
      {{0, 0, 0, 10}},                           // everyone's first order is as_of
      {{0, 0, -5, 1}, {std::nan(""), 1, 2, 1}},  // nothing valid
      {{2, 0, 0, 1}, {1, 0, 0, 1}},              // impossible: repeat days at T = 0
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO("case " << i);
    const BtydModel bg = pulse::kpi::fit_bg_nbd(cases[i]);
    const BtydModel cnbd = pulse::kpi::fit_mbg_cnbd(cases[i], 2);
    const BtydModel best = pulse::kpi::fit_best_model(cases[i]);
    for (const BtydModel* m : {&bg, &cnbd, &best}) {
      CHECK(finite_model(*m));
      CHECK_FALSE(m->converged);
      const CustomerHistory probe{1, 10, 40, 1};
      CHECK(std::isfinite(pulse::kpi::p_alive(*m, probe)));
      CHECK(std::isfinite(pulse::kpi::p_any_order(*m, probe, 90)));
      CHECK(std::isfinite(pulse::kpi::expected_orders(*m, probe, 90)));
    }
  }
  // A model that was never fitted (all zero) predicts nothing rather than NaN.
  const BtydModel empty;
  CHECK(pulse::kpi::p_alive(empty, {1, 10, 40, 1}) == 0);
  CHECK(pulse::kpi::expected_orders(empty, {1, 10, 40, 1}, 90) == 0);
}

TEST_CASE("BTYD likelihood gradient equals central differences of the likelihood", "[kpi][btyd]") {
  // Simulated histories (a spread of x, t_x, T, several sharing a triple) and parameters away
  // from the fit, for BG/NBD and MBG/CNBD-k with k = 1..4: each component of the gradient in
  // (ln r, ln alpha, ln a, ln b) must match the slope of btyd_log_likelihood.
  World world;
  world.k = 2;
  world.dropout_at_first = true;
  world.r = 0.8, world.alpha = 30, world.a = 0.6, world.b = 2.5;
  world.customers = 800;
  const auto histories = histories_of(simulate(world, 20261206));
  const std::vector<std::array<double, 4>> points = {
      {0.8, 30, 0.6, 2.5}, {2.0, 5, 0.1, 8.0}, {0.3, 120, 1.5, 0.9}};
  struct Kind {
    BtydModelKind kind;
    int k;
  };
  for (const Kind kind : {Kind{BtydModelKind::bg_nbd, 1}, Kind{BtydModelKind::mbg_cnbd, 1},
                          Kind{BtydModelKind::mbg_cnbd, 2}, Kind{BtydModelKind::mbg_cnbd, 3},
                          Kind{BtydModelKind::mbg_cnbd, 4}}) {
    for (const auto& at : points) {
      BtydModel m;
      m.kind = kind.kind;
      m.k = kind.k;
      m.r = at[0], m.alpha = at[1], m.a = at[2], m.b = at[3];
      const std::array<double, 4> exact = pulse::kpi::btyd_log_likelihood_gradient(m, histories);
      for (int i = 0; i < 4; ++i) {
        const double h = 1e-5;
        BtydModel up = m, down = m;
        double* up_value[] = {&up.r, &up.alpha, &up.a, &up.b};
        double* down_value[] = {&down.r, &down.alpha, &down.a, &down.b};
        *up_value[i] *= std::exp(h);
        *down_value[i] *= std::exp(-h);
        const double slope = (pulse::kpi::btyd_log_likelihood(up, histories) -
                              pulse::kpi::btyd_log_likelihood(down, histories)) /
                             (2 * h);
        INFO("kind " << static_cast<int>(kind.kind) << " k " << kind.k << " parameter " << i);
        CHECK(exact[i] == Approx(slope).epsilon(1e-6).margin(1e-4));
      }
    }
  }
}

TEST_CASE("BTYD fits end on the exact gradient, not on the simplex's fallback", "[kpi][btyd]") {
  // Each fit scouts its starts (at most 60 evaluations each), then BFGS follows the exact
  // gradient to the optimum in a few dozen steps. A wrong gradient leaves BFGS short of a zero
  // gradient, and the simplex's polish takes over with hundreds of evaluations more: the
  // figures stay right, the time triples. Deterministic counts, no clock.
  World world;
  world.k = 2;
  world.dropout_at_first = true;
  world.r = 1.5, world.alpha = 20, world.a = 0.7, world.b = 4;
  world.customers = 3000;
  const auto histories = histories_of(simulate(world, 20261207));
  std::vector<BtydModel> fits;
  const BtydModel best = pulse::kpi::fit_best_model(histories, 4, &fits);
  REQUIRE(best.converged);
  REQUIRE(fits.size() >= 4);  // BG/NBD, then MBG/CNBD-1, -2, -3 at least
  for (const BtydModel& m : fits) {
    INFO(m.name() << ": " << m.evaluations << " evaluations");
    CHECK(m.converged);
    CHECK_FALSE(m.at_bound);
    const int scouts = m.kind == BtydModelKind::bg_nbd ? 3 : 2;
    CHECK(m.evaluations <= scouts * 62 + 120);
  }
}
