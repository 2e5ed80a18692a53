#include "pulse/kpi/catalogs.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "pulse/kpi/customer_profiles.h"
#include "pulse/kpi/line_totals.h"
#include "pulse/kpi/pooling.h"
#include "pulse/kpi/product_points.h"
#include "pulse/kpi/seasonal_adjustment.h"
#include "pulse/kpi/stats.h"
#include "pulse/util/sort_by.h"

namespace pulse::kpi {
namespace {

// A product group's cut is estimated from at least this many SKUs with an elasticity.
constexpr std::size_t kMinGroupSkus = 3;
constexpr std::uint32_t kNoStamp = std::numeric_limits<std::uint32_t>::max();

/// Running sums of a catalog or a catalog x SKU, with stamps for distinct orders/customers.
/// A line goes into one of two sums: `positive` (quantity above 0) or `rest` (returns, zero or
/// unknown quantities); all() is their total. The positive lines' own figures (average price,
/// the elasticity's baseline) read `positive`, so a positive line is added once, not once to
/// the whole and again to the positives: exact sums (exact_sum.h) give the same bits in any
/// grouping. The per-line sums were a quarter of a re-filter's catalog report in wasm.
struct Acc {
  LineTotals positive, rest;
  bool pos_cost_known = true;  // every positive line has a cost
  bool touched = false;
  std::int64_t orders = 0, customers = 0, skus = 0;
  std::uint32_t order_stamp = kNoStamp, customer_stamp = kNoStamp;

