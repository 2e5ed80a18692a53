#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "pulse/config/workspace.h"
#include "pulse/report/engine.h"
#include "test_support.h"

using namespace pulse;
using nlohmann::json;

namespace {

// The five files the planted truths are about; the workspace may name more (quotes), whose
// dates could move the default as_of away from the README's.
const std::set<std::string> kTruthFiles = {"orders.csv", "order_lines.csv", "customers.csv",
                                           "sales_reps.csv", "catalog_prices.csv"};

/// samples/workspace.json's five order-side files through one Engine, with the workspace's
/// options and settings; loaded once for every test case here.
struct Samples {
  report::Engine engine;
  config::Settings settings;
  json doc;
  std::size_t named = 0;  // how many of kTruthFiles the workspace names

  Samples() {
    const config::Workspace ws = config::workspace_from_json(
        json::parse(test::read_file(test::source_path("samples/workspace.json"))));
    for (const config::WorkspaceFile& f : ws.files) {
      if (kTruthFiles.count(f.path) == 0) continue;
      ++named;
      engine.load_path(test::source_path("samples/" + f.path), f.path, f.options);
    }
    settings = ws.settings;
    doc = engine.report(settings);
  }
};

const Samples& samples() {
  static const Samples s;
  return s;
}

double num(const json& j) {
  return j.get<double>();
}

const json& find_row(const json& rows, const char* key, const std::string& value) {
  for (const json& row : rows)
    if (row.at(key) == value) return row;
  FAIL("no row with " << key << " = " << value);
  static const json none;
  return none;
}

}  // namespace

TEST_CASE("samples: every file loads whole, with the role of the workspace", "[truths]") {
  CHECK(samples().named == kTruthFiles.size());
  const json& load = samples().doc.at("load");
  const std::map<std::string, std::pair<std::string, std::size_t>> expected = {
      {"orders.csv", {"orders", 6487}},
      {"order_lines.csv", {"order_lines", 48042}},
      {"customers.csv", {"customers", 150}},
      {"sales_reps.csv", {"sales_reps", 8}},
      {"catalog_prices.csv", {"catalog_prices", 480}},
  };
  REQUIRE(load.size() == expected.size());
  for (const json& l : load) {
    const std::string file = l.at("file");
    INFO(file);
    REQUIRE(expected.count(file) == 1);
    CHECK(l.at("role") == expected.at(file).first);
    CHECK(l.at("rows_read") == expected.at(file).second);
    CHECK(l.at("rows_loaded") == expected.at(file).second);
    CHECK(l.at("rows_skipped") == 0);
  }
}

TEST_CASE("samples: totals of the README (orders, units, revenue, customers, statuses)",
          "[truths]") {
  const json& doc = samples().doc;
  CHECK(doc.at("as_of") == "2026-10-30");
  CHECK(doc.at("period").at("from") == "2024-11-01");
  CHECK(doc.at("period").at("to") == "2026-10-30");
  const json& s = doc.at("customers").at("summary");
  // 6,371 sales orders - 172 canceled = 6,199; the 116 return documents are not orders.
  CHECK(s.at("orders") == 6199);
  CHECK(std::abs(num(s.at("revenue")) - 12598876.59) <= 0.01);
  CHECK(num(s.at("units")) == 903086);
  CHECK(s.at("customers") == 150);
  CHECK(num(s.at("unattributed_revenue")) == 0);
  CHECK(doc.at("customers").at("rows").size() == 150);
  const json& counts = s.at("status_counts");
  CHECK(counts.at("on_track") == 111);
  CHECK(counts.at("due") == 15);
  CHECK(counts.at("overdue") == 15);
  CHECK(counts.at("lapsed") == 9);
  CHECK(counts.at("unknown") == 0);
  // Catalog totals add up to the same revenue and orders are per catalog.
  double revenue = 0;
  for (const json& k : doc.at("catalogs").at("catalogs")) revenue += num(k.at("revenue"));
  CHECK(std::abs(revenue - 12598876.59) <= 0.01);
}

