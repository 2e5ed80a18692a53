#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "pulse/ingest/file_loader.h"
#include "pulse/report/engine.h"

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

// A CRM funnel Prospecting -> Qualification -> Proposal -> Negotiation (the known order).
// A1 walks it and is won; A2 is lost in Qualification; A3 skips Qualification and is still in
// Proposal; B1 goes back from Proposal to Qualification and is won; B2 (open, in
// Negotiation) and B3 (lost) have no history, so they are assumed to have walked the funnel:
// B2 up to Negotiation, B3 all of it.
const char* const kDeals =
    "deal_id,sales_rep,created_at,closed_at,status\n"
    "A1,ann,2024-01-01,2024-03-01,won\n"
    "A2,ann,2024-01-05,2024-02-15,lost\n"
    "A3,ann,2024-05-01,,Proposal\n"
    "B1,bob,2024-03-01,2024-04-10,won\n"
    "B2,bob,2024-06-01,,Negotiation\n"
    "B3,bob,2024-01-10,2024-02-01,lost\n";

// Days in stage, to the next event or the close: A1 Prospecting 10, Qualification 10,
// Proposal 40 (01-21 -> 03-01); A2 Prospecting 20, Qualification 21; A3 Prospecting 10
// (Proposal unfinished); B1 Prospecting 5, Proposal 10 + 21 = 31 (two visits), Qualification 4.
const char* const kEvents =
    "deal_id,timestamp,status\n"
    "A1,2024-01-01,Prospecting\nA1,2024-01-11,Qualification\nA1,2024-01-21,Proposal\n"
    "A1,2024-03-01,won\n"
    "A2,2024-01-05,Prospecting\nA2,2024-01-25,Qualification\nA2,2024-02-15,lost\n"
    "A3,2024-05-01,Prospecting\nA3,2024-05-11,Proposal\n"
    "B1,2024-03-01,Prospecting\nB1,2024-03-06,Proposal\nB1,2024-03-16,Qualification\n"
    "B1,2024-03-20,Proposal\nB1,2024-04-10,won\n";

struct Expected {
  const char* stage;
  int reached;
  double to_next;  // < 0: null
  double won;
  double median_days;  // < 0: null
};

void check_rows(const json& rows, const std::vector<Expected>& expected) {
  REQUIRE(rows.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Expected& e = expected[i];
    INFO("stage " << e.stage);
    const json& row = rows[i];
    CHECK(row["stage"] == e.stage);
    CHECK(row["reached"] == e.reached);
    if (e.to_next < 0) {
      CHECK(row["to_next_share"].is_null());
      CHECK(row["won_share"].is_null());
    } else {
      CHECK(row["to_next_share"].get<double>() == Approx(e.to_next));
      CHECK(row["won_share"].get<double>() == Approx(e.won));
    }
    if (e.median_days < 0)
      CHECK(row["median_days_in_stage"].is_null());
    else
      CHECK(row["median_days_in_stage"].get<double>() == Approx(e.median_days));
  }
}

json flow(bool with_history) {
  report::Engine engine;
  add(engine, "deals.csv", Role::deals, kDeals);
  if (with_history) add(engine, "events.csv", Role::deal_events, kEvents);
  config::Settings settings;
  settings.as_of = day_from_civil(2024, 6, 30);
  settings.from = day_from_civil(2024, 1, 1);
  return engine.report(settings)["negotiations"]["stage_flow"];
}

}  // namespace

TEST_CASE("Stage flow on a hand-made history: reached, moved on, won, days in stage",
          "[deals][stage_flow]") {
  const json f = flow(true);
  // Prospecting: all six reached it and all moved on (A2 to Qualification); won A1, B1.
  // Qualification: A1, A2, B1, B2, B3; A2 went no further. Proposal: A1, A3, B1, B2, B3; A3
  // is still there. Negotiation: B2, B3, neither moved on.
  // Medians: Prospecting {10, 20, 10, 5} -> 10; Qualification {10, 21, 4} -> 10; Proposal
  // {40, 31} -> 35.5; Negotiation: no deal with a history left it.
  check_rows(f["team"], {{"Prospecting", 6, 6 / 6.0, 2 / 6.0, 10},
                         {"Qualification", 5, 4 / 5.0, 2 / 5.0, 10},
                         {"Proposal", 5, 4 / 5.0, 2 / 5.0, 35.5},
                         {"Negotiation", 2, 0.0, 0.0, -1}});
  REQUIRE(f["by_rep"].size() == 2);
  CHECK(f["by_rep"][0]["sales_rep"] == "ann");
  check_rows(f["by_rep"][0]["stages"], {{"Prospecting", 3, 1.0, 1 / 3.0, 10},
                                        {"Qualification", 2, 0.5, 0.5, 15.5},
                                        {"Proposal", 2, 0.5, 0.5, 40},
                                        {"Negotiation", 0, -1, -1, -1}});
  CHECK(f["by_rep"][1]["sales_rep"] == "bob");
  check_rows(f["by_rep"][1]["stages"], {{"Prospecting", 3, 1.0, 1 / 3.0, 5},
                                        {"Qualification", 3, 1.0, 1 / 3.0, 4},
                                        {"Proposal", 3, 1.0, 1 / 3.0, 31},
                                        {"Negotiation", 2, 0.0, 0.0, -1}});
}

TEST_CASE("Stage flow without a history: the funnel walked in order, no days in stage",
          "[deals][stage_flow]") {
  // The funnel is the open stages seen: Proposal (A3) and Negotiation (B2). Closed deals
  // reached both; A3 reached Proposal only, B2 both.
  check_rows(flow(false)["team"],
             {{"Proposal", 6, 5 / 6.0, 2 / 6.0, -1}, {"Negotiation", 5, 2 / 5.0, 2 / 5.0, -1}});
}
