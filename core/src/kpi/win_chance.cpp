#include "pulse/kpi/win_chance.h"

#include <algorithm>
#include <cmath>

namespace pulse::kpi {
namespace {

constexpr double kEdge = 1e-6;  // log-odds are taken of probabilities clamped to [e, 1 - e]

double logit(double p) {
  p = std::clamp(p, kEdge, 1.0 - kEdge);
  return std::log(p / (1.0 - p));
}
double inverse_logit(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

/// Between-level variance of the win rate among closed deals, by the method of moments for an
/// unbalanced one-way layout: [sum n_l (p_l - p)^2 - (L - 1) p (1 - p)] / (N - sum n_l^2 / N).
/// It is what the levels differ by beyond binomial noise; <= 0 means no detectable difference.
double between_variance(const std::vector<std::int64_t>& closed,
                        const std::vector<std::int64_t>& won, double& pooled) {
  double n_total = 0, won_total = 0, n_squares = 0, levels = 0;
  for (std::size_t l = 0; l < closed.size(); ++l) {
    if (closed[l] == 0) continue;
    n_total += static_cast<double>(closed[l]);
    won_total += static_cast<double>(won[l]);
    n_squares += static_cast<double>(closed[l]) * static_cast<double>(closed[l]);
    ++levels;
  }
  if (levels < 2 || n_total <= 0) return 0;
  pooled = won_total / n_total;
  double spread = 0;
  for (std::size_t l = 0; l < closed.size(); ++l) {
    if (closed[l] == 0) continue;
    const double p = static_cast<double>(won[l]) / static_cast<double>(closed[l]);
    spread += static_cast<double>(closed[l]) * (p - pooled) * (p - pooled);
  }
  const double denominator = n_total - n_squares / n_total;
  if (denominator <= 0) return 0;
  return (spread - (levels - 1) * pooled * (1.0 - pooled)) / denominator;
}

}  // namespace

std::optional<WinChance> read_win_chance(const CumulativeIncidence& curve, double age,
                                         const WinChanceOptions& options) {
  if (curve.event_times().empty()) return std::nullopt;  // nothing has closed yet
  WinChance out;
  double a = std::max(age, 0.0);
  if (curve.followed_after(a) < options.min_followed) {
    out.tail = true;
    // Too few deals followed this far: read at the last age that still has min_followed of
    // them; with fewer deals than that in all, at the start (the overall shares).
    a = curve.last_time_followed_by(options.min_followed).value_or(-1.0);
  }
  const double s = curve.survival(a);
  if (s <= 0) return std::nullopt;  // cannot happen while deals are followed beyond a
  const double won_at = curve.incidence(kDealWon, a);
  out.win_probability = (curve.incidence(kDealWon, curve.last_time()) - won_at) / s;
  out.p_close_within = 1.0 - curve.survival(a + options.window_days) / s;
  out.p_won_within = (curve.incidence(kDealWon, a + options.window_days) - won_at) / s;
  for (double t : curve.event_times()) {
    if (t <= a) continue;
    if (curve.survival(t) / s <= 0.5) {
      out.days_to_close = t - a;
      break;
    }
  }
  return out;
}

WinChanceModel::WinChanceModel(std::vector<CompetingObservation> deals,
                               std::vector<std::vector<int>> levels, WinChanceOptions options)
    : options_(options), overall_(deals, kDealCauses) {
  fits_.resize(levels.size());
  strata_.resize(levels.size());
  for (std::size_t v = 0; v < levels.size(); ++v) {
    const std::vector<int>& level = levels[v];
    int count = 0;
    for (int l : level) count = std::max(count, l + 1);
    std::vector<std::vector<CompetingObservation>> by_level(static_cast<std::size_t>(count));
    std::vector<std::int64_t> closed(by_level.size(), 0), won(by_level.size(), 0);
    for (std::size_t i = 0; i < deals.size() && i < level.size(); ++i) {
      if (level[i] < 0) continue;
      const auto l = static_cast<std::size_t>(level[i]);
      by_level[l].push_back(deals[i]);
      if (deals[i].cause != kDealOpen) ++closed[l];
      if (deals[i].cause == kDealWon) ++won[l];
    }
    CovariateFit& fit = fits_[v];
    for (const auto& group : by_level)
      if (static_cast<std::int64_t>(group.size()) >= options_.min_level_deals)
        ++fit.levels_with_enough;
    double pooled = 0;
    fit.between_variance = between_variance(closed, won, pooled);
    // Used only when two levels are well populated and the levels differ beyond noise; then
    // k is the beta-binomial prior strength matching that variance: p(1-p)/var - 1.
    fit.used = fit.levels_with_enough >= 2 && fit.between_variance > 0;
    if (!fit.used) continue;
    fit.k = std::max(0.0, pooled * (1.0 - pooled) / fit.between_variance - 1.0);
    for (auto& group : by_level) strata_[v].emplace_back(std::move(group), kDealCauses);
  }
}

std::optional<WinChance> WinChanceModel::predict(double age, const std::vector<int>& levels) const {
  auto base = read_win_chance(overall_, age, options_);
  if (!base) return base;
  const double prior = base->win_probability;
  double log_odds = logit(prior);
  bool moved = false;
  for (std::size_t v = 0; v < fits_.size() && v < levels.size(); ++v) {
    if (!fits_[v].used || levels[v] < 0) continue;
    const auto l = static_cast<std::size_t>(levels[v]);
    if (l >= strata_[v].size()) continue;
    const CumulativeIncidence& stratum = strata_[v][l];
    const auto own = read_win_chance(stratum, age, options_);
    if (!own) continue;
    const auto n = static_cast<double>(stratum.followed_after(std::max(age, 0.0)));
    const double weight = n / (n + fits_[v].k);
    const double shrunk = weight * own->win_probability + (1.0 - weight) * prior;
    log_odds += logit(shrunk) - logit(prior);
    moved = true;
  }
  if (!moved) return base;
  WinChance out = *base;
  out.win_probability = inverse_logit(log_odds);
  // Timing comes from the overall curve; the 30-day win chance moves with the win chance.
  if (prior > 0)
    out.p_won_within =
        std::min(out.p_close_within, base->p_won_within * out.win_probability / prior);
  return out;
}

}  // namespace pulse::kpi
