// JsonWriter's tables: a list of rows written as rows (the SPEC form) or as columns (the page's
// engine, wasm/README.md "Lists as columns"). Written both ways, the columns expanded back to
// rows must give the same JSON value, whatever the rows hold.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "pulse/config/settings.h"
#include "pulse/report/engine.h"
#include "pulse/report/json_writer.h"
#include "pulse/report/workspace_loader.h"
#include "test_support.h"

using nlohmann::json;
using namespace pulse;

namespace {

/// The rows of a table written as columns, as the page's worker reads them (column-lists.js):
/// a key listed absent for a row is left out of that row.
json rows_of(const json& table) {
  REQUIRE(table.is_object());
  const std::size_t n = table.at("length").get<std::size_t>();
  json rows = json::array();
  for (std::size_t i = 0; i < n; ++i) rows.push_back(json::object());
  for (const auto& [key, column] : table.at("fields").items()) {
    REQUIRE(column.size() == n);
    for (std::size_t i = 0; i < n; ++i) rows[i][key] = column[i];
  }
  if (table.contains("absent"))
    for (const auto& [key, list] : table.at("absent").items())
      for (const json& i : list) {
        CHECK(rows[i.get<std::size_t>()][key].is_null());
        rows[i.get<std::size_t>()].erase(key);
      }
  return rows;
}

/// A document with two tables and a value between them, written with `columns`.
std::string document(bool columns, bool ascii) {
  report::JsonWriter w;
  w.tables_as_columns(columns);
  w.ascii_only(ascii);
  w.begin_object();
  w.key("before"), w.value(1);
  w.key("people");
  w.begin_table();
  for (int i = 0; i < 5; ++i) {
    w.begin_object();
    w.key("id"), w.value("c" + std::to_string(i));
    if (i != 2) w.key("name"), w.value(i == 3 ? "Ёлка \"quoted\"" : "plain");  // row 2 lacks it
    w.key("revenue"), w.value(i * 1.25);
    if (i >= 3) w.key("late"), w.value(true);  // a key the first rows never had
    w.key("nested");
    w.begin_object();
    w.key("days");
    w.begin_array();
    for (int d = 0; d < i; ++d) w.value(d);
    w.end_array();
    w.key("inner");
    w.begin_table();  // a table inside a row: an array whatever the mode
    w.begin_object();
    w.key("x"), w.value(i);
    w.end_object();
    w.end_table();
    w.end_object();
    w.key("missing"), w.null();
    w.end_object();
  }
  w.end_table();
  w.key("empty");
  w.begin_table();
  w.end_table();
  w.key("again");
  w.begin_table();  // the columns' buffers are reused: nothing of the first table remains
  w.begin_object();
  w.key("name"), w.value("second");
  w.end_object();
  w.end_table();
  w.key("after"), w.value("end");
  w.end_object();
  return w.take();
}

}  // namespace

TEST_CASE("JsonWriter: a table as rows is an array of its rows", "[report][json]") {
  const json doc = json::parse(document(false, false));
  REQUIRE(doc.at("people").is_array());
  CHECK(doc.at("people").size() == 5);
  CHECK(doc.at("people")[2].contains("name") == false);
  CHECK(doc.at("people")[3].at("late") == true);
  CHECK(doc.at("empty") == json::array());
}

TEST_CASE("JsonWriter: a table as columns expands to the same rows", "[report][json]") {
  for (const bool ascii : {false, true}) {
    const json rows = json::parse(document(false, ascii));
    const json columns = json::parse(document(true, ascii));
    CHECK(columns.at("people").at("length") == 5);
    // Each key once, in the order the rows first wrote it.
    std::vector<std::string> keys;
    const auto ordered = nlohmann::ordered_json::parse(document(true, ascii));
    for (const auto& [key, column] : ordered.at("people").at("fields").items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"id", "name", "revenue", "nested", "missing", "late"});
    CHECK(columns.at("people").at("absent") == json::parse(R"({"name": [2], "late": [0, 1, 2]})"));
    CHECK(columns.at("people").at("fields").at("missing") ==
          json::parse("[null,null,null,null,null]"));
    // A table inside a row stays an array.
    CHECK(columns.at("people").at("fields").at("nested")[1].at("inner").is_array());
    CHECK(columns.at("empty") == json::parse(R"({"length": 0, "fields": {}})"));
    CHECK_FALSE(columns.at("again").contains("absent"));
    json expanded = columns;
    for (const char* table : {"people", "empty", "again"})
      expanded[table] = rows_of(columns.at(table));
    CHECK(expanded == rows);
  }
}

TEST_CASE("JsonWriter: a key written twice in a table row is refused", "[report][json]") {
  report::JsonWriter w;
  w.tables_as_columns(true);
  w.begin_object();
  w.key("t");
  w.begin_table();
  w.begin_object();
  w.key("a"), w.value(1);
  CHECK_THROWS_AS(w.key("a"), std::logic_error);
}

namespace {

/// The report with its big lists as columns, expanded back to rows.
json expanded_lists(json doc) {
  const auto expand = [](json& parent, const char* key) {
    if (parent.is_object() && parent.contains(key) && parent[key].is_object())
      parent[key] = rows_of(parent[key]);
  };
  if (doc.contains("customers")) expand(doc["customers"], "rows");
  if (doc.contains("catalogs")) expand(doc["catalogs"], "products");
  if (doc.contains("negotiations")) {
    expand(doc["negotiations"], "open");
    expand(doc["negotiations"], "deals");
  }
  return doc;
}

void check_lists_as_columns(report::Engine& engine, const config::Settings& settings) {
  const json rows = json::parse(engine.report_text(settings));
  engine.set_lists_as_columns(true);
  const std::string text = engine.report_text(settings);
  engine.set_lists_as_columns(false);
  const json columns = json::parse(text);
  CHECK(columns.at("customers").at("rows").is_object());
  CHECK(columns.at("catalogs").at("products").is_object());
  CHECK(expanded_lists(columns) == rows);
  // Each list's keys are written once, not once a row.
  CHECK(text.size() < json(rows).dump().size());
}

}  // namespace

TEST_CASE("Engine: the lists as columns are the report's lists (samples)", "[report][json]") {
  const std::string workspace = test::source_path("samples/workspace.json");
  auto ws = report::read_workspace_file(workspace);
  report::Engine engine;
  report::load_workspace(engine, ws, report::folder_of(workspace));
  check_lists_as_columns(engine, ws.settings);
  const json columns = [&] {
    engine.set_lists_as_columns(true);
    json doc = json::parse(engine.report_text(ws.settings));
    engine.set_lists_as_columns(false);
    return doc;
  }();
  CHECK(columns.at("negotiations").at("open").is_object());
  CHECK(columns.at("negotiations").at("deals").is_object());
}

TEST_CASE("Engine: the lists as columns are the report's lists (Online Retail)",
          "[report][json][dataset]") {
  PULSE_SKIP_WITHOUT_DATASET("datasets/online-retail/online_retail.csv");
  report::Engine engine;
  engine.load_path(test::shared_path("datasets/online-retail/online_retail.csv"),
                   "online_retail.csv");
  const config::Settings half = config::settings_from_json(json{{"to", "2011-06-30"}});
  for (const config::Settings& settings : {config::Settings{}, half})
    check_lists_as_columns(engine, settings);
}
