#pragma once

#include <cstdint>
#include <vector>

#include "pulse/kpi/elasticity.h"
#include "pulse/kpi/facts.h"

namespace pulse::kpi {

/// Every positive line of the facts as an elasticity price point, grouped by product (catalog x
/// SKU) and, within a product, by period (week or month) in the order of the lines: the order
/// catalog_report reads them in, so a product's points in a period are a filtered run of these.
/// A period or catalog filter changes which points count, not the points: the engine builds
/// this once per facts and elasticity period and reuses it across reports (docs/performance.md
/// "Re-filter: caches and report by view"). A rep or customer filter needs the lines' orders,
/// so catalog_report reads the lines then.
///
/// A point is its line's index into the facts (quantity and revenue are read from there) and
/// its order day: 8 bytes a line, where a copied PricePoint and its day took 28 (at 24 M lines
/// the difference is 480 MB, docs/performance.md "Parallel ingest and memory").
struct ProductPoints {
  bool monthly = false;
  std::vector<std::uint32_t> begin;  // product p's points: [begin[p], begin[p + 1])
  std::vector<std::uint32_t> line;   // each point's line in the facts
  std::vector<Day> day;              // the order day of each point, for the period filter
};

/// A positive line as an elasticity point: its product, order day and line in the facts.
struct LinePoint {
  std::uint32_t product;
  Day day;
  std::uint32_t line;
};

/// Groups `points` (in line order) by product, each product's by period, keeping the line order
/// within a period: two stable counting sorts (periods and products are few and dense).
ProductPoints group_by_product(const std::vector<LinePoint>& points, std::size_t products,
                               bool monthly);

/// Every dated positive line of the facts, grouped.
ProductPoints product_points(const Facts& facts, bool monthly);

/// Product p's points whose day is in [from, to], in order, as price points read from `facts`
/// (the facts `all` was built from), into `out` (cleared first).
void points_in_period(const ProductPoints& all, const Facts& facts, std::uint32_t p, Day from,
                      Day to, std::vector<PricePoint>& out);

}  // namespace pulse::kpi
