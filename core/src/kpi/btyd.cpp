// Fitting and selection of the BTYD models, and the public entry points (docs/kpi.md
// "Return probability models (BG/NBD, MBG/CNBD-k)").

#include "pulse/kpi/btyd.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <tuple>

#include "btyd_internal.h"
#include "pulse/kpi/minimize.h"
#include "pulse/util/sort_by.h"

namespace pulse::kpi {

using btyd_internal::Family;
using btyd_internal::LikelihoodData;
using btyd_internal::Parameters;

const char* BtydModel::name() const {
  static const char* const kNames[] = {"mbg_cnbd_k", "mbg_cnbd_1", "mbg_cnbd_2", "mbg_cnbd_3",
                                       "mbg_cnbd_4", "mbg_cnbd_5", "mbg_cnbd_6", "mbg_cnbd_7",
                                       "mbg_cnbd_8", "mbg_cnbd_9"};
  if (kind == BtydModelKind::bg_nbd) return "bg_nbd";
  return (k >= 1 && k <= 9) ? kNames[k] : kNames[0];
}

namespace btyd_internal {

bool sanitize(CustomerHistory& h) {
  if (!std::isfinite(h.x) || !std::isfinite(h.t_x) || !std::isfinite(h.T) ||
      !std::isfinite(h.weight) || h.x < 0 || h.t_x < 0 || h.T < 0 || !(h.weight > 0))
    return false;
  // A repeat order day is at least one day after the first: t_x = 0 with x > 0 cannot come
  // from order days, and would make the density in t_x zero.
  if (h.x > 0) h.t_x = std::max(h.t_x, 0.5);
  if (h.x == 0) h.t_x = 0;
  h.T = std::max(h.T, h.t_x);
  return true;
}

}  // namespace btyd_internal

std::vector<CustomerHistory> compress_histories(const std::vector<CustomerHistory>& histories) {
  std::vector<CustomerHistory> valid;
  valid.reserve(histories.size());
  for (CustomerHistory h : histories)
    if (btyd_internal::sanitize(h)) valid.push_back(h);
  auto key = [](const CustomerHistory& h) { return std::tie(h.x, h.t_x, h.T); };
  sort_by(valid,
          [&](const CustomerHistory& l, const CustomerHistory& r) { return key(l) < key(r); });
  std::vector<CustomerHistory> merged;
  for (const CustomerHistory& h : valid) {
    if (!merged.empty() && key(merged.back()) == key(h))
      merged.back().weight += h.weight;
    else
      merged.push_back(h);
  }
  return merged;
}

namespace {

// Parameters are searched as logarithms inside these bounds (e^-9 ~ 1.2e-4, e^11 ~ 6e4); a
// fit within kBoundMargin of a bound is flagged at_bound: the likelihood rises towards a limit
// model (no dropout, or one common rate), which these values approximate closely.
constexpr double kLogLower = -9.0, kLogUpper = 11.0, kBoundMargin = 0.1;
// Fewer customers than this cannot identify four parameters; the fit is still made.
constexpr double kMinCustomers = 5;

struct Fit {
  Parameters p{1, 1, 1, 1};
  double core_log_likelihood = 0;
  bool converged = false;
  bool at_bound = false;
  int evaluations = 0;
};

std::vector<double> to_search(const Parameters& p) {
  auto clamp_log = [](double v) { return std::clamp(std::log(v), kLogLower + 1, kLogUpper - 1); };
  return {clamp_log(p.r), clamp_log(p.alpha), clamp_log(p.a), clamp_log(p.b)};
}
Parameters from_search(const std::vector<double>& theta) {
  return {std::exp(theta[0]), std::exp(theta[1]), std::exp(theta[2]), std::exp(theta[3])};
}

// Several starting points (a short search from each), then the best one polished with
// restarts: the likelihood has flat ridges (a and b trade off) where one simplex can stall.
Fit fit_family(const LikelihoodData& data, Family family,
               const std::vector<Parameters>& extra_starts) {
  Fit fit;
  const double weight = data.total_weight();
  // A scale for alpha: the phase rate r / alpha should match k times the observed repeat rate.
  const double rate = data.repeat_rate_per_day() > 0 ? data.repeat_rate_per_day() : 1.0 / 365.0;
  auto start = [&](double r, double a, double b) {
    return Parameters{r, r / (family.k * rate), a, b};
  };
  // A warm start (the previous k's fit) replaces two of the three default scouting starts.
  std::vector<Parameters> starts = {start(1, 1, 3)};
  if (extra_starts.empty()) starts.insert(starts.end(), {start(0.5, 0.5, 8), start(3, 2, 2)});
  starts.insert(starts.end(), extra_starts.begin(), extra_starts.end());
  fit.p = starts.front();
  if (!(weight > 0)) return fit;

  int evaluations = 0;
  auto objective = [&](const std::vector<double>& theta) {
    ++evaluations;
    for (double v : theta)
      if (!(v > kLogLower && v < kLogUpper)) return std::numeric_limits<double>::infinity();
    return -data.core_log_likelihood(from_search(theta), family) / weight;
  };
  // Short scouts: each only has to tell which basin its start lies in. The polish below
  // settles the best one; 60 evaluations found the same optima as 150 on Online Retail and
  // the samples (docs/performance.md, "The return models' fit" under "The CLI against
  // native DuckDB").
  MinimizeOptions scout;
  scout.max_evaluations = 60;
  scout.value_tolerance = 1e-6;
  scout.point_tolerance = 1e-3;
  scout.restarts = 0;
  MinimizeResult best;
  best.value = std::numeric_limits<double>::infinity();
  for (const Parameters& s : starts) {
    MinimizeResult r = minimize_nelder_mead(objective, to_search(s), scout);
    if (r.value < best.value) best = std::move(r);
  }
  if (std::isfinite(best.value)) {
    // The polish follows the likelihood's curvature (quasi-Newton, on the exact gradient):
    // where a and b trade off along a flat ridge the simplex took 500-650 calls to settle,
    // this reaches the same value (within 1e-10 per customer) in a few dozen steps
    // (docs/performance.md, "The return models' fit" under "The CLI against native DuckDB").
    const auto slope = [&](const std::vector<double>& theta, std::vector<double>& g) {
      const std::array<double, 4> d = data.core_log_likelihood_gradient(from_search(theta), family);
      for (std::size_t i = 0; i < 4; ++i) g[i] = -d[i] / weight;
    };
    QuasiNewtonOptions newton;
    newton.max_evaluations = 3000;
    newton.gradient_tolerance = 1e-7;
    MinimizeResult r = minimize_quasi_newton(objective, slope, best.point, newton);
    if (!r.converged) {
      // Stopped short of a zero gradient: against a bound (the limit models) or at the floor
      // of the arithmetic. The simplex settles there as it always did, and says if it cannot.
      MinimizeOptions polish;
      polish.max_evaluations = 3000;
      polish.value_tolerance = 1e-9;
      polish.point_tolerance = 1e-5;
      polish.initial_step = 0.2;
      polish.restarts = 1;
      r = minimize_nelder_mead(objective, r.value <= best.value ? r.point : best.point, polish);
    }
    if (r.value <= best.value)
      best = std::move(r);
    else
      best.converged = false;
  }
  fit.evaluations = evaluations;
  if (!std::isfinite(best.value)) return fit;
  fit.p = from_search(best.point);
  fit.core_log_likelihood = -best.value * weight;
  const bool inside = std::all_of(best.point.begin(), best.point.end(), [](double v) {
    return v > kLogLower + kBoundMargin && v < kLogUpper - kBoundMargin;
  });
  const bool identifiable = weight >= kMinCustomers && data.repeat_weight() > 0;
  fit.converged = best.converged && identifiable;
  fit.at_bound = !inside;
  return fit;
}

BtydModel to_model(const Fit& fit, BtydModelKind kind, int k, const LikelihoodData& data) {
  BtydModel m;
  m.kind = kind;
  m.k = kind == BtydModelKind::bg_nbd ? 1 : k;
  m.r = fit.p.r;
  m.alpha = fit.p.alpha;
  m.a = fit.p.a;
  m.b = fit.p.b;
  m.customers = data.total_weight();
  m.log_likelihood =
      data.total_weight() > 0 ? fit.core_log_likelihood + data.summary_term(m.k) : 0.0;
  m.converged = fit.converged;
  m.at_bound = fit.at_bound;
  m.evaluations = fit.evaluations;
  return m;
}

BtydModel fit_cnbd(const LikelihoodData& data, int k, const std::vector<Parameters>& extra_starts) {
  k = std::clamp(k, 1, btyd_internal::kMaxErlangOrder);
  return to_model(fit_family(data, {k, true}, extra_starts), BtydModelKind::mbg_cnbd, k, data);
}

}  // namespace

BtydModel fit_bg_nbd(const std::vector<CustomerHistory>& histories) {
  const LikelihoodData data(compress_histories(histories));
  return to_model(fit_family(data, {1, false}, {}), BtydModelKind::bg_nbd, 1, data);
}

BtydModel fit_mbg_cnbd(const std::vector<CustomerHistory>& histories, int k) {
  const LikelihoodData data(compress_histories(histories));
  return fit_cnbd(data, k, {});
}

BtydModel fit_best_model(const std::vector<CustomerHistory>& histories, int max_k,
                         std::vector<BtydModel>* candidates) {
  const LikelihoodData data(compress_histories(histories));
  BtydModel best = to_model(fit_family(data, {1, false}, {}), BtydModelKind::bg_nbd, 1, data);
  if (candidates) candidates->assign(1, best);
  // Each k starts also from the previous fit, with alpha scaled so the mean gap k / rate stays.
  Parameters previous{best.r, best.alpha, best.a, best.b};
  int previous_k = 1;
  double previous_log_likelihood = -std::numeric_limits<double>::infinity();
  auto better = [](const BtydModel& challenger, const BtydModel& holder) {
    if (challenger.converged != holder.converged) return challenger.converged;
    return challenger.log_likelihood > holder.log_likelihood;
  };
  for (int k = 1; k <= std::clamp(max_k, 1, btyd_internal::kMaxErlangOrder); ++k) {
    Parameters warm = previous;
    warm.alpha *= static_cast<double>(k) / previous_k;
    const BtydModel m = fit_cnbd(data, k, {warm});
    if (candidates) candidates->push_back(m);
    if (better(m, best)) best = m;
    // MBG/CNBD-1 and -2 are always compared; past them a falling likelihood ends the search.
    if (k >= 3 && m.converged && m.log_likelihood < previous_log_likelihood) break;
    previous_log_likelihood = m.log_likelihood;
    previous = {m.r, m.alpha, m.a, m.b};
    previous_k = k;
  }
  return best;
}

double btyd_log_likelihood(const BtydModel& model, const std::vector<CustomerHistory>& histories) {
  const LikelihoodData data(compress_histories(histories));
  if (!(data.total_weight() > 0)) return 0.0;
  const Family family = btyd_internal::family_of(model);
  return data.core_log_likelihood({model.r, model.alpha, model.a, model.b}, family) +
         data.summary_term(family.k);
}

std::array<double, 4> btyd_log_likelihood_gradient(const BtydModel& model,
                                                   const std::vector<CustomerHistory>& histories) {
  const LikelihoodData data(compress_histories(histories));
  if (!(data.total_weight() > 0)) return {0, 0, 0, 0};
  return data.core_log_likelihood_gradient({model.r, model.alpha, model.a, model.b},
                                           btyd_internal::family_of(model));
}

namespace {

bool usable(const BtydModel& m) {
  for (double v : {m.r, m.alpha, m.a, m.b})
    if (!(v > 0) || !std::isfinite(v)) return false;
  return true;
}

}  // namespace

double p_alive(const BtydModel& model, const CustomerHistory& h) {
  CustomerHistory clean = h;
  clean.weight = 1;
  if (!usable(model) || !btyd_internal::sanitize(clean)) return 0.0;
  return btyd_internal::posterior(model, clean).p_alive;
}

double p_any_order(const BtydModel& model, const CustomerHistory& h, double horizon) {
  CustomerHistory clean = h;
  clean.weight = 1;
  if (!usable(model) || !btyd_internal::sanitize(clean) || !(horizon > 0)) return 0.0;
  const btyd_internal::Posterior post = btyd_internal::posterior(model, clean);
  return post.p_alive * (1.0 - btyd_internal::p_no_order_if_alive(post, horizon));
}

double expected_orders_summed(const BtydModel& model, const CustomerHistory& h, double horizon) {
  CustomerHistory clean = h;
  clean.weight = 1;
  if (!usable(model) || !btyd_internal::sanitize(clean) || !(horizon > 0)) return 0.0;
  const btyd_internal::Posterior post = btyd_internal::posterior(model, clean);
  return post.p_alive * btyd_internal::expected_orders_if_alive(post, horizon);
}

namespace {

double expected_from_posterior(const BtydModel& model, const CustomerHistory& clean, double horizon,
                               const btyd_internal::Posterior& post) {
  if (model.kind == BtydModelKind::bg_nbd) {
    const double closed =
        btyd_internal::bg_nbd_expected_orders_closed_form(model, clean, horizon, post.p_alive);
    if (closed >= 0) return closed;
  }
  return post.p_alive * btyd_internal::expected_orders_if_alive(post, horizon);
}

}  // namespace

double expected_orders(const BtydModel& model, const CustomerHistory& h, double horizon) {
  CustomerHistory clean = h;
  clean.weight = 1;
  if (!usable(model) || !btyd_internal::sanitize(clean) || !(horizon > 0)) return 0.0;
  return expected_from_posterior(model, clean, horizon, btyd_internal::posterior(model, clean));
}

BtydPrediction predict(const BtydModel& model, const CustomerHistory& h, double horizon) {
  CustomerHistory clean = h;
  clean.weight = 1;
  BtydPrediction out;
  if (!usable(model) || !btyd_internal::sanitize(clean)) return out;
  const btyd_internal::Posterior post = btyd_internal::posterior(model, clean);
  out.p_alive = post.p_alive;
  if (!(horizon > 0)) return out;
  out.p_any_order = post.p_alive * (1.0 - btyd_internal::p_no_order_if_alive(post, horizon));
  out.expected_orders = expected_from_posterior(model, clean, horizon, post);
  return out;
}

}  // namespace pulse::kpi
