#include "pulse/kpi/competing_risks.h"

#include <algorithm>

#include "pulse/util/sort_by.h"

namespace pulse::kpi {

CumulativeIncidence::CumulativeIncidence(std::vector<CompetingObservation> observations, int causes)
    : causes_(causes), subjects_(observations.size()) {
  // By time, and at equal times events (cause > 0) before censorings (cause 0).
  sort_by(observations, [](const CompetingObservation& a, const CompetingObservation& b) {
    if (a.time != b.time) return a.time < b.time;
    return (a.cause > 0) > (b.cause > 0);
  });
  all_times_.reserve(observations.size());
  for (const CompetingObservation& o : observations) all_times_.push_back(o.time);
  if (!observations.empty()) last_time_ = observations.back().time;

  double s = 1.0;
  std::vector<double> f(static_cast<std::size_t>(causes), 0.0);
  std::vector<std::int64_t> d(static_cast<std::size_t>(causes), 0);
  std::size_t i = 0;
  const std::size_t n = observations.size();
  while (i < n) {
    const double t = observations[i].time;
    const auto at_risk = static_cast<double>(n - i);  // everyone with time >= t
    std::fill(d.begin(), d.end(), 0);
    std::int64_t events = 0;
    std::size_t j = i;
    for (; j < n && observations[j].time == t; ++j) {
      const int k = observations[j].cause;
      if (k < 1 || k > causes) continue;  // censored (or a cause out of range: treated so)
      ++d[static_cast<std::size_t>(k - 1)];
      ++events;
    }
    if (events > 0) {
      for (int k = 0; k < causes; ++k)
        f[static_cast<std::size_t>(k)] +=
            s * static_cast<double>(d[static_cast<std::size_t>(k)]) / at_risk;
      s *= 1.0 - static_cast<double>(events) / at_risk;
      times_.push_back(t);
      survival_.push_back(s);
      incidence_.insert(incidence_.end(), f.begin(), f.end());
    }
    i = j;
  }
}

std::size_t CumulativeIncidence::step(double t) const {
  return static_cast<std::size_t>(std::upper_bound(times_.begin(), times_.end(), t) -
                                  times_.begin());
}

double CumulativeIncidence::survival(double t) const {
  const std::size_t k = step(t);
  return k == 0 ? 1.0 : survival_[k - 1];
}

double CumulativeIncidence::incidence(int cause, double t) const {
  if (cause < 1 || cause > causes_) return 0.0;
  const std::size_t k = step(t);
  return k == 0 ? 0.0
                : incidence_[(k - 1) * static_cast<std::size_t>(causes_) +
                             static_cast<std::size_t>(cause - 1)];
}

std::int64_t CumulativeIncidence::followed_after(double t) const {
  return static_cast<std::int64_t>(all_times_.end() -
                                   std::upper_bound(all_times_.begin(), all_times_.end(), t));
}

std::optional<double> CumulativeIncidence::last_time_followed_by(std::int64_t count) const {
  if (count <= 0) return last_time_;
  if (static_cast<std::int64_t>(all_times_.size()) < count) return std::nullopt;
  // The count-th largest time: just below it, `count` subjects are still followed. Any a
  // below that time qualifies; the largest such a on the step scale is the previous distinct
  // time (or 0 when none).
  const double kth = all_times_[all_times_.size() - static_cast<std::size_t>(count)];
  const auto below = std::lower_bound(all_times_.begin(), all_times_.end(), kth);
  if (below == all_times_.begin()) return std::min(0.0, kth - 1.0);
  return *(below - 1);
}

}  // namespace pulse::kpi
