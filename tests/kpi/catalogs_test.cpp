#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/kpi/catalogs.h"
#include "pulse/report/engine.h"
#include "pulse/report/workspace_loader.h"
#include "test_support.h"

using namespace pulse;
using nlohmann::json;
using pulse::config::Settings;

namespace {

json report_of(Role role, const std::string& text, const Settings& settings = {}) {
  report::Engine engine;
  ingest::FileOptions options;
  options.mapping.role = role;
  engine.begin_file(role == Role::orders ? "orders.csv" : "lines.csv", options);
  engine.feed(text);
  const LoadReport& r = engine.finish_file();
  INFO(r.error);
  REQUIRE(r.error.empty());
  REQUIRE(r.rows_skipped == 0);
  return engine.report(settings);
}

double num(const json& j) {
  return j.get<double>();
}

const json& catalog_row(const json& doc, const std::string& name) {
  for (const json& row : doc.at("catalogs").at("catalogs"))
    if (row.at("catalog") == name) return row;
  FAIL("no catalog " << name);
  static const json none;
  return none;
}

const json& product_row(const json& doc, const std::string& catalog, const std::string& sku) {
  for (const json& row : doc.at("catalogs").at("products"))
    if (row.at("catalog") == catalog && row.at("sku") == sku) return row;
  FAIL("no product " << catalog << " x " << sku);
  static const json none;
  return none;
}

// Gold: G1 (A: S1 10x5 = 50 cost 30, S2 2x10 = 20 cost 8), G2 (B: S1 4x6 = 24 cost 12),
//       G3 (A: return S1 -2x5 = -10 cost -6), G4 (B: S3 1x6 = 6 cost 2),
//       G5 (A: return-only S5 -1x7 = -7 cost -4).
//   revenue 50+20+24-10+6-7 = 83; orders with a positive Gold line G1 G2 G4 = 3;
//   customers A B = 2; units 10+2+4-2+1-1 = 14; aov 83/3; skus with a positive line
//   S1 S2 S3 = 3; cost 30+8+12-6+2-4 = 42 -> margin 41.
// Silver: H1 (C: S1 3x8 = 24 cost 9, S4 16 cost 10), H2 (no customer: S4 16 cost 10).
//   revenue 56; orders 2; customers 1; units 5; aov 28; skus 2; cost 29 -> margin 27.
// All revenue 83 + 56 = 139.
const std::string kCatalogs =
    "order_id,order_date,customer_id,sku,quantity,unit_price,unit_cost,catalog\n"
    "G1,2024-01-01,A,S1,10,5,3,Gold\n"
    "G1,2024-01-01,A,S2,2,10,4,Gold\n"
    "H1,2024-01-03,C,S1,3,8,3,Silver\n"
    "H1,2024-01-03,C,S4,1,16,10,Silver\n"
    "H2,2024-01-04,,S4,1,16,10,Silver\n"
    "G2,2024-01-05,B,S1,4,6,3,Gold\n"
    "G3,2024-01-09,A,S1,-2,5,3,Gold\n"
    "G4,2024-01-10,B,S3,1,6,2,Gold\n"
    "G5,2024-01-11,A,S5,-1,7,4,Gold\n";

}  // namespace

TEST_CASE("catalogs: per-catalog figures", "[kpi]") {
  const json doc = report_of(Role::order_lines, kCatalogs);
  const json& cats = doc.at("catalogs").at("catalogs");
  REQUIRE(cats.size() == 2);
  CHECK(cats[0].at("catalog") == "Gold");  // by revenue
  CHECK(cats[1].at("catalog") == "Silver");

  struct Case {
    const char* catalog;
    double revenue;
    std::int64_t orders, customers;
    double units, aov;
    std::int64_t skus;
    double share, margin;
  };
  const Case cases[] = {
      {"Gold", 83, 3, 2, 14, 83.0 / 3, 3, 83.0 / 139, 41},
      {"Silver", 56, 2, 1, 5, 28, 2, 56.0 / 139, 27},
  };
  for (const Case& c : cases) {
    INFO(c.catalog);
    const json& row = catalog_row(doc, c.catalog);
    CHECK(num(row.at("revenue")) == Approx(c.revenue));
    CHECK(row.at("orders") == c.orders);
    CHECK(row.at("customers") == c.customers);
    CHECK(num(row.at("units")) == c.units);
    CHECK(num(row.at("aov")) == Approx(c.aov));
    CHECK(row.at("skus") == c.skus);
    CHECK(num(row.at("revenue_share")) == Approx(c.share));
    CHECK(num(row.at("margin")) == Approx(c.margin));
    CHECK(num(row.at("margin_pct")) == Approx(c.margin / c.revenue));
  }
  // All catalogs: (41 + 27) / 139, the lines without a customer (H2) included.
  CHECK(num(doc.at("catalogs").at("margin_pct")) == Approx(68.0 / 139));
}