TEST_CASE("samples: steady companies that stopped ordering (C141..C150)", "[truths]") {
  struct Case {
    const char* customer;
    const char* catalog;
    std::int64_t orders;
    const char* first_order;
    const char* last_order;
    std::int64_t days_since;
    double median;
    const char* next;
    double ratio;
    const char* status;
  };
  const Case cases[] = {
      {"C141", "Retail Partners", 25, "2024-11-07", "2026-09-10", 50, 28, "2026-10-08", 50.0 / 28,
       "overdue"},
      {"C142", "Wholesale", 25, "2024-11-11", "2026-09-14", 46, 28, "2026-10-12", 46.0 / 28,
       "overdue"},
      {"C143", "Distributors", 21, "2024-11-30", "2026-06-12", 140, 28, "2026-07-10", 5.0,
       "lapsed"},
      {"C144", "Wholesale", 22, "2024-11-08", "2026-06-19", 133, 28, "2026-07-17", 4.75, "lapsed"},
      {"C145", "Retail Partners", 25, "2024-11-06", "2026-09-22", 38, 29, "2026-10-21", 38.0 / 29,
       "due"},
      {"C146", "Distributors", 27, "2024-11-04", "2026-10-30", 0, 28, "2026-11-27", 0.0,
       "on_track"},
      {"C147", "Retail Partners", 26, "2024-11-10", "2026-10-18", 12, 29, "2026-11-16", 12.0 / 29,
       "on_track"},
      {"C148", "Premium", 26, "2024-11-21", "2026-10-27", 3, 29, "2026-11-25", 3.0 / 29,
       "on_track"},
      {"C149", "Wholesale", 27, "2024-11-07", "2026-10-22", 8, 27, "2026-11-18", 8.0 / 27,
       "on_track"},
      {"C150", "Wholesale", 26, "2024-11-13", "2026-10-25", 5, 29, "2026-11-23", 5.0 / 29,
       "on_track"},
  };
  const json& rows = samples().doc.at("customers").at("rows");
  for (const Case& c : cases) {
    INFO(c.customer);
    const json& row = find_row(rows, "customer_id", c.customer);
    CHECK(row.at("catalog") == c.catalog);
    CHECK(row.at("orders") == c.orders);
    CHECK(row.at("first_order") == c.first_order);
    CHECK(row.at("last_order") == c.last_order);
    CHECK(row.at("days_since_last_order") == c.days_since);
    CHECK(num(row.at("median_interval_days")) == c.median);
    CHECK(row.at("expected_next_order") == c.next);
    CHECK(num(row.at("overdue_ratio")) == Approx(c.ratio).epsilon(1e-12));
    CHECK(row.at("status") == c.status);
  }
}

TEST_CASE("samples: SKU-0042 in Wholesale is elastic near -2 and a discount candidate",
          "[truths]") {
  const json& catalogs = samples().doc.at("catalogs");
  const json* product = nullptr;
  for (const json& row : catalogs.at("products"))
    if (row.at("catalog") == "Wholesale" && row.at("sku") == "SKU-0042") product = &row;
  REQUIRE(product);
  CHECK(product->at("product_name") == "Lever Arch File x10");
  CHECK(num(product->at("units")) == 6750);
  CHECK(std::abs(num(product->at("revenue")) - 146528.68) <= 0.01);
  CHECK(product->at("orders") == 264);
  const json& e = product->at("elasticity");
  REQUIRE(e.is_object());
  CHECK(std::abs(num(e.at("slope")) - -2.0) <= 0.3);
  CHECK(e.at("class") == "elastic");
  CHECK(e.at("n") == 105);
  // The generator's own SPEC figures (samples/README.md), to their 6 printed decimals.
  CHECK(num(e.at("slope")) == Approx(-2.029383).margin(1e-6));
  CHECK(num(e.at("std_error")) == Approx(0.071278).margin(1e-6));
  CHECK(num(e.at("r2")) == Approx(0.887263).margin(1e-6));

  bool candidate = false;
  for (const json& c : catalogs.at("discount_candidates"))
    if (c.at("catalog") == "Wholesale" && c.at("sku") == "SKU-0042") {
      candidate = true;
      CHECK(num(c.at("margin")) > 0);
      CHECK(num(c.at("projected_units_change_pct")) > 0);
    }
  CHECK(candidate);
}

