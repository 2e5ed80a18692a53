#include "pulse/kpi/catalogs.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "pulse/kpi/customer_profiles.h"
#include "pulse/kpi/line_totals.h"
#include "pulse/kpi/stats.h"

namespace pulse::kpi {
namespace {

constexpr double kDiscount = 0.10;
constexpr double kMaxStdError = 0.5;
constexpr std::uint32_t kNoStamp = std::numeric_limits<std::uint32_t>::max();

/// Running sums of a catalog or a catalog x SKU, with stamps for distinct orders/customers.
struct Acc {
  LineTotals all;  // every line, returns included
  double pos_units = 0, pos_revenue = 0, pos_cost = 0;
  bool pos_cost_known = true;
  bool touched = false;
  std::int64_t orders = 0, customers = 0, skus = 0;
  std::uint32_t order_stamp = kNoStamp, customer_stamp = kNoStamp;

  void add_line(double rev, double qty, double cost_value) {
    touched = true;
    all.add(rev, qty, cost_value);
  }
  void add_positive(double rev, double qty, double cost_value, std::uint32_t o, std::uint32_t c) {
    pos_units += qty;
    pos_revenue += rev;
    if (std::isnan(cost_value)) pos_cost_known = false;
    else pos_cost += cost_value;
    if (order_stamp != o) {
      order_stamp = o;
      ++orders;
    }
    if (c != kNoStamp && customer_stamp != c) {
      customer_stamp = c;
      ++customers;
    }
  }
};

Day period_of(Day d, bool monthly) { return monthly ? month_start(d) : week_start(d); }

/// A positive line as the elasticity estimate sees it, with its catalog x SKU.
struct Point {
  std::uint32_t product;
  PricePoint point;
};

/// Stable counting sort of the points by period (weeks or months are few and dense).
void sort_by_period(std::vector<Point>& points, bool monthly) {
  if (points.empty()) return;
  Day first = points.front().point.period;
  Day last = first;
  for (const Point& pt : points) {
    first = std::min(first, pt.point.period);
    last = std::max(last, pt.point.period);
  }
  const auto slot = [&](Day period) {
    return static_cast<std::size_t>(monthly ? month_ordinal(period) - month_ordinal(first)
                                            : (period - first) / 7);
  };
  std::vector<std::uint32_t> begin(slot(last) + 2, 0);
  for (const Point& pt : points) ++begin[slot(pt.point.period) + 1];
  for (std::size_t i = 1; i < begin.size(); ++i) begin[i] += begin[i - 1];
  std::vector<Point> sorted(points.size());
  for (const Point& pt : points) sorted[begin[slot(pt.point.period)]++] = pt;
  points.swap(sorted);
}

void assign_abc(std::vector<ProductRow>& rows, std::size_t begin, std::size_t end,
                const Facts& facts, const StringPool& strings) {
  std::vector<std::size_t> order;
  double total = 0;
  for (std::size_t i = begin; i < end; ++i) {
    rows[i].abc = 'C';
    if (rows[i].revenue > 0) {
      order.push_back(i);
      total += rows[i].revenue;
    }
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (rows[a].revenue != rows[b].revenue) return rows[a].revenue > rows[b].revenue;
    return strings.view(facts.products[rows[a].product].sku) < strings.view(facts.products[rows[b].product].sku);
  });
  double before = 0;
  for (std::size_t i : order) {
    const double share = before / total;
    rows[i].abc = share < 0.80 ? 'A' : share < 0.95 ? 'B' : 'C';
    before += rows[i].revenue;
  }
}

DiscountCandidate project_discount(const ProductRow& row, std::size_t index) {
  DiscountCandidate d;
  d.product_row = index;
  const double price = row.positive_revenue / row.positive_units;
  const double units_after = row.positive_units * std::pow(1.0 - kDiscount, row.elasticity->slope);
  d.projected_units_change_pct = units_after / row.positive_units - 1.0;
  d.projected_revenue_change = units_after * price * (1.0 - kDiscount) - row.positive_revenue;
  if (row.positive_unit_cost) {
    const double c = *row.positive_unit_cost;
    d.projected_margin_change =
        units_after * (price * (1.0 - kDiscount) - c) - row.positive_units * (price - c);
  }
  return d;
}

}  // namespace

