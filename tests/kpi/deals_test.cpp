#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "pulse/ingest/file_loader.h"
#include "pulse/kpi/deals.h"

using namespace pulse;

namespace {

struct File {
  Role role;
  std::string text;
};

Dataset load(const std::vector<File>& files) {
  Dataset dataset;
  int n = 0;
  for (const File& f : files) {
    ingest::FileOptions options;
    options.mapping.role = f.role;
    ingest::FileLoader loader(dataset, "f" + std::to_string(n++) + ".csv", options);
    loader.feed(f.text);
    const LoadReport& report = loader.finish();
    REQUIRE_FALSE(report.refused());
    REQUIRE(report.rows_skipped == 0);
  }
  return dataset;
}

struct Built {
  Dataset dataset;
  kpi::DealFacts deals;

  std::uint32_t index(const std::string& id) const {
    for (std::uint32_t d = 0; d < deals.deal_count(); ++d)
      if (dataset.strings.view(deals.deal_id[d]) == id) return d;
    FAIL("no deal " << id);
    return 0;
  }
  std::string outcome(const std::string& id) const {
    return kpi::outcome_name(deals.outcome[index(id)]);
  }
  Day close(const std::string& id) const { return deals.close[index(id)]; }
  std::string rep(const std::string& id) const {
    return std::string(dataset.strings.view(deals.reps[deals.rep[index(id)]]));
  }
};

Built build(const std::vector<File>& files, const config::Settings& settings = {}) {
  Built b{load(files), {}};
  b.deals = kpi::build_deal_facts(b.dataset, settings, b.dataset.strings);
  return b;
}

Day day(int y, unsigned m, unsigned d) {
  return day_from_civil(y, m, d);
}

}  // namespace

TEST_CASE("deal outcome from Magento codes, admin labels and CRM stages", "[deals]") {
  struct Case {
    const char* status;
    const char* outcome;
  };
  const std::vector<Case> cases = {
      // Magento negotiable quote codes.
      {"created", "open"},
      {"draft_by_admin", "open"},
      {"processing_by_admin", "open"},
      {"submitted_by_admin", "open"},
      {"processing_by_customer", "open"},
      {"submitted_by_customer", "open"},
      {"ordered", "won"},
      {"closed", "lost"},
      {"declined", "lost"},
      {"expired", "lost"},
      // Magento admin labels.
      {"New", "open"},
      {"Draft", "open"},
      {"Open", "open"},
      {"Submitted", "open"},
      {"Client Reviewed", "open"},
      {"Updated", "open"},
      {"Ordered", "won"},
      {"Closed", "lost"},
      {"Declined", "lost"},
      {"Expired", "lost"},
      // CRM stages, in any case.
      {"Prospecting", "open"},
      {"Engaging", "open"},
      {"Won", "won"},
      {"Lost", "lost"},
      {"Closed Won", "won"},
      {"Closed Lost", "lost"},
      {"CLOSED WON", "won"},
      {"closed lost", "lost"},
      {"Qualification", "open"},
      {"Negotiation", "open"},
  };
  std::string csv = "deal_id,status\n";
  for (std::size_t i = 0; i < cases.size(); ++i)
    csv += "Q" + std::to_string(i) + "," + cases[i].status + "\n";
  const Built b = build({{Role::deals, csv}});
  REQUIRE(b.deals.deal_count() == cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO(cases[i].status);
    CHECK(b.outcome("Q" + std::to_string(i)) == cases[i].outcome);
  }
  // "Closed Won" and "CLOSED WON" are one status, labelled as first written.
  std::size_t closed_won = 0;
  for (StrId label : b.deals.status_label)
    if (config::fold_status(b.dataset.strings.view(label)) == "closed won") ++closed_won;
  CHECK(closed_won == 1);
}

TEST_CASE("won and lost status sets are settings", "[deals]") {
  config::Settings settings;
  settings.won_statuses = {"Signed"};
  settings.lost_statuses = {"Dropped", "signed"};  // a status in both sets is won
  const Built b = build({{Role::deals, "deal_id,status\nA,signed\nB,dropped\nC,Won\n"}}, settings);
  CHECK(b.outcome("A") == "won");
  CHECK(b.outcome("B") == "lost");
  CHECK(b.outcome("C") == "open");
}

