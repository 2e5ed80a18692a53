#include "pulse/kpi/product_points.h"

#include <algorithm>

namespace pulse::kpi {
namespace {

Day period_start(Day d, bool monthly) {
  return monthly ? month_start(d) : week_start(d);
}

}  // namespace

ProductPoints group_by_product(const std::vector<LinePoint>& points, std::size_t products,
                               bool monthly) {
  ProductPoints out;
  out.monthly = monthly;
  out.begin.assign(products + 1, 0);
  if (points.empty()) return out;
  // By period first (stable), so that the stable pass by product leaves each product's points
  // in period order with the lines' order inside a period.
  Day first = points.front().point.period;
  Day last = first;
  for (const LinePoint& pt : points) {
    first = std::min(first, pt.point.period);
    last = std::max(last, pt.point.period);
  }
  const auto slot = [&](Day period) {
    return static_cast<std::size_t>(monthly ? month_ordinal(period) - month_ordinal(first)
                                            : (period - first) / 7);
  };
  std::vector<std::uint32_t> period_begin(slot(last) + 2, 0);
  for (const LinePoint& pt : points) ++period_begin[slot(pt.point.period) + 1];
  for (std::size_t i = 1; i < period_begin.size(); ++i) period_begin[i] += period_begin[i - 1];
  std::vector<std::uint32_t> by_period(points.size());
  for (std::uint32_t i = 0; i < points.size(); ++i)
    by_period[period_begin[slot(points[i].point.period)]++] = i;

  for (const LinePoint& pt : points) ++out.begin[pt.product + 1];
  for (std::size_t i = 1; i < out.begin.size(); ++i) out.begin[i] += out.begin[i - 1];
  out.points.resize(points.size());
  out.day.resize(points.size());
  std::vector<std::uint32_t> next(out.begin.begin(), out.begin.end() - 1);
  for (const std::uint32_t i : by_period) {
    const std::uint32_t at = next[points[i].product]++;
    out.points[at] = points[i].point;
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
  const std::uint32_t orders = facts.order_count();
  Day first = kNoDay;
  Day last = kNoDay;
  for (std::uint32_t o = 0; o < orders; ++o) {
    const Day day = facts.order_day[o];
    if (day == kNoDay) continue;  // in no period
    const Day period = period_start(day, monthly);
    if (first == kNoDay || period < first) first = period;
    if (last == kNoDay || period > last) last = period;
  }
  if (first == kNoDay) return out;
  const auto slot = [&](Day period) {
    return static_cast<std::size_t>(monthly ? month_ordinal(period) - month_ordinal(first)
                                            : (period - first) / 7);
  };
  std::vector<std::uint32_t> period_begin(slot(last) + 2, 0);
  std::size_t dated_orders = 0;
  for (std::uint32_t o = 0; o < orders; ++o) {
    const Day day = facts.order_day[o];
    if (day == kNoDay) continue;
    ++period_begin[slot(period_start(day, monthly)) + 1];
    ++dated_orders;
    for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l)
      if (facts.line_quantity[l] > 0) ++out.begin[facts.line_product[l] + 1];
  }
  for (std::size_t i = 1; i < period_begin.size(); ++i) period_begin[i] += period_begin[i - 1];
  for (std::size_t i = 1; i < out.begin.size(); ++i) out.begin[i] += out.begin[i - 1];
  std::vector<std::uint32_t> by_period(dated_orders);
  for (std::uint32_t o = 0; o < orders; ++o)
    if (facts.order_day[o] != kNoDay)
      by_period[period_begin[slot(period_start(facts.order_day[o], monthly))]++] = o;

  out.points.resize(out.begin.back());
  out.day.resize(out.begin.back());
  std::vector<std::uint32_t> next(out.begin.begin(), out.begin.end() - 1);
  for (const std::uint32_t o : by_period) {
    const Day day = facts.order_day[o];
    const Day period = period_start(day, monthly);
    for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l) {
      const double qty = facts.line_quantity[l];
      if (!(qty > 0)) continue;
      const std::uint32_t at = next[facts.line_product[l]]++;
      out.points[at] = {period, qty, facts.line_revenue[l]};
      out.day[at] = day;
    }
  }
  return out;
}

void points_in_period(const ProductPoints& all, std::uint32_t p, Day from, Day to,
                      std::vector<PricePoint>& out) {
  out.clear();
  for (std::uint32_t i = all.begin[p]; i < all.begin[p + 1]; ++i)
    if (all.day[i] >= from && all.day[i] <= to) out.push_back(all.points[i]);
}

}  // namespace pulse::kpi