  void add_line(double rev, double qty, double cost_value) {
    touched = true;
    if (qty > 0) {
      positive.add(rev, qty, cost_value);
      if (std::isnan(cost_value)) pos_cost_known = false;
    } else {
      rest.add(rev, std::isnan(qty) ? 0 : qty, cost_value);
    }
  }
  LineTotals all() const {
    LineTotals sum = positive;
    sum.add(rest);
    return sum;
  }
  /// Order o of customer c (kNoStamp: none) counted once each, however many lines it has here.
  void count(std::uint32_t o, std::uint32_t c) {
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
  sort_by(order, [&](std::size_t a, std::size_t b) {
    if (rows[a].revenue != rows[b].revenue) return rows[a].revenue > rows[b].revenue;
    return strings.view(facts.products[rows[a].product].sku) <
           strings.view(facts.products[rows[b].product].sku);
  });
  double before = 0;
  for (std::size_t i : order) {
    const double share = before / total;
    rows[i].abc = share < 0.80 ? 'A' : share < 0.95 ? 'B' : 'C';
    before += rows[i].revenue;
  }
}

Baseline baseline_of(const ProductRow& row) {
  Baseline b;
  b.units = row.positive_units;
  b.revenue = row.positive_revenue;
  if (row.positive_unit_cost) b.cost = *row.positive_unit_cost * row.positive_units;
  return b;
}

/// A catalog- or group-wide cut over the rows `members` (their slope estimates pooled as
/// `pool`): the random-effects mean with a t interval on k - 1 degrees of freedom,
/// and the effect of the cut on their summed positive sales.
DiscountLevel cut_level(const std::vector<ProductRow>& rows,
                        const std::vector<std::size_t>& members, const PooledEstimates& pool,
                        const char* name, std::optional<StrId> group,
                        const config::Settings& settings) {
  DiscountLevel level;
  level.level = name;
  level.group = group;
  level.skus = members.size();
  level.elasticity = pool.mean;
  const double half =
      members.size() >= 2
          ? two_sided_t(settings.elasticity_confidence, static_cast<double>(members.size() - 1)) *
                std::sqrt(pool.mean_variance)
          : rows[members[0]].elasticity->pooled_ci_high - rows[members[0]].elasticity->pooled_slope;
  level.ci_low = pool.mean - half;
  level.ci_high = pool.mean + half;
  Baseline base;
  bool cost_known = true;
  double cost = 0;
  for (std::size_t i : members) {
    base.units += rows[i].positive_units;
    base.revenue += rows[i].positive_revenue;
    if (rows[i].positive_unit_cost)
      cost += *rows[i].positive_unit_cost * rows[i].positive_units;
    else
      cost_known = false;
  }
  if (cost_known) base.cost = cost;
  level.effect =
      project_cut_range(base, level.elasticity, level.ci_low, level.ci_high, settings.discount_cut);
  level.verdict = cut_verdict(level.effect);
  return level;
}

/// The seasonal adjustment and the pooling of one catalog's SKUs, rows [begin, end), whose
/// raw fits are in place; `series` holds each row's log series (when it has a fit). Adds the
/// catalog's discount level when any SKU has an estimate.
void estimate_catalog(std::vector<ProductRow>& rows, std::size_t begin, std::size_t end,
                      const std::vector<std::optional<LogSeries>>& series,
                      const std::vector<StrId>& categories, const config::Settings& settings,
                      const StringPool& strings, std::vector<DiscountLevel>& levels) {
  std::vector<std::size_t> fitted;
  std::vector<const LogSeries*> panel;
  for (std::size_t i = begin; i < end; ++i)
    if (rows[i].elasticity) {
      fitted.push_back(i);
      panel.push_back(&*series[i]);
    }
  if (fitted.empty()) return;
  const double confidence = settings.elasticity_confidence;

  // Seasonal control: refit each SKU on the catalog's two-way demeaned logs.
  const std::vector<LogSeries> adjusted = remove_period_effects(panel);
  for (std::size_t k = 0; k < adjusted.size(); ++k) {
    const LogSeries& a = adjusted[k];
    if (a.size() < 6) continue;
    const auto fit = fit_line(a.log_p, a.log_q);
    if (!fit) continue;
    Elasticity& e = *rows[fitted[k]].elasticity;
    e.seasonally_adjusted = true;
    e.adjusted_slope = fit->slope;
    e.adjusted_std_error = fit->std_error;
    e.adjusted_n = fit->n;
  }

  // Partial pooling toward the catalog's mean.
  std::vector<UnitEstimate> units;
  for (std::size_t i : fitted) {
    const Elasticity& e = *rows[i].elasticity;
    const double se = e.seasonally_adjusted ? *e.adjusted_std_error : e.std_error;
    units.push_back({e.seasonally_adjusted ? *e.adjusted_slope : e.slope, se * se});
  }
  const PooledEstimates pool = pool_random_effects(units);
  for (std::size_t k = 0; k < fitted.size(); ++k) {
    Elasticity& e = *rows[fitted[k]].elasticity;
    const std::size_t n = e.seasonally_adjusted ? e.adjusted_n : e.n;
    const double se = std::sqrt(pool.shrunk_variance[k]);
    const double half = two_sided_t(confidence, static_cast<double>(n - 2)) * se;
    e.pool_skus = pool.pooled ? fitted.size() : 1;
    e.pooled_slope = pool.shrunk[k];
    e.pooled_std_error = se;
    e.pooled_ci_low = e.pooled_slope - half;
    e.pooled_ci_high = e.pooled_slope + half;
    e.klass = elasticity_class(e.pooled_ci_low, e.pooled_ci_high);
  }

  levels.push_back(cut_level(rows, fitted, pool, "catalog", std::nullopt, settings));

  // Group-wide cuts: the SKUs of one product category (when the lines carry one), pooled the
  // same way among themselves; a group needs at least kMinGroupSkus estimated SKUs.
  // By category name, so that the levels come in the same order whatever order the rows were
  // read in (summary tables written by SQL come sorted; docs/summaries.md).
  std::map<std::string_view, std::pair<StrId, std::vector<std::size_t>>> groups;
  for (std::size_t k = 0; k < fitted.size(); ++k) {
    const StrId category = categories[fitted[k]];
    if (category == kNoStr) continue;
    auto& group = groups[strings.view(category)];
    group.first = category;
    group.second.push_back(k);
  }
  for (const auto& [name, group] : groups) {
    const auto& [category, members] = group;
    if (members.size() < kMinGroupSkus) continue;
    std::vector<std::size_t> group_rows;
    std::vector<UnitEstimate> group_units;
    for (std::size_t k : members) {
      group_rows.push_back(fitted[k]);
      group_units.push_back(units[k]);
    }
    levels.push_back(
        cut_level(rows, group_rows, pool_random_effects(group_units), "group", category, settings));
  }
}

}  // namespace

CatalogReport catalog_report(const Facts& facts, const Scope& scope,
                             const config::Settings& settings, const StringPool& strings,
                             const ProductPoints* all_points,
                             const std::vector<NonProductSuggestion>* suggestions) {
  const bool monthly = settings.elasticity_period == "month";
  std::vector<Acc> cat(facts.catalogs.size());
  std::vector<Acc> prod(facts.products.size());
  // The cached points serve when only the period and catalog filter the lines (a product's lines
  // are all in its catalog); with a rep (not the only one) or customer filter, the lines in it
  // are gathered here.
  const bool gather_points = !all_points || all_points->monthly != monthly ||
                             !sales_rep_keeps_every_order(scope, facts) || scope.customer ||
                             scope.from == kNoDay;
  std::vector<LinePoint> points;
  if (gather_points) points.reserve(facts.line_count());
  // Charges listed as not products: counted in their catalog's totals, not as products.
  const std::vector<bool> non_product = non_product_mask(facts, settings, strings);
  std::vector<ExactSum> non_product_revenue(facts.catalogs.size());

  const bool by_catalog = !catalog_keeps_every_line(scope, facts);  // else every line counts
  for (std::uint32_t o = 0; o < facts.order_count(); ++o) {
    const Day day = facts.order_day[o];
    if (!scope.in_period(day) || !order_in_filter(facts, scope, o)) continue;
    const std::int32_t c = facts.order_customer[o];
    const std::uint32_t customer = c == kNone ? kNoStamp : static_cast<std::uint32_t>(c);
    // The sums are kept per product only (a listed charge too): a catalog's are its products'
    // added up after the pass, the same exact sums (exact_sum.h) for half the additions per
    // line. Only a catalog's distinct orders and customers are counted here, line by line.
    for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l) {
      if (by_catalog && !line_in_filter(facts, scope, l)) continue;
      const double qty = facts.line_quantity[l];
      const double rev = facts.line_revenue[l];
      const double cost = facts.cost_of(l);
      const std::uint32_t p = facts.line_product[l];
      prod[p].add_line(rev, qty, cost);
      if (!(qty > 0)) continue;
      cat[facts.products[p].catalog].count(o, customer);
      if (non_product[p]) continue;
      prod[p].count(o, customer);
      if (gather_points) points.push_back({p, day, l});
    }
  }
  for (std::uint32_t p = 0; p < prod.size(); ++p) {
    if (!prod[p].touched) continue;
    const std::uint32_t k = facts.products[p].catalog;
    cat[k].touched = true;
    cat[k].positive.add(prod[p].positive);
    cat[k].rest.add(prod[p].rest);
    if (non_product[p]) {
      non_product_revenue[k] += prod[p].positive.revenue;
      non_product_revenue[k] += prod[p].rest.revenue;
    }
  }
  std::vector<LineTotals> cat_all(cat.size());  // each catalog's lines, all of them
  LineTotals whole;  // every catalog's lines: the shares' denominator and the whole's margin
  for (std::size_t k = 0; k < cat.size(); ++k) {
    cat_all[k] = cat[k].all();
    whole.add(cat_all[k]);
  }

