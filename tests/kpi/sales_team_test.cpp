#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/ingest/file_loader.h"
#include "pulse/report/engine.h"
#include "test_support.h"

using namespace pulse;
using nlohmann::json;

namespace {

void add(report::Engine& engine, const char* name, Role role, const std::string& text) {
  ingest::FileOptions options;
  options.mapping.role = role;
  engine.begin_file(name, options);
  engine.feed(text);
  REQUIRE(engine.finish_file().rows_skipped == 0);
}

std::map<std::string, json> reps_by_id(const json& doc) {
  std::map<std::string, json> out;
  for (const json& r : doc["sales_team"]["reps"]) out[r["sales_rep"]] = r;
  return out;
}

config::Settings first_half_2024() {
  config::Settings s;
  s.as_of = day_from_civil(2024, 6, 30);
  s.from = day_from_civil(2024, 1, 1);
  return s;
}

// Closed cycles: S01 20 d, S02 40 d, S03 10 d (lost), S04 30 d; overall win rate 3/4.
const char* const kDeals =
    "deal_id,customer_id,sales_rep,created_at,updated_at,closed_at,expires_at,status,amount\n"
    "S01,C1,ann,2024-01-01,,2024-01-21,,won,1000\n"
    "S02,C1,ann,2024-02-01,,2024-03-12,,won,3000\n"
    "S03,C2,ann,2024-02-01,,2024-02-11,,lost,500\n"
    "S04,C2,bob,2024-03-01,,2024-03-31,,won,2000\n"
    "S05,C1,ann,2024-05-01,2024-06-20,,2024-07-10,Engaging,400\n"  // closing soon; updated: fresh
    "S06,C2,ann,2024-04-01,,,2024-07-20,Prospecting,600\n"         // last event 05-20: stale
    "S07,C1,ann,2024-05-31,,,,Engaging,\n"                         // created as_of - 30: stale
    "S08,C2,bob,2024-06-01,,,,Engaging,1000\n"                     // created as_of - 29: fresh
    "S09,C3,,2024-06-15,,,2024-06-30,Proposal,200\n"  // C3's rep: bob; expires on as_of
    "S10,C1,ann,2024-03-01,,,,Prospecting,100\n";     // last event 06-10: fresh

const char* const kEvents =
    "deal_id,timestamp,status\nS06,2024-05-20,submitted_by_admin\nS10,2024-06-10,submitted_by_"
    "admin\n";

// C1 overdue (ratio 90/31), C2 due (10/10), C3 lapsed (152/10), C4 unknown, C5 lapsed (117/2).
const char* const kOrders =
    "order_id,order_date,customer_id,order_total,sales_rep\n"
    "1,2024-01-01,C1,100,\n2,2024-02-01,C1,200,\n3,2024-03-01,C1,300,\n4,2024-04-01,C1,400,bob\n"
    "5,2024-05-01,C2,50,\n6,2024-05-11,C2,50,\n7,2024-05-21,C2,50,\n8,2024-06-20,C2,50,\n"
    "9,2024-01-10,C3,10,\n10,2024-01-20,C3,10,\n11,2024-01-30,C3,10,\n"
    "12,2024-06-01,C4,1000,\n"
    "13,2024-03-01,C5,1,\n14,2024-03-03,C5,1,\n15,2024-03-05,C5,1,\n";

void load_team(report::Engine& engine) {
  add(engine, "deals.csv", Role::deals, kDeals);
  add(engine, "events.csv", Role::deal_events, kEvents);
  add(engine, "orders.csv", Role::orders, kOrders);
  add(engine, "customers.csv", Role::customers,
      "customer_id,customer_name,sales_rep\nC1,Acme,ann\nC2,Beta,bob\nC3,Gamma,bob\nC4,Delta,dan\n"
      "C5,Epsilon,bob\n");
  add(engine, "reps.csv", Role::sales_reps,
      "sales_rep,rep_name,manager,team\nann,Ann Lee,Mia,North\nbob,Bob Ray,Mia,South\n"
      "cat,Cat Day,Joe,North\n");
}

}  // namespace

