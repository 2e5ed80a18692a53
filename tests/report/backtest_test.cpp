#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>

#include "pulse/ingest/file_loader.h"
#include "pulse/kpi/customer_profiles.h"
#include "pulse/kpi/deal_cutoff.h"
#include "pulse/kpi/facts_cutoff.h"
#include "pulse/kpi/scope.h"
#include "pulse/report/backtest.h"

using namespace pulse;

namespace {

Day day(int y, unsigned m, unsigned d) {
  return day_from_civil(y, m, d);
}

void add(Dataset& dataset, const char* name, Role role, const std::string& text) {
  ingest::FileOptions options;
  options.mapping.role = role;
  ingest::FileLoader loader(dataset, name, options);
  loader.feed(text);
  REQUIRE(loader.finish().rows_skipped == 0);
}

// Cutoff 2024-03-31, horizon 30: the truth window is 2024-04-01 .. 2024-04-30.
//   A: 01-10 02-10 03-10 | 04-15      ordered   (3 days before: gaps 31, 29, ratio 21/30)
//   B: 01-05 03-30       | 05-20      not       (the later order is past the window)
//   C: 02-01             | 04-30      ordered   (the window's last day counts)
//   D: 01-02 01-15 01-29 |            not       (gaps 13, 14: ratio 62/13.5)
//   E:                   | 04-05      not scored (no order up to the cutoff)
//   F: 03-31             | 04-01      ordered   (an order on the cutoff is before it)
const char* const kOrdersBefore =
    "order_id,customer_id,order_date,order_total\n"
    "O1,A,2024-01-10,100\nO2,A,2024-02-10,100\nO3,A,2024-03-10,100\n"
    "O5,B,2024-01-05,100\nO6,B,2024-03-30,100\n"
    "O8,C,2024-02-01,100\n"
    "O10,D,2024-01-02,100\nO11,D,2024-01-15,100\nO12,D,2024-01-29,100\n"
    "O14,F,2024-03-31,100\n";
const char* const kOrdersAfter =
    "O4,A,2024-04-15,100\nO7,B,2024-05-20,100\nO9,C,2024-04-30,100\nO13,E,2024-04-05,100\n"
    "O15,F,2024-04-01,100\n";

// Q1 won and Q6 lost before the cutoff; Q2 won and Q3 lost after it (open at it); Q4 created
// after it; Q5 still open at the end, with an amount (so amounts exist while negotiating).
const char* const kDeals =
    "deal_id,customer_id,created_at,closed_at,status,amount\n"
    "Q1,A,2024-02-01,2024-03-15,won,100\n"
    "Q2,A,2024-02-10,2024-04-10,won,200\n"
    "Q3,B,2024-03-01,2024-05-01,lost,300\n"
    "Q4,C,2024-04-02,,submitted,400\n"
    "Q5,D,2024-01-20,,submitted,50\n"
    "Q6,F,2024-03-20,2024-03-25,lost,60\n";

const Day kCutoff = day(2024, 3, 31);

}  // namespace

TEST_CASE("backtest: customers scored against the orders of the horizon", "[report][backtest]") {
  Dataset dataset;
  add(dataset, "orders.csv", Role::orders, std::string(kOrdersBefore) + kOrdersAfter);
  const report::Backtest b = report::run_backtest(dataset, config::Settings{}, kCutoff, 30);
  const report::CustomerBacktest& c = b.customers;
  REQUIRE(c.unavailable.empty());
  CHECK(c.scored == 5);   // A B C D F
  CHECK(c.ordered == 3);  // A C F
  CHECK(c.base_rate == Approx(0.6));
  CHECK(c.constant_brier == Approx(0.24));  // b (1 - b)
  // Days since the last order: A 21, B 1, C 59, D 62, F 0. Ordered A C F against B D: A beats
  // D, C beats D, F beats B and D: 4 of 6 pairs.
  CHECK(c.days_since_last_order.auc == Approx(4.0 / 6));
  CHECK(c.days_since_last_order.n == 5);
  // Orders: A 3, B 2, C 1, D 3, F 1: A beats B, ties D (1/2): 1.5 of 6.
  CHECK(c.orders.auc == Approx(1.5 / 6));
  // Overdue ratio ranking, likeliest first: A (0.7), D (4.6), then without a ratio F (0 days),
  // B (1), C (59). A beats D and B, F beats B: 3 of 6.
  CHECK(c.overdue_ratio.auc == Approx(3.0 / 6));
  std::size_t statuses = 0;
  for (std::size_t n : c.status_count) statuses += n;
  CHECK(statuses == 5);
  CHECK(c.p_order_next.n + c.p_order_next.missing == 5);
  CHECK(b.deals.unavailable.find("load deals") == 0);
  CHECK(b.orders_end == day(2024, 5, 20));

  const nlohmann::json doc = report::backtest_json(b);
  CHECK(doc["cutoff"] == "2024-03-31");
  CHECK(doc["truth_window"]["to"] == "2024-04-30");
  CHECK(doc["customers"]["ordered"] == 3);
  CHECK(doc["customers"]["baselines"]["days_since_last_order"]["auc"].get<double>() ==
        Approx(4.0 / 6));
}