  CatalogReport report;
  if (!facts.has_lines) return report;
  report.margin_pct = whole.margin_pct();
  report.non_product_skus = settings.non_product_skus;
  for (const ExactSum& r : non_product_revenue) report.non_product_revenue += r;
  report.non_product_suggestions =
      suggestions ? *suggestions : suggest_non_products(facts, strings);

  // Products, grouped by catalog, by revenue within it. (Reserved: a ProductRow is large, and
  // growing the vector by doubling moved every row several times, 2 % of a report's CPU.)
  report.products.reserve(static_cast<std::size_t>(
      std::count_if(prod.begin(), prod.end(), [](const Acc& a) { return a.touched; })));
  for (std::uint32_t p = 0; p < prod.size(); ++p) {
    if (!prod[p].touched || non_product[p]) continue;
    const LineTotals& pos = prod[p].positive;
    const LineTotals all = prod[p].all();
    if (pos.units > 0) ++cat[facts.products[p].catalog].skus;
    ProductRow row;
    row.product = p;
    row.units = all.units;
    row.revenue = all.revenue;
    row.orders = prod[p].orders;
    row.customers = prod[p].customers;
    row.avg_price = ratio(pos.revenue, pos.units);
    row.margin = all.margin();
    row.margin_pct = all.margin_pct();
    row.positive_units = pos.units;
    row.positive_revenue = pos.revenue;
    if (prod[p].pos_cost_known && pos.units > 0) row.positive_unit_cost = pos.cost / pos.units;
    report.products.push_back(std::move(row));
  }
  sort_by(report.products, [&](const ProductRow& a, const ProductRow& b) {
    const auto& pa = facts.products[a.product];
    const auto& pb = facts.products[b.product];
    if (pa.catalog != pb.catalog)
      return strings.view(facts.catalogs[pa.catalog]) < strings.view(facts.catalogs[pb.catalog]);
    if (a.revenue != b.revenue) return a.revenue > b.revenue;
    return strings.view(pa.sku) < strings.view(pb.sku);
  });

