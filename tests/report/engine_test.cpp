#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/report/engine.h"

using namespace pulse;
using nlohmann::json;
using pulse::config::Settings;

namespace {

struct File {
  const char* name;
  Role role;
  std::string text;
};

void load(report::Engine& engine, const File& f) {
  ingest::FileOptions options;
  options.mapping.role = f.role;
  engine.begin_file(f.name, options);
  engine.feed(f.text);
  const LoadReport& r = engine.finish_file();
  INFO(f.name << ": " << r.error);
  REQUIRE(r.error.empty());
}

json report_of(const std::vector<File>& files, const Settings& settings = {}) {
  report::Engine engine;
  for (const File& f : files) load(engine, f);
  return engine.report(settings);
}

void require_keys(const json& object, const std::vector<const char*>& keys, const char* what) {
  INFO(what << ": " << object.dump().substr(0, 300));
  REQUIRE(object.is_object());
  for (const char* key : keys) {
    INFO("key " << key);
    CHECK(object.contains(key));
  }
}

/// {"unavailable": why, "code": "pulse.unavailable.NNN", "params": {}} and nothing else.
bool is_unavailable(const json& j) {
  return j.is_object() && j.size() == 3 && j.contains("unavailable") &&
         j.at("unavailable").is_string() && !j.at("unavailable").get<std::string>().empty() &&
         j.contains("code") &&
         j.at("code").get<std::string>().rfind("pulse.unavailable.", 0) == 0 &&
         j.contains("params") && j.at("params").is_object();
}

const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
const std::regex kMonth(R"(\d{4}-\d{2})");

void check_date(const json& j, bool nullable) {
  INFO(j.dump());
  if (nullable && j.is_null()) return;
  REQUIRE(j.is_string());
  CHECK(std::regex_match(j.get<std::string>(), kDate));
}

// C1: O1 01-01 (2x10), O2 01-05 (5), O4 01-12 (10): 3 order days, gaps 4 7 -> median 5.5.
// C2: O3 01-09 (10): one order day, no median. No unit_cost: every margin is null.
const File kLines = {"lines.csv", Role::order_lines,
                     "order_id,order_date,customer_id,customer_name,sku,product_name,quantity,"
                     "unit_price,catalog,sales_rep,status\n"
                     "O1,2024-01-01,C1,Acme,A,Widget,2,10,Gold,R1,complete\n"
                     "O2,2024-01-05,C1,Acme,B,Gadget,1,5,Gold,R1,complete\n"
                     "O3,2024-01-09,C2,Beta,A,Widget,1,10,Silver,R2,complete\n"
                     "O4,2024-01-12,C1,Acme,A,Widget,1,10,Gold,R1,complete\n"
                     "O5,2024-01-13,C2,Beta,B,Gadget,3,5,Silver,R2,canceled\n"};

const std::vector<const char*> kCustomerRowKeys = {"customer_id",
                                                   "customer_name",
                                                   "catalog",
                                                   "sales_rep",
                                                   "orders",
                                                   "units",
                                                   "revenue",
                                                   "aov",
                                                   "margin",
                                                   "margin_pct",
                                                   "first_order",
                                                   "last_order",
                                                   "days_since_last_order",
                                                   "median_interval_days",
                                                   "expected_next_order",
                                                   "overdue_ratio",
                                                   "status",
                                                   "rfm"};
const std::vector<const char*> kCatalogRowKeys = {"catalog", "revenue",   "orders", "customers",
                                                  "units",   "aov",       "skus",   "revenue_share",
                                                  "margin",  "margin_pct"};
const std::vector<const char*> kProductRowKeys = {
    "catalog",   "sku",       "product_name",  "units", "revenue",   "orders",
    "customers", "avg_price", "revenue_share", "abc",   "elasticity"};

}  // namespace

