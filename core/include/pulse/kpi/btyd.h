#pragma once

#include <array>
#include <vector>

namespace pulse::kpi {

/// "Buy till you die" models of repeat ordering (docs/kpi.md "Return probability models"):
/// each customer orders at an individual rate while alive and may drop out for good after an
/// order; the rates are gamma and the dropout probabilities beta distributed over customers.
/// Time unit: days. Pure functions: nothing here throws.

/// One customer's history in days, as BTYD models take it: x = number of repeat order days
/// (order days after the first), t_x = days from the first order day to the last, T = days from
/// the first order day to as_of. weight = how many customers share exactly this history (inputs
/// are compressed: identical triples are merged, which matters for 1 M customers).
struct CustomerHistory {
  double x = 0;
  double t_x = 0;
  double T = 0;
  double weight = 1;
};

enum class BtydModelKind {
  bg_nbd,    // Fader, Hardie & Lee (2005): Poisson orders; dropout only after a repeat order
  mbg_cnbd,  // Reutterer, Platzer & Schröder (2020): Erlang-k gaps; dropout after any order,
             // the first included
};

struct BtydModel {
  BtydModelKind kind = BtydModelKind::bg_nbd;
  int k = 1;  // Erlang order of the inter-order times (MBG/CNBD-k); 1 for BG/NBD
  // gamma(r, alpha) rates of the Erlang phases (alpha in days; a customer's mean gap is
  // k / rate days), beta(a, b) dropout probability after an order.
  double r = 0, alpha = 0, a = 0, b = 0;
  /// At the fit, over the weighted histories: the log density of the summaries (x, t_x, T)
  /// themselves, comparable across kinds and k (see btyd_log_likelihood).
  double log_likelihood = 0;
  double customers = 0;    // sum of weights fitted
  bool converged = false;  // optimizer met its tolerances and the data can identify the
                           // parameters (at least 5 customers, at least one repeat order)
  // A log-parameter ended within 0.1 of its search limit (e^-9 .. e^11): the likelihood keeps
  // rising towards a limit model, e.g. a -> 0 with b -> infinity (nobody drops out: the NBD),
  // or r, alpha -> infinity (every customer has the same rate). The parameters then describe
  // that limit closely and the predictions stay sound; the raw values are not meaningful.
  bool at_bound = false;
  int evaluations = 0;       // likelihood evaluations the fit used (its gradients not counted)
  const char* name() const;  // "bg_nbd", "mbg_cnbd_1" ... "mbg_cnbd_9", "mbg_cnbd_k" beyond
};

/// Histories with invalid fields dropped (non-finite, negative, weight <= 0), t_x clamped to
/// [0, T], x > 0 with t_x = 0 given t_x = 0.5 day (an order day after the first is at least a
/// day later), and identical triples merged, weights summed; sorted by (x, t_x, T).
std::vector<CustomerHistory> compress_histories(const std::vector<CustomerHistory>& histories);

/// Maximum likelihood fits. Never throw; with data that cannot identify the model (no customer,
/// no repeat order, fewer than 5 customers) the result has finite parameters and
/// converged = false.
BtydModel fit_bg_nbd(const std::vector<CustomerHistory>& histories);
BtydModel fit_mbg_cnbd(const std::vector<CustomerHistory>& histories, int k);

/// The selection rule: fit BG/NBD and MBG/CNBD-k for k = 1, 2, ... max_k and keep the highest
/// log-likelihood among the converged fits (all have four free parameters, so this is also the
/// lowest AIC and BIC); the highest overall when none converged. Ties keep the simpler model
/// (BG/NBD first, then smaller k). The k are tried in order, each starting from the previous
/// fit, and the search stops at the first k >= 3 whose likelihood falls below the previous k's
/// (the profile over k is single-peaked in practice; this halves the work on real data).
/// `candidates`, when given, receives every model fitted, in order.
BtydModel fit_best_model(const std::vector<CustomerHistory>& histories, int max_k = 4,
                         std::vector<BtydModel>* candidates = nullptr);

/// Log-likelihood of the weighted histories under `model`: the sum over customers of the log of
/// P(x repeat orders, last at t_x | observed for T days), a density in t_x when x > 0. It
/// differs from the path likelihood of the papers (density of all order times) by a term free of
/// r, alpha, a, b, so the fitted parameters are the papers' ones; unlike the path likelihood
/// without inter-order times, it compares models with different k on the same data.
double btyd_log_likelihood(const BtydModel& model, const std::vector<CustomerHistory>& histories);

/// Its gradient with respect to (ln r, ln alpha, ln a, ln b): what the fit's polish follows.
std::array<double, 4> btyd_log_likelihood_gradient(const BtydModel& model,
                                                   const std::vector<CustomerHistory>& histories);

/// P(the customer is still alive at as_of | history).
double p_alive(const BtydModel& model, const CustomerHistory& h);

/// Expected orders in (T, T + horizon], and the probability of at least one.
double expected_orders(const BtydModel& model, const CustomerHistory& h, double horizon);
double p_any_order(const BtydModel& model, const CustomerHistory& h, double horizon);
/// The three figures above at once, from one posterior (cheaper than three calls). Callers
/// scoring many customers can also cache by (x, t_x, T): customers sharing a triple share it.
struct BtydPrediction {
  double p_alive = 0, p_any_order = 0, expected_orders = 0;
};
BtydPrediction predict(const BtydModel& model, const CustomerHistory& h, double horizon);

/// The same expectation as expected_orders, summed over the posterior number of Erlang phases
/// completed in the horizon (exact for every kind). expected_orders uses it except for BG/NBD,
/// where it takes Fader, Hardie & Lee's closed form when well conditioned; the two derivations
/// check each other in the tests.
double expected_orders_summed(const BtydModel& model, const CustomerHistory& h, double horizon);

}  // namespace pulse::kpi