TEST_CASE("catalogs: the margin of all catalogs is the customers' summary's, to the bit", "[kpi]") {
  // The catalogs' view asks for its section alone and shows this figure, which the customers'
  // section gave before: the same lines summed exactly, so the same double under any filter.
  const std::string workspace = test::source_path("samples/workspace.json");
  const config::Workspace ws = report::read_workspace_file(workspace);
  report::Engine engine;
  report::load_workspace(engine, ws, report::folder_of(workspace));
  std::size_t compared = 0;
  for (const char* filters :
       {R"({})", R"({"from": "2026-03-01", "to": "2026-08-31"})", R"({"catalog": "Premium"})",
        R"({"sales_rep": "R03", "from": "2026-01-15"})"}) {
    INFO(filters);
    config::Settings settings = ws.settings;
    const config::Settings given = config::settings_from_json(json::parse(filters));
    settings.from = given.from;
    settings.to = given.to;
    settings.catalog = given.catalog;
    settings.sales_rep = given.sales_rep;
    const json doc = engine.report(settings);
    const json& mine = doc.at("catalogs").at("margin_pct");
    const json& theirs = doc.at("customers").at("summary").at("margin_pct");
    REQUIRE(mine.is_number());
    CHECK(mine.get<double>() == theirs.get<double>());
    ++compared;
  }
  CHECK(compared == 4);
}

TEST_CASE("catalogs: per catalog x SKU figures", "[kpi]") {
  const json doc = report_of(Role::order_lines, kCatalogs);
  struct Case {
    const char* catalog;
    const char* sku;
    double units, revenue;
    std::int64_t orders, customers;
    std::optional<double> avg_price;
    double share;
    const char* abc;
  };
  // Gold ABC over the positive revenues (T = 64 + 20 + 6 = 90): S1 c = 0 -> A; S2 c = 64/90
  // = 0.711 -> A; S3 c = 84/90 = 0.933 -> B; S5 revenue -7 -> C. Silver (T = 56): S4 32 -> A,
  // S1 c = 32/56 -> A.
  const Case cases[] = {
      // S1: units 10 + 4 - 2, revenue 50 + 24 - 10, orders G1 G2 (positive lines only),
      // avg_price over positive lines (50 + 24) / (10 + 4).
      {"Gold", "S1", 12, 64, 2, 2, 74.0 / 14, 64.0 / 83, "A"},
      {"Gold", "S2", 2, 20, 1, 1, 10.0, 20.0 / 83, "A"},
      {"Gold", "S3", 1, 6, 1, 1, 6.0, 6.0 / 83, "B"},
      {"Gold", "S5", -1, -7, 0, 0, std::nullopt, -7.0 / 83, "C"},
      {"Silver", "S4", 2, 32, 2, 1, 16.0, 32.0 / 56, "A"},
      {"Silver", "S1", 3, 24, 1, 1, 8.0, 24.0 / 56, "A"},
  };
  const json& products = doc.at("catalogs").at("products");
  REQUIRE(products.size() == std::size(cases));
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    const Case& c = cases[i];
    INFO(c.catalog << " x " << c.sku);
    // By catalog, then revenue: the cases are listed in that order.
    CHECK(products[i].at("catalog") == c.catalog);
    CHECK(products[i].at("sku") == c.sku);
    const json& row = product_row(doc, c.catalog, c.sku);
    CHECK(num(row.at("units")) == c.units);
    CHECK(num(row.at("revenue")) == Approx(c.revenue));
    CHECK(row.at("orders") == c.orders);
    CHECK(row.at("customers") == c.customers);
    if (c.avg_price)
      CHECK(num(row.at("avg_price")) == Approx(*c.avg_price));
    else
      CHECK(row.at("avg_price").is_null());
    CHECK(num(row.at("revenue_share")) == Approx(c.share));
    CHECK(row.at("abc") == c.abc);
    CHECK(row.at("elasticity").is_null());  // one or two weeks only
  }
}