TEST_CASE("a deal linked to an existing order is won, closed on the order's date", "[deals]") {
  const Built b = build({
      {Role::deals,
       "deal_id,status,order_id,closed_at,updated_at\n"
       "Q1,submitted_by_customer,O1,,2024-02-01\n"  // order O1 exists: won, closes 2024-03-05
       "Q2,created,,,\n"                            // order O2 names Q2 in quote_id
       "Q3,declined,O3,,\n"                         // an order that exists beats a lost status
       "Q4,created,O404,,2024-02-02\n"              // no such order: still open
       "Q5,ordered,O1,2024-03-01,\n"                // closed_at wins over the order date
       "Q6,created,O6,,2024-02-06\n"},              // order without any date: won, updated_at
      {Role::orders,
       "order_id,order_date,status,order_total\n"
       "O1,2024-03-05,canceled,10\n"  // an excluded status still links
       "O3,2024-03-07,complete,10\n"},
      {Role::order_lines,
       "order_id,order_date,sku,quantity,unit_price,quote_id\n"
       "O2,2024-03-09,A,1,5,Q2\n"
       "O6,,A,1,5,\n"},
  });
  CHECK(b.outcome("Q1") == "won");
  CHECK(b.close("Q1") == day(2024, 3, 5));
  CHECK(b.outcome("Q2") == "won");
  CHECK(b.close("Q2") == day(2024, 3, 9));
  CHECK(b.outcome("Q3") == "won");
  CHECK(b.close("Q3") == day(2024, 3, 7));
  CHECK(b.outcome("Q4") == "open");
  CHECK(b.close("Q4") == kNoDay);
  CHECK(b.close("Q5") == day(2024, 3, 1));
  CHECK(b.outcome("Q6") == "won");
  CHECK(b.close("Q6") == day(2024, 2, 6));
}

TEST_CASE("close date falls back to the last event, then updated_at, then null", "[deals]") {
  const Built b = build({
      {Role::deals,
       "deal_id,status,closed_at,updated_at,created_at,expires_at\n"
       "A,declined,2024-01-20,2024-01-25,2024-01-01,\n"  // closed_at
       "B,expired,,2024-01-25,2024-01-02,\n"             // last event 2024-01-22
       "C,closed,,2024-01-26,2024-01-03,\n"              // no events: updated_at
       "D,lost,,,2024-01-04,2030-01-01\n"                // nothing: null
       "E,ordered,,,,\n"                                 // won without order or dates: null
       "F,created,,,2024-01-05,\n"},                     // open deals have no close date
      {Role::deal_events,
       "deal_id,timestamp,status\nB,2024-01-10,submitted_by_admin\nB,2024-01-22,expired\n"
       "B,2024-01-15,submitted_by_customer\nF,2024-01-07,created\n"},
  });
  CHECK(b.close("A") == day(2024, 1, 20));
  CHECK(b.close("B") == day(2024, 1, 22));
  CHECK(b.close("C") == day(2024, 1, 26));
  CHECK(b.close("D") == kNoDay);
  CHECK(b.close("E") == kNoDay);
  CHECK(b.close("F") == kNoDay);
  // Deal dates span created, updated, closed and events; never expires_at.
  CHECK(b.deals.first_day == day(2024, 1, 1));
  CHECK(b.deals.last_day == day(2024, 1, 26));
  REQUIRE(b.deals.warnings.size() == 1);
  CHECK(b.deals.warnings[0].code == "pulse.warning.006");
  CHECK(b.deals.warnings[0].params == std::vector<MessageParam>{{"n", "2", true}});
  CHECK(b.deals.warnings[0].text.find("2 won or lost deals have no close date") == 0);
}

TEST_CASE("rep of a deal: its own, else its customer's, else Unassigned", "[deals]") {
  const Built b = build({
      {Role::deals,
       "deal_id,status,customer_id,sales_rep\n"
       "A,created,C1,ann\n"  // own rep wins over the customer's
       "B,created,C1,\n"     // customer's rep
       "C,created,C2,\n"     // customer known, without a rep
       "D,created,C9,\n"     // customer unknown
       "E,created,,\n"},     // no customer
      {Role::customers, "customer_id,customer_name,sales_rep\nC1,Acme,bob\nC2,Beta,\n"},
      {Role::sales_reps,
       "sales_rep,rep_name,manager,team\nbob,Bob Ray,Mia,North\ncat,Cat Day,Mia,South\n"},
  });
  CHECK(b.rep("A") == "ann");
  CHECK(b.rep("B") == "bob");
  CHECK(b.rep("C") == "Unassigned");
  CHECK(b.rep("D") == "Unassigned");
  CHECK(b.rep("E") == "Unassigned");
  // Deal reps first, then reps only the sales_reps file names; name, manager, team from it.
  std::vector<std::string> reps;
  for (StrId r : b.deals.reps) reps.emplace_back(b.dataset.strings.view(r));
  CHECK(reps == std::vector<std::string>{"ann", "bob", "Unassigned", "cat"});
  CHECK(b.dataset.strings.view(b.deals.rep_name[1]) == "Bob Ray");
  CHECK(b.dataset.strings.view(b.deals.rep_team[3]) == "South");
  CHECK(b.deals.rep_name[0] == kNoStr);
}

