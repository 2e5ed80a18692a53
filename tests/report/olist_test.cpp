// The Olist set as it comes: orders + items (one row per unit, no date or customer on the
// lines) + customers, no configuration. Expected figures from an independent Python pass over
// the same files (docs/formats.md shows it): lines join their order by order_id, statuses
// canceled and unavailable are left out, and a person is customer_unique_id (customer_id is
// one per order).
#include <catch2/catch.hpp>

#include <cmath>

#include <nlohmann/json.hpp>

#include "pulse/report/engine.h"
#include "test_support.h"

using namespace pulse;
using nlohmann::json;

namespace {

const json& olist() {
  static const json doc = [] {
    report::Engine engine;
    for (const char* f : {"orders.csv", "order_items.csv", "customers.csv", "sellers.csv"})
      engine.load_path(test::shared_path(std::string("datasets/olist-2017-subset/") + f), f);
    return engine.report(config::Settings{});
  }();
  return doc;
}

}  // namespace

TEST_CASE("olist: customers are people (customer_unique_id), not one id per order", "[olist]") {
  PULSE_SKIP_WITHOUT_DATASET("datasets/olist-2017-subset/orders.csv");
  const json& s = olist().at("customers").at("summary");
  CHECK(s.at("customers") == 9766);  // 9,843 orders' customer_ids are 9,766 people
  CHECK(s.at("orders") == 9843);
  CHECK(std::abs(s.at("revenue").get<double>() - 1371628.88) < 0.005);
  CHECK(s.at("repeat_customers") == 77);
  CHECK(s.at("units") == 11194);  // one row per unit sold
  CHECK(olist().at("load")[1].at("notes").dump().find("1 unit") != std::string::npos);

  // Two orders under two customer_ids, one person.
  for (const json& row : olist().at("customers").at("rows")) {
    if (row.at("customer_id") != "da1e7179b9c5a1494d78528cbcf05aa0") continue;
    CHECK(row.at("orders") == 2);
    CHECK(std::abs(row.at("revenue").get<double>() - 1399.90) < 1e-6);
    CHECK(row.at("first_order") == "2017-05-19");
    CHECK(row.at("last_order") == "2017-11-09");
    return;
  }
  FAIL("customer da1e7179b9c5a1494d78528cbcf05aa0 is missing");
}

TEST_CASE("olist: the catalog figures come from the items", "[olist]") {
  PULSE_SKIP_WITHOUT_DATASET("datasets/olist-2017-subset/orders.csv");
  const json& catalogs = olist().at("catalogs").at("catalogs");
  REQUIRE(catalogs.size() == 1);
  CHECK(catalogs[0].at("skus") == 6085);
  const json& top = olist().at("catalogs").at("products")[0];
  CHECK(top.at("sku") == "5769ef0a239114ac3a854af00df129e4");
  CHECK(std::abs(top.at("revenue").get<double>() - 13440.0) < 1e-6);
  CHECK(top.at("units") == 8);
}
