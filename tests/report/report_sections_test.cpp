// A report of some sections (the dashboard on screen first, docs/architecture.md "Report by
// view") holds the head and exactly those keys, each equal to the whole report's.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_difference.h"
#include "pulse/report/engine.h"
#include "pulse/report/report_sections.h"
#include "pulse/report/workspace_loader.h"
#include "test_support.h"

using nlohmann::json;
using namespace pulse;

namespace {

const std::vector<std::string> kHead = {"as_of", "period", "filters", "load", "warnings"};
const std::vector<std::string> kSections = {"customers",  "catalogs",  "negotiations",
                                            "sales_team", "attention", "comparisons"};

config::Settings load_samples(report::Engine& engine) {
  const std::string workspace = test::source_path("samples/workspace.json");
  const config::Workspace ws = report::read_workspace_file(workspace);
  report::load_workspace(engine, ws, report::folder_of(workspace));
  return ws.settings;
}

/// Each section alone and two pairs: keys and figures against the whole report of `settings`.
void check_sections(report::Engine& engine, const config::Settings& settings) {
  const json whole = engine.report(settings);
  std::vector<std::string> lists(kSections.begin(), kSections.end());
  lists.push_back("customers,sales_team");
  lists.push_back(" catalogs , attention");
  for (const std::string& list : lists) {
    INFO("sections: " << list);
    const auto sections = report::parse_sections(list);
    REQUIRE(sections.has_value());
    const json part = engine.report(settings, *sections);
    std::vector<std::string> expected = kHead;
    for (const std::string& key : kSections) {
      if (list.find(key) == std::string::npos) continue;
      expected.push_back(key);
      if (key == "attention") expected.push_back("attention_total");  // the list's full length
    }
    std::vector<std::string> keys;
    for (const auto& item : part.items()) keys.push_back(item.key());
    std::sort(keys.begin(), keys.end());  // nlohmann::json keeps keys sorted; so compare sorted
    std::sort(expected.begin(), expected.end());
    CHECK(keys == expected);
    for (const std::string& key : expected) {
      INFO("key " << key);
      const auto difference =
          test::first_json_difference(part.at(key), whole.at(key), "$." + key,
                                      "missing in the whole report", "missing in the part");
      CHECK_FALSE(difference.has_value());
      if (difference) FAIL_CHECK(*difference);
    }
  }
}

}  // namespace

TEST_CASE("report sections: names are the report's keys; others are refused", "[sections]") {
  CHECK(report::parse_sections("") == report::Sections::all());
  CHECK(
      report::parse_sections("customers,catalogs,negotiations,sales_team,attention,comparisons") ==
      report::Sections::all());
  const auto one = report::parse_sections("catalogs");
  REQUIRE(one);
  CHECK(one->has(report::Section::catalogs));
  CHECK_FALSE(one->has(report::Section::customers));
  std::string_view unknown;
  CHECK_FALSE(report::parse_sections("customers,products", &unknown));
  CHECK(unknown == "products");
  CHECK_FALSE(report::parse_sections("customers,,catalogs", &unknown));
  CHECK(unknown.empty());
}

TEST_CASE(
    "report sections: each equals the same keys of the whole report, samples (goldens' "
    "scopes)",
    "[sections]") {
  report::Engine engine;
  const config::Settings base = load_samples(engine);
  // The three scopes of tests/golden: default, one catalog over a quarter, one rep.
  check_sections(engine, base);
  config::Settings premium_q3 = base;
  premium_q3.catalog = "Premium";
  premium_q3.from = day_from_civil(2026, 7, 1);
  premium_q3.to = day_from_civil(2026, 9, 30);
  check_sections(engine, premium_q3);
  config::Settings rep = base;
  rep.sales_rep = "R03";
  check_sections(engine, rep);
}

TEST_CASE("report sections: with orders only and with nothing loaded", "[sections]") {
  report::Engine engine;
  ingest::FileOptions options;
  engine.load_path(test::source_path("samples/order_lines.csv"), "order_lines.csv", options);
  check_sections(engine, config::Settings{});
  report::Engine empty;
  check_sections(empty, config::Settings{});
}

TEST_CASE("report sections: the whole report after a view's sections equals a fresh engine's",
          "[sections]") {
  // The engine keeps the dashboards of the last settings for the next report with the same
  // settings (the page's view, then the whole report): they must not change a figure.
  for (const char* view : {"attention", "customers,comparisons", "catalogs", "sales_team"}) {
    INFO("view: " << view);
    report::Engine warm, fresh;
    config::Settings settings = load_samples(warm);
    load_samples(fresh);
    settings.catalog = "Premium";
    warm.report(config::Settings{});  // another scope before
    warm.report(settings, *report::parse_sections(view));
    const auto difference =
        test::first_json_difference(warm.report(settings), fresh.report(settings), "$",
                                    "missing in the fresh engine's", "missing in the warm one's");
    CHECK_FALSE(difference.has_value());
    if (difference) FAIL_CHECK(*difference);
  }
}