TEST_CASE("backtest: the cut orders are what the data would be without the later ones",
          "[report][backtest]") {
  // Every figure of a customer row, forecasts included, computed on the cut must equal the one
  // computed from a dataset that never had the later orders: nothing after the cutoff leaks.
  Dataset full, before;
  add(full, "orders.csv", Role::orders, std::string(kOrdersBefore) + kOrdersAfter);
  add(before, "orders.csv", Role::orders, kOrdersBefore);
  config::Settings s;
  s.as_of = s.to = kCutoff;
  s.horizon_days = 30;
  auto rows_by_id = [&](Dataset& d, bool cut) {
    kpi::Facts facts = kpi::build_facts(d, s, d.strings);
    if (cut) facts = kpi::facts_as_of(facts, kCutoff);
    const kpi::Scope scope = kpi::resolve_scope(s, d.strings, facts.first_day, facts.last_day);
    std::map<std::string, kpi::CustomerRow> out;
    for (const kpi::CustomerRow& row : kpi::customer_profiles(facts, scope, s, d.strings).rows)
      out[std::string(d.strings.view(facts.customer_id[row.customer]))] = row;
    return out;
  };
  const auto cut = rows_by_id(full, true);
  const auto clean = rows_by_id(before, false);
  REQUIRE(cut.size() == 5);
  REQUIRE(clean.size() == 5);
  auto same = [](const std::optional<double>& a, const std::optional<double>& b) {
    return a.has_value() == b.has_value() && (!a || *a == Approx(*b));
  };
  for (const auto& [id, row] : clean) {
    INFO("customer " << id);
    REQUIRE(cut.count(id) == 1);
    const kpi::CustomerRow& other = cut.at(id);
    CHECK(other.orders == row.orders);
    CHECK(other.revenue == row.revenue);
    CHECK(other.last_order == row.last_order);
    CHECK(other.days_since_last_order == row.days_since_last_order);
    CHECK(same(other.overdue_ratio, row.overdue_ratio));
    CHECK(other.status == row.status);
    CHECK(same(other.p_active, row.p_active));
    CHECK(same(other.p_order_next, row.p_order_next));
    CHECK(same(other.expected_orders_next, row.expected_orders_next));
    CHECK(same(other.revenue_at_risk, row.revenue_at_risk));
  }
  CHECK(cut.at("F").last_order == kCutoff);
}

