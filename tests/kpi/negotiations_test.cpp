#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/ingest/file_loader.h"
#include "pulse/kpi/deals.h"
#include "pulse/kpi/negotiations.h"
#include "pulse/kpi/scope.h"
#include "pulse/report/engine.h"
#include "report_trees.h"

using namespace pulse;
using nlohmann::json;

namespace {

struct File {
  Role role;
  std::string text;
};

/// Loads the files with their roles fixed and returns the negotiations document.
json negotiations_of(const std::vector<File>& files, const config::Settings& settings) {
  Dataset dataset;
  int n = 0;
  for (const File& f : files) {
    ingest::FileOptions options;
    options.mapping.role = f.role;
    ingest::FileLoader loader(dataset, "f" + std::to_string(n++) + ".csv", options);
    loader.feed(f.text);
    REQUIRE(loader.finish().rows_skipped == 0);
  }
  const kpi::DealFacts deals = kpi::build_deal_facts(dataset, settings, dataset.strings);
  const kpi::Scope scope =
      kpi::resolve_scope(settings, dataset.strings, deals.first_day, deals.last_day);
  const kpi::DealSelection selection = kpi::select_deals(deals, nullptr, scope, dataset.strings);
  return test::negotiations_tree(
      kpi::negotiations(deals, selection, scope, settings, dataset.strings), deals,
      dataset.strings);
}

Day day(int y, unsigned m, unsigned d) {
  return day_from_civil(y, m, d);
}

config::Settings first_half_2024() {
  config::Settings s;
  s.as_of = day(2024, 6, 30);
  s.from = day(2024, 1, 1);
  return s;
}

// Thirteen deals around the first half of 2024 (as_of 2024-06-30). Cycles in comments.
const char* const kDeals =
    "deal_id,customer_id,sales_rep,created_at,updated_at,closed_at,expires_at,status,amount,"
    "original_amount\n"
    "D01,C1,ann,2024-01-01,,2024-01-11,,ordered,1000,1250\n"  // won, 10 d, discount 0.2
    "D02,C1,ann,2024-01-05,,2024-02-04,,ordered,2000,2000\n"  // won, 30 d, discount 0
    "D03,C2,bob,2024-02-01,,2024-03-02,,ordered,500,625\n"    // won, 30 d, discount 0.2
    "D04,C2,bob,2024-02-10,,2024-02-15,,declined,800,\n"      // lost, 5 d
    "D05,C3,ann,2024-03-01,,2024-04-30,,expired,300,\n"       // lost, 60 d
    "D06,C3,bob,,,2024-04-10,,Closed Won,,\n"                 // won, no amount, no cycle
    "D07,C4,ann,2024-03-10,,2024-05-09,,lost,0,\n"            // lost, 60 d
    "D08,C4,bob,2023-11-01,,2023-12-20,,ordered,700,\n"       // closed before the period
    "D09,C1,ann,2024-06-01,2024-06-10,,2024-07-14,submitted_by_customer,400,500\n"  // expires
                                                                                    // as_of+14
    "D10,C2,bob,2024-06-20,,,2024-07-15,created,100,\n"      // expires as_of+15
    "D11,C3,ann,2024-05-15,,,2024-06-30,draft_by_admin,,\n"  // expires on as_of, no amount
    "D12,C4,bob,,,,2024-06-29,processing_by_admin,250,\n"    // expired yesterday, age unknown
    "D13,C5,ann,2024-07-05,,,,created,999,\n";               // created after as_of

const char* const kEvents =
    "deal_id,timestamp,status\n"
    "D01,2024-01-01,submitted_by_customer\nD01,2024-01-03,submitted_by_admin\n"
    "D01,2024-01-06,submitted_by_customer\nD01,2024-01-08,Submitted_By_Admin\nD01,2024-01-11,"
    "ordered\n"
    "D04,2024-02-10,submitted_by_customer\nD04,2024-02-12,submitted_by_admin\nD04,2024-02-15,"
    "declined\n"
    "D09,2024-06-01,submitted_by_customer\nD09,2024-06-05,submitted_by_admin\n"
    "D09,2024-06-10,submitted_by_customer\n"
    "D08,2023-11-02,submitted_by_admin\n";  // D08 is outside the period

}  // namespace