TEST_CASE("sales team per rep, hand-checked", "[deals]") {
  report::Engine engine;
  load_team(engine);
  config::Settings settings = first_half_2024();
  settings.win_probability_method = "closed_share";  // weighted pipelines by the baseline rule
  const json doc = engine.report(settings);
  const json& reps = doc["sales_team"]["reps"];
  REQUIRE(reps.size() == 4);
  CHECK(reps[0]["sales_rep"] == "ann");  // by rep id
  CHECK(reps[1]["sales_rep"] == "bob");
  CHECK(reps[2]["sales_rep"] == "cat");  // only in the sales_reps file
  CHECK(reps[3]["sales_rep"] == "dan");  // only in orders (C4's rep)

  const json& ann = reps[0];
  CHECK(ann["rep_name"] == "Ann Lee");
  CHECK(ann["manager"] == "Mia");
  CHECK(ann["team"] == "North");
  CHECK(ann["open_by_stage"] == json::parse(R"([
      {"stage": "Prospecting", "count": 2, "amount": 700.0},
      {"stage": "Engaging", "count": 2, "amount": 400.0},
      {"stage": "Proposal", "count": 0, "amount": 0.0}])"));
  CHECK(ann["won"] == 2);
  CHECK(ann["lost"] == 1);
  CHECK(ann["win_rate"].get<double>() == Approx(2.0 / 3.0));
  CHECK(ann["won_amount"] == 4000.0);
  CHECK(ann["avg_deal_size"] == 2000.0);
  CHECK(ann["cycle_days_median"] == 30.0);  // 20 and 40
  CHECK(ann["pipeline_amount"] == 1100.0);  // 400 + 600 + 100; S07 has no amount
  CHECK(ann["weighted_pipeline"].get<double>() == Approx(825.0));  // x 0.75 (overall rate)
  CHECK(ann["closing_soon"] == 1);                                 // S05
  CHECK(ann["stale"] == 2);                                        // S06, S07
  CHECK(ann["revenue"] == 600.0);                                  // orders 1-3; order 4 is bob's
  CHECK(ann["orders"] == 3);
  CHECK(ann["aov"] == 200.0);
  CHECK(ann["customers"] == 1);
  CHECK(ann["customers_overdue"] == 1);  // C1
  CHECK(ann["attention"] == json::array({"C1"}));

  const json& bob = reps[1];
  CHECK(bob["open_by_stage"] == json::parse(R"([
      {"stage": "Prospecting", "count": 0, "amount": 0.0},
      {"stage": "Engaging", "count": 1, "amount": 1000.0},
      {"stage": "Proposal", "count": 1, "amount": 200.0}])"));
  CHECK(bob["won"] == 1);
  CHECK(bob["lost"] == 0);
  CHECK(bob["win_rate"] == 1.0);
  CHECK(bob["won_amount"] == 2000.0);
  CHECK(bob["cycle_days_median"] == 30.0);
  CHECK(bob["pipeline_amount"] == 1200.0);
  CHECK(bob["weighted_pipeline"].get<double>() == Approx(900.0));
  CHECK(bob["closing_soon"] == 1);  // S09 expires on as_of
  CHECK(bob["stale"] == 0);
  CHECK(bob["revenue"] == 633.0);  // 400 (C1) + 200 (C2) + 30 (C3) + 3 (C5)
  CHECK(bob["orders"] == 11);
  CHECK(bob["aov"].get<double>() == Approx(633.0 / 11.0));
  CHECK(bob["customers"] == 4);
  CHECK(bob["customers_overdue"] == 2);                  // C3, C5 (C2 is only due)
  CHECK(bob["attention"] == json::array({"C5", "C3"}));  // by overdue ratio

  const json& cat = reps[2];
  CHECK(cat["rep_name"] == "Cat Day");
  CHECK(cat["won"] == 0);
  CHECK(cat["win_rate"].is_null());
  CHECK(cat["avg_deal_size"].is_null());
  CHECK(cat["cycle_days_median"].is_null());
  CHECK(cat["won_amount"] == 0.0);
  CHECK(cat["pipeline_amount"] == 0.0);
  CHECK(cat["open_by_stage"].size() == 3);
  CHECK(cat["revenue"] == 0.0);
  CHECK(cat["orders"] == 0);
  CHECK(cat["aov"].is_null());
  CHECK(cat["customers_overdue"] == 0);

  const json& dan = reps[3];
  CHECK(dan["rep_name"].is_null());
  CHECK(dan["revenue"] == 1000.0);
  CHECK(dan["orders"] == 1);
  CHECK(dan["customers"] == 1);
  CHECK(dan["customers_overdue"] == 0);  // C4 has too few orders: unknown
}

