// JsonWriter's tables: a list of rows written as rows (the SPEC form) or kept apart from the
// document (the page's engine, wasm/README.md "Lists kept in the engine"). Written both ways,
// the kept tables read back as rows, and column by column, must give the same JSON values,
// whatever the rows hold.
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/config/settings.h"
#include "pulse/report/engine.h"
#include "pulse/report/json_writer.h"
#include "pulse/report/kept_table.h"
#include "pulse/report/workspace_loader.h"
#include "test_support.h"

using nlohmann::json;
using namespace pulse;

namespace {

/// The rows of a kept table as the page's worker gets them (write_kept_rows), checked against
/// its columns as the worker reads them (a numeric column's NaN reading null, an absent key
/// missing from its row, an object column's keys read from their own columns), and against the
/// document's entry for it.
json rows_of(const json& entry, const std::vector<report::KeptTable>& kept) {
  REQUIRE(entry.is_object());
  const report::KeptTable& table = kept.at(entry.at("kept").get<std::size_t>());
  const std::size_t n = entry.at("length").get<std::size_t>();
  REQUIRE(table.rows == n);
  REQUIRE(entry.at("fields").size() == table.columns.size());
  std::vector<std::uint32_t> all(n);
  for (std::size_t i = 0; i < n; ++i) all[i] = static_cast<std::uint32_t>(i);
  report::JsonWriter w;
  report::write_kept_rows(w, table, all);
  const json rows = json::parse(w.take());
  REQUIRE(rows.size() == n);
  bool any_member = false;
  for (std::size_t j = 0; j < table.columns.size(); ++j) {
    const report::KeptColumn& c = table.columns[j];
    CHECK(entry.at("fields")[j] == c.name);
    any_member = any_member || c.parent >= 0;
    json column;
    if (c.numeric) {
      REQUIRE(c.numbers.size() == n);
      for (const double v : c.numbers) column.push_back(std::isnan(v) ? json() : json(v));
    } else {
      report::JsonWriter cw;
      report::write_kept_column(cw, c);
      column = json::parse(cw.take());
    }
    REQUIRE(column.size() == n);
    // The parent's object in each row (null when the row's object is null or absent).
    const report::KeptColumn* parent =
        c.parent >= 0 ? &table.columns.at(static_cast<std::size_t>(c.parent)) : nullptr;
    if (parent) {
      REQUIRE(parent->object);
      REQUIRE(parent->numeric);
      CHECK(static_cast<std::size_t>(c.parent) < j);
    }
    // The document lists a member's absent rows only where its object is there.
    std::vector<std::uint32_t> listed;
    for (const std::uint32_t k : c.absent)
      if (!parent || !std::isnan(parent->numbers[k])) listed.push_back(k);
    const json absent = entry.contains("absent") ? entry.at("absent").at(j) : json::array();
    CHECK(absent == json(listed));
    if (entry.contains("parents")) CHECK(entry.at("parents").at(j) == c.parent);
    for (std::size_t i = 0; i < n; ++i) {
      const bool lacks = std::find(c.absent.begin(), c.absent.end(), i) != c.absent.end();
      const json* holder = &rows[i];
      if (parent) {
        const auto object = rows[i].find(parent->name);
        if (object == rows[i].end() || !object->is_object()) {  // no object: none of its keys
          CHECK(lacks);
          continue;
        }
        holder = &*object;
      }
      CHECK(holder->contains(c.name) == !lacks);
      if (lacks)
        CHECK(column[i].is_null());
      else if (c.object && !column[i].is_null())
        CHECK(holder->at(c.name).is_object());  // its keys are checked as its members' columns
      else
        CHECK(holder->at(c.name) == column[i]);
    }
  }
  CHECK(entry.contains("parents") == any_member);
  return rows;
}

/// A document with tables and values between them, its tables kept apart with `keep`.
std::string document(bool keep, bool ascii, std::vector<report::KeptTable>* kept = nullptr) {
  report::JsonWriter w;
  w.keep_tables(keep);
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
    // A column of numbers and nulls stays numbers; one that turns to text midway keeps its
    // numbers before as text (a row's big integer past 2^53 turns it too).
    if (i != 1) w.key("count"), i == 3 ? w.null() : w.value(std::int64_t{i});
    w.key("mixed"), i < 3 ? w.value(i + 0.5) : w.value("text");
    w.key("big"), i == 4 ? w.value(std::uint64_t{1} << 60) : w.value(std::uint64_t(i));
    w.key("infinite"), w.value(i == 0 ? std::nan("") : i == 1 ? HUGE_VAL : -0.0);
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
    // An object column whose row then gives a number turns to text, objects included; the
    // object column after it keeps its keys (their parent's place moves up).
    w.key("turns");
    if (i < 3 || i == 4) {
      w.begin_object();
      w.key("a"), w.value(i);
      if (i < 3) w.key("b"), w.value("x");
      w.end_object();
    } else {
      w.value(7);
    }
    // Objects, a null and an absent one; a key one object lacks, one first seen late.
    if (i == 1) {
      w.key("evidence"), w.null();
    } else if (i != 2) {
      w.key("evidence");
      w.begin_object();
      w.key("score"), i == 0 ? w.null() : w.value(i * 0.5);
      if (i != 4) w.key("label"), w.value("l" + std::to_string(i));
      if (i == 4) w.key("late_key"), w.value(true);
      w.end_object();
    }
    // A number first, then objects: text from the start.
    w.key("numbers_first");
    if (i == 0) {
      w.value(2.5);
    } else {
      w.begin_object();
      w.key("k"), w.value(i);
      w.end_object();
    }
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
  if (kept) *kept = w.take_kept_tables();
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

TEST_CASE("JsonWriter: a table kept apart reads back as the same rows", "[report][json]") {
  for (const bool ascii : {false, true}) {
    const json rows = json::parse(document(false, ascii));
    std::vector<report::KeptTable> kept;
    const json doc = json::parse(document(true, ascii, &kept));
    REQUIRE(kept.size() == 3);
    CHECK(doc.at("people").at("length") == 5);
    CHECK(doc.at("people").at("kept") == 0);
    CHECK(doc.at("again").at("kept") == 2);
    // Each key once, in the order the rows first wrote it.
    CHECK(doc.at("people").at("fields") ==
          json::parse(R"(["id", "name", "revenue", "count", "mixed", "big", "infinite", "nested",
                          "days", "inner", "turns", "evidence", "score", "label",
                          "numbers_first", "missing", "late", "late_key"])"));
    CHECK(doc.at("people").at("parents") ==
          json::parse("[-1, -1, -1, -1, -1, -1, -1, -1, 7, 7, -1, -1, 11, 11, -1, -1, -1, 11]"));
    CHECK(doc.at("people").at("absent") ==
          json::parse("[[], [2], [], [1], [], [], [], [], [], [], [], [2], [], [4], [], [], "
                      "[0, 1, 2], [0, 3]]"));
    // Which columns stayed numbers: nulls and absent rows among numbers keep a column numeric,
    // and an object column keeps 1 or NaN per row.
    std::vector<bool> numeric, object;
    for (const report::KeptColumn& c : kept[0].columns) {
      numeric.push_back(c.numeric);
      object.push_back(c.object);
    }
    CHECK(numeric == std::vector<bool>{false, false, true, true, false, false, true, true, false,
                                       false, false, true, true, false, false, true, false, false});
    CHECK(object == std::vector<bool>{false, false, false, false, false, false, false, true, false,
                                      false, false, true, false, false, false, false, false,
                                      false});
    CHECK(doc.at("empty") == json::parse(R"({"length": 0, "kept": 1, "fields": []})"));
    CHECK_FALSE(doc.at("again").contains("absent"));
    json expanded = doc;
    for (const char* table : {"people", "empty", "again"})
      expanded[table] = rows_of(doc.at(table), kept);
    CHECK(expanded == rows);
    // A table inside a row stays an array.
    CHECK(expanded.at("people")[1].at("nested").at("inner").is_array());
  }
}

TEST_CASE("write_kept_rows: any rows in any order, and no row past the table", "[report][json]") {
  std::vector<report::KeptTable> kept;
  document(true, false, &kept);
  const json rows = json::parse(document(false, false)).at("people");
  report::JsonWriter w;
  report::write_kept_rows(w, kept[0], {4, 0, 2, 2});
  CHECK(json::parse(w.take()) == json::array({rows[4], rows[0], rows[2], rows[2]}));
  report::JsonWriter none;
  report::write_kept_rows(none, kept[0], {});
  CHECK(none.take() == "[]");
  report::JsonWriter past;
  CHECK_THROWS_AS(report::write_kept_rows(past, kept[0], {5}), std::out_of_range);
}

TEST_CASE("JsonWriter: a key written twice in a table row is refused", "[report][json]") {
  report::JsonWriter w;
  w.keep_tables(true);
  w.begin_object();
  w.key("t");
  w.begin_table();
  w.begin_object();
  w.key("a"), w.value(1);
  CHECK_THROWS_AS(w.key("a"), std::logic_error);
}

namespace {

/// The report with its big lists kept, read back as rows.
json expanded_lists(json doc, const std::vector<report::KeptTable>& kept) {
  const auto expand = [&](json& parent, const char* key) {
    if (parent.is_object() && parent.contains(key) && parent[key].is_object())
      parent[key] = rows_of(parent[key], kept);
  };
  if (doc.contains("customers")) expand(doc["customers"], "rows");
  if (doc.contains("catalogs")) expand(doc["catalogs"], "products");
  if (doc.contains("negotiations")) {
    expand(doc["negotiations"], "open");
    expand(doc["negotiations"], "deals");
  }
  return doc;
}

/// The report with its lists kept, and what it kept.
std::pair<std::string, std::vector<report::KeptTable>> kept_report(
    report::Engine& engine, const config::Settings& settings) {
  engine.set_keep_lists(true);
  std::string text = engine.report_text(settings);
  engine.set_keep_lists(false);
  return {std::move(text), engine.kept_lists()};
}

void check_kept_lists(report::Engine& engine, const config::Settings& settings) {
  const json rows = json::parse(engine.report_text(settings));
  CHECK(engine.kept_lists().empty());  // a report in the SPEC form keeps nothing
  const auto [text, kept] = kept_report(engine, settings);
  const json doc = json::parse(text);
  CHECK(doc.at("customers").at("rows").is_object());
  CHECK(doc.at("catalogs").at("products").is_object());
  CHECK(expanded_lists(doc, kept) == rows);
  // The lists' values are not in the text.
  CHECK(text.size() * 3 < json(rows).dump().size());
}

}  // namespace

TEST_CASE("Engine: the lists kept are the report's lists (samples)", "[report][json]") {
  const std::string workspace = test::source_path("samples/workspace.json");
  auto ws = report::read_workspace_file(workspace);
  report::Engine engine;
  report::load_workspace(engine, ws, report::folder_of(workspace));
  check_kept_lists(engine, ws.settings);
  const auto [text, kept] = kept_report(engine, ws.settings);
  const json doc = json::parse(text);
  CHECK(kept.size() == 4);
  CHECK(doc.at("negotiations").at("open").is_object());
  CHECK(doc.at("negotiations").at("deals").is_object());
  engine.clear();
  CHECK(engine.kept_lists().empty());
}

TEST_CASE("Engine: the lists kept are the report's lists (Online Retail)",
          "[report][json][dataset]") {
  PULSE_SKIP_WITHOUT_DATASET("datasets/online-retail/online_retail.csv");
  report::Engine engine;
  engine.load_path(test::shared_path("datasets/online-retail/online_retail.csv"),
                   "online_retail.csv");
  const config::Settings half = config::settings_from_json(json{{"to", "2011-06-30"}});
  for (const config::Settings& settings : {config::Settings{}, half})
    check_kept_lists(engine, settings);
}