TEST_CASE("negotiations summary, hand-checked", "[deals]") {
  const json doc =
      negotiations_of({{Role::deals, kDeals}, {Role::deal_events, kEvents}}, first_half_2024());
  const json& s = doc["summary"];
  // Closed in the period: D01-D07; open: D09-D12 (D13 is created after as_of).
  CHECK(s["deals"] == 11);
  CHECK(s["won"] == 4);
  CHECK(s["lost"] == 3);
  CHECK(s["open"] == 4);
  CHECK(s["win_rate"].get<double>() == Approx(4.0 / 7.0));
  CHECK(s["won_amount"].get<double>() == 3500);                     // D06 has no amount
  CHECK(s["avg_deal_size"].get<double>() == Approx(3500.0 / 3.0));  // won deals with an amount
  CHECK(s["cycle_days_median"].get<double>() == 30);                // won: 10, 30, 30
  CHECK(s["cycle_days_mean"].get<double>() == Approx(70.0 / 3.0));
  CHECK(s["lost_cycle_days_median"].get<double>() == 60);       // lost: 5, 60, 60
  CHECK(s["avg_discount"].get<double>() == Approx(0.4 / 3.0));  // 0.2, 0, 0.2
  CHECK(s["rounds_mean"].get<double>() == Approx(4.0 / 3.0));   // D01 2, D04 1, D09 1
  CHECK(s["negotiation_days_median"].get<double>() == 9);       // 10, 5, 9
  CHECK(s["expiring_soon"] == 2);                               // D09 (as_of+14), D11 (as_of)
  CHECK(s["closed_without_date"] == 0);
}

TEST_CASE("open deals: age, win probability (overall below 10 cycles), expiry", "[deals]") {
  config::Settings settings = first_half_2024();
  settings.win_probability_method = "closed_share";  // the naive baseline's figures
  const json doc = negotiations_of({{Role::deals, kDeals}}, settings);
  const json& open = doc["open"];
  REQUIRE(open.size() == 4);
  // Expected value first: D09 400 x 4/7, D12 250 x 4/7, D10 100 x 4/7, then D11 (no amount).
  const double p = 4.0 / 7.0;  // six closed deals have a cycle: fewer than 10, overall rate
  CHECK(open[0]["deal_id"] == "D09");
  CHECK(open[0]["age_days"] == 29);
  CHECK(open[0]["win_probability"].get<double>() == Approx(p));
  CHECK(open[0]["expected_value"].get<double>() == Approx(400 * p));
  CHECK(open[0]["expires_at"] == "2024-07-14");
  CHECK(open[0]["expiring_soon"] == true);
  CHECK(open[0]["status"] == "submitted_by_customer");
  CHECK(open[0]["customer_id"] == "C1");
  CHECK(open[0]["sales_rep"] == "ann");
  CHECK(open[1]["deal_id"] == "D12");
  CHECK(open[1]["age_days"].is_null());
  CHECK(open[1]["win_probability"].get<double>() == Approx(p));
  CHECK(open[1]["expiring_soon"] == false);  // expired the day before as_of
  CHECK(open[2]["deal_id"] == "D10");
  CHECK(open[2]["age_days"] == 10);
  CHECK(open[2]["expiring_soon"] == false);  // as_of + 15
  CHECK(open[3]["deal_id"] == "D11");
  CHECK(open[3]["amount"].is_null());
  CHECK(open[3]["expected_value"].is_null());
  CHECK(open[3]["expiring_soon"] == true);  // on as_of itself
}

TEST_CASE("expiring window is a setting, inclusive at both ends", "[deals]") {
  config::Settings settings = first_half_2024();
  settings.expiring_days = 15;
  CHECK(negotiations_of({{Role::deals, kDeals}}, settings)["summary"]["expiring_soon"] == 3);
  settings.expiring_days = 0;
  CHECK(negotiations_of({{Role::deals, kDeals}}, settings)["summary"]["expiring_soon"] == 1);
}

