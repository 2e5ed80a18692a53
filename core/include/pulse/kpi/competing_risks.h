#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace pulse::kpi {

/// One subject followed from time 0: it left at `time` for `cause` (1..K), or was still there
/// when last seen (`cause` 0: right-censored at `time`).
struct CompetingObservation {
  double time = 0;
  int cause = 0;
};

/// Cumulative incidence of K competing causes with right censoring: the Aalen–Johansen
/// estimator (Aalen & Johansen 1978; Putter, Fiocco & Geskus 2007) for a single initial state.
/// At each distinct event time t_j with n_j subjects at risk (time >= t_j) and d_kj events of
/// cause k:
///   F_k(t_j) = F_k(t_j-1) + S(t_j-) * d_kj / n_j,   S(t_j) = S(t_j-) * (1 - d_j / n_j),
/// S being the Kaplan–Meier probability of no event yet. Ties: events come before censorings
/// at the same time (a subject censored at t_j is still at risk at t_j), the usual convention.
/// Every function is a right-continuous step function of time.
class CumulativeIncidence {
 public:
  CumulativeIncidence() = default;
  CumulativeIncidence(std::vector<CompetingObservation> observations, int causes);

  int causes() const { return causes_; }
  std::size_t subjects() const { return subjects_; }
  /// The distinct times at which some event happened, ascending (the steps).
  const std::vector<double>& event_times() const { return times_; }
  /// The longest follow-up: the largest time of any subject, event or censoring (0 if none).
  double last_time() const { return last_time_; }

  /// S(t): probability of no event of any cause by time t (1 before the first event).
  double survival(double t) const;
  /// F_k(t), k in 1..K: probability of leaving for cause k by time t.
  double incidence(int cause, double t) const;
  /// Subjects whose time is strictly greater than t (still followed after t).
  std::int64_t followed_after(double t) const;
  /// The largest time a at which the curves can be read with at least `count` subjects
  /// followed after a (every function is constant from a up to the next subject's time);
  /// nullopt when fewer than `count` subjects exist at all.
  std::optional<double> last_time_followed_by(std::int64_t count) const;

 private:
  std::size_t step(double t) const;  // number of event times <= t

  int causes_ = 0;
  std::size_t subjects_ = 0;
  double last_time_ = 0;
  std::vector<double> times_;
  std::vector<double> survival_;   // S after each step
  std::vector<double> incidence_;  // F_k after each step: [step * causes + k - 1]
  std::vector<double> all_times_;  // every subject's time, ascending
};

}  // namespace pulse::kpi
