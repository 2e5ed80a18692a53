#include "pulse/kpi/product_points.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <utility>

#include "pulse/kpi/exact_sum.h"

namespace pulse::kpi {
namespace {

Day period_start(Day d, bool monthly) {
  return monthly ? month_start(d) : week_start(d);
}

/// The most days a point can lie after its period's first day: a week's Sunday, a month's 31st.
/// points_in_period skips or takes a whole run by it.
std::int64_t longest_offset(bool monthly) {
  return monthly ? 30 : 6;
}

/// A point's day as stored: its offset from its period's first day. A week or month always fits
/// a byte; a longer period would need wider offsets, so it stops here rather than wrap.
std::uint8_t offset_in(Day day, Day period) {
  const std::int64_t offset = std::int64_t{day} - period;
  if (offset < 0 || offset > std::numeric_limits<std::uint8_t>::max())
    throw std::logic_error("product_points: a day outside its period's first 256 days");
  return static_cast<std::uint8_t>(offset);
}

/// The items 0..n-1 that have a period (`period_of(i)`: its week or month start, or kNoDay),
/// in period order and, within a period, in item order: a stable counting sort, since periods
/// are few and dense. Shared by both groupings below, so that they order points alike.
template <class PeriodOf>
std::vector<std::uint32_t> by_period(std::size_t n, bool monthly, PeriodOf period_of) {
  Day first = kNoDay;
  Day last = kNoDay;
  std::size_t dated = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Day period = period_of(i);
    if (period == kNoDay) continue;
    if (first == kNoDay || period < first) first = period;
    if (last == kNoDay || period > last) last = period;
    ++dated;
  }
  if (dated == 0) return {};
  const auto slot = [&](Day period) {
    return static_cast<std::size_t>(monthly ? month_ordinal(period) - month_ordinal(first)
                                            : (period - first) / 7);
  };
  std::vector<std::uint32_t> begin(slot(last) + 2, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (const Day period = period_of(i); period != kNoDay) ++begin[slot(period) + 1];
  for (std::size_t i = 1; i < begin.size(); ++i) begin[i] += begin[i - 1];
  std::vector<std::uint32_t> order(dated);
  for (std::size_t i = 0; i < n; ++i)
    if (const Day period = period_of(i); period != kNoDay)
      order[begin[slot(period)]++] = static_cast<std::uint32_t>(i);
  return order;
}

/// Run r's period as the log series keeps it, from its sums (NaN price: not kept).
void set_run_series(ProductPoints& out, std::uint32_t r, const ExactSum& q,
                    const ExactSum& revenue) {
  if (const auto logs = period_logs(q, revenue)) {
    out.run_price[r] = logs->price;
    out.run_log_p[r] = logs->log_p;
    out.run_log_q[r] = logs->log_q;
  }
}

/// Places points that come in period order into `out`'s products and runs: a stable counting
/// sort by product, so each product's points keep their period order and, within a period, the
/// order they came in. `each(visit)` calls visit(product, period, day, line) for every point,
/// the same sequence both times: once to count points and runs, once to place them and sum each
/// run's lines of `facts` into its series (ProductPoints::run_price).
template <class Each>
void place(ProductPoints& out, const Facts& facts, std::size_t products, Each each) {
  out.begin.assign(products + 1, 0);
  out.run_begin.assign(products + 1, 0);
  // Each product's latest period so far: a point in another period starts a run (the periods
  // come in ascending order, so a product never returns to one).
  std::vector<Day> last(products, kNoDay);
  each([&](std::uint32_t p, Day period, Day, std::uint32_t) {
    ++out.begin[p + 1];
    if (last[p] != period) {
      last[p] = period;
      ++out.run_begin[p + 1];
    }
  });
  for (std::size_t i = 1; i <= products; ++i) {
    out.begin[i] += out.begin[i - 1];
    out.run_begin[i] += out.run_begin[i - 1];
  }
  out.line.resize(out.begin.back());
  out.offset.resize(out.begin.back());
  out.run_period.resize(out.run_begin.back());
  out.run_first.resize(out.run_begin.back() + 1);
  out.run_first.back() = out.begin.back();

  const std::size_t runs = out.run_period.size();
  out.run_price.assign(runs, std::numeric_limits<double>::quiet_NaN());
  out.run_log_p.assign(runs, 0);
  out.run_log_q.assign(runs, 0);

  std::vector<std::uint32_t> next(out.begin.begin(), out.begin.end() - 1);
  std::vector<std::uint32_t> next_run(out.run_begin.begin(), out.run_begin.end() - 1);
  // Each product's open run's sums (exact: any order gives the same bits), closed when the
  // product's next run opens or the points end. Summed here, as the lines are visited in
  // nearly line order: summed afterwards run by run, every point's line was a cache miss
  // (docs/performance.md "Run sums while placing").
  struct OpenRun {
    ExactSum q, revenue;
  };
  std::vector<OpenRun> open(products);
  std::fill(last.begin(), last.end(), kNoDay);
  each([&](std::uint32_t p, Day period, Day day, std::uint32_t line) {
    const std::uint32_t at = next[p]++;
    if (last[p] != period) {
      if (last[p] != kNoDay) set_run_series(out, next_run[p] - 1, open[p].q, open[p].revenue);
      open[p] = OpenRun();
      last[p] = period;
      const std::uint32_t r = next_run[p]++;
      out.run_period[r] = period;
      out.run_first[r] = at;
    }
    out.line[at] = line;
    out.offset[at] = offset_in(day, period);
    open[p].q += facts.line_quantity[line];
    open[p].revenue += facts.line_revenue[line];
  });
  for (std::uint32_t p = 0; p < products; ++p)
    if (last[p] != kNoDay) set_run_series(out, next_run[p] - 1, open[p].q, open[p].revenue);
}

}  // namespace

ProductPoints group_by_product(const Facts& facts, const std::vector<LinePoint>& points,
                               std::size_t products, bool monthly) {
  ProductPoints out;
  out.monthly = monthly;
  // By period first (stable), so that placing by product leaves each product's points in period
  // order with the lines' order inside a period.
  const std::vector<std::uint32_t> order = by_period(
      points.size(), monthly, [&](std::size_t i) { return period_start(points[i].day, monthly); });
  place(out, facts, products, [&](auto visit) {
    // An order's lines share its day: its period is worked out once (a month's costs a civil
    // date conversion).
    Day day = kNoDay;
    Day period = kNoDay;
    for (const std::uint32_t i : order) {
      if (points[i].day != day) {
        day = points[i].day;
        period = period_start(day, monthly);
      }
      visit(points[i].product, period, day, points[i].line);
    }
  });
  return out;
}

ProductPoints product_points(const Facts& facts, bool monthly) {
  // What group_by_product(every positive dated line as a LinePoint) gives, without the
  // LinePoints: the orders in period order (stable), then their lines, placed by product.
  // At 24 M lines the LinePoints and their permutation were 36 bytes a line on top of the
  // result, the peak of the whole report's memory.
  ProductPoints out;
  out.monthly = monthly;
  const std::vector<std::uint32_t> orders =
      by_period(facts.order_count(), monthly, [&](std::size_t o) {
        const Day day = facts.order_day[o];
        return day == kNoDay ? kNoDay : period_start(day, monthly);  // undated: in no period
      });
  place(out, facts, facts.products.size(), [&](auto visit) {
    for (const std::uint32_t o : orders) {
      const Day day = facts.order_day[o];
      const Day period = period_start(day, monthly);
      for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l)
        if (facts.line_quantity[l] > 0) visit(facts.line_product[l], period, day, l);
    }
  });
  return out;
}

