// Lines that are not products (docs/kpi.md "Lines that are not products"): the suggestions the
// data gives, and Settings::non_product_skus taking them out of the product rows while the
// catalogs' and customers' revenue keeps them.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "pulse/config/settings.h"
#include "pulse/report/engine.h"

using namespace pulse;
using nlohmann::json;
using pulse::config::Settings;

namespace {

// One catalog, two customers. Products 85123A (10 x 2.50 + 4 x 2.50 = 35), 22423 (2 x 10 = 20),
// 84879 (1 x 5 = 5) and four at 1 x 1 (21730, 22752, 71053, 84029G); charges POST (2 x 18 = 36),
// BANK CHARGES (1 x 15 = 15) and C2 "CARRIAGE" (1 x 50 = 50): revenue 165, of which products 64
// and charges 101. 8 of the 10 codes have a digit: codes "usually have digits" (80%).
const char* kLines =
    "order_id,order_date,customer_id,sku,product_name,quantity,unit_price\n"
    "1,2024-01-05,A,85123A,WHITE HANGING HEART,10,2.50\n"
    "1,2024-01-05,A,POST,POSTAGE,1,18\n"
    "2,2024-01-09,B,22423,REGENCY CAKESTAND,2,10\n"
    "2,2024-01-09,B,C2,CARRIAGE,1,50\n"
    "3,2024-02-01,A,85123A,WHITE HANGING HEART,4,2.50\n"
    "3,2024-02-01,A,POST,POSTAGE,1,18\n"
    "3,2024-02-01,A,84879,ASSORTED BIRD ORNAMENT,1,5\n"
    "4,2024-02-03,B,BANK CHARGES,Bank Charges,1,15\n"
    "4,2024-02-03,B,21730,GLASS STAR LANTERN,1,1\n"
    "4,2024-02-03,B,22752,SET 7 BABUSHKA NESTING BOXES,1,1\n"
    "4,2024-02-03,B,71053,WHITE METAL LANTERN,1,1\n"
    "4,2024-02-03,B,84029G,KNITTED UNION FLAG HOT WATER BOTTLE,1,1\n";

json report_of(const Settings& settings) {
  report::Engine engine;
  ingest::FileOptions options;
  options.mapping.role = Role::order_lines;
  engine.begin_file("lines.csv", options);
  engine.feed(kLines);
  const LoadReport& r = engine.finish_file();
  REQUIRE(r.error.empty());
  REQUIRE(r.rows_skipped == 0);
  return engine.report(settings);
}

bool has_product(const json& doc, const std::string& sku) {
  for (const json& row : doc.at("catalogs").at("products"))
    if (row.at("sku") == sku) return true;
  return false;
}

}  // namespace

TEST_CASE("non-product suggestions: codes without digits and charge words, by revenue",
          "[non_products]") {
  const json doc = report_of(Settings{});
  const json& s = doc.at("catalogs").at("non_products").at("suggestions");
  REQUIRE(s.size() == 3);
  // C2 has a digit: suggested for its name; POST and BANK CHARGES for both reasons.
  CHECK(s[0].at("sku") == "C2");
  CHECK(s[0].at("reason_code") == "charge_word");
  CHECK(s[0].at("word") == "carriage");
  CHECK(s[0].at("revenue").get<double>() == Approx(50));
  CHECK(s[1].at("sku") == "POST");
  CHECK(s[1].at("reason_code") == "no_digits_charge_word");
  CHECK(s[1].at("revenue").get<double>() == Approx(36));
  CHECK(s[1].at("lines") == 2);
  CHECK(s[2].at("sku") == "BANK CHARGES");
  CHECK(s[2].at("reason_code") == "no_digits_charge_word");
  // Nothing is left out until the user says so: the default list is empty.
  CHECK(doc.at("catalogs").at("non_products").at("skus").empty());
  CHECK(has_product(doc, "POST"));
}

TEST_CASE("non_product_skus: out of the product rows, ABC and shares; revenue kept elsewhere",
          "[non_products]") {
  const json before = report_of(Settings{});
  Settings settings;
  settings.non_product_skus = {"post", " BANK CHARGES ", "C2"};  // trimmed, any case
  const json after = report_of(settings);

  for (const char* sku : {"POST", "BANK CHARGES", "C2"}) CHECK_FALSE(has_product(after, sku));
  REQUIRE(after.at("catalogs").at("products").size() == 7);
  const json& top = after.at("catalogs").at("products")[0];
  CHECK(top.at("sku") == "85123A");
  // Shares of the products' own revenue (64), not of the catalog's 165.
  CHECK(top.at("revenue_share").get<double>() == Approx(35.0 / 64.0));
  CHECK(top.at("abc") == "A");
  const json& np = after.at("catalogs").at("non_products");
  CHECK(np.at("revenue").get<double>() == Approx(101));
  CHECK(np.at("skus").size() == 3);
  // The catalog's and the customers' revenue keep the charges: an order total keeps its postage.
  const json& cat = after.at("catalogs").at("catalogs")[0];
  CHECK(cat.at("revenue").get<double>() == Approx(165));
  CHECK(cat.at("skus") == 7);  // distinct products sold, charges not among them
  CHECK(after.at("customers").at("summary").at("revenue").get<double>() == Approx(165));
  CHECK(after.at("customers").at("summary").at("revenue") ==
        before.at("customers").at("summary").at("revenue"));
  CHECK(before.at("catalogs").at("catalogs")[0].at("skus") == 10);
}

TEST_CASE("non_product_skus is read from a workspace and refused when not a list of strings",
          "[non_products]") {
  const Settings s =
      config::settings_from_json(json::parse(R"({"non_product_skus": ["POST", "DOT"]})"));
  CHECK(s.non_product_skus == std::vector<std::string>{"POST", "DOT"});
  CHECK(config::settings_to_json(s).at("non_product_skus") == json::array({"POST", "DOT"}));
  CHECK_THROWS_WITH(config::settings_from_json(json::parse(R"({"non_product_skus": "POST"})")),
                    Catch::Contains("non_product_skus"));
  CHECK(Settings{}.non_product_skus.empty());
}