TEST_CASE("sales team summary: the team's totals, so the page adds nothing up", "[deals]") {
  report::Engine engine;
  load_team(engine);
  config::Settings settings = first_half_2024();
  settings.win_probability_method = "closed_share";
  const json doc = engine.report(settings);
  const json& sum = doc["sales_team"]["summary"];
  CHECK(sum["reps"] == 4);                  // ann, bob, cat, dan
  CHECK(sum["deals_open"] == 6);            // S05-S10
  CHECK(sum["won"] == 3);                   // S01, S02, S04
  CHECK(sum["lost"] == 1);                  // S03
  CHECK(sum["win_rate"] == 0.75);           // 3 / (3 + 1)
  CHECK(sum["closing_soon"] == 2);          // S05 (ann), S09 (bob)
  CHECK(sum["customers_overdue"] == 3);     // C1 (ann); C3, C5 (bob)
  CHECK(sum["pipeline_amount"] == 2300.0);  // ann 1100 + bob 1200

  // Without orders, nobody can be overdue: null, not zero.
  report::Engine deals_only;
  add(deals_only, "deals.csv", Role::deals, kDeals);
  const json bare_doc = deals_only.report(first_half_2024());
  const json& bare = bare_doc["sales_team"]["summary"];
  CHECK(bare["customers_overdue"].is_null());
  std::int64_t closing_in_rows = 0;
  for (const json& r : bare_doc["sales_team"]["reps"])
    closing_in_rows += r["closing_soon"].get<std::int64_t>();
  CHECK(bare["closing_soon"] == closing_in_rows);  // S05, and S09 where its rep is known
  CHECK(bare["closing_soon"].get<std::int64_t>() >= 1);

  // Before any deal closed, no win rate.
  report::Engine open_only;
  add(open_only, "deals.csv", Role::deals,
      "deal_id,customer_id,sales_rep,created_at,status,amount\nS1,C1,ann,2024-05-01,Engaging,10\n");
  const json open = open_only.report(first_half_2024())["sales_team"]["summary"];
  CHECK(open["win_rate"].is_null());
  CHECK(open["deals_open"] == 1);
  CHECK(open["reps"] == 1);
}

TEST_CASE("sales team: stale window is a setting; the rep filter keeps one row", "[deals]") {
  report::Engine engine;
  load_team(engine);
  config::Settings settings = first_half_2024();
  settings.stale_days = 41;  // as_of - 41 = 05-20: S06 still stale, S07 not
  CHECK(reps_by_id(engine.report(settings))["ann"]["stale"] == 1);
  settings.stale_days = 42;
  CHECK(reps_by_id(engine.report(settings))["ann"]["stale"] == 0);
  settings.sales_rep = "bob";
  const json doc = engine.report(settings);
  REQUIRE(doc["sales_team"]["reps"].size() == 1);
  CHECK(doc["sales_team"]["reps"][0]["sales_rep"] == "bob");
  CHECK(doc["negotiations"]["summary"]["deals"] == 3);  // S04, S08, S09
}