namespace {

/// Product p's runs that the days [from, to] can reach, [first, last): by their periods, which
/// ascend within a product. A run whose period starts after `to` or ends before `from` is out.
std::pair<std::uint32_t, std::uint32_t> runs_reaching(const ProductPoints& all, std::uint32_t p,
                                                      Day from, Day to) {
  const auto begin = all.run_period.begin() + all.run_begin[p];
  const auto end = all.run_period.begin() + all.run_begin[p + 1];
  const std::int64_t earliest = std::int64_t{from} - longest_offset(all.monthly);
  const auto first =
      std::lower_bound(begin, end, earliest, [](Day period, std::int64_t e) { return period < e; });
  const auto last = std::upper_bound(first, end, to);
  return {static_cast<std::uint32_t>(first - all.run_period.begin()),
          static_cast<std::uint32_t>(last - all.run_period.begin())};
}

/// A product's runs that the days [from, to] reach (`reach`: runs_reaching's), in period order:
/// whole(r) for a run wholly inside, cut(r) for one that straddles from or to (only its points
/// have days to test).
template <class Whole, class Cut>
void runs_in_period(const ProductPoints& all, std::pair<std::uint32_t, std::uint32_t> reach,
                    Day from, Day to, Whole whole, Cut cut) {
  const std::int64_t longest = longest_offset(all.monthly);
  for (std::uint32_t r = reach.first; r < reach.second; ++r) {
    const std::int64_t period = all.run_period[r];
    if (period >= from && period + longest <= to)
      whole(r);
    else
      cut(r);
  }
}

/// Whether point i of run r has its day in [from, to].
bool day_in(const ProductPoints& all, std::uint32_t r, std::uint32_t i, Day from, Day to) {
  const std::int64_t day = std::int64_t{all.run_period[r]} + all.offset[i];
  return day >= from && day <= to;
}

/// Run r's quantity and revenue over its points that `take(i)`, as log_series sums a period
/// (exact sums: any order gives the same bits).
template <class Take>
std::pair<ExactSum, ExactSum> run_sums(const ProductPoints& all, const Facts& facts,
                                       std::uint32_t r, Take take) {
  ExactSum q, revenue;
  for (std::uint32_t i = all.run_first[r]; i < all.run_first[r + 1]; ++i) {
    if (!take(i)) continue;
    q += facts.line_quantity[all.line[i]];
    revenue += facts.line_revenue[all.line[i]];
  }
  return {q, revenue};
}

}  // namespace