TEST_CASE("samples: Premium's margin_pct beats every other catalog by >= 10 points", "[truths]") {
  struct Case {
    const char* catalog;
    std::int64_t orders;
    double revenue;
    double cost;
  };
  const Case cases[] = {
      {"Retail Partners", 1718, 2631937.44, 1961092.05},
      {"Wholesale", 1895, 3571311.25, 2859653.05},
      {"Distributors", 1567, 4484630.92, 3893683.32},
      {"Premium", 1019, 1910996.98, 1104039.31},
  };
  const json& rows = samples().doc.at("catalogs").at("catalogs");
  REQUIRE(rows.size() == 4);
  for (const Case& c : cases) {
    INFO(c.catalog);
    const json& row = find_row(rows, "catalog", c.catalog);
    CHECK(row.at("orders") == c.orders);
    CHECK(std::abs(num(row.at("revenue")) - c.revenue) <= 0.01);
    CHECK(std::abs(num(row.at("margin")) - (c.revenue - c.cost)) <= 0.01);
    CHECK(num(row.at("margin_pct")) == Approx((c.revenue - c.cost) / c.revenue).epsilon(1e-9));
  }
  const double premium = num(find_row(rows, "catalog", "Premium").at("margin_pct"));
  for (const json& row : rows) {
    if (row.at("catalog") == "Premium") continue;
    INFO(row.at("catalog"));
    CHECK(premium - num(row.at("margin_pct")) >= 0.10);
  }
}

namespace {

/// Every file of samples/workspace.json, quotes and their history included (issue #3's truths).
json full_samples_report() {
  const std::string path = test::source_path("samples/workspace.json");
  const config::Workspace ws = config::workspace_from_json(json::parse(test::read_file(path)));
  report::Engine engine;
  for (const config::WorkspaceFile& f : ws.files)
    engine.load_path(test::source_path("samples/" + f.path), f.path, f.options);
  return engine.report(ws.settings);
}

}  // namespace

TEST_CASE("samples: the planted negotiation truths hold (samples/README.md)", "[truths]") {
  const json doc = full_samples_report();
  REQUIRE(doc["as_of"] == "2026-10-30");  // quote expiries never move as_of
  const json& s = doc["negotiations"]["summary"];
  CHECK(s["deals"] == 1200);
  CHECK(s["won"] == 685);
  CHECK(s["lost"] == 460);
  CHECK(s["open"] == 55);
  CHECK(s["cycle_days_median"] == 12.0);  // known median time to close
  CHECK(std::fabs(s["avg_discount"].get<double>() - 0.080) <= 0.002);
  CHECK(s["expiring_soon"] == 22);  // open quotes expiring 2026-10-31 .. 2026-11-13

  std::set<std::string> expiring;
  for (const json& o : doc["negotiations"]["open"])
    if (o["expiring_soon"] == true) expiring.insert(o["deal_id"].get<std::string>());
  CHECK(expiring.size() == 22);
  CHECK(expiring.count("Q-11141") == 1);  // expires on as_of + 1
  CHECK(expiring.count("Q-11175") == 0);  // as_of + 15: just outside

  // One rep with a clearly lower win rate: R07 ≤ 0.35, every other rep ≥ 0.55.
  int reps = 0;
  for (const json& rep : doc["sales_team"]["reps"]) {
    const std::string id = rep["sales_rep"].get<std::string>();
    if (!rep["win_rate"].is_number()) continue;
    ++reps;
    INFO(id);
    if (id == "R07")
      CHECK(rep["win_rate"].get<double>() <= 0.35);
    else
      CHECK(rep["win_rate"].get<double>() >= 0.55);
  }
  CHECK(reps == 8);
}
