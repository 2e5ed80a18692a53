// Golden reports of the bundled samples: the engine's whole JSON document is compared with
// tests/golden/*.json, and what the engine reads (`b2b-pulse schema`) with input_schema.json,
// the fake engine's copy (tests/browser/fake-engine.js). When a change is intended, regenerate
// them with `make golden` (PULSE_REGENERATE_GOLDEN=1) and review the diff like code.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "json_difference.h"
#include "pulse/report/engine.h"
#include "pulse/report/json_writer.h"
#include "pulse/report/schema_json.h"
#include "pulse/report/workspace_loader.h"
#include "test_support.h"

using nlohmann::json;
using namespace pulse;

namespace {

json sample_report(const config::Settings& overrides_applied) {
  const std::string workspace = test::source_path("samples/workspace.json");
  config::Workspace ws = report::read_workspace_file(workspace);
  report::Engine engine;
  report::load_workspace(engine, ws, report::folder_of(workspace));
  return engine.report(overrides_applied);
}

void check_golden(const std::string& name, const json& report) {
  const std::string path = test::source_path("tests/golden/" + name + ".json");
  if (std::getenv("PULSE_REGENERATE_GOLDEN")) {
    std::ofstream(path) << report.dump(1) << "\n";
    WARN("regenerated " << path);
    return;
  }
  const json golden = json::parse(test::read_file(path));
  const auto difference = test::first_json_difference(
      report, golden, "$", "missing in the golden file", "missing in the report");
  INFO("golden file " << path << " (regenerate with `make golden` if the change is intended)");
  CHECK_FALSE(difference.has_value());
  if (difference) FAIL_CHECK(*difference);
}

}  // namespace

TEST_CASE("golden: the samples with default settings", "[golden]") {
  const std::string workspace = test::source_path("samples/workspace.json");
  check_golden("samples", sample_report(report::read_workspace_file(workspace).settings));
}

TEST_CASE("golden: the samples filtered to one catalog and a quarter", "[golden]") {
  config::Settings s =
      report::read_workspace_file(test::source_path("samples/workspace.json")).settings;
  s.catalog = "Premium";
  s.from = day_from_civil(2026, 7, 1);
  s.to = day_from_civil(2026, 9, 30);
  check_golden("samples_premium_q3", sample_report(s));
}

TEST_CASE("golden: the samples of one sales rep", "[golden]") {
  config::Settings s =
      report::read_workspace_file(test::source_path("samples/workspace.json")).settings;
  s.sales_rep = "R03";
  check_golden("samples_rep_r03", sample_report(s));
}

TEST_CASE("golden: the roles and fields the engine reads (b2b-pulse schema)", "[golden]") {
  report::JsonWriter w;
  report::write_schema(w);
  check_golden("input_schema", json::parse(w.str()));
}
