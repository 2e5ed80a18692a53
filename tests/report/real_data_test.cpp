#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "pulse/report/engine.h"
#include "test_support.h"

using namespace pulse;
using nlohmann::json;

// Expected figures below were computed independently of the engine with a short Python 3
// script over the raw CSV (csv.DictReader, float() per value, SPEC §3 definitions): no status
// column, so nothing is excluded; an order is a distinct InvoiceNo with a Quantity > 0 line
// and its date is its first line's calendar date (no invoice spans two dates); revenue is
// sum(Quantity x UnitPrice) over every line, returns (C-invoices) included; a customer is a
// distinct non-empty CustomerID (as written, "17850.0") with an order; order days are the
// distinct dates of its orders up to as_of = 2011-12-09, the latest date. An awk one-liner
// cross-checked 17850.0's 34 orders.

namespace {

const std::string& dataset_path() {
  static const std::string path = test::shared_path("datasets/online-retail/online_retail.csv");
  return path;
}

/// Each configuration is loaded once for all the test cases (the file is 48 MB).
struct Loaded {
  report::Engine engine;
  json doc;
  explicit Loaded(const ingest::FileOptions& options) {
    engine.load_path(dataset_path(), "online_retail.csv", options);
    doc = engine.report(config::Settings{});
  }
};

const Loaded& plain() {
  static const Loaded loaded{ingest::FileOptions{}};
  return loaded;
}

const Loaded& by_country() {
  static const Loaded loaded{[] {
    ingest::FileOptions options;
    options.mapping.columns[Field::catalog] = "Country";
    return options;
  }()};
  return loaded;
}

double num(const json& j) {
  return j.get<double>();
}

const json& customer(const json& doc, const std::string& id) {
  for (const json& row : doc.at("customers").at("rows"))
    if (row.at("customer_id") == id) return row;
  FAIL("no customer " << id);
  static const json none;
  return none;
}

constexpr double kRel = 1e-9;

}  // namespace

TEST_CASE("online retail: loads whole as order lines, with no config", "[real]") {
  PULSE_SKIP_WITHOUT_DATASET("datasets/online-retail/online_retail.csv");
  const json& load = plain().doc.at("load");
  REQUIRE(load.size() == 1);
  CHECK(load[0].at("role") == "order_lines");
  CHECK(load[0].at("rows_read") == 541909);
  CHECK(load[0].at("rows_loaded") == 541909);  // every row has its ids, numbers and date
  CHECK(load[0].at("rows_skipped") == 0);
  CHECK(load[0].at("error").is_null());
  const json& mapping = load[0].at("mapping");
  CHECK(mapping.at("order_id") == "InvoiceNo");
  CHECK(mapping.at("sku") == "StockCode");
  CHECK(mapping.at("quantity") == "Quantity");
  CHECK(mapping.at("unit_price") == "UnitPrice");
  CHECK(mapping.at("order_date") == "InvoiceDate");
  CHECK(mapping.at("customer_id") == "CustomerID");
}

TEST_CASE("online retail: summary figures match an independent computation", "[real]") {
  PULSE_SKIP_WITHOUT_DATASET("datasets/online-retail/online_retail.csv");
  const json& doc = plain().doc;
  CHECK(doc.at("as_of") == "2011-12-09");
  CHECK(doc.at("period").at("from") == "2010-12-01");
  const json& s = doc.at("customers").at("summary");
  CHECK(s.at("customers") == 4339);
  CHECK(s.at("orders") == 20728);
  CHECK(num(s.at("revenue")) == Approx(9747747.93400317).epsilon(kRel));
  CHECK(num(s.at("units")) == 5176450);
  CHECK(num(s.at("unattributed_revenue")) == Approx(1447682.1199996774).epsilon(kRel));
  CHECK(s.at("repeat_customers") == 2845);
  CHECK(num(s.at("repeat_rate")) == Approx(2845.0 / 4339).epsilon(kRel));
  CHECK(doc.at("customers").at("rows").size() == 4339);
  // Every customer gets a status once the return model is fitted (Decisions 1/2: at most 5 %).
  CHECK(s.at("status_counts").at("unknown") == 0);
  CHECK(doc.at("customers").at("model").is_object());
}