TEST_CASE("deal cut: deals as they stood at the cutoff", "[report][backtest][deals]") {
  Dataset dataset;
  add(dataset, "deals.csv", Role::deals, kDeals);
  add(dataset, "history.csv", Role::deal_events,
      "deal_id,timestamp,status\n"
      "Q2,2024-02-10,submitted\nQ2,2024-03-01,negotiation\nQ2,2024-04-10,won\n"
      "Q4,2024-04-02,submitted\n");
  config::Settings s;
  s.rounds_status = "submitted";
  const kpi::DealFacts all = kpi::build_deal_facts(dataset, s, dataset.strings);
  const kpi::DealCut cut = kpi::deals_as_of(all, kCutoff, s, dataset.strings);
  std::map<std::string, std::uint32_t> at;
  for (std::uint32_t d = 0; d < cut.deals.deal_count(); ++d)
    at[std::string(dataset.strings.view(cut.deals.deal_id[d]))] = d;
  CHECK(at.count("Q4") == 0);  // created after the cutoff
  CHECK(cut.removed == 1);
  REQUIRE(at.size() == 5);
  CHECK(cut.reopened == 2);  // Q2, Q3
  auto status = [&](const char* id) {
    return std::string(dataset.strings.view(cut.deals.status_label[cut.deals.status[at[id]]]));
  };
  const std::uint32_t q2 = at["Q2"], q3 = at["Q3"];
  CHECK(cut.deals.outcome[q2] == kpi::Outcome::open);
  CHECK(cut.deals.close[q2] == kNoDay);
  CHECK(cut.deals.outcome[q3] == kpi::Outcome::open);
  CHECK(cut.deals.outcome[at["Q1"]] == kpi::Outcome::won);
  CHECK(cut.deals.close[at["Q1"]] == day(2024, 3, 15));
  CHECK(cut.deals.outcome[at["Q6"]] == kpi::Outcome::lost);
  // Q2's history up to the cutoff: two events, one round, the latest open status then.
  CHECK(cut.deals.events[q2] == 2);
  CHECK(cut.deals.rounds[q2] == 1);
  CHECK(cut.deals.last_event[q2] == day(2024, 3, 1));
  CHECK(status("Q2") == "negotiation");
  // Q3 has no history: the first open stage of the funnel ("submitted" before "negotiation").
  CHECK(status("Q3") == "submitted");
  // Q5 is open at the end with an amount: amounts existed while negotiating and are kept.
  CHECK_FALSE(cut.amounts_removed);
  CHECK(cut.deals.amount[q2] == 200);
  CHECK(cut.deals.last_day <= kCutoff);  // no date after the cutoff survives
  CHECK(all.outcome[cut.source[q2]] == kpi::Outcome::won);
}

TEST_CASE("deal cut: amounts given only on closed deals are removed when reopened",
          "[report][backtest][deals]") {
  // No open deal has an amount (a CRM's close_value), and no open status exists at all.
  Dataset dataset;
  add(dataset, "deals.csv", Role::deals,
      "deal_id,created_at,closed_at,status,amount\n"
      "Q1,2024-02-01,2024-03-15,won,100\n"
      "Q2,2024-02-10,2024-04-10,won,200\n"
      "Q3,2024-03-01,2024-05-01,lost,\n");
  const config::Settings s;
  const kpi::DealFacts all = kpi::build_deal_facts(dataset, s, dataset.strings);
  const kpi::DealCut cut = kpi::deals_as_of(all, kCutoff, s, dataset.strings);
  CHECK(cut.amounts_removed);
  REQUIRE(cut.deals.deal_count() == 3);
  CHECK(cut.deals.amount[0] == 100);       // closed before the cutoff: kept
  CHECK(std::isnan(cut.deals.amount[1]));  // closed after: its value did not exist yet
  CHECK(dataset.strings.view(cut.deals.status_label[cut.deals.status[1]]) == "open");
  CHECK(cut.deals.status_outcome[cut.deals.status[1]] == kpi::Outcome::open);
}

TEST_CASE("backtest: open deals scored against their final outcome", "[report][backtest][deals]") {
  Dataset dataset;
  add(dataset, "orders.csv", Role::orders, std::string(kOrdersBefore) + kOrdersAfter);
  add(dataset, "deals.csv", Role::deals, kDeals);
  const report::Backtest b = report::run_backtest(dataset, config::Settings{}, kCutoff, 30);
  const report::DealBacktest& d = b.deals;
  REQUIRE(d.unavailable.empty());
  CHECK(d.open_at_cutoff == 3);  // Q2, Q3, Q5
  CHECK(d.still_open == 1);      // Q5
  CHECK(d.scored == 2);
  CHECK(d.won == 1);  // Q2
  CHECK(d.final_won_share == Approx(0.5));
  CHECK(d.constant_brier == Approx(0.25));
  CHECK(d.removed == 1);
  CHECK(d.reopened == 2);
  // Closed by the cutoff: Q1 won, Q6 lost; under ten closed deals, so the old rule gives every
  // open deal the win rate 1/2: Brier (0.25 + 0.25) / 2, AUC 1/2 (all tied).
  CHECK(d.closed_share.n == 2);
  CHECK(d.closed_share.brier == Approx(0.25));
  CHECK(d.closed_share.auc == Approx(0.5));
  CHECK(d.aalen_johansen.n + d.aalen_johansen.missing == 2);
}