TEST_CASE("monthly series: every month of the period, by close and creation month", "[deals]") {
  const json m = negotiations_of({{Role::deals, kDeals}}, first_half_2024())["monthly"];
  REQUIRE(m.size() == 6);
  const std::vector<std::string> months{"2024-01", "2024-02", "2024-03",
                                        "2024-04", "2024-05", "2024-06"};
  const std::vector<int> won{1, 1, 1, 1, 0, 0}, lost{0, 1, 0, 1, 1, 0}, created{2, 2, 2, 0, 1, 2};
  for (std::size_t i = 0; i < 6; ++i) {
    INFO(months[i]);
    CHECK(m[i]["month"] == months[i]);
    CHECK(m[i]["won"] == won[i]);
    CHECK(m[i]["lost"] == lost[i]);
    CHECK(m[i]["created"] == created[i]);
  }
  CHECK(m[0]["win_rate"] == 1.0);
  CHECK(m[1]["win_rate"] == 0.5);
  CHECK(m[4]["win_rate"] == 0.0);
  CHECK(m[5]["win_rate"].is_null());  // nothing closed
  CHECK(m[0]["won_amount"] == 1000.0);
  CHECK(m[1]["won_amount"] == 2000.0);
  CHECK(m[2]["won_amount"] == 500.0);
  CHECK(m[3]["won_amount"].is_null());         // D06 won without an amount
  CHECK(m[4]["won_amount"] == 0.0);            // nothing won: zero, amounts are known
  CHECK(m[0]["cycle_days_median"] == 10.0);    // D01
  CHECK(m[1]["cycle_days_median"] == 30.0);    // D02
  CHECK(m[2]["cycle_days_median"] == 30.0);    // D03
  CHECK(m[3]["cycle_days_median"].is_null());  // D06 won without a created_at
  CHECK(m[4]["cycle_days_median"].is_null());  // nothing won
}

TEST_CASE("by status: open in funnel order, then won, then lost", "[deals]") {
  const json rows = negotiations_of({{Role::deals, kDeals}}, first_half_2024())["by_status"];
  const json expected = json::parse(R"([
    {"status": "created", "outcome": "open", "count": 1, "amount": 100.0},
    {"status": "draft_by_admin", "outcome": "open", "count": 1, "amount": null},
    {"status": "processing_by_admin", "outcome": "open", "count": 1, "amount": 250.0},
    {"status": "submitted_by_customer", "outcome": "open", "count": 1, "amount": 400.0},
    {"status": "ordered", "outcome": "won", "count": 3, "amount": 3500.0},
    {"status": "Closed Won", "outcome": "won", "count": 1, "amount": null},
    {"status": "declined", "outcome": "lost", "count": 1, "amount": 800.0},
    {"status": "expired", "outcome": "lost", "count": 1, "amount": 300.0},
    {"status": "lost", "outcome": "lost", "count": 1, "amount": 0.0}])");
  CHECK(rows == expected);
}

namespace {
// Twelve closed deals created 2024-01-01 with cycles 10, 20, ..., 120: the first six won.
// Open deals of age 0, 15, 20 and 30 days at as_of 2024-06-30, and one of unknown age.
std::string twelve_cycles_csv() {
  std::string csv = "deal_id,created_at,closed_at,status,amount\n";
  for (int i = 1; i <= 12; ++i) {
    const Day close = day(2024, 1, 1) + 10 * i;
    csv += "W" + std::to_string(i) + ",2024-01-01," + format_day(close) + "," +
           (i <= 6 ? "Won" : "Lost") + ",10\n";
  }
  csv +=
      "A0,2024-06-30,,Engaging,100\nA15,2024-06-15,,Engaging,100\nA20,2024-06-10,,Engaging,100\n"
      "A30,2024-05-31,,Engaging,100\nAX,,,Prospecting,100\nAN,2024-06-10,,Engaging,\n";
  return csv;
}
}  // namespace

