#include "pulse/kpi/seasonal_adjustment.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "pulse/util/sort_by.h"

namespace pulse::kpi {
namespace {

constexpr int kMaxSweeps = 100;
constexpr double kTolerance = 1e-10;

/// Subtracts from each series its mean, then from each period the mean over the series
/// present in it; repeats until the period means vanish. `slot` maps every point to its
/// period's dense index.
void demean_two_way(std::vector<LogSeries>& panel,
                    const std::vector<std::vector<std::uint32_t>>& slot, std::size_t slots,
                    bool quantity) {
  std::vector<double> sum(slots), count(slots);
  for (std::size_t s = 0; s < panel.size(); ++s)
    for (std::uint32_t k : slot[s]) count[k] += 1;
  for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
    for (LogSeries& series : panel) {
      std::vector<double>& v = quantity ? series.log_q : series.log_p;
      if (v.empty()) continue;
      double mean = 0;
      for (double x : v) mean += x;
      mean /= static_cast<double>(v.size());
      for (double& x : v) x -= mean;
    }
    std::fill(sum.begin(), sum.end(), 0.0);
    for (std::size_t s = 0; s < panel.size(); ++s) {
      const std::vector<double>& v = quantity ? panel[s].log_q : panel[s].log_p;
      for (std::size_t i = 0; i < v.size(); ++i) sum[slot[s][i]] += v[i];
    }
    double largest = 0;
    for (std::size_t k = 0; k < slots; ++k) {
      if (count[k] > 0) sum[k] /= count[k];
      largest = std::max(largest, std::fabs(sum[k]));
    }
    for (std::size_t s = 0; s < panel.size(); ++s) {
      std::vector<double>& v = quantity ? panel[s].log_q : panel[s].log_p;
      for (std::size_t i = 0; i < v.size(); ++i) v[i] -= sum[slot[s][i]];
    }
    if (largest < kTolerance) break;
  }
}

}  // namespace

std::vector<LogSeries> remove_period_effects(const std::vector<const LogSeries*>& panel) {
  if (panel.size() < kMinSeasonalPanel) return {};
  // The distinct periods in order, each with its slot: marked over the days they span (weeks
  // or months of a few years), which is quicker than sorting every point's period and needs
  // no sort of its own. A span too wide for that (dates decades apart) sorts instead.
  Day first = std::numeric_limits<Day>::max(), last = std::numeric_limits<Day>::min();
  std::size_t points = 0;
  for (const LogSeries* s : panel) {
    points += s->period.size();
    for (Day d : s->period) {
      first = std::min(first, d);
      last = std::max(last, d);
    }
  }
  std::vector<Day> periods;
  std::vector<std::uint32_t> slot_by_day;
  const std::int64_t span = points == 0 ? 0 : std::int64_t{last} - first + 1;
  if (span <=
      std::max<std::int64_t>(std::int64_t{1} << 16, 4 * static_cast<std::int64_t>(points))) {
    slot_by_day.assign(static_cast<std::size_t>(span), 0);
    for (const LogSeries* s : panel)
      for (Day d : s->period) slot_by_day[static_cast<std::size_t>(d - first)] = 1;
    for (std::size_t i = 0; i < slot_by_day.size(); ++i)
      if (slot_by_day[i] != 0) {
        slot_by_day[i] = static_cast<std::uint32_t>(periods.size());
        periods.push_back(first + static_cast<Day>(i));
      }
  } else {
    for (const LogSeries* s : panel)
      periods.insert(periods.end(), s->period.begin(), s->period.end());
    sort_by(periods);
    periods.erase(std::unique(periods.begin(), periods.end()), periods.end());
  }
  const auto slot_of = [&](Day d) {
    if (!slot_by_day.empty()) return slot_by_day[static_cast<std::size_t>(d - first)];
    return static_cast<std::uint32_t>(std::lower_bound(periods.begin(), periods.end(), d) -
                                      periods.begin());
  };
  std::vector<std::uint32_t> present(periods.size(), 0);
  for (const LogSeries* s : panel)
    for (Day d : s->period) ++present[slot_of(d)];

  // Copy the panel without the points alone in their period.
  std::vector<LogSeries> out(panel.size());
  std::vector<std::vector<std::uint32_t>> slot(panel.size());
  for (std::size_t s = 0; s < panel.size(); ++s) {
    const LogSeries& in = *panel[s];
    for (std::size_t i = 0; i < in.size(); ++i) {
      const std::uint32_t k = slot_of(in.period[i]);
      if (present[k] < 2) continue;
      out[s].period.push_back(in.period[i]);
      out[s].log_p.push_back(in.log_p[i]);
      out[s].log_q.push_back(in.log_q[i]);
      slot[s].push_back(k);
    }
  }
  // Dropping singletons can leave new ones only through series that vanish; one pass is
  // enough for the estimate, which needs many points per series anyway.
  demean_two_way(out, slot, periods.size(), false);
  demean_two_way(out, slot, periods.size(), true);
  return out;
}

}  // namespace pulse::kpi
