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
///
/// The values are worked on flattened (series after series), and each sweep makes two passes
/// over them where the plain statement of the method makes four: subtracting a series' mean
/// and adding its values into their periods' sums in one, subtracting the periods' means and
/// summing the series for its next mean in the other. Every value sees the same operations in
/// the same order, so the result is the same bits (tests/kpi/seasonal_adjustment_test.cpp).
void demean_two_way(std::vector<LogSeries>& panel,
                    const std::vector<std::vector<std::uint32_t>>& slot, std::size_t slots,
                    bool quantity) {
  std::vector<double> x;
  std::vector<std::uint32_t> k;
  std::vector<std::size_t> start(panel.size() + 1, 0);
  std::size_t points = 0;
  for (const LogSeries& series : panel) points += series.size();
  x.reserve(points);
  k.reserve(points);
  for (std::size_t s = 0; s < panel.size(); ++s) {
    const std::vector<double>& v = quantity ? panel[s].log_q : panel[s].log_p;
    x.insert(x.end(), v.begin(), v.end());
    k.insert(k.end(), slot[s].begin(), slot[s].end());
    start[s + 1] = x.size();
  }
  std::vector<double> sum(slots), count(slots);
  for (const std::uint32_t at : k) count[at] += 1;
  // Each series' mean for the first sweep.
  std::vector<double> mean(panel.size(), 0.0);
  for (std::size_t s = 0; s < panel.size(); ++s) {
    if (start[s] == start[s + 1]) continue;
    double total = 0;
    for (std::size_t i = start[s]; i < start[s + 1]; ++i) total += x[i];
    mean[s] = total / static_cast<double>(start[s + 1] - start[s]);
  }
  for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
    std::fill(sum.begin(), sum.end(), 0.0);
    for (std::size_t s = 0; s < panel.size(); ++s) {
      const double m = mean[s];
      for (std::size_t i = start[s]; i < start[s + 1]; ++i) {
        x[i] -= m;
        sum[k[i]] += x[i];
      }
    }
    double largest = 0;
    for (std::size_t p = 0; p < slots; ++p) {
      if (count[p] > 0) sum[p] /= count[p];
      largest = std::max(largest, std::fabs(sum[p]));
    }
    for (std::size_t s = 0; s < panel.size(); ++s) {
      double total = 0;
      for (std::size_t i = start[s]; i < start[s + 1]; ++i) {
        x[i] -= sum[k[i]];
        total += x[i];
      }
      if (start[s] != start[s + 1]) mean[s] = total / static_cast<double>(start[s + 1] - start[s]);
    }
    if (largest < kTolerance) break;
  }
  for (std::size_t s = 0; s < panel.size(); ++s) {
    std::vector<double>& v = quantity ? panel[s].log_q : panel[s].log_p;
    std::copy(x.begin() + static_cast<std::ptrdiff_t>(start[s]),
              x.begin() + static_cast<std::ptrdiff_t>(start[s + 1]), v.begin());
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
    out[s].period.reserve(in.size());
    out[s].log_p.reserve(in.size());
    out[s].log_q.reserve(in.size());
    slot[s].reserve(in.size());
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
