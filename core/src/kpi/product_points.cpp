#include "pulse/kpi/product_points.h"

namespace pulse::kpi {
namespace {

Day period_start(Day d, bool monthly) {
  return monthly ? month_start(d) : week_start(d);
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

}  // namespace

ProductPoints group_by_product(const std::vector<LinePoint>& points, std::size_t products,
                               bool monthly) {
  ProductPoints out;
  out.monthly = monthly;
  out.begin.assign(products + 1, 0);
  // By period first (stable), so that the stable pass by product leaves each product's points
  // in period order with the lines' order inside a period.
  const std::vector<std::uint32_t> order = by_period(
      points.size(), monthly, [&](std::size_t i) { return period_start(points[i].day, monthly); });
  for (const LinePoint& pt : points) ++out.begin[pt.product + 1];
  for (std::size_t i = 1; i < out.begin.size(); ++i) out.begin[i] += out.begin[i - 1];
  out.line.resize(points.size());
  out.day.resize(points.size());
  std::vector<std::uint32_t> next(out.begin.begin(), out.begin.end() - 1);
  for (const std::uint32_t i : order) {
    const std::uint32_t at = next[points[i].product]++;
    out.line[at] = points[i].line;
    out.day[at] = points[i].day;
  }
  return out;
}

ProductPoints product_points(const Facts& facts, bool monthly) {
  // What group_by_product(every positive dated line as a LinePoint) gives, without the
  // LinePoints: the orders in period order (stable), then their lines, placed by product.
  // At 24 M lines the LinePoints and their permutation were 36 bytes a line on top of the
  // result, the peak of the whole report's memory.
  ProductPoints out;
  out.monthly = monthly;
  out.begin.assign(facts.products.size() + 1, 0);
  const std::vector<std::uint32_t> orders =
      by_period(facts.order_count(), monthly, [&](std::size_t o) {
        const Day day = facts.order_day[o];
        return day == kNoDay ? kNoDay : period_start(day, monthly);  // undated: in no period
      });
  for (const std::uint32_t o : orders)
    for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l)
      if (facts.line_quantity[l] > 0) ++out.begin[facts.line_product[l] + 1];
  for (std::size_t i = 1; i < out.begin.size(); ++i) out.begin[i] += out.begin[i - 1];

  out.line.resize(out.begin.back());
  out.day.resize(out.begin.back());
  std::vector<std::uint32_t> next(out.begin.begin(), out.begin.end() - 1);
  for (const std::uint32_t o : orders) {
    const Day day = facts.order_day[o];
    for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l) {
      if (!(facts.line_quantity[l] > 0)) continue;
      const std::uint32_t at = next[facts.line_product[l]]++;
      out.line[at] = l;
      out.day[at] = day;
    }
  }
  return out;
}

void points_in_period(const ProductPoints& all, const Facts& facts, std::uint32_t p, Day from,
                      Day to, std::vector<PricePoint>& out) {
  out.clear();
  for (std::uint32_t i = all.begin[p]; i < all.begin[p + 1]; ++i) {
    const Day day = all.day[i];
    if (day < from || day > to) continue;
    const std::uint32_t l = all.line[i];
    out.push_back({period_start(day, all.monthly), facts.line_quantity[l], facts.line_revenue[l]});
  }
}

}  // namespace pulse::kpi
