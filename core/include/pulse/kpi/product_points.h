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
/// its order day as an offset into its period: 5 bytes a line. A product's points of one period
/// are a run, kept once with its period's first day, 8 bytes a run; runs are few next to the
/// points where lines are many (Online Retail: 101,906 weekly runs for 531,285 points, 6.6 bytes a
/// point in all; the ×44 file the same runs for 23.4 M points, 5.04 bytes). The point was 8 bytes
/// with its whole day, 28 as a copied PricePoint and its day (docs/performance.md "Parallel
/// ingest and memory").
struct ProductPoints {
  bool monthly = false;
  std::vector<std::uint32_t> begin;      // product p's points: [begin[p], begin[p + 1])
  std::vector<std::uint32_t> run_begin;  // product p's runs: [run_begin[p], run_begin[p + 1])
  std::vector<Day> run_period;           // each run's period: its week's Monday or month's 1st
  // Run r's points: [run_first[r], run_first[r + 1]). Runs and points are laid out product
  // after product, so the next run's first point ends a run; one entry more (the number of
  // points) ends the last.
  std::vector<std::uint32_t> run_first;
  std::vector<std::uint32_t> line;   // each point's line in the facts
  std::vector<std::uint8_t> offset;  // each point's order day minus its run's period (0..30)
  // Each run's period as the elasticity's log series keeps it, summed as the runs are placed:
  // its price P = Σ revenue / Σ quantity and the logs of P and Q, P NaN when the period is not
  // kept (Q or P not above 0). A run wholly inside a report's period is then added as it is,
  // without reading its lines: 24 bytes a run (Online Retail: 2.4 MB), set once per facts like
  // the rest.
  std::vector<double> run_price, run_log_p, run_log_q;
};

/// A positive line as an elasticity point: its product, order day and line in the facts.
struct LinePoint {
  std::uint32_t product;
  Day day;
  std::uint32_t line;
};

/// Groups `points` (in line order, lines of `facts`) by product, each product's by period,
/// keeping the line order within a period: two stable counting sorts (periods and products are
/// few and dense). Each run's series is worked out from the lines' quantity and revenue.
ProductPoints group_by_product(const Facts& facts, const std::vector<LinePoint>& points,
                               std::size_t products, bool monthly);

/// Every dated positive line of the facts, grouped.
ProductPoints product_points(const Facts& facts, bool monthly);

/// Product p's log series over the days [from, to]: what log_series gives for
/// points_in_period(all, facts, p, from, to), read from the runs' series (run_price) where
/// a run lies wholly inside the period, and from its points where it straddles from or to.
std::optional<LogSeries> series_in_period(const ProductPoints& all, const Facts& facts,
                                          std::uint32_t p, Day from, Day to);

/// Product p's points whose day is in [from, to], in order, as price points read from `facts`
/// (the facts `all` was built from), into `out` (cleared first). Runs wholly outside the
/// period are skipped and runs wholly inside taken without testing their days.
void points_in_period(const ProductPoints& all, const Facts& facts, std::uint32_t p, Day from,
                      Day to, std::vector<PricePoint>& out);

}  // namespace pulse::kpi