TEST_CASE("sales team from orders alone: order figures, deal figures zero or null", "[deals]") {
  report::Engine engine;
  add(engine, "orders.csv", Role::orders, kOrders);
  const json doc = engine.report(first_half_2024());
  CHECK(doc["negotiations"].contains("unavailable"));
  const auto reps = reps_by_id(doc);
  REQUIRE(reps.size() == 2);  // no customers file: orders without a rep are Unassigned
  CHECK(reps.at("bob")["orders"] == 1);
  const json& u = reps.at("Unassigned");
  CHECK(u["orders"] == 14);
  CHECK(u["won"] == 0);
  CHECK(u["win_rate"].is_null());
  CHECK(u["won_amount"].is_null());  // no deals: amounts are unknown
  CHECK(u["pipeline_amount"].is_null());
  CHECK(u["open_by_stage"].empty());
}

TEST_CASE("sales team unavailable with neither deals nor orders", "[deals]") {
  report::Engine engine;
  add(engine, "reps.csv", Role::sales_reps, "sales_rep,rep_name\nann,Ann Lee\n");
  const json doc = engine.report({});
  CHECK(doc["sales_team"].contains("unavailable"));
  CHECK(doc["negotiations"].contains("unavailable"));
}

// Expected figures computed independently with python3's csv module over sales_pipeline.csv:
//   stages: Counter(deal_stage) -> Won 4238, Lost 2473, Engaging 1589, Prospecting 500;
//   won_amount = sum(close_value of Won) = 10005534; as_of = max(engage, close) = 2017-12-31;
//   cycle = close_date - engage_date: Won median 57, mean 51.781972628598396; Lost median 14;
//   stale = open deals with engage_date <= 2017-12-01: 1572 (Prospecting have no date);
//   win probability of 01XZ9CRY (age 104): share won among closed with cycle > 104 =
//   0.703875968992248; 286 open deals get a conditional rate; Darcel Schlecht: Won 349, Lost 204,
//   Prospecting 111, Engaging 83, won 1153214, won cycle median 48; March 2017: won 531, lost 116,
//   created 792, won amount 1134672; 30 agents in the pipeline, 35 in sales_teams.csv (5 without
//   deals).
TEST_CASE("CRM opportunities: every negotiation and sales-team figure", "[deals][real]") {
  PULSE_SKIP_WITHOUT_DATASET("datasets/crm-sales-opportunities/sales_pipeline.csv");
  const std::string dir = test::shared_path("datasets/crm-sales-opportunities/");
  ingest::FileOptions deals_options;
  deals_options.mapping.role = Role::deals;
  deals_options.mapping.columns = {
      {Field::deal_id, "opportunity_id"}, {Field::sales_rep, "sales_agent"},
      {Field::customer_id, "account"},    {Field::status, "deal_stage"},
      {Field::created_at, "engage_date"}, {Field::closed_at, "close_date"},
      {Field::amount, "close_value"}};
  ingest::FileOptions teams_options;
  teams_options.mapping.role = Role::sales_reps;
  teams_options.mapping.columns = {{Field::sales_rep, "sales_agent"},
                                   {Field::team, "regional_office"}};

  for (bool configured : {false, true}) {
    INFO((configured ? "with a workspace mapping" : "auto-detected"));
    report::Engine engine;
    const LoadReport& deals_load =
        engine.load_path(dir + "sales_pipeline.csv", "sales_pipeline.csv",
                         configured ? deals_options : ingest::FileOptions{});
    CHECK(deals_load.role == "deals");
    CHECK(deals_load.rows_loaded == 8800);
    CHECK(deals_load.rows_skipped == 0);
    const LoadReport& teams_load =
        engine.load_path(dir + "sales_teams.csv", "sales_teams.csv",
                         configured ? teams_options : ingest::FileOptions{});
    CHECK(teams_load.role == "sales_reps");
    CHECK(teams_load.rows_loaded == 35);

    config::Settings closed_share;
    closed_share.win_probability_method = "closed_share";  // the baseline's figures below
    const json doc = engine.report(closed_share);
    CHECK(doc["as_of"] == "2017-12-31");
    CHECK(doc["period"]["from"] == "2016-10-20");
    CHECK(doc["customers"].contains("unavailable"));
    const json& n = doc["negotiations"];
    const json& s = n["summary"];
    CHECK(s["deals"] == 8800);
    CHECK(s["won"] == 4238);
    CHECK(s["lost"] == 2473);
    CHECK(s["open"] == 2089);
    CHECK(s["won_amount"] == 10005534.0);
    CHECK(s["win_rate"].get<double>() == Approx(4238.0 / 6711.0));
    CHECK(s["avg_deal_size"].get<double>() == Approx(10005534.0 / 4238.0));
    CHECK(s["cycle_days_median"] == 57.0);
    CHECK(s["cycle_days_mean"].get<double>() == Approx(51.781972628598396));
    CHECK(s["lost_cycle_days_median"] == 14.0);
    CHECK(s["avg_discount"].is_null());  // no original amount
    CHECK(s["rounds_mean"].is_null());   // no quote history
    CHECK(s["negotiation_days_median"].is_null());
    CHECK(s["expiring_soon"] == 0);  // no expiry dates

    CHECK(n["by_status"] == json::parse(R"([
        {"status": "Prospecting", "outcome": "open", "count": 500, "amount": null},
        {"status": "Engaging", "outcome": "open", "count": 1589, "amount": null},
        {"status": "Won", "outcome": "won", "count": 4238, "amount": 10005534.0},
        {"status": "Lost", "outcome": "lost", "count": 2473, "amount": 0.0}])"));

    REQUIRE(n["monthly"].size() == 15);  // 2016-10 .. 2017-12
    const json& march = n["monthly"][5];
    CHECK(march["month"] == "2017-03");
    CHECK(march["won"] == 531);
    CHECK(march["lost"] == 116);
    CHECK(march["created"] == 792);
    CHECK(march["won_amount"] == 1134672.0);

    const json& open = n["open"];
    REQUIRE(open.size() == 2089);
    const double overall = 4238.0 / 6711.0;
    std::size_t conditional = 0;
    for (const json& o : open) {
      CHECK(o["amount"].is_null());
      CHECK(o["expected_value"].is_null());
      CHECK(o["win_probability"].is_number());
      if (o["status"] == "Prospecting") CHECK(o["age_days"].is_null());
      if (o["win_probability"].get<double>() != overall) ++conditional;
      if (o["deal_id"] == "01XZ9CRY")
        CHECK(o["win_probability"].get<double>() == Approx(0.703875968992248));
    }
    CHECK(conditional == 286);

    const auto reps = reps_by_id(doc);
    CHECK(reps.size() == 35);
    std::set<std::string> idle;
    std::int64_t stale = 0;
    for (const auto& [id, r] : reps) {
      std::int64_t open_count = 0;
      for (const json& st : r["open_by_stage"]) open_count += st["count"].get<std::int64_t>();
      if (r["won"] == 0 && r["lost"] == 0 && open_count == 0) idle.insert(id);
      stale += r["stale"].get<std::int64_t>();
      CHECK(r["team"].is_string());
      CHECK(r["revenue"].is_null());  // no orders loaded
      CHECK(r["customers_overdue"].is_null());
      if (open_count > 0) {
        CHECK(r["pipeline_amount"].is_null());  // open deals have no value
        CHECK(r["weighted_pipeline"].is_null());
      }
    }
    CHECK(idle == std::set<std::string>{"Carl Lin", "Carol Thompson", "Elizabeth Anderson",
                                        "Mei-Mei Johns", "Natalya Ivanova"});
    CHECK(stale == 1572);
    const json& darcel = reps.at("Darcel Schlecht");
    CHECK(darcel["won"] == 349);
    CHECK(darcel["lost"] == 204);
    CHECK(darcel["won_amount"] == 1153214.0);
    CHECK(darcel["cycle_days_median"] == 48.0);
    CHECK(darcel["open_by_stage"] == json::parse(R"([
        {"stage": "Prospecting", "count": 111, "amount": null},
        {"stage": "Engaging", "count": 83, "amount": null}])"));
    CHECK(darcel["stale"] == 83);
    CHECK(darcel["closing_soon"] == 0);
  }
}