TEST_CASE("catalogs: ABC boundaries at exactly 0.80 and 0.95, ties by SKU, revenue <= 0", "[kpi]") {
  // T = 70 + 10 + 10 + 5 + 5 = 100. By revenue, ties by SKU ascending: M (c 0) A, Y (c 0.70)
  // A, Z (c 0.80 exactly) B, N (c 0.90) B, P (c 0.95 exactly) C; Q (0) and R (-5) C.
  // Sorting Z before Y or P before N would flip their classes.
  const std::string lines =
      "order_id,order_date,customer_id,sku,quantity,unit_price\n"
      "O1,2024-01-01,A,Z,1,10\n"
      "O1,2024-01-01,A,P,1,5\n"
      "O2,2024-01-02,B,M,7,10\n"
      "O2,2024-01-02,B,Y,2,5\n"
      "O3,2024-01-03,A,N,5,1\n"
      "O3,2024-01-03,A,Q,3,0\n"
      "O4,2024-01-04,A,R,-1,5\n";
  const json doc = report_of(Role::order_lines, lines);
  const std::vector<std::pair<const char*, const char*>> expected = {
      {"M", "A"}, {"Y", "A"}, {"Z", "B"}, {"N", "B"}, {"P", "C"}, {"Q", "C"}, {"R", "C"}};
  const json& products = doc.at("catalogs").at("products");
  REQUIRE(products.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("row " << i);
    CHECK(products[i].at("sku") == expected[i].first);
    CHECK(products[i].at("abc") == expected[i].second);
    CHECK(products[i].at("catalog") == "All");
  }
  // Shares are of the catalog's net revenue, 95.
  CHECK(num(product_row(doc, "All", "M").at("revenue_share")) == Approx(70.0 / 95));
  CHECK(num(product_row(doc, "All", "R").at("revenue_share")) == Approx(-5.0 / 95));
  CHECK(catalog_row(doc, "All").at("skus") == 6);  // R has no positive line
}

