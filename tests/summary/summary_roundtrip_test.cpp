// Layer 1 written and read back: the report from the summary tables equals the report from
// the raw files (docs/summaries.md), under every filter of the page; a mix that would count
// orders twice is refused; a Parquet file is refused with how to convert it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_difference.h"
#include "pulse/report/engine.h"
#include "pulse/report/workspace_loader.h"
#include "pulse/summary/summary_schema.h"
#include "test_support.h"

using nlohmann::json;
using namespace pulse;

namespace {

/// The first place the report from raw files and the one from their summaries differ, or none.
std::optional<std::string> first_difference(const json& raw, const json& from_summaries,
                                            const std::string& at) {
  return test::first_json_difference(raw, from_summaries, at, "only from raw",
                                     "only from summaries");
}

/// The report without what names the files read (which differ by design).
json figures(json doc) {
  doc.erase("load");
  doc.erase("warnings");
  return doc;
}

/// True when the i-th file loaded holds orders (raw order lines or orders).
bool holds_orders(const report::Engine& raw, std::size_t i) {
  const std::string& role = raw.dataset().loads[i].role;
  return role == "order_lines" || role == "orders";
}

struct Pair {
  report::Engine raw;
  report::Engine summarized;
  std::vector<summary::SummaryFile> files;
};

/// The samples read raw, and read as their summaries beside the raw files that are not orders
/// (customers, deals, quote history, reps, prices).
void load_samples(Pair& p, config::Workspace& ws) {
  const std::string path = test::source_path("samples/workspace.json");
  ws = report::read_workspace_file(path);
  const std::string base = report::folder_of(path);
  report::load_workspace(p.raw, ws, base);
  p.files = p.raw.summaries(ws.settings);
  for (const summary::SummaryFile& f : p.files) {
    p.summarized.begin_file(f.name);
    p.summarized.feed(f.csv);
    p.summarized.finish_file();
  }
  for (std::size_t i = 0; i < ws.files.size(); ++i)
    if (!holds_orders(p.raw, i))
      p.summarized.load_path(base + "/" + ws.files[i].path, ws.files[i].path, ws.files[i].options);
}

}  // namespace

TEST_CASE("summaries: the samples' report from summaries equals the one from raw files",
          "[summary]") {
  Pair p;
  config::Workspace ws;
  load_samples(p, ws);

  // Each summary file is recognized by its header as its own role, every row kept.
  REQUIRE(p.files.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    const LoadReport& load = p.summarized.dataset().loads[i];
    INFO(load.file << " " << load.error);
    CHECK(load.role == std::string(role_name(summary::summary_tables()[i].role)));
    CHECK(load.rows_loaded == p.files[i].rows);
    CHECK(load.rows_skipped == 0);
  }
  // Real figures of the samples' summaries (docs/summaries.md): the grain merges nothing
  // there but drops the excluded orders' lines from the items.
  CHECK(p.files[0].name == "pulse_orders.csv");
  CHECK(p.files[0].rows == p.raw.dataset().tables_of(Role::orders).front()->rows);
  CHECK(p.files[1].rows > 0);
  CHECK(p.files[1].rows <= p.raw.dataset().tables_of(Role::order_lines).front()->rows);

  std::vector<config::Settings> scopes(6, ws.settings);
  scopes[1].catalog = "Wholesale";
  scopes[2].sales_rep = "R03";
  scopes[3].customer = "C004";
  scopes[4].from = day_from_civil(2025, 3, 1);
  scopes[4].to = day_from_civil(2025, 6, 30);
  scopes[5].as_of = day_from_civil(2025, 1, 31);
  for (std::size_t i = 0; i < scopes.size(); ++i) {
    INFO("scope " << i);
    const json raw = figures(p.raw.report(scopes[i]));
    const json from_summaries = figures(p.summarized.report(scopes[i]));
    const auto difference = first_difference(raw, from_summaries, "report");
    CHECK(difference.value_or("") == "");
    // Not two empty reports agreeing: the scope has customers (all 150 without a filter).
    CHECK(raw.at("customers").at("rows").size() >= (i == 0 ? 150u : 1u));
  }
}

TEST_CASE("summaries: raw orders beside order summaries are refused, located", "[summary]") {
  Pair p;
  config::Workspace ws;
  load_samples(p, ws);
  report::Engine engine;
  for (const summary::SummaryFile& f : p.files) {
    engine.begin_file(f.name);
    engine.feed(f.csv);
    engine.finish_file();
  }
  const LoadReport& load =
      engine.load_path(test::source_path("samples/order_lines.csv"), "order_lines.csv");
  CHECK(load.refused());
  CHECK(load.rows_loaded == 0);
  CHECK(load.error.rfind("[pulse.summary.001] order_lines.csv and the summary tables "
                         "pulse_orders.csv, pulse_order_items.csv",
                         0) == 0);
  CHECK(engine.dataset().tables_of(Role::order_lines).empty());
  // The summaries loaded before it still make the report.
  CHECK(engine.report(ws.settings).at("customers").at("rows").size() > 10);
}

TEST_CASE("summaries: a Parquet file is refused with how to convert it", "[summary]") {
  report::Engine engine;
  engine.begin_file("orders.parquet");
  engine.feed(std::string("PAR1\x15\x04\x15\x10\x15\x14L\x15\x02\x15\x00\x12\x00\x00", 18));
  const LoadReport& load = engine.finish_file();
  CHECK(load.refused());
  CHECK(load.error ==
        "[pulse.ingest.011] orders.parquet: a Parquet file, which this version does not read; "
        "convert it to CSV first, e.g. duckdb -c \"COPY (FROM 'orders.parquet') TO "
        "'orders.parquet.csv'\"");
}

TEST_CASE("summaries: Online Retail from summaries equals the raw report", "[summary][real]") {
  PULSE_SKIP_WITHOUT_DATASET("datasets/online-retail/online_retail.csv");
  ingest::FileOptions options;
  options.mapping.columns[Field::catalog] = "Country";
  report::Engine raw;
  raw.load_path(test::shared_path("datasets/online-retail/online_retail.csv"), "online_retail.csv",
                options);
  config::Settings settings;
  const auto files = raw.summaries(settings);
  report::Engine summarized;
  for (const summary::SummaryFile& f : files) {
    summarized.begin_file(f.name);
    summarized.feed(f.csv);
    summarized.finish_file();
  }
  const auto difference = first_difference(figures(raw.report(settings)),
                                           figures(summarized.report(settings)), "report");
  CHECK(difference.value_or("") == "");
  settings.catalog = "France";
  const auto filtered = first_difference(figures(raw.report(settings)),
                                         figures(summarized.report(settings)), "report");
  CHECK(filtered.value_or("") == "");
}
