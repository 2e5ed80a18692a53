#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "pulse/kpi/competing_risks.h"

namespace pulse::kpi {

/// The competing outcomes of a deal, as CompetingObservation causes (0 = still open).
enum DealCause : int { kDealOpen = 0, kDealWon = 1, kDealLost = 2, kDealExpired = 3 };
constexpr int kDealCauses = 3;

struct WinChanceOptions {
  /// Tail rule: an age is read only where at least this many deals are followed beyond it;
  /// an older deal is read at the last such age (m in docs/kpi-deals.md).
  std::int64_t min_followed = 10;
  /// The window of p_close_within and p_won_within (days).
  double window_days = 30;
  /// A covariate is considered only when at least two of its levels have this many deals.
  std::int64_t min_level_deals = 30;
};

/// What one covariate brings: whether it is used and its shrinkage constant k (a stratum with
/// n deals followed beyond the age keeps weight n / (n + k)).
struct CovariateFit {
  bool used = false;
  std::int64_t levels_with_enough = 0;  // levels with at least min_level_deals deals
  double between_variance = 0;          // method-of-moments variance of the levels' win rates
  double k = 0;                         // prior strength; meaningful when used
};

struct WinChance {
  double win_probability = 0;  // P(won eventually | open at this age, covariates)
  double p_close_within = 0;   // P(won, lost or expired within the window | open at this age)
  double p_won_within = 0;     // P(won within the window | open at this age, covariates)
  std::optional<double> days_to_close;  // median of the remaining time to close; null when
                                        // fewer than half close within the follow-up
  bool tail = false;  // the age was beyond the rule's reach: read at the last supported age
};

/// Win chances of open deals from every deal's history (closed deals as events at their
/// cycle, open ones censored at their age): Aalen–Johansen curves overall and per level of
/// each covariate, the level's chance shrunk toward the overall one (empirical Bayes, k by the
/// method of moments across levels) and the covariates combined on the log-odds scale.
/// docs/kpi-deals.md, "Win chance", states every rule.
class WinChanceModel {
 public:
  /// `levels[v][i]` is deal i's level of covariate v (0-based), or -1 when unknown.
  WinChanceModel(std::vector<CompetingObservation> deals, std::vector<std::vector<int>> levels,
                 WinChanceOptions options = {});

  /// The chance of an open deal of `age` days with `levels[v]` per covariate (-1 unknown);
  /// nullopt when there is no deal to learn from.
  std::optional<WinChance> predict(double age, const std::vector<int>& levels) const;

  const CumulativeIncidence& overall() const { return overall_; }
  const std::vector<CovariateFit>& covariates() const { return fits_; }

 private:
  WinChanceOptions options_;
  CumulativeIncidence overall_;
  std::vector<CovariateFit> fits_;
  std::vector<std::vector<CumulativeIncidence>> strata_;  // [covariate][level], used ones only
};

/// Reads one curve at `age` with the tail rule: (F_won(tau) - F_won(a)) / S(a), tau the
/// longest follow-up, a = age or, when fewer than min_followed deals are followed beyond it,
/// the last age with that many (flagged as tail).
std::optional<WinChance> read_win_chance(const CumulativeIncidence& curve, double age,
                                         const WinChanceOptions& options);

}  // namespace pulse::kpi