CatalogReport catalog_report(const Facts& facts, const Scope& scope, const Settings& settings,
                             const StringPool& strings) {
  const bool monthly = settings.elasticity_period == "month";
  std::vector<Acc> cat(facts.catalogs.size());
  std::vector<Acc> prod(facts.products.size());
  std::vector<Point> points;
  points.reserve(facts.line_sku.size());
  double total_revenue = 0;

  for (std::uint32_t o = 0; o < facts.order_count(); ++o) {
    const Day day = facts.order_day[o];
    if (!scope.in_period(day) || !order_in_filter(facts, scope, o)) continue;
    const std::int32_t c = facts.order_customer[o];
    const std::uint32_t customer = c == kNone ? kNoStamp : static_cast<std::uint32_t>(c);
    const Day period = period_of(day, monthly);
    for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l) {
      if (!line_in_filter(facts, scope, l)) continue;
      const double qty = facts.line_quantity[l];
      const double rev = facts.line_revenue[l];
      const double cost = facts.line_cost[l];
      const std::uint32_t p = facts.line_product[l];
      Acc& k = cat[facts.line_catalog[l]];
      k.add_line(rev, std::isnan(qty) ? 0 : qty, cost);
      prod[p].add_line(rev, std::isnan(qty) ? 0 : qty, cost);
      total_revenue += rev;
      if (!(qty > 0)) continue;
      k.add_positive(rev, qty, cost, o, customer);
      prod[p].add_positive(rev, qty, cost, o, customer);
      points.push_back({p, {period, qty, rev}});
    }
  }

  CatalogReport report;
  if (!facts.has_lines) return report;

  // Products, grouped by catalog, by revenue within it.
  for (std::uint32_t p = 0; p < prod.size(); ++p) {
    if (!prod[p].touched) continue;
    if (prod[p].pos_units > 0) ++cat[facts.products[p].catalog].skus;
    ProductRow row;
    row.product = p;
    row.units = prod[p].all.units;
    row.revenue = prod[p].all.revenue;
    row.orders = prod[p].orders;
    row.customers = prod[p].customers;
    row.avg_price = ratio(prod[p].pos_revenue, prod[p].pos_units);
    row.margin = prod[p].all.margin();
    row.margin_pct = prod[p].all.margin_pct();
    row.positive_units = prod[p].pos_units;
    row.positive_revenue = prod[p].pos_revenue;
    if (prod[p].pos_cost_known && prod[p].pos_units > 0)
      row.positive_unit_cost = prod[p].pos_cost / prod[p].pos_units;
    report.products.push_back(std::move(row));
  }
  std::sort(report.products.begin(), report.products.end(), [&](const ProductRow& a, const ProductRow& b) {
    const auto& pa = facts.products[a.product];
    const auto& pb = facts.products[b.product];
    if (pa.catalog != pb.catalog) return strings.view(facts.catalogs[pa.catalog]) < strings.view(facts.catalogs[pb.catalog]);
    if (a.revenue != b.revenue) return a.revenue > b.revenue;
    return strings.view(pa.sku) < strings.view(pb.sku);
  });

  // Elasticity: order the points by period, then (stably) by product, with two counting
  // sorts, so that each product's points arrive in period order; then estimate each.
  sort_by_period(points, monthly);
  std::vector<std::uint32_t> begin(facts.products.size() + 1, 0);
  for (const Point& pt : points) ++begin[pt.product + 1];
  for (std::size_t i = 1; i < begin.size(); ++i) begin[i] += begin[i - 1];
  std::vector<PricePoint> by_product(points.size());
  {
    std::vector<std::uint32_t> next(begin.begin(), begin.end() - 1);
    for (const Point& pt : points) by_product[next[pt.product]++] = pt.point;
  }
  std::vector<PricePoint> bucket;
  for (ProductRow& row : report.products) {
    bucket.assign(by_product.begin() + begin[row.product], by_product.begin() + begin[row.product + 1]);
    row.elasticity = estimate_elasticity(bucket);
  }

  // Catalog rows and the per-catalog shares and ABC classes.
  for (std::size_t i = 0; i < report.products.size();) {
    const std::uint32_t k = facts.products[report.products[i].product].catalog;
    std::size_t j = i;
    for (; j < report.products.size() && facts.products[report.products[j].product].catalog == k; ++j)
      report.products[j].revenue_share = ratio(report.products[j].revenue, cat[k].all.revenue);
    assign_abc(report.products, i, j, facts, strings);
    i = j;
  }
  for (std::uint32_t k = 0; k < cat.size(); ++k) {
    if (!cat[k].touched) continue;
    CatalogRow row;
    row.catalog = k;
    row.revenue = cat[k].all.revenue;
    row.orders = cat[k].orders;
    row.customers = cat[k].customers;
    row.units = cat[k].all.units;
    row.aov = cat[k].orders > 0 ? std::optional<double>(cat[k].all.revenue / static_cast<double>(cat[k].orders)) : std::nullopt;
    row.skus = cat[k].skus;
    row.revenue_share = ratio(cat[k].all.revenue, total_revenue);
    row.margin = cat[k].all.margin();
    row.margin_pct = cat[k].all.margin_pct();
    report.catalogs.push_back(row);
  }
  std::sort(report.catalogs.begin(), report.catalogs.end(), [&](const CatalogRow& a, const CatalogRow& b) {
    if (a.revenue != b.revenue) return a.revenue > b.revenue;
    return strings.view(facts.catalogs[a.catalog]) < strings.view(facts.catalogs[b.catalog]);
  });

  for (std::size_t i = 0; i < report.products.size(); ++i) {
    const ProductRow& row = report.products[i];
    if (!row.elasticity || row.elasticity->klass != "elastic" || row.elasticity->std_error >= kMaxStdError)
      continue;
    if (!row.margin || *row.margin <= 0 || row.positive_units <= 0) continue;
    report.discount_candidates.push_back(project_discount(row, i));
  }
  std::stable_sort(report.discount_candidates.begin(), report.discount_candidates.end(),
                   [&](const DiscountCandidate& a, const DiscountCandidate& b) {
                     return report.products[a.product_row].revenue > report.products[b.product_row].revenue;
                   });
  return report;
}

}  // namespace pulse::kpi
