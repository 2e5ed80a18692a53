#include <catch2/catch.hpp>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "pulse/ingest/file_loader.h"
#include "pulse/report/engine.h"

using namespace pulse;
using nlohmann::json;

namespace {

// Period 2024-04-01 .. 2024-06-30 (91 days, as_of its end); the previous period is the 91
// days before: 2024-01-01 .. 2024-03-31. Funnel Prospecting (entry) -> Engaging -> Proposal.
const char* const kDeals =
    "deal_id,sales_rep,created_at,closed_at,expires_at,status,amount\n"
    // Closed in the period: ann won 40 d and 30 d (1000, 3000), lost one; bob won 50 d (2000).
    "W1,ann,2024-03-01,2024-04-10,,won,1000\n"
    "W2,ann,2024-04-01,2024-05-01,,won,3000\n"
    "X1,ann,2024-04-01,2024-04-21,,lost,\n"
    "W3,bob,2024-04-15,2024-06-04,,won,2000\n"
    // Closed in the previous period: ann won 20 d (500); bob lost one, won 40 d (1500).
    "P1,ann,2024-01-01,2024-01-21,,won,500\n"
    "P2,bob,2024-01-10,2024-02-10,,lost,\n"
    "P3,bob,2024-02-01,2024-03-12,,won,1500\n"
    // Open now. Qualified = past Prospecting. Slipping = expiry before as_of.
    "O1,ann,2024-05-01,,2024-06-20,Engaging,400\n"     // slipping, 10 days past
    "O2,ann,2024-02-01,,2024-06-30,Proposal,600\n"     // expires on as_of: not slipping
    "O3,bob,2024-06-01,,2024-06-01,Prospecting,100\n"  // slipping 29 days, not qualified
    "O4,bob,2024-06-10,,2024-05-31,Proposal,800\n"     // slipping 30 days
    "O5,ann,2024-05-01,,2024-06-20,Engaging,200\n"     // slipping 10 days (after O1 by id)
    "C1,cat,2024-06-01,,,Engaging,100\n";              // no closed deal: rates unknown

json team_report() {
  report::Engine engine;
  ingest::FileOptions options;
  options.mapping.role = Role::deals;
  engine.begin_file("deals.csv", options);
  engine.feed(kDeals);
  REQUIRE(engine.finish_file().rows_skipped == 0);
  config::Settings settings;
  settings.as_of = day_from_civil(2024, 6, 30);
  settings.from = day_from_civil(2024, 4, 1);
  return engine.report(settings)["sales_team"];
}

void check_velocity(const json& v, int open_qualified, double win_rate, double avg_deal_size,
                    double cycle_days, double revenue_per_day) {
  CHECK(v["open_qualified"] == open_qualified);
  CHECK(v["win_rate"].get<double>() == Approx(win_rate));
  CHECK(v["avg_deal_size"].get<double>() == Approx(avg_deal_size));
  CHECK(v["cycle_days_median"].get<double>() == Approx(cycle_days));
  CHECK(v["revenue_per_day"].get<double>() == Approx(revenue_per_day));
}

std::map<std::string, json> reps_by_id(const json& team) {
  std::map<std::string, json> out;
  for (const json& r : team["reps"]) out[r["sales_rep"]] = r;
  return out;
}

}  // namespace