namespace {

// Six ISO weeks (Mondays from 2024-01-01), one order per week; per SKU one line per week.
struct Sku {
  const char* sku;
  std::vector<double> prices;
  std::vector<double> quantities;
  const char* unit_cost;  // "" = unknown
};

std::string weekly_lines(const std::vector<Sku>& skus) {
  std::string out = "order_id,order_date,customer_id,sku,quantity,unit_price,unit_cost\n";
  for (int w = 0; w < 6; ++w) {
    const std::string date = format_day(day_from_civil(2024, 1, 1) + 7 * w);
    for (const Sku& s : skus) {
      char q[32], p[32];
      std::snprintf(q, sizeof q, "%.17g", s.quantities[w]);
      std::snprintf(p, sizeof p, "%.17g", s.prices[w]);
      out += "W" + std::to_string(w) + "," + date + ",A," + s.sku + "," + q + "," + p + "," +
             s.unit_cost + "\n";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("catalogs: elasticity per SKU and discount candidates with their projection", "[kpi]") {
  const std::vector<double> p = {1, 2, 4, 5, 10, 20};
  // Q = 100 P^-2: 100 25 6.25 4 1 0.25, revenue 100 50 25 20 10 5 = 210, units 136.5.
  const std::vector<double> q100 = {100, 25, 6.25, 4, 1, 0.25};
  const std::vector<double> q200 = {200, 50, 12.5, 8, 2, 0.5};  // revenue 420, units 273
  const std::vector<Sku> skus = {
      {"E1", p, q100, "0.5"},  // elastic, exact, margin 210 - 68.25 > 0: a candidate
      {"E2", p, q100, ""},     // elastic but margin unknown
      {"E3", p, q100, "5"},    // elastic but margin 210 - 682.5 < 0
      {"E4", p, q200, "0.5"},  // elastic, revenue 420: the first candidate
      // Q = 10 P^-0.5: inelastic.
      {"I1", {1, 4, 16, 1, 4, 16}, {10, 5, 2.5, 10, 5, 2.5}, "0.1"},
      // Noisy: slope -1.7056, std_error 1.2021 (>= 0.5): not a candidate.
      {"N1", {1, 2, 3, 4, 5, 6}, {100, 5, 80, 2, 30, 1}, "0.1"},
      // Q = 2 P: positive.
      {"P1", p, {2, 4, 8, 10, 20, 40}, "0.1"},
  };
  const json doc = report_of(Role::order_lines, weekly_lines(skus));

  struct Case {
    const char* sku;
    double slope;
    const char* klass;
  };
  const Case cases[] = {{"E1", -2, "elastic"},
                        {"E2", -2, "elastic"},
                        {"E3", -2, "elastic"},
                        {"E4", -2, "elastic"},
                        {"I1", -0.5, "inelastic"},
                        {"P1", 1, "positive"},
                        // Raw slope < -1, but its pooled 90% interval spans 0 (below).
                        {"N1", -1.7056055041834242, "uncertain"}};
  for (const Case& c : cases) {
    INFO(c.sku);
    const json& e = product_row(doc, "All", c.sku).at("elasticity");
    REQUIRE(e.is_object());
    CHECK(num(e.at("slope")) == Approx(c.slope).epsilon(1e-9));
    CHECK(e.at("n") == 6);
    CHECK(e.at("class") == c.klass);
  }
  const json& n1 = product_row(doc, "All", "N1").at("elasticity");
  CHECK(num(n1.at("std_error")) == Approx(1.2021328594766176).epsilon(1e-9));
  CHECK(num(n1.at("r2")) == Approx(0.3347789961486449).epsilon(1e-9));
  // Pooling (DerSimonian-Laird, computed independently in Python): the six exact fits keep
  // their slopes; tau2 = 1.575, the mean mu = -1.2864332 (variance 0.2415088); N1 shrinks with
  // B = 1.4451233 / (1.4451233 + 1.575) = 0.4784981 to -1.5050323, std error 0.8994056;
  // interval -/+ t(0.95, 4) = 2.1318468 x 0.8994056 = [-3.4224274, 0.4123627].
  CHECK(n1.at("pool_skus") == 7);
  CHECK(n1.at("seasonally_adjusted") == false);  // 7 SKUs: too few for period effects
  CHECK(num(n1.at("pooled_slope")) == Approx(-1.505032335).epsilon(1e-6));
  CHECK(num(n1.at("pooled_std_error")) == Approx(0.899405649).epsilon(1e-6));
  CHECK(num(n1.at("pooled_ci_low")) == Approx(-3.422427378).epsilon(1e-6));
  CHECK(num(n1.at("pooled_ci_high")) == Approx(0.412362707).epsilon(1e-6));
  CHECK(num(n1.at("ci_low")) == Approx(-1.7056055 - 2.1318468 * 1.2021329).epsilon(1e-6));
  const json& e1 = product_row(doc, "All", "E1").at("elasticity");
  CHECK(num(e1.at("pooled_slope")) == Approx(-2).epsilon(1e-9));
  CHECK(e1.at("confidence") == 0.9);
  CHECK(num(e1.at("std_error")) == Approx(0).margin(1e-9));
  CHECK(num(e1.at("r2")) == Approx(1).epsilon(1e-9));

  const json& candidates = doc.at("catalogs").at("discount_candidates");
  REQUIRE(candidates.size() == 2);
  CHECK(candidates[0].at("sku") == "E4");  // by revenue: 420 before 210
  CHECK(candidates[1].at("sku") == "E1");
  // E1 by hand: U = 136.5 units, R = 210, avg price p = 210 / 136.5, unit cost c = 0.5.
  // A 10% cut: units U x 0.9^-2 = 136.5 / 0.81 = 168.5185; units change 1/0.81 - 1 = 0.234568;
  // revenue 168.5185 x 0.9 p - R = R / 0.9 - R = 23.3333; margin
  // 168.5185 x (0.9 p - 0.5) - 136.5 x (p - 0.5) = (233.3333 - 84.2593) - 141.75 = 7.324074.
  const json& c1 = candidates[1];
  CHECK(num(c1.at("projected_units_change_pct")) == Approx(1 / 0.81 - 1).epsilon(1e-9));
  CHECK(num(c1.at("projected_revenue_change")) == Approx(210 / 0.9 - 210).epsilon(1e-9));
  CHECK(num(c1.at("projected_margin_change")) ==
        Approx(210 / 0.9 - 0.5 * 136.5 / 0.81 - (210 - 68.25)).epsilon(1e-9));
  CHECK(num(c1.at("projected_margin_change")) == Approx(7.324074).epsilon(1e-6));
  CHECK(num(c1.at("revenue")) == Approx(210));
  CHECK(num(c1.at("avg_price")) == Approx(210 / 136.5));
  // E4: U = 273, R = 420: revenue 420 / 0.9 - 420; margin 466.6667 - 168.5185 - 283.5.
  const json& c0 = candidates[0];
  CHECK(num(c0.at("projected_units_change_pct")) == Approx(1 / 0.81 - 1).epsilon(1e-9));
  CHECK(num(c0.at("projected_revenue_change")) == Approx(420 / 0.9 - 420).epsilon(1e-9));
  CHECK(num(c0.at("projected_margin_change")) ==
        Approx(420 / 0.9 - 0.5 * 273 / 0.81 - (420 - 136.5)).epsilon(1e-9));
  // An exact fit has an interval of width ~2e-6 (the pooling floors variances at 1e-12): the
  // ends equal the point to 1e-5.
  CHECK(num(c0.at("projected_units_change_pct_low")) == Approx(1 / 0.81 - 1).epsilon(1e-5));
  CHECK(num(c0.at("projected_margin_change_high")) ==
        Approx(num(c0.at("projected_margin_change"))).epsilon(1e-5));

  // The catalog level: mu -/+ t(0.95, 6) = 1.9431803 x sqrt(0.2415088); E2 has no cost, so
  // the margin is unknown and the verdict uncertain.
  const json& levels = doc.at("catalogs").at("discount_levels");
  REQUIRE(levels.size() == 1);
  CHECK(levels[0].at("level") == "catalog");
  CHECK(levels[0].at("skus") == 7);
  CHECK(num(levels[0].at("elasticity")) == Approx(-1.286433191).epsilon(1e-6));
  CHECK(num(levels[0].at("ci_high")) ==
        Approx(-1.286433191 + 1.9431803 * std::sqrt(0.2415087862)).epsilon(1e-6));
  CHECK(levels[0].at("projected_margin_change").is_null());
  CHECK(levels[0].at("verdict") == "uncertain");
  CHECK(doc.at("catalogs").at("discount_levels_note").is_string());

  // Monthly periods: all six weeks fall in January and February, so no estimate.
  Settings monthly;
  monthly.elasticity_period = "month";
  const json by_month = report_of(Role::order_lines, weekly_lines(skus), monthly);
  CHECK(product_row(by_month, "All", "E1").at("elasticity").is_null());
  CHECK(by_month.at("catalogs").at("discount_candidates").empty());
}

TEST_CASE("catalogs: the catalog filter keeps only that catalog's lines", "[kpi]") {
  Settings settings;
  settings.catalog = "Silver";
  const json doc = report_of(Role::order_lines, kCatalogs, settings);
  const json& cats = doc.at("catalogs").at("catalogs");
  REQUIRE(cats.size() == 1);
  CHECK(cats[0].at("catalog") == "Silver");
  CHECK(num(cats[0].at("revenue")) == Approx(56));
  CHECK(num(cats[0].at("revenue_share")) == Approx(1.0));
  CHECK(doc.at("catalogs").at("products").size() == 2);
}

TEST_CASE("catalogs: unavailable when only order headers are loaded", "[kpi]") {
  const json doc = report_of(Role::orders,
                             "order_id,order_date,customer_id,order_total\n"
                             "O1,2024-01-01,C1,100\n"
                             "O2,2024-01-05,C1,50\n");
  const json& catalogs = doc.at("catalogs");
  REQUIRE(catalogs.is_object());
  REQUIRE(catalogs.size() == 3);  // the text, its code and the code's params
  REQUIRE(catalogs.contains("unavailable"));
  CHECK(catalogs.at("unavailable").is_string());
  CHECK_FALSE(catalogs.at("unavailable").get<std::string>().empty());
  CHECK(catalogs.at("code") == "pulse.unavailable.006");  // only order headers
  CHECK(catalogs.at("params").empty());
  // The customer profiles still work from order totals.
  CHECK(num(doc.at("customers").at("summary").at("revenue")) == Approx(150));
}