TEST_CASE("online retail: single customers match an independent computation", "[real]") {
  PULSE_SKIP_WITHOUT_DATASET("datasets/online-retail/online_retail.csv");
  const json& doc = plain().doc;
  SECTION("17850.0: 34 orders on 2 order days, so no rhythm: the return model decides") {
    const json& c = customer(doc, "17850.0");
    CHECK(c.at("orders") == 34);
    CHECK(num(c.at("revenue")) == Approx(5288.630000000009).epsilon(kRel));
    CHECK(c.at("first_order") == "2010-12-01");
    CHECK(c.at("last_order") == "2010-12-02");
    CHECK(c.at("days_since_last_order") == 372);
    CHECK(c.at("median_interval_days").is_null());
    // Silent for a year after two busy days: the model gives little chance it is still active.
    CHECK(c.at("status_basis") == "activity");
    CHECK(num(c.at("p_active")) < 0.25);
    CHECK(c.at("status") == "lapsed");
    CHECK(num(c.at("revenue_at_risk")) == 0);  // nothing in the last year to lose
  }
  SECTION("12347.0: 7 order days, median gap 58.5") {
    const json& c = customer(doc, "12347.0");
    CHECK(c.at("orders") == 7);
    CHECK(num(c.at("revenue")) == Approx(4309.999999999997).epsilon(kRel));
    CHECK(c.at("first_order") == "2010-12-07");
    CHECK(c.at("last_order") == "2011-12-07");
    CHECK(c.at("days_since_last_order") == 2);
    CHECK(num(c.at("median_interval_days")) == 58.5);
    CHECK(c.at("expected_next_order") == "2012-02-04");  // + round_half_up(58.5) = 59
    CHECK(num(c.at("overdue_ratio")) == Approx(2 / 58.5).epsilon(kRel));
    CHECK(c.at("status") == "on_track");
  }
  SECTION("14911.0: 201 orders on 132 order days") {
    const json& c = customer(doc, "14911.0");
    CHECK(c.at("orders") == 201);
    CHECK(num(c.at("revenue")) == Approx(132572.6199999998).epsilon(kRel));
    CHECK(c.at("last_order") == "2011-12-08");
    CHECK(num(c.at("median_interval_days")) == 2);
    CHECK(num(c.at("overdue_ratio")) == 0.5);
  }
}

TEST_CASE("online retail: the one catalog \"All\"", "[real]") {
  PULSE_SKIP_WITHOUT_DATASET("datasets/online-retail/online_retail.csv");
  const json& cats = plain().doc.at("catalogs").at("catalogs");
  REQUIRE(cats.size() == 1);
  CHECK(cats[0].at("catalog") == "All");
  CHECK(cats[0].at("skus") == 3941);  // distinct StockCode with a Quantity > 0 line
  CHECK(cats[0].at("orders") == 20728);
  CHECK(cats[0].at("customers") == 4339);
  CHECK(num(cats[0].at("revenue")) == Approx(9747747.93400317).epsilon(kRel));
  CHECK(num(cats[0].at("revenue_share")) == Approx(1.0).epsilon(kRel));
  CHECK(cats[0].at("margin").is_null());
}

TEST_CASE("online retail: Country mapped to catalog gives one catalog per country", "[real]") {
  PULSE_SKIP_WITHOUT_DATASET("datasets/online-retail/online_retail.csv");
  const json& doc = by_country().doc;
  CHECK(doc.at("load")[0].at("mapping").at("catalog") == "Country");
  const json& cats = doc.at("catalogs").at("catalogs");
  CHECK(cats.size() == 38);  // distinct Country values, "Unspecified" included
  REQUIRE_FALSE(cats.empty());
  CHECK(cats[0].at("catalog") == "United Kingdom");  // by revenue
  CHECK(num(cats[0].at("revenue")) == Approx(8187806.364001113).epsilon(kRel));
  double total = 0;
  for (const json& k : cats) total += num(k.at("revenue"));
  CHECK(total == Approx(9747747.93400317).epsilon(kRel));
  CHECK(num(cats[0].at("revenue_share")) ==
        Approx(8187806.364001113 / 9747747.93400317).epsilon(kRel));
}
