// A JSON key first seen after the records that decide the mapping is still read: the file's
// columns grow as keys appear, and a key that names a field still unmapped (a known export's
// source, a header synonym) is mapped then. Before, such values were dropped without a word.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/ingest/file_loader.h"
#include "pulse/report/engine.h"
#include "test_support.h"

using namespace pulse;
using nlohmann::json;

namespace {

std::string fixture(const std::string& path) {
  return test::read_file(test::source_path("tests/fixtures/magento/" + path));
}

/// The fixture's REST orders behind `pads` small orders that carry no quote_id at all.
std::string orders_with_late_quote_ids(int pads) {
  json doc = json::parse(fixture("rest/orders.json"));
  json items = json::array();
  for (int i = 0; i < pads; ++i) {
    items.push_back({{"increment_id", "P" + std::to_string(100000 + i)},
                     {"created_at", "2024-01-05 10:00:00"},
                     {"base_grand_total", 10},
                     {"base_currency_code", "USD"},
                     {"customer_email", "pad@example.com"},
                     {"customer_group_id", 1},
                     {"status", "complete"},
                     {"items", json::array({{{"sku", "PAD"},
                                             {"name", "Pad"},
                                             {"qty_ordered", 1},
                                             {"base_price", 10},
                                             {"base_row_total", 10},
                                             {"base_discount_amount", 0}}})}});
  }
  for (const json& order : doc.at("items")) items.push_back(order);
  doc["items"] = items;
  doc["total_count"] = items.size();
  return doc.dump(2);
}

}  // namespace

TEST_CASE("JSON: a key first seen after the sample is mapped and read", "[ingest][json]") {
  const std::string orders = orders_with_late_quote_ids(1200);
  for (std::size_t chunk : {std::size_t{4096}, std::size_t{1} << 20}) {
    INFO("chunk " << chunk);
    report::Engine engine;
    engine.begin_file("orders.json");
    for (std::size_t at = 0; at < orders.size(); at += chunk)
      engine.feed(std::string_view(orders).substr(at, chunk));
    const LoadReport load = engine.finish_file();
    CHECK(load.recognized_as == "Magento REST orders (GET /V1/orders)");
    CHECK(load.mapping.count("quote_id") == 1);
    CHECK(std::count(load.columns.begin(), load.columns.end(), "quote_id") ==
          1);  // `inspect` lists it
    for (const char* f : {"rest/negotiable_quotes.json", "rest/negotiable_quote_history.json"})
      engine.load_path(test::source_path(std::string("tests/fixtures/magento/") + f), f);
    const json report = engine.report(config::Settings{});
    // 1209 is won by its order's quote_id only (its own status still reads "submitted").
    CHECK(report.at("negotiations").at("summary").at("won") == 3);
    for (const json& open : report.at("negotiations").at("open"))
      CHECK(open.at("deal_id") != "1209");
  }
}

namespace {

/// Loads `text` as orders.json with the workspace naming `column` for `field`, in `chunk`s.
LoadReport load_with_named(report::Engine& engine, const std::string& text, Field field,
                           const std::string& column, std::size_t chunk) {
  ingest::FileOptions options;
  options.mapping.columns[field] = column;
  engine.begin_file("orders.json", options);
  for (std::size_t at = 0; at < text.size(); at += chunk)
    engine.feed(std::string_view(text).substr(at, chunk));
  return engine.finish_file();
}

bool has_note(const LoadReport& load, const std::string& code) {
  return std::any_of(load.notes.begin(), load.notes.end(),
                     [&](const Message& m) { return m.code == code; });
}

/// The late orders carry their quote under a custom key (a shop's own attribute).
std::string orders_with_late_custom_key() {
  std::string text = orders_with_late_quote_ids(1200);
  for (std::size_t at = 0; (at = text.find("\"quote_id\":", at)) != std::string::npos;)
    text.replace(at, 11, "\"b2b_quote_ref\":");
  return text;
}

}  // namespace

TEST_CASE("JSON: a key the workspace names, first seen after the sample, is read",
          "[ingest][json]") {
  const std::string orders = orders_with_late_custom_key();
  for (std::size_t chunk : {std::size_t{4096}, std::size_t{1} << 20}) {
    INFO("chunk " << chunk);
    report::Engine engine;
    const LoadReport load =
        load_with_named(engine, orders, Field::quote_id, "b2b_quote_ref", chunk);
    REQUIRE_FALSE(load.refused());  // was pulse.ingest.102: "not in the file" (the sample)
    CHECK(load.mapping.at("quote_id") == "b2b_quote_ref");
    CHECK(load.mapping_reason_codes.at("quote_id").code == "pulse.mapping.001");
    CHECK(has_note(load, "pulse.note.002"));
    CHECK_FALSE(has_note(load, "pulse.note.008"));
    for (const char* f : {"rest/negotiable_quotes.json", "rest/negotiable_quote_history.json"})
      engine.load_path(test::source_path(std::string("tests/fixtures/magento/") + f), f);
    const json report = engine.report(config::Settings{});
    CHECK(report.at("negotiations").at("summary").at("won") == 3);
  }
}

TEST_CASE("JSON: a named key in none of the records leaves its field empty, said in a note",
          "[ingest][json]") {
  report::Engine engine;
  const LoadReport load =
      load_with_named(engine, orders_with_late_custom_key(), Field::quote_id, "no_such_key", 4096);
  REQUIRE_FALSE(load.refused());
  CHECK(load.mapping.count("quote_id") == 0);  // not the format's own source either
  REQUIRE(has_note(load, "pulse.note.008"));
  const auto note = std::find_if(load.notes.begin(), load.notes.end(),
                                 [](const Message& m) { return m.code == "pulse.note.008"; });
  CHECK(note->text.find("'no_such_key'") != std::string::npos);
}

TEST_CASE("JSON: a required field named to a key missing from the sample is still refused",
          "[ingest][json]") {
  report::Engine engine;
  const LoadReport load =
      load_with_named(engine, orders_with_late_custom_key(), Field::order_id, "late_number", 4096);
  CHECK(load.refused());
  CHECK(load.error.find("pulse.ingest.102") != std::string::npos);
}

TEST_CASE("CSV: a named column missing from the header is refused as before", "[ingest][csv]") {
  report::Engine engine;
  ingest::FileOptions options;
  options.mapping.columns[Field::quote_id] = "b2b_quote_ref";
  engine.begin_file("orders.csv", options);
  engine.feed("order_id,order_date,customer_id,total\nA1,2024-01-05,C1,10\n");
  const LoadReport load = engine.finish_file();
  CHECK(load.refused());
  CHECK(load.error.find("pulse.ingest.102") != std::string::npos);
}