TEST_CASE("report document: every key of SPEC §4 is present", "[kpi]") {
  const json doc = report_of({kLines});
  require_keys(
      doc,
      {"as_of", "period", "filters", "load", "customers", "catalogs", "negotiations", "sales_team"},
      "top level");
  require_keys(doc.at("period"), {"from", "to"}, "period");
  require_keys(doc.at("filters"), {"catalog", "sales_rep", "customer"}, "filters");
  CHECK(doc.at("filters").at("catalog").is_null());

  REQUIRE(doc.at("load").size() == 1);
  const json& load = doc.at("load")[0];
  require_keys(load,
               {"file", "role", "rows_read", "rows_loaded", "rows_skipped", "problems", "mapping"},
               "load");
  CHECK(load.at("file") == "lines.csv");
  CHECK(load.at("role") == "order_lines");
  CHECK(load.at("rows_read") == 5);
  CHECK(load.at("rows_loaded") == 5);
  CHECK(load.at("rows_skipped") == 0);
  CHECK(load.at("problems").is_array());
  CHECK(load.at("mapping").at("order_id") == "order_id");

  const json& customers = doc.at("customers");
  require_keys(customers, {"summary", "monthly", "rows"}, "customers");
  require_keys(customers.at("summary"),
               {"customers", "orders", "revenue", "aov", "unattributed_revenue", "repeat_customers",
                "repeat_rate", "status_counts"},
               "customers.summary");
  require_keys(customers.at("summary").at("status_counts"),
               {"on_track", "due", "overdue", "lapsed", "unknown"}, "status_counts");
  REQUIRE(customers.at("monthly").size() == 1);
  require_keys(customers.at("monthly")[0], {"month", "revenue", "orders", "active_customers"},
               "customers.monthly");
  REQUIRE(customers.at("rows").size() == 2);
  for (const json& row : customers.at("rows"))
    require_keys(row, kCustomerRowKeys, "customers.rows");

  const json& catalogs = doc.at("catalogs");
  require_keys(catalogs, {"catalogs", "products", "discount_candidates"}, "catalogs");
  REQUIRE(catalogs.at("catalogs").size() == 2);
  for (const json& row : catalogs.at("catalogs"))
    require_keys(row, kCatalogRowKeys, "catalogs.catalogs");
  REQUIRE(catalogs.at("products").size() == 3);  // Gold A, Gold B, Silver A
  for (const json& row : catalogs.at("products"))
    require_keys(row, kProductRowKeys, "catalogs.products");
  CHECK(catalogs.at("discount_candidates").is_array());
}

TEST_CASE("report document: null where a figure cannot be computed, dates as strings", "[kpi]") {
  const json doc = report_of({kLines});
  check_date(doc.at("as_of"), false);
  CHECK(doc.at("as_of") == "2024-01-13");  // the canceled O5 still dates the data
  check_date(doc.at("period").at("from"), false);
  check_date(doc.at("period").at("to"), false);
  for (const json& m : doc.at("customers").at("monthly")) {
    REQUIRE(m.at("month").is_string());
    CHECK(std::regex_match(m.at("month").get<std::string>(), kMonth));
  }
  const json& rows = doc.at("customers").at("rows");
  for (const json& row : rows) {
    INFO(row.at("customer_id"));
    check_date(row.at("first_order"), false);
    check_date(row.at("last_order"), false);
    check_date(row.at("expected_next_order"), true);
    // No unit_cost column: margins are unknown, not 0.
    CHECK(row.at("margin").is_null());
    CHECK(row.at("margin_pct").is_null());
    CHECK(row.at("revenue").is_number());
    CHECK(row.at("orders").is_number_integer());
  }
  const json& c1 = rows[0];
  CHECK(c1.at("customer_id") == "C1");
  CHECK(c1.at("customer_name") == "Acme");
  CHECK(c1.at("catalog") == "Gold");
  CHECK(c1.at("sales_rep") == "R1");
  CHECK(c1.at("median_interval_days").get<double>() == 5.5);
  CHECK(c1.at("expected_next_order") == "2024-01-18");  // 01-12 + round_half_up(5.5) = 6
  const json& c2 = rows[1];
  CHECK(c2.at("customer_id") == "C2");
  CHECK(c2.at("median_interval_days").is_null());
  CHECK(c2.at("expected_next_order").is_null());
  CHECK(c2.at("overdue_ratio").is_null());
  CHECK(c2.at("status") == "unknown");
  CHECK(c2.at("rfm").is_string());

  const json& summary = doc.at("customers").at("summary");
  CHECK(summary.at("margin").is_null());
  CHECK(summary.at("orders") == 4);  // O5 is canceled
  for (const json& row : doc.at("catalogs").at("catalogs")) {
    CHECK(row.at("margin").is_null());
    CHECK(row.at("margin_pct").is_null());
  }
  for (const json& row : doc.at("catalogs").at("products")) {
    CHECK(row.at("elasticity").is_null());  // at most two weeks of sales
    CHECK(row.at("abc").is_string());
  }

  // A customer without an order in the period keeps its row with null aov and rfm.
  Settings settings;
  settings.to = day_from_civil(2024, 1, 5);
  const json narrowed = report_of({kLines}, settings);
  bool found = false;
  for (const json& row : narrowed.at("customers").at("rows")) {
    if (row.at("customer_id") != "C2") continue;
    found = true;
    CHECK(row.at("orders") == 0);
    CHECK(row.at("aov").is_null());
    CHECK(row.at("rfm").is_null());
    CHECK(row.at("last_order") == "2024-01-09");
  }
  CHECK(found);
  // A filter that matches nothing: no orders, so aov and repeat_rate are null, not 0.
  Settings nothing;
  nothing.customer = "nobody";
  const json empty = report_of({kLines}, nothing);
  CHECK(empty.at("filters").at("customer") == "nobody");
  CHECK(empty.at("customers").at("summary").at("aov").is_null());
  CHECK(empty.at("customers").at("summary").at("repeat_rate").is_null());
  CHECK(empty.at("customers").at("rows").empty());
}

