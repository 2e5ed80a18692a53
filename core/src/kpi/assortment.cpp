#include "pulse/kpi/assortment.h"

#include <algorithm>
#include <cmath>

#include "pulse/util/sort_by.h"

namespace pulse::kpi {
namespace {

constexpr double kTopShare = 0.20;    // top 20% of a catalog's selling SKUs by revenue
constexpr double kBottomHalf = 0.50;  // at least half the catalog's SKUs sell more
constexpr double kBottomQuartile = 0.25;

struct Range {
  std::size_t begin, end;
};

/// Share of `sorted` strictly below `x`.
double share_below(const std::vector<double>& sorted, double x) {
  return static_cast<double>(std::lower_bound(sorted.begin(), sorted.end(), x) - sorted.begin()) /
         static_cast<double>(sorted.size());
}

}  // namespace

std::vector<CatalogAssortment> assortment_matrix(const std::vector<AssortmentItem>& items,
                                                 const StringPool& strings, std::size_t limit) {
  std::vector<Range> ranges;
  for (std::size_t i = 0; i < items.size();) {
    std::size_t j = i;
    while (j < items.size() && items[j].catalog == items[i].catalog) ++j;
    ranges.push_back({i, j});
    i = j;
  }
  const std::size_t others = ranges.empty() ? 0 : ranges.size() - 1;
  // "At least half the other catalogs", and at least one.
  const std::size_t needed = std::max<std::size_t>(1, (others + 1) / 2);

  // Within each catalog: who is top, and the share of SKUs selling more than each.
  std::vector<char> top(items.size(), 0);
  std::vector<double> rank(items.size(), 0);
  std::vector<std::uint32_t> top_count(strings.size(), 0), sold_in(strings.size(), 0);
  std::vector<std::size_t> example(strings.size(), 0);
  for (const Range& r : ranges) {
    std::size_t selling = 0;
    for (std::size_t i = r.begin; i < r.end; ++i) selling += items[i].revenue > 0;
    std::size_t first_equal = r.begin;
    for (std::size_t i = r.begin; i < r.end; ++i) {
      if (items[i].revenue != items[first_equal].revenue) first_equal = i;
      const double above = static_cast<double>(first_equal - r.begin);
      rank[i] = above / static_cast<double>(r.end - r.begin);
      top[i] = items[i].revenue > 0 && above < kTopShare * static_cast<double>(selling);
      ++sold_in[items[i].sku];
      if (top[i] && top_count[items[i].sku]++ == 0) example[items[i].sku] = i;
    }
  }

  // The few SKUs top in enough catalogs, with their shares where top (for the median).
  std::vector<StrId> widely_top;
  for (StrId s = 0; s < top_count.size(); ++s)
    if (top_count[s] >= needed && others > 0) widely_top.push_back(s);
  std::vector<std::vector<double>> top_shares(strings.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    if (top[i] && top_count[items[i].sku] >= needed)
      top_shares[items[i].sku].push_back(items[i].revenue_share.value_or(0));

  std::vector<CatalogAssortment> out;
  std::vector<std::int64_t> here(strings.size(), -1);
  std::vector<double> units, margins;
  for (const Range& r : ranges) {
    CatalogAssortment a;
    a.catalog = items[r.begin].catalog;
    for (std::size_t i = r.begin; i < r.end; ++i) here[items[i].sku] = static_cast<std::int64_t>(i);

    for (StrId s : widely_top) {
      const std::int64_t at = here[s];
      const bool top_here = at >= 0 && top[static_cast<std::size_t>(at)];
      AssortmentGap g;
      g.sku = s;
      g.example_item = example[s];
      g.top_in = top_count[s] - (top_here ? 1 : 0);
      g.other_catalogs = others;
      if (g.top_in < needed) continue;
      if (at >= 0) {
        const std::size_t i = static_cast<std::size_t>(at);
        if (rank[i] < kBottomHalf) continue;
        g.item = i;
        g.reason = "bottom_half";
        g.revenue_share_here = items[i].revenue_share;
        g.revenue_rank_here = rank[i];
      }
      std::vector<double> shares = top_shares[s];
      if (top_here)
        shares.erase(std::find(shares.begin(), shares.end(),
                               items[static_cast<std::size_t>(at)].revenue_share.value_or(0)));
      sort_by(shares);
      const std::size_t m = shares.size();
      g.median_share_where_top = m == 0  ? 0
                                 : m % 2 ? shares[m / 2]
                                         : (shares[m / 2 - 1] + shares[m / 2]) / 2;
      a.gaps.push_back(g);
    }
    sort_by(a.gaps, [&](const AssortmentGap& x, const AssortmentGap& y) {
      if (x.top_in != y.top_in) return x.top_in > y.top_in;
      if (x.median_share_where_top != y.median_share_where_top)
        return x.median_share_where_top > y.median_share_where_top;
      return strings.view(x.sku) < strings.view(y.sku);
    });

    units.clear();
    margins.clear();
    for (std::size_t i = r.begin; i < r.end; ++i) {
      units.push_back(items[i].units);
      if (items[i].margin) margins.push_back(*items[i].margin);
    }
    sort_by(units);
    sort_by(margins);
    for (std::size_t i = r.begin; i < r.end; ++i) {
      const AssortmentItem& item = items[i];
      if (item.abc != 'C' || top_count[item.sku] > (top[i] ? 1u : 0u)) continue;
      DropCandidate d;
      d.item = i;
      d.units_rank = share_below(units, item.units);
      if (d.units_rank >= kBottomQuartile) continue;
      if (item.margin) {
        d.margin_rank = share_below(margins, *item.margin);
        if (*d.margin_rank >= kBottomQuartile) continue;
      } else {
        d.reason = "low_revenue_units";
      }
      d.sold_in = sold_in[item.sku];
      a.drop_candidates.push_back(d);
    }
    sort_by(a.drop_candidates, [&](const DropCandidate& x, const DropCandidate& y) {
      if (items[x.item].revenue != items[y.item].revenue)
        return items[x.item].revenue < items[y.item].revenue;
      return strings.view(items[x.item].sku) < strings.view(items[y.item].sku);
    });

    a.gaps_total = a.gaps.size();
    a.drop_candidates_total = a.drop_candidates.size();
    if (a.gaps.size() > limit) a.gaps.resize(limit);
    if (a.drop_candidates.size() > limit) a.drop_candidates.resize(limit);
    for (std::size_t i = r.begin; i < r.end; ++i) here[items[i].sku] = -1;
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace pulse::kpi