TEST_CASE("quote history: rounds, negotiation span and last activity per deal", "[deals]") {
  const Built b = build({
      {Role::deals,
       "deal_id,status,updated_at\nA,created,2024-01-30\nB,created,2024-01-02\nC,created,\n"},
      {Role::deal_events,
       "deal_id,timestamp,status\n"
       "A,2024-01-01,submitted_by_customer\nA,2024-01-03,submitted_by_admin\n"
       "A,2024-01-06,Submitted_By_Admin\nA,2024-01-09,submitted_by_customer\n"
       "B,2024-01-05,submitted_by_admin\nZ,2024-01-05,created\n"},
  });
  const auto a = b.index("A"), bb = b.index("B"), c = b.index("C");
  CHECK(b.deals.has_events);
  CHECK(b.deals.events[a] == 4);
  CHECK(b.deals.rounds[a] == 2);  // case-insensitive
  CHECK(b.deals.first_event[a] == day(2024, 1, 1));
  CHECK(b.deals.last_event[a] == day(2024, 1, 9));
  CHECK(b.deals.last_activity[a] == day(2024, 1, 30));  // updated_at is later than events
  CHECK(b.deals.rounds[bb] == 1);
  CHECK(b.deals.last_activity[bb] == day(2024, 1, 5));
  CHECK(b.deals.events[c] == 0);
  CHECK(b.deals.last_activity[c] == kNoDay);
  REQUIRE(b.deals.warnings.size() == 1);
  CHECK(b.deals.warnings[0].code == "pulse.warning.005");
  CHECK(b.deals.warnings[0].params == std::vector<MessageParam>{{"n", "1", true}});
  CHECK(b.deals.warnings[0].text.find("1 quote history events name no loaded deal") == 0);

  config::Settings settings;
  settings.rounds_status = "SUBMITTED_BY_CUSTOMER";
  Built other{load({{Role::deals, "deal_id,status\nA,created\n"},
                    {Role::deal_events,
                     "deal_id,timestamp,status\nA,2024-01-01,submitted_by_customer\n"
                     "A,2024-01-02,submitted_by_admin\n"}}),
              {}};
  other.deals = kpi::build_deal_facts(other.dataset, settings, other.dataset.strings);
  CHECK(other.deals.rounds[0] == 1);
}

TEST_CASE("funnel order: stage_order, then known labels and CRM stages, then first seen",
          "[deals]") {
  const Built b = build({{Role::deals,
                          "deal_id,status\nA,Custom Stage\nB,Engaging\nC,submitted_by_customer\n"
                          "D,Prospecting\nE,created\nF,Another\n"}});
  std::vector<std::pair<std::uint32_t, std::string>> ranked;
  for (std::size_t s = 0; s < b.deals.status_label.size(); ++s)
    ranked.emplace_back(b.deals.status_rank[s],
                        std::string(b.dataset.strings.view(b.deals.status_label[s])));
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> order;
  for (const auto& r : ranked) order.push_back(r.second);
  CHECK(order == std::vector<std::string>{"created", "submitted_by_customer", "Prospecting",
                                          "Engaging", "Custom Stage", "Another"});
}

TEST_CASE("repeated deal rows: the first wins, later rows fill gaps", "[deals]") {
  const Built b = build(
      {{Role::deals, "deal_id,status,amount,customer_id\nA,created,100,\nA,ordered,200,C1\n"}});
  REQUIRE(b.deals.deal_count() == 1);
  CHECK(b.outcome("A") == "open");
  CHECK(b.deals.amount[0] == 100);
  CHECK(b.dataset.strings.view(b.deals.customer[0]) == "C1");
  REQUIRE(b.deals.warnings.size() == 1);
  CHECK(b.deals.warnings[0].code == "pulse.warning.004");
  CHECK(b.deals.warnings[0].params == std::vector<MessageParam>{{"n", "1", true}});
  CHECK(b.deals.warnings[0].text.find("1 deal rows repeat") == 0);
}

TEST_CASE("no deals table: empty deal facts, reps from sales_reps only", "[deals]") {
  const Built b = build({{Role::sales_reps, "sales_rep,rep_name\nann,Ann Lee\n"}});
  CHECK_FALSE(b.deals.has_deals);
  CHECK(b.deals.deal_count() == 0);
  CHECK(b.deals.first_day == kNoDay);
  REQUIRE(b.deals.reps.size() == 1);
  CHECK(b.dataset.strings.view(b.deals.rep_name[0]) == "Ann Lee");
}
