// Each order's lines summed once (order_totals.h): the customers' profiles read from them equal
// the profiles read line by line, to the bit, whatever the filters (a catalog filter that picks
// lines reads lines either way; one on the data's only catalog picks none out); and the sums
// are those of the lines.
#include <catch2/catch.hpp>
#include <string>

#include <nlohmann/json.hpp>

#include "pulse/kpi/customer_profiles.h"
#include "pulse/kpi/order_totals.h"
#include "pulse/kpi/sales_team.h"
#include "pulse/kpi/scope.h"
#include "pulse/report/deals_json.h"
#include "pulse/report/engine.h"
#include "pulse/report/json_writer.h"
#include "pulse/report/report_json.h"
#include "pulse/report/workspace_loader.h"
#include "test_support.h"

using namespace pulse;
using nlohmann::json;

namespace {

std::string profiles_text(const kpi::Facts& facts, const kpi::Scope& scope,
                          const config::Settings& settings, const StringPool& strings,
                          const kpi::OrderTotals* totals) {
  const kpi::CustomerReport report =
      kpi::customer_profiles(facts, scope, settings, strings, nullptr, totals);
  report::JsonWriter w;
  report::write_customers(w, report, facts, strings);
  return w.take();
}

/// The sales team's order figures (no deals loaded) as JSON text, from the lines or from the
/// orders summed once.
std::string team_text(const kpi::Facts& facts, const kpi::Scope& scope,
                      const config::Settings& settings, const StringPool& strings,
                      const kpi::OrderTotals* totals) {
  const kpi::DealFacts deals;
  const kpi::DealSelection selection = kpi::select_deals(deals, &facts, scope, strings);
  const kpi::NegotiationReport negotiation =
      kpi::negotiations(deals, selection, scope, settings, strings);
  const kpi::SalesTeamReport team = kpi::sales_team(deals, selection, negotiation, &facts, nullptr,
                                                    scope, settings, strings, totals);
  report::JsonWriter w;
  report::write_sales_team(w, team, deals, strings);
  return w.take();
}

}  // namespace

TEST_CASE(
    "order_totals: each order's lines summed, and the profiles and the team read from them are the "
    "same",
    "[kpi][customers]") {
  const std::string workspace = test::source_path("samples/workspace.json");
  auto ws = report::read_workspace_file(workspace);
  report::Engine engine;
  report::load_workspace(engine, ws, report::folder_of(workspace));
  Dataset& dataset = const_cast<Dataset&>(engine.dataset());
  const kpi::Facts facts = kpi::build_facts(dataset, ws.settings, dataset.strings);
  const kpi::OrderTotals totals = kpi::order_totals(facts);
  REQUIRE(totals.orders.size() == facts.order_count());
  REQUIRE(facts.order_count() > 1000);

  // The sums are the lines': revenue, units and which orders count.
  std::size_t positive = 0;
  for (std::uint32_t o = 0; o < facts.order_count(); ++o) {
    double revenue = 0;
    for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l)
      revenue += facts.line_revenue[l];
    CHECK(totals.orders[o].totals.revenue.value() == Approx(revenue).margin(1e-9));
    CHECK(totals.orders[o].any == (facts.order_line_begin[o + 1] > facts.order_line_begin[o]));
    positive += totals.orders[o].positive;
  }
  CHECK(positive > facts.order_count() / 2);

  const auto scope_for = [&](const json& filters) {
    const config::Settings settings = config::settings_from_json(filters);
    return kpi::resolve_scope(settings, dataset.strings, facts.first_day, facts.last_day);
  };
  const std::string rep(dataset.strings.view(facts.reps[facts.order_rep[0]]));
  const std::string customer(dataset.strings.view(facts.customer_id[0]));
  for (const json& filters : {json::object(), json{{"from", "2025-06-01"}, {"to", "2025-12-31"}},
                              json{{"as_of", "2025-09-30"}}, json{{"sales_rep", rep}},
                              json{{"customer", customer}}, json{{"catalog", "Premium"}}}) {
    INFO(filters.dump());
    const kpi::Scope scope = scope_for(filters);
    const std::string by_lines = profiles_text(facts, scope, ws.settings, dataset.strings, nullptr);
    CHECK(profiles_text(facts, scope, ws.settings, dataset.strings, &totals) == by_lines);
    CHECK(by_lines.size() > 200);
    const std::string team_by_lines =
        team_text(facts, scope, ws.settings, dataset.strings, nullptr);
    CHECK(team_text(facts, scope, ws.settings, dataset.strings, &totals) == team_by_lines);
    CHECK(team_by_lines.find("\"revenue\"") != std::string::npos);
  }
}

