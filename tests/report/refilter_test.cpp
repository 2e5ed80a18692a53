// What the engine keeps across reports (the joins, the return model, the products' price points;
// docs/performance.md "Re-filter: caches and report by view") must not change a figure: the
// report of a scope from a warm engine, which made other reports before, equals the report of a
// fresh engine that made only that one.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_difference.h"
#include "pulse/kpi/catalogs.h"
#include "pulse/kpi/scope.h"
#include "pulse/report/engine.h"
#include "pulse/report/workspace_loader.h"
#include "test_support.h"

using nlohmann::json;
using namespace pulse;

namespace {

const std::string kOnlineRetail = "datasets/online-retail/online_retail.csv";

void load_samples(report::Engine& engine, config::Settings& settings) {
  const std::string workspace = test::source_path("samples/workspace.json");
  const config::Workspace ws = report::read_workspace_file(workspace);
  report::load_workspace(engine, ws, report::folder_of(workspace));
  settings = ws.settings;
}

void load_online_retail(report::Engine& engine) {
  ingest::FileOptions options;
  options.mapping.columns[Field::catalog] = "Country";  // one catalog per country
  engine.load_path(test::shared_path(kOnlineRetail), "online_retail.csv", options);
}

Day day_of(const json& iso) {
  const std::string s = iso.get<std::string>();
  return day_from_civil(std::stoi(s.substr(0, 4)), static_cast<unsigned>(std::stoi(s.substr(5, 2))),
                        static_cast<unsigned>(std::stoi(s.substr(8, 2))));
}

struct NamedScope {
  std::string name;
  config::Settings settings;
};

/// Scopes a user moves between: the period halved, a catalog, the catalog over the half
/// period, a rep, a customer, monthly elasticity, and the whole data again.
std::vector<NamedScope> scopes_of(const json& first, const config::Settings& base) {
  const Day from = day_of(first.at("period").at("from"));
  const Day to = day_of(first.at("period").at("to"));
  std::vector<NamedScope> out;
  auto add = [&](std::string name, auto change) {
    config::Settings s = base;
    change(s);
    out.push_back({std::move(name), s});
  };
  const json& catalogs = first.at("catalogs").at("catalogs");
  const std::string catalog = catalogs.at(catalogs.size() > 1 ? 1 : 0).at("catalog");
  add("period halved", [&](config::Settings& s) { s.to = from + (to - from) / 2; });
  add("later half", [&](config::Settings& s) { s.from = from + (to - from) / 2 + 3; });
  add("catalog " + catalog, [&](config::Settings& s) { s.catalog = catalog; });
  add("catalog over the half period", [&](config::Settings& s) {
    s.catalog = catalog;
    s.to = from + (to - from) / 2;
  });
  const json& rows = first.at("customers").at("rows");
  const std::string customer = rows.at(0).at("customer_id");
  add("customer " + customer, [&](config::Settings& s) { s.customer = customer; });
  const json& reps = first.at("sales_team");
  if (reps.contains("reps") && !reps.at("reps").empty()) {
    const std::string rep = reps.at("reps").at(0).at("sales_rep");
    add("rep " + rep + " over the half period", [&](config::Settings& s) {
      s.sales_rep = rep;
      s.to = from + (to - from) / 2;
    });
  }
  add("monthly elasticity", [&](config::Settings& s) { s.elasticity_period = "month"; });
  add("whole data again", [](config::Settings&) {});
  return out;
}

void check_same(const json& warm, const json& fresh, const std::string& scope) {
  INFO("scope: " << scope);
  const auto difference = test::first_json_difference(warm, fresh, "$",
                                                      "missing in the fresh "
                                                      "engine's report",
                                                      "missing in the warm one");
  CHECK_FALSE(difference.has_value());
  if (difference) FAIL_CHECK(*difference);
}

}  // namespace

TEST_CASE("re-filter: a warm engine's reports equal a fresh engine's, samples", "[refilter]") {
  report::Engine warm;
  config::Settings base;
  load_samples(warm, base);
  const json first = warm.report(base);
  const std::vector<NamedScope> scopes = scopes_of(first, base);
  REQUIRE(scopes.size() >= 7);
  for (const NamedScope& scope : scopes) {
    report::Engine fresh;
    config::Settings ignored;
    load_samples(fresh, ignored);
    check_same(warm.report(scope.settings), fresh.report(scope.settings), scope.name);
  }
  // The first report again, after all the others.
  check_same(warm.report(base), first, "the first scope again");
}

TEST_CASE("re-filter: the cached price points give the catalogs of gathered ones, Online Retail",
          "[refilter][real]") {
  PULSE_SKIP_WITHOUT_DATASET(kOnlineRetail);
  report::Engine engine;
  load_online_retail(engine);
  const json first = engine.report(config::Settings{});
  // The catalogs dashboard is what reads the cached points: with and without them, per scope.
  const kpi::Facts facts = kpi::build_facts(engine.dataset(), config::Settings{},
                                            const_cast<StringPool&>(engine.dataset().strings));
  for (const NamedScope& scope : scopes_of(first, config::Settings{})) {
    INFO("scope: " << scope.name);
    const kpi::Scope resolved = kpi::resolve_scope(scope.settings, engine.dataset().strings,
                                                   facts.first_day, facts.last_day);
    const kpi::ProductPoints points =
        kpi::product_points(facts, scope.settings.elasticity_period == "month");
    const kpi::CatalogReport gathered =
        kpi::catalog_report(facts, resolved, scope.settings, engine.dataset().strings);
    const kpi::CatalogReport cached =
        kpi::catalog_report(facts, resolved, scope.settings, engine.dataset().strings, &points);
    REQUIRE(cached.products.size() == gathered.products.size());
    std::size_t fitted = 0;
    for (std::size_t i = 0; i < cached.products.size(); ++i) {
      const auto& a = cached.products[i].elasticity;
      const auto& b = gathered.products[i].elasticity;
      REQUIRE(a.has_value() == b.has_value());
      if (!a) continue;
      ++fitted;
      CHECK(a->slope == b->slope);  // the same bits, not close figures
      CHECK(a->pooled_slope == b->pooled_slope);
      CHECK(a->n == b->n);
    }
    CHECK(cached.discount_levels.size() == gathered.discount_levels.size());
    if (scope.settings.customer) continue;  // one customer's lines rarely make 6 weeks of a SKU
    CHECK(fitted > 0);
  }
}

TEST_CASE("re-filter: a warm engine's report equals a fresh engine's, Online Retail",
          "[refilter][real]") {
  PULSE_SKIP_WITHOUT_DATASET(kOnlineRetail);
  report::Engine warm;
  load_online_retail(warm);
  const json first = warm.report(config::Settings{});
  const std::vector<NamedScope> scopes = scopes_of(first, config::Settings{});
  // The warm engine goes through every scope first; a fresh one checks the last filtered one
  // (a load of the 48 MB file costs a second).
  for (const NamedScope& scope : scopes) warm.report(scope.settings);
  const NamedScope& checked = scopes.at(3);
  REQUIRE(checked.name == "catalog over the half period");
  report::Engine fresh;
  load_online_retail(fresh);
  const json report = warm.report(checked.settings);
  check_same(report, fresh.report(checked.settings), checked.name);
  CHECK(report.at("catalogs").at("products").size() > 100);
}
