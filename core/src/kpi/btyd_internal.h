#pragma once
// Shared by btyd.cpp (fitting, selection), btyd_cnbd.cpp (the likelihood and posterior of the
// whole (M)BG/CNBD-k family, BG/NBD included) and btyd_bgnbd.cpp (BG/NBD's closed forms).

#include <array>
#include <cstddef>
#include <vector>

#include "pulse/kpi/btyd.h"

namespace pulse::kpi::btyd_internal {

/// BG/NBD is the family member with k = 1 and no dropout at the first order.
struct Family {
  int k = 1;
  bool dropout_at_first = false;
};
constexpr int kMaxErlangOrder = 16;
Family family_of(const BtydModel& model);

struct Parameters {
  double r, alpha, a, b;
};

/// Compressed histories indexed for many likelihood evaluations: each distinct x and each
/// distinct day value (T or t_x) is computed on once per evaluation, not once per customer.
class LikelihoodData {
 public:
  explicit LikelihoodData(const std::vector<CustomerHistory>& compressed);
  /// Sum over the weighted histories of the parameter-dependent part of the log-likelihood.
  double core_log_likelihood(const Parameters& p, Family family) const;
  /// Its gradient with respect to (ln r, ln alpha, ln a, ln b), the fit's search coordinates.
  std::array<double, 4> core_log_likelihood_gradient(const Parameters& p, Family family) const;
  /// The parameter-free rest: sum of w ((k x - 1) ln t_x - ln Gamma(k x)) over x > 0.
  double summary_term(int k) const;
  double total_weight() const { return total_weight_; }
  double repeat_weight() const { return repeat_weight_; }  // customers with x > 0
  std::size_t repeat_histories() const { return repeat_histories_; }
  double repeat_rate_per_day() const;  // sum w x / sum w T: a scale for starting points

 private:
  struct Row {
    std::size_t x_index, T_index, t_x_index;
    double recency_gap;  // T - t_x
    double weight;
  };
  std::vector<double> xs_, days_;
  std::vector<Row> rows_;
  std::vector<double> x_of_row_, log_t_x_of_row_;
  double total_weight_ = 0, repeat_weight_ = 0, weighted_x_ = 0, weighted_T_ = 0;
  std::size_t repeat_histories_ = 0;
  /// ln(alpha + day) and 1 / (alpha + day) for every distinct day, into log_day_, inverse_day_.
  void fill_day_terms(double alpha) const;
  // Scratch reused across evaluations (one fit, one thread).
  mutable std::vector<double> base_, order_shape_, log_dead_, phase_coefficients_;
  mutable std::vector<double> log_day_, inverse_day_;
};

/// What the history says about a customer's state at as_of, under the model.
struct Posterior {
  double p_alive = 1;
  // Given alive: with probability phase_weight[i] the customer has completed i of the k Erlang
  // phases of the gap in progress, and then the phase rate is gamma(shape + i, rate).
  std::vector<double> phase_weight;
  double shape = 0, rate = 0;
  // Given alive, the dropout probability is beta(dropout_a, dropout_b).
  double dropout_a = 0, dropout_b = 0;
  int k = 1;
};
Posterior posterior(const BtydModel& model, const CustomerHistory& h);

/// P(no order in (T, T + horizon] | alive) from the posterior.
double p_no_order_if_alive(const Posterior& post, double horizon);
/// E[orders in (T, T + horizon] | alive), summed over the posterior count of Erlang phases.
double expected_orders_if_alive(const Posterior& post, double horizon);

/// BG/NBD's conditional expectation by Fader, Hardie & Lee's closed form (with 2F1); < 0 when
/// the closed form is ill-conditioned at these parameters (a near 1, c near a pole).
double bg_nbd_expected_orders_closed_form(const BtydModel& model, const CustomerHistory& h,
                                          double horizon, double p_alive);

/// A history made valid (see compress_histories); false when it has to be dropped.
bool sanitize(CustomerHistory& h);

}  // namespace pulse::kpi::btyd_internal
