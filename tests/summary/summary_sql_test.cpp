// The SQL of layer 1 for the samples, in the four dialects, against snapshots in
// tests/summary/sql/ (PULSE_REGENERATE_GOLDEN=1 rewrites them: review the diff like code).
// DuckDB's is also run for real over the samples by tests/sql/duckdb.test.mjs.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <string>

#include "pulse/report/engine.h"
#include "pulse/report/workspace_loader.h"
#include "pulse/summary/summary_sql.h"
#include "test_support.h"

using namespace pulse;

namespace {

/// The samples' order lines, orders and customers as the engine maps them, at paths relative
/// to the repository (where `b2b-pulse sql --config samples/workspace.json` points).
std::vector<summary::SqlSource> sample_sources(config::Settings& settings) {
  const std::string path = test::source_path("samples/workspace.json");
  const config::Workspace ws = report::read_workspace_file(path);
  settings = ws.settings;
  report::Engine engine;
  report::load_workspace(engine, ws, report::folder_of(path));
  std::vector<summary::SqlSource> out;
  for (std::size_t i = 0; i < ws.files.size(); ++i) {
    const LoadReport& load = engine.dataset().loads[i];
    if (load.role == "order_lines" || load.role == "orders" || load.role == "customers")
      out.push_back(summary::sql_source(load, "samples/" + ws.files[i].path));
  }
  return out;
}

}  // namespace

TEST_CASE("summary SQL: the samples in four dialects match their snapshots", "[summary]") {
  config::Settings settings;
  const auto sources = sample_sources(settings);
  REQUIRE(sources.size() == 3);
  const bool regenerate = std::getenv("PULSE_REGENERATE_GOLDEN") != nullptr;
  for (const char* name : {"duckdb", "postgres", "spark", "bigquery"}) {
    INFO(name);
    const std::string sql =
        summary::summary_sql(*summary::dialect_from_name(name), sources, settings);
    // Every table of the description, every column named.
    for (const char* table :
         {"pulse_orders", "pulse_order_items", "pulse_customers", "pulse_products"})
      CHECK(sql.find(std::string(" TABLE ") + table + " AS") != std::string::npos);
    const std::string snapshot =
        test::source_path(std::string("tests/summary/sql/") + name + ".sql");
    if (regenerate) std::ofstream(snapshot, std::ios::binary) << sql;
    CHECK(sql == test::read_file(snapshot));
  }
  CHECK_FALSE(summary::dialect_from_name("oracle"));
}