TEST_CASE("Engine: a re-filter (orders summed) reports what a first report (lines) does",
          "[kpi][customers]") {
  const std::string workspace = test::source_path("samples/workspace.json");
  auto ws = report::read_workspace_file(workspace);
  const auto fresh_report = [&](const json& filters) {
    report::Engine engine;
    report::load_workspace(engine, ws, report::folder_of(workspace));
    return engine.report(config::settings_from_json(filters));
  };
  report::Engine engine;
  report::load_workspace(engine, ws, report::folder_of(workspace));
  const json half = {{"from", "2025-06-01"}, {"to", "2025-12-31"}};
  const json rep = {{"sales_rep", "R02"}};
  // The first report reads lines, and so does the catalog's (it picks lines); the next ones
  // without a catalog add the orders' sums.
  for (const json& filters :
       {json::object(), json{{"catalog", "Premium"}}, half, rep, json::object()}) {
    INFO(filters.dump());
    const json doc = engine.report(config::settings_from_json(filters));
    const json expected = fresh_report(filters);
    CHECK(doc.at("customers") == expected.at("customers"));
    CHECK(doc.at("comparisons") == expected.at("comparisons"));
  }
}

namespace {

/// An engine holding `csv` as order lines.
void load_lines(report::Engine& engine, const std::string& csv) {
  engine.begin_file("lines.csv");
  engine.feed(csv);
  engine.finish_file();
}

/// Three customers' orders over four months: in one catalog with no rep named, or (split) in
/// two catalogs and by two reps.
std::string lines_csv(bool split) {
  std::string csv =
      split ? "order_id,order_date,customer_id,sku,quantity,unit_price,catalog,sales_rep\n"
            : "order_id,order_date,customer_id,sku,quantity,unit_price\n";
  int order = 1000;
  for (int month = 1; month <= 4; ++month)
    for (int c = 0; c < 3; ++c)
      for (int l = 0; l < 2; ++l) {
        csv += "SO" + std::to_string(order + 10 * month + c) + ",2025-0" + std::to_string(month) +
               "-1" + std::to_string(c) + ",C" + std::to_string(c) + ",SKU" +
               std::to_string(l + c) + "," + std::to_string(1 + l + month) + "," +
               std::to_string(3 + c) + ".25";
        csv += split ? (c == 2 ? ",B,R2\n" : ",A,R1\n") : "\n";
      }
  return csv;
}

}  // namespace

TEST_CASE(
    "a catalog or rep filter on the data's only one leaves every line in: the orders' sums and "
    "the products' points serve, and the figures are the unfiltered ones",
    "[kpi][customers][catalogs]") {
  for (const bool split : {false, true}) {
    INFO("two catalogs and two reps: " << split);
    report::Engine engine;
    load_lines(engine, lines_csv(split));
    Dataset& dataset = const_cast<Dataset&>(engine.dataset());
    const config::Settings none;
    const kpi::Facts facts = kpi::build_facts(dataset, none, dataset.strings);
    const kpi::OrderTotals totals = kpi::order_totals(facts);
    REQUIRE(facts.line_count() == 24);
    const auto scope_for = [&](const char* catalog, const char* rep) {
      config::Settings settings;
      if (catalog) settings.catalog = catalog;
      if (rep) settings.sales_rep = rep;
      return kpi::resolve_scope(settings, dataset.strings, facts.first_day, facts.last_day);
    };
    CHECK(kpi::catalog_keeps_every_line(scope_for(nullptr, nullptr), facts));
    CHECK(kpi::sales_rep_keeps_every_order(scope_for(nullptr, nullptr), facts));
    CHECK(kpi::totals_serve(&totals, facts, scope_for(nullptr, nullptr)));
    // A value absent from the data matches nothing, even beside a single catalog or rep.
    CHECK_FALSE(kpi::catalog_keeps_every_line(scope_for("Elsewhere", nullptr), facts));
    CHECK_FALSE(kpi::sales_rep_keeps_every_order(scope_for(nullptr, "Nobody"), facts));
    if (!split) {
      REQUIRE(facts.catalogs.size() == 1);
      REQUIRE(facts.reps.size() == 1);
      CHECK(dataset.strings.view(facts.catalogs.front()) == "All");
      CHECK(dataset.strings.view(facts.reps.front()) == "Unassigned");
      CHECK(kpi::catalog_keeps_every_line(scope_for("All", nullptr), facts));
      CHECK(kpi::totals_serve(&totals, facts, scope_for("All", nullptr)));
      CHECK(kpi::sales_rep_keeps_every_order(scope_for(nullptr, "Unassigned"), facts));
      // The same figures as without the filter; only the head says the filter.
      const json all = engine.report(none);
      config::Settings catalog, rep;
      catalog.catalog = "All";
      rep.sales_rep = "Unassigned";
      for (const config::Settings& only : {catalog, rep}) {
        const json filtered = engine.report(only);
        for (const char* key : {"customers", "catalogs", "sales_team", "attention", "comparisons"})
          CHECK(filtered.at(key) == all.at(key));
        CHECK(filtered.at("filters") != all.at("filters"));
      }
    } else {
      REQUIRE(facts.catalogs.size() == 2);
      REQUIRE(facts.reps.size() == 2);
      CHECK_FALSE(kpi::catalog_keeps_every_line(scope_for("A", nullptr), facts));
      CHECK_FALSE(kpi::totals_serve(&totals, facts, scope_for("A", nullptr)));
      CHECK_FALSE(kpi::sales_rep_keeps_every_order(scope_for(nullptr, "R1"), facts));
    }
  }
}