std::optional<LogSeries> series_in_period(const ProductPoints& all, const Facts& facts,
                                          std::uint32_t p, Day from, Day to) {
  // A run gives at most one period: a product with fewer runs in reach than a series needs has
  // none, which most of a catalog's rarely sold SKUs are (no points read, no series grown).
  const auto reach = runs_reaching(all, p, from, to);
  if (reach.second - reach.first < kMinSeriesPeriods) return std::nullopt;
  LogSeriesBuilder series;
  series.reserve(reach.second - reach.first);
  runs_in_period(
      all, reach, from, to,
      [&](std::uint32_t r) {  // as worked out before
        if (!std::isnan(all.run_price[r]))
          series.add_kept(all.run_period[r],
                          {all.run_price[r], all.run_log_p[r], all.run_log_q[r]});
      },
      [&](std::uint32_t r) {  // the run's points in the period
        const auto [q, revenue] =
            run_sums(all, facts, r, [&](std::uint32_t i) { return day_in(all, r, i, from, to); });
        series.add_sums(all.run_period[r], q, revenue);
      });
  return series.finish();
}

void points_in_period(const ProductPoints& all, const Facts& facts, std::uint32_t p, Day from,
                      Day to, std::vector<PricePoint>& out) {
  out.clear();
  const auto take = [&](std::uint32_t r, bool test_days) {
    for (std::uint32_t i = all.run_first[r]; i < all.run_first[r + 1]; ++i) {
      if (test_days && !day_in(all, r, i, from, to)) continue;
      const std::uint32_t l = all.line[i];
      out.push_back({all.run_period[r], facts.line_quantity[l], facts.line_revenue[l]});
    }
  };
  runs_in_period(
      all, runs_reaching(all, p, from, to), from, to, [&](std::uint32_t r) { take(r, false); },
      [&](std::uint32_t r) { take(r, true); });
}

}  // namespace pulse::kpi