// The same deals under the default rule. Aalen-Johansen by hand: the open deals are censored
// at their ages 0 (A0), 15 (A15), 20 (A20, AN), 30 (A30); AX has no age and is not learnt from.
//   t=10 W1 won: 16 at risk (12 closed + A15, A20, AN, A30): F_won = 1/16, S = 15/16
//   t=20 W2 won: 14 at risk (11 closed + A20, AN, A30; events before censorings):
//        F_won += 15/16 * 1/14, S = 15/16 * 13/14
//   t=30 W3 won: 11 at risk: F_won += S * 1/11, S *= 10/11
//   t=40..120: 9 deals, no censoring: W4..W6 won: F_won += S(30) * 3/9
// F_won(120) = 1/16 + 15/224 + 195/2464 + 0.7913961 / 3 = 0.4724026.
// A0 (age 0) = F_won(120) / S(0) = 0.4724026; A20: (F_won(120) - F_won(20)) / S(20) =
// 1/11 + 10/11 * 3/9 = 13/33; A30: only 9 deals followed beyond 30 (< 10): read at 20, the
// last age with 10, and flagged; AX (unknown age) is read at age 0.
TEST_CASE("win probability by Aalen-Johansen, hand-checked, with the tail rule", "[deals]") {
  config::Settings settings;
  settings.as_of = day(2024, 6, 30);
  settings.from = day(2024, 1, 1);
  const json doc = negotiations_of({{Role::deals, twelve_cycles_csv()}}, settings);
  CHECK(doc["win_probability_method"] == "aalen_johansen");
  std::map<std::string, json> by_id;
  for (const json& o : doc["open"]) by_id[o["deal_id"]] = o;
  CHECK(by_id["A0"]["win_probability"].get<double>() == Approx(0.4724026));
  CHECK(by_id["A0"]["win_probability_tail"] == false);
  CHECK(by_id["A20"]["win_probability"].get<double>() == Approx(13.0 / 33.0));
  CHECK(by_id["A20"]["expected_value"].get<double>() == Approx(1300.0 / 33.0));
  CHECK(by_id["A30"]["win_probability"].get<double>() == Approx(13.0 / 33.0));
  CHECK(by_id["A30"]["win_probability_tail"] == true);
  CHECK(by_id["AX"]["win_probability"].get<double>() == Approx(0.4724026));
  CHECK(by_id["AX"]["win_probability_method"] == "aalen_johansen");
  // Within 30 days of age 0, 1 - S(30) = 1 - 15/16 * 13/14 * 10/11 closes.
  CHECK(by_id["A0"]["p_close_within_30d"].get<double>() == Approx(1.0 - 0.7913961));
  // A20: S(t)/S(20) falls to 10/11 * 3/9 <= 1/2 at t = 80: the median close is 60 days ahead.
  CHECK(by_id["A20"]["expected_close_date"] == "2024-08-29");
}

TEST_CASE("win probability is conditional on age with at least 10 longer cycles", "[deals]") {
  // Twelve closed deals created 2024-01-01 with cycles 10, 20, ..., 120: the first six won.
  std::string csv = "deal_id,created_at,closed_at,status,amount\n";
  for (int i = 1; i <= 12; ++i) {
    const Day close = day(2024, 1, 1) + 10 * i;
    csv += "W" + std::to_string(i) + ",2024-01-01," + format_day(close) + "," +
           (i <= 6 ? "Won" : "Lost") + ",10\n";
  }
  // Open deals of age 0, 15, 20 and 30 days at as_of 2024-06-30, and one of unknown age.
  csv +=
      "A0,2024-06-30,,Engaging,100\nA15,2024-06-15,,Engaging,100\nA20,2024-06-10,,Engaging,100\n"
      "A30,2024-05-31,,Engaging,100\nAX,,,Prospecting,100\nAN,2024-06-10,,Engaging,\n";
  config::Settings settings;
  settings.as_of = day(2024, 6, 30);
  settings.from = day(2024, 1, 1);
  settings.win_probability_method = "closed_share";  // the naive baseline (SPEC's rule)
  const json doc = negotiations_of({{Role::deals, csv}}, settings);
  CHECK(doc["summary"]["win_rate"] == 0.5);
  std::map<std::string, json> by_id;
  for (const json& o : doc["open"]) by_id[o["deal_id"]] = o;
  CHECK(by_id["A0"]["win_probability"].get<double>() == Approx(0.5));          // 12 longer: 6 won
  CHECK(by_id["A15"]["win_probability"].get<double>() == Approx(5.0 / 11.0));  // 20..120
  CHECK(by_id["A20"]["win_probability"].get<double>() == Approx(0.4));         // 30..120: 4 of 10
  CHECK(by_id["A20"]["expected_value"].get<double>() == Approx(40.0));
  CHECK(by_id["A30"]["win_probability"].get<double>() == Approx(0.5));  // 9 longer: overall
  CHECK(by_id["AX"]["win_probability"].get<double>() == Approx(0.5));   // unknown age: overall
  CHECK(by_id["AX"]["age_days"].is_null());
  CHECK(by_id["AN"]["win_probability"].get<double>() == Approx(0.4));
  CHECK(by_id["AN"]["expected_value"].is_null());  // no amount
}

