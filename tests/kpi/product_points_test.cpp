// product_points builds the engine's cached price points straight from the grouped facts; it
// must give exactly what group_by_product gives for every positive dated line taken as a
// LinePoint in line order (the way it was built before, and the way catalog_report still
// gathers the points of a rep's or customer's lines).
#include <catch2/catch.hpp>

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
    const Day period = monthly ? month_start(day) : week_start(day);
    for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l)
      if (facts.line_quantity[l] > 0)
        points.push_back(
            {facts.line_product[l], day, {period, facts.line_quantity[l], facts.line_revenue[l]}});
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
    REQUIRE(direct.points.size() == grouped.points.size());
    CHECK(direct.day == grouped.day);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < direct.points.size(); ++i) {
      const kpi::PricePoint& a = direct.points[i];
      const kpi::PricePoint& b = grouped.points[i];
      if (a.period != b.period || a.quantity != b.quantity || a.revenue != b.revenue) ++differ;
    }
    CHECK(differ == 0);
  }
}