  // Elasticity: each product's points in the period, in period order.
  std::optional<ProductPoints> gathered;
  if (gather_points) gathered = group_by_product(facts, points, facts.products.size(), monthly);
  const ProductPoints& by_product = gathered ? *gathered : *all_points;
  std::vector<std::optional<LogSeries>> series(report.products.size());
  for (std::size_t i = 0; i < report.products.size(); ++i) {
    ProductRow& row = report.products[i];
    series[i] = series_in_period(by_product, facts, row.product, scope.from, scope.to);
    if (series[i]) row.elasticity = fit_elasticity(*series[i], settings.elasticity_confidence);
    if (!row.elasticity) series[i].reset();
  }

  // Each row's product category (kNoStr when the lines carry none): the discount groups.
  std::vector<StrId> categories(report.products.size(), kNoStr);
  bool any_category = false;
  for (std::size_t i = 0; i < report.products.size(); ++i) {
    categories[i] = facts.products[report.products[i].product].category;
    any_category = any_category || categories[i] != kNoStr;
  }

  // Catalog rows and the per-catalog shares and ABC classes.
  for (std::size_t i = 0; i < report.products.size();) {
    const std::uint32_t k = facts.products[report.products[i].product].catalog;
    std::size_t j = i;
    for (; j < report.products.size() && facts.products[report.products[j].product].catalog == k;
         ++j)
      report.products[j].revenue_share =
          ratio(report.products[j].revenue, cat_all[k].revenue - non_product_revenue[k]);
    assign_abc(report.products, i, j, facts, strings);
    const std::size_t levels_before = report.discount_levels.size();
    estimate_catalog(report.products, i, j, series, categories, settings, strings,
                     report.discount_levels);
    for (std::size_t l = levels_before; l < report.discount_levels.size(); ++l)
      report.discount_levels[l].catalog = k;
    i = j;
  }
  for (std::uint32_t k = 0; k < cat.size(); ++k) {
    if (!cat[k].touched) continue;
    CatalogRow row;
    row.catalog = k;
    const LineTotals& all = cat_all[k];
    row.revenue = all.revenue;
    row.orders = cat[k].orders;
    row.customers = cat[k].customers;
    row.units = all.units;
    row.aov = cat[k].orders > 0
                  ? std::optional<double>(all.revenue / static_cast<double>(cat[k].orders))
                  : std::nullopt;
    row.skus = cat[k].skus;
    row.revenue_share = ratio(all.revenue, whole.revenue);
    row.margin = all.margin();
    row.margin_pct = all.margin_pct();
    report.catalogs.push_back(row);
  }
  sort_by(report.catalogs, [&](const CatalogRow& a, const CatalogRow& b) {
    if (a.revenue != b.revenue) return a.revenue > b.revenue;
    return strings.view(facts.catalogs[a.catalog]) < strings.view(facts.catalogs[b.catalog]);
  });

  // Levels in the catalogs' order (by revenue); within a catalog its own level, then its groups.
  std::vector<std::size_t> catalog_rank(facts.catalogs.size(), 0);
  for (std::size_t r = 0; r < report.catalogs.size(); ++r)
    catalog_rank[report.catalogs[r].catalog] = r;
  stable_sort_by(report.discount_levels, [&](const DiscountLevel& a, const DiscountLevel& b) {
    return catalog_rank[a.catalog] < catalog_rank[b.catalog];
  });
  if (!any_category)
    report.discount_levels_note =
        "group level skipped: no product category is mapped on the order lines, so groups are not "
        "known";

  for (std::size_t i = 0; i < report.products.size(); ++i) {
    const ProductRow& row = report.products[i];
    if (!row.elasticity || row.elasticity->klass != "elastic") continue;
    if (!row.margin || *row.margin <= 0 || row.positive_units <= 0) continue;
    const Elasticity& e = *row.elasticity;
    DiscountCandidate d;
    d.product_row = i;
    d.effect = project_cut_range(baseline_of(row), e.pooled_slope, e.pooled_ci_low,
                                 e.pooled_ci_high, settings.discount_cut);
    report.discount_candidates.push_back(d);
  }
  stable_sort_by(
      report.discount_candidates, [&](const DiscountCandidate& a, const DiscountCandidate& b) {
        return report.products[a.product_row].revenue > report.products[b.product_row].revenue;
      });

  std::vector<AssortmentItem> items(report.products.size());
  for (std::size_t i = 0; i < report.products.size(); ++i) {
    const ProductRow& row = report.products[i];
    items[i] = {facts.products[row.product].catalog,
                facts.products[row.product].sku,
                row.revenue,
                row.units,
                row.revenue_share,
                row.margin,
                row.abc};
  }
  report.assortment = assortment_matrix(items, strings);
  return report;
}

}  // namespace pulse::kpi