TEST_CASE("without closed deals or amounts, figures are null, never 0", "[deals]") {
  config::Settings settings = first_half_2024();
  const json doc = negotiations_of(
      {{Role::deals, "deal_id,status,created_at\nA,created,2024-06-01\n"}}, settings);
  const json& s = doc["summary"];
  CHECK(s["deals"] == 1);
  CHECK(s["open"] == 1);
  for (const char* key :
       {"win_rate", "won_amount", "avg_deal_size", "cycle_days_median", "cycle_days_mean",
        "lost_cycle_days_median", "avg_discount", "rounds_mean", "negotiation_days_median"}) {
    INFO(key);
    CHECK(s[key].is_null());
  }
  CHECK(doc["open"][0]["win_probability"].is_null());
  CHECK(doc["open"][0]["expected_value"].is_null());
  CHECK(doc["open"][0]["amount"].is_null());
  CHECK(doc["monthly"][0]["won_amount"].is_null());  // no amount column at all
  CHECK(doc["by_status"][0]["amount"].is_null());
}

TEST_CASE("filters narrow the deals: rep, customer, a value absent from the data", "[deals]") {
  config::Settings settings = first_half_2024();
  settings.sales_rep = "ann";
  json s = negotiations_of({{Role::deals, kDeals}}, settings)["summary"];
  CHECK(s["won"] == 2);   // D01, D02
  CHECK(s["lost"] == 2);  // D05, D07
  CHECK(s["open"] == 2);  // D09, D11
  settings.sales_rep.reset();
  settings.customer = "C2";
  s = negotiations_of({{Role::deals, kDeals}}, settings)["summary"];
  CHECK(s["deals"] == 3);  // D03, D04, D10
  settings.customer = "nobody";
  s = negotiations_of({{Role::deals, kDeals}}, settings)["summary"];
  CHECK(s["deals"] == 0);
  CHECK(s["win_rate"].is_null());
}

TEST_CASE("the engine: catalog filter through the deal's customer, defaults from deal dates",
          "[deals]") {
  report::Engine engine;
  auto add = [&](const char* name, Role role, const std::string& text) {
    ingest::FileOptions options;
    options.mapping.role = role;
    engine.begin_file(name, options);
    engine.feed(text);
    engine.finish_file();
  };
  add("deals.csv", Role::deals,
      "deal_id,customer_id,created_at,closed_at,status,amount\n"
      "A,C1,2024-01-02,2024-01-10,won,10\n"   // C1: Gold from the customers file
      "B,C2,2024-01-03,2024-01-11,won,20\n"   // C2: Silver
      "C,C3,2024-01-04,2024-01-12,lost,30\n"  // C3: Gold from its order lines
      "D,C4,2024-01-05,2024-01-13,lost,40\n"  // C4: nothing says: All
      "E,,2024-01-06,2024-02-20,won,50\n");   // no customer: All
  add("customers.csv", Role::customers,
      "customer_id,customer_name,catalog\nC1,Acme,Gold\nC2,Beta,Silver\n");
  add("lines.csv", Role::order_lines,
      "order_id,order_date,customer_id,sku,quantity,unit_price,catalog\nO1,2024-01-01,C3,X,1,5,"
      "Gold\n");
  config::Settings settings;
  json doc = engine.report(settings);
  CHECK(doc["as_of"] == "2024-02-20");  // the latest deal date is later than every order
  CHECK(doc["period"]["from"] == "2024-01-01");
  CHECK(doc["negotiations"]["summary"]["deals"] == 5);
  settings.catalog = "Gold";
  doc = engine.report(settings);
  CHECK(doc["negotiations"]["summary"]["won"] == 1);   // A
  CHECK(doc["negotiations"]["summary"]["lost"] == 1);  // C
  settings.catalog = "All";
  doc = engine.report(settings);
  CHECK(doc["negotiations"]["summary"]["deals"] == 2);  // D, E
}

TEST_CASE("the engine: negotiations unavailable without deals", "[deals]") {
  report::Engine engine;
  ingest::FileOptions options;
  options.mapping.role = Role::orders;
  engine.begin_file("orders.csv", options);
  engine.feed("order_id,order_date,customer_id,order_total\n1,2024-01-01,C1,10\n");
  engine.finish_file();
  const json doc = engine.report({});
  REQUIRE(doc["negotiations"].contains("unavailable"));
  CHECK(doc["negotiations"]["unavailable"].get<std::string>().find("load deals") == 0);
  CHECK(doc["sales_team"].contains("reps"));  // orders alone give the sales team
}