TEST_CASE("report document: dashboards without their data are {\"unavailable\": why}", "[kpi]") {
  SECTION("order lines but no deals: negotiations need deals") {
    const json doc = report_of({kLines});
    CHECK(is_unavailable(doc.at("negotiations")));
    // The sales team may show what orders tell (SPEC §3), or say it needs deals.
    const json& team = doc.at("sales_team");
    CHECK((is_unavailable(team) || (team.is_object() && team.contains("reps"))));
  }
  SECTION("only a customers file: every dashboard says what is missing") {
    const json doc = report_of(
        {{"customers.csv", Role::customers, "customer_id,customer_name,catalog\nC1,Acme,Gold\n"}});
    CHECK(is_unavailable(doc.at("customers")));
    CHECK(is_unavailable(doc.at("catalogs")));
    CHECK(is_unavailable(doc.at("negotiations")));
    CHECK(is_unavailable(doc.at("sales_team")));
  }
  SECTION("only order headers: catalogs need lines") {
    const json doc = report_of({{"orders.csv", Role::orders,
                                 "order_id,order_date,customer_id,order_total\n"
                                 "O1,2024-01-01,C1,10\n"}});
    CHECK(is_unavailable(doc.at("catalogs")));
    CHECK_FALSE(is_unavailable(doc.at("customers")));
    CHECK(is_unavailable(doc.at("negotiations")));
  }
}

TEST_CASE("report: a re-used Engine gives the same figures as a fresh one", "[kpi]") {
  const File customers = {"customers.csv", Role::customers,
                          "customer_id,customer_name,catalog,sales_rep\n"
                          "C2,Beta Corp,Bronze,R7\n"};
  std::vector<Settings> sequence(9);
  sequence[1].catalog = "Gold";
  sequence[2].sales_rep = "R2";
  sequence[3].customer = "C1";
  sequence[4].excluded_statuses = {};  // O5 counts now: the joins must be rebuilt
  sequence[5].as_of = day_from_civil(2024, 1, 6);
  sequence[6].from = day_from_civil(2024, 1, 5);
  sequence[6].catalog = "Silver";
  sequence[7].excluded_statuses = {"Complete"};  // only O5 is left
  // sequence[0] and [8]: the defaults, before and after everything else

  report::Engine reused;
  load(reused, kLines);
  std::vector<json> docs;
  for (const Settings& s : sequence) {
    docs.push_back(reused.report(s));
    CHECK(docs.back() == report_of({kLines}, s));
  }
  // The settings changed the figures (so the comparison above is not vacuous).
  auto revenue = [](const json& d) {
    return d.at("customers").at("summary").at("revenue").get<double>();
  };
  CHECK(revenue(docs[0]) == Approx(45));  // 20 + 5 + 10 + 10; O5 canceled
  CHECK(revenue(docs[1]) == Approx(35));  // Gold
  CHECK(revenue(docs[2]) == Approx(10));  // R2: O3
  CHECK(revenue(docs[3]) == Approx(35));  // C1
  CHECK(revenue(docs[4]) == Approx(60));  // O5 (15) included
  CHECK(revenue(docs[5]) == Approx(25));  // up to 01-06
  CHECK(revenue(docs[6]) == Approx(10));  // Silver from 01-05, O5 canceled
  CHECK(revenue(docs[7]) == Approx(15));  // only O5
  CHECK(docs[8] == docs[0]);

  // A file loaded after a report is joined in: C2 takes its customers-file catalog and rep.
  load(reused, customers);
  const json after = reused.report(Settings{});
  CHECK(after == report_of({kLines, customers}));
  bool found = false;
  for (const json& row : after.at("customers").at("rows"))
    if (row.at("customer_id") == "C2") {
      found = true;
      CHECK(row.at("customer_name") == "Beta Corp");
      CHECK(row.at("catalog") == "Bronze");
      CHECK(row.at("sales_rep") == "R7");
    }
  CHECK(found);

  reused.clear();
  load(reused, kLines);
  CHECK(reused.report(Settings{}) == docs[0]);
}

TEST_CASE("report: a settings key that names no setting is a warning, the others apply", "[kpi]") {
  Settings settings = config::settings_from_json(json::parse(R"({"date_from": "2024-02-01"})"));
  const json doc = report_of({kLines}, settings);
  REQUIRE(doc.at("warnings").size() == 1);
  const json& w = doc.at("warnings")[0];
  CHECK(w.at("code") == "pulse.warning.008");
  CHECK(w.at("params").at("name") == "date_from");
  CHECK(w.at("text") == "settings.date_from: not a setting of this version; ignored");
  // Ignored: the period is the whole data's, as without the key.
  CHECK(doc.at("period") == report_of({kLines}).at("period"));
  CHECK(report_of({kLines}).at("warnings").empty());
}
