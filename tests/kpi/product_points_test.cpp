// product_points builds the engine's cached price points straight from the grouped facts; it
// must give exactly what group_by_product gives for every positive dated line taken as a
// LinePoint in line order (the way it was built before, and the way catalog_report still
// gathers the points of a rep's or customer's lines).
#include <catch2/catch.hpp>

#include <limits>
#include <vector>

#include "pulse/kpi/facts.h"
#include "pulse/kpi/product_points.h"
#include "pulse/report/engine.h"
#include "pulse/report/workspace_loader.h"
#include "test_support.h"

using namespace pulse;

namespace {

kpi::ProductPoints grouped_line_points(const kpi::Facts& facts, bool monthly) {
  std::vector<kpi::LinePoint> points;
  for (std::uint32_t o = 0; o < facts.order_count(); ++o) {
    const Day day = facts.order_day[o];
    if (day == kNoDay) continue;
    for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l)
      if (facts.line_quantity[l] > 0) points.push_back({facts.line_product[l], day, l});
  }
  return kpi::group_by_product(points, facts.products.size(), monthly);
}

}  // namespace

TEST_CASE("product points: straight from the facts, equal to the grouped line points",
          "[kpi][refilter]") {
  const std::string workspace = test::source_path("samples/workspace.json");
  const config::Workspace ws = report::read_workspace_file(workspace);
  report::Engine engine;
  report::load_workspace(engine, ws, report::folder_of(workspace));
  Dataset& dataset = const_cast<Dataset&>(engine.dataset());
  const kpi::Facts facts = kpi::build_facts(dataset, ws.settings, dataset.strings);
  REQUIRE(facts.line_count() > 40000);
  for (const bool monthly : {false, true}) {
    INFO((monthly ? "monthly" : "weekly"));
    const kpi::ProductPoints direct = kpi::product_points(facts, monthly);
    const kpi::ProductPoints grouped = grouped_line_points(facts, monthly);
    CHECK(direct.monthly == monthly);
    REQUIRE(direct.begin == grouped.begin);
    REQUIRE(direct.line.size() == grouped.line.size());
    CHECK(direct.day == grouped.day);
    CHECK(direct.line == grouped.line);
    // Each product's points in a period, read back from the facts: its lines' quantities and
    // revenues, in line order, each with its week or month.
    std::size_t differ = 0;
    std::vector<kpi::PricePoint> bucket;
    for (std::uint32_t p = 0; p < facts.products.size(); ++p) {
      kpi::points_in_period(direct, facts, p, kNoDay + 1, std::numeric_limits<Day>::max(), bucket);
      std::size_t i = grouped.begin[p];
      for (const kpi::PricePoint& point : bucket) {
        const std::uint32_t l = grouped.line[i];
        const Day day = grouped.day[i++];
        const Day period = monthly ? month_start(day) : week_start(day);
        if (point.period != period || point.quantity != facts.line_quantity[l] ||
            point.revenue != facts.line_revenue[l] || facts.line_product[l] != p)
          ++differ;
      }
      if (i != grouped.begin[p + 1]) ++differ;
    }
    CHECK(differ == 0);
  }
}