TEST_CASE("Velocity: the four factors and revenue per day, now and the period before",
          "[deals][velocity]") {
  const json team = team_report();
  CHECK(team["velocity"]["previous_from"] == "2024-01-01");
  CHECK(team["velocity"]["previous_to"] == "2024-03-31");
  // Team now: O1, O2, O4, O5, C1 past Prospecting; won 3 of 4; (1000 + 3000 + 2000) / 3;
  // cycles {40, 30, 50}. 5 x 0.75 x 2000 / 40 = 187.5 a day.
  check_velocity(team["velocity"]["team"]["current"], 5, 0.75, 2000, 40, 187.5);
  // Before: won 2 of 3 (P1, P3), (500 + 1500) / 2, cycles {20, 40}; open at 03-31 and
  // qualified: O2 (Proposal) and W1 (closed since, counted as qualified). 2 x 2/3 x 1000 / 30.
  check_velocity(team["velocity"]["team"]["previous"], 2, 2 / 3.0, 1000, 30,
                 2 * 2 / 3.0 * 1000 / 30);

  const auto reps = reps_by_id(team);
  // ann: O1, O2, O5; won 2 of 3; 2000; cycles {40, 30}. Before: P1 only; W1 and O2 open.
  check_velocity(reps.at("ann")["velocity"]["current"], 3, 2 / 3.0, 2000, 35,
                 3 * 2 / 3.0 * 2000 / 35);
  check_velocity(reps.at("ann")["velocity"]["previous"], 2, 1.0, 500, 20, 2 * 1.0 * 500 / 20);
  // bob: O4 only (O3 is still in the entry stage). Before: nothing open, so 0 a day.
  check_velocity(reps.at("bob")["velocity"]["current"], 1, 1.0, 2000, 50, 40);
  check_velocity(reps.at("bob")["velocity"]["previous"], 0, 0.5, 1500, 40, 0);
  // cat has an open deal but nothing closed: the rates, so the revenue per day, are unknown.
  const json& cat = reps.at("cat")["velocity"]["current"];
  CHECK(cat["open_qualified"] == 1);
  CHECK(cat["win_rate"].is_null());
  CHECK(cat["avg_deal_size"].is_null());
  CHECK(cat["cycle_days_median"].is_null());
  CHECK(cat["revenue_per_day"].is_null());
}

TEST_CASE("Slipping: open deals whose expiry passed, most days past first", "[deals][velocity]") {
  const json team = team_report();
  const json& slipping = team["slipping"];
  REQUIRE(slipping.size() == 4);
  const char* ids[] = {"O4", "O3", "O1", "O5"};
  const int days[] = {30, 29, 10, 10};
  for (std::size_t i = 0; i < 4; ++i) {
    INFO(ids[i]);
    CHECK(slipping[i]["deal_id"] == ids[i]);
    CHECK(slipping[i]["days_past"] == days[i]);
    CHECK(slipping[i]["reason"] == "expiry_passed");
  }
  CHECK(slipping[0]["sales_rep"] == "bob");
  CHECK(slipping[0]["status"] == "Proposal");
  CHECK(slipping[0]["amount"] == 800.0);
  CHECK(slipping[0]["expires_at"] == "2024-05-31");
  const auto reps = reps_by_id(team);
  CHECK(reps.at("ann")["slipping"] == 2);  // O2 expires on as_of: not yet
  CHECK(reps.at("bob")["slipping"] == 2);
  CHECK(reps.at("cat")["slipping"] == 0);  // no expiry date at all
}

TEST_CASE("Sales team summary: the team totals are the sums of the rep rows", "[deals][velocity]") {
  const json team = team_report();
  const json& s = team["summary"];
  CHECK(s["deals_open"] == 6);
  CHECK(s["won"] == 3);
  CHECK(s["lost"] == 1);
  CHECK(s["won_amount"] == 6000.0);
  CHECK(s["pipeline_amount"] == 2200.0);
  int open = 0, won = 0, lost = 0;
  double pipeline = 0, weighted = 0, won_amount = 0, next_30d = 0;
  for (const json& r : team["reps"]) {
    for (const json& stage : r["open_by_stage"]) open += stage["count"].get<int>();
    won += r["won"].get<int>();
    lost += r["lost"].get<int>();
    pipeline += r["pipeline_amount"].get<double>();
    weighted += r["weighted_pipeline"].get<double>();
    won_amount += r["won_amount"].get<double>();
    next_30d += r["expected_won_next_30d"].get<double>();
  }
  CHECK(s["deals_open"] == open);
  CHECK(s["won"] == won);
  CHECK(s["lost"] == lost);
  CHECK(s["pipeline_amount"].get<double>() == Approx(pipeline));
  CHECK(s["weighted_pipeline"].get<double>() == Approx(weighted));
  CHECK(s["won_amount"].get<double>() == Approx(won_amount));
  CHECK(s["expected_won_next_30d"].get<double>() == Approx(next_30d));
  CHECK(weighted > 0);  // the chances are known: the sums are not trivially zero
  CHECK(next_30d > 0);
}
