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
