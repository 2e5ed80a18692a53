// The attention list on a hand-made case: the dashboards' results are built by hand, so every
// amount at stake and the whole ranking (ties by kind, then subject) are known in advance.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/kpi/attention.h"
#include "pulse/report/attention_json.h"

using namespace pulse;
using namespace pulse::kpi;

namespace {

const Day kAsOf = day_from_civil(2026, 6, 30);
const double kNaN = std::nan("");

/// Four dashboards' worth of results, as the engine would hand them over.
struct World {
  StringPool strings;
  Facts facts;
  CustomerReport customers;
  CatalogReport catalogs;
  DealFacts deals;
  NegotiationReport negotiation;
  SalesTeamReport team;
  Scope scope;
  config::Settings settings;

  StrId id(const char* text) { return strings.intern(text); }

  /// A customer row: status, days since, usual interval, p_order_next, revenue at risk.
  CustomerRow& customer(const char* cid, const char* name, const char* rep, CustomerStatus status,
                        double p_order_next, double at_risk) {
    CustomerRow row;
    row.customer = static_cast<std::uint32_t>(facts.customer_id.size());
    facts.customer_id.push_back(id(cid));
    facts.customer_name.push_back(id(name));
    facts.customer_rep.push_back(id(rep));
    row.status = status;
    row.days_since_last_order = 40;
    row.last_order = kAsOf - 40;
    row.median_interval_days = 30.0;
    row.p_order_next = p_order_next;
    row.revenue_at_risk = at_risk;
    customers.rows.push_back(row);
    return customers.rows.back();
  }

  void shrinks(CustomerRow& row, double usual, double recent,
               std::optional<double> expected_orders) {
    row.shrinking = true;
    row.usual_order_value = usual;
    row.recent_order_value = recent;
    row.order_value_drop = 1 - recent / usual;
    row.expected_orders_next = expected_orders;
  }

  /// An open deal of rep index `rep`, with its expiry, last activity and win chance.
  void deal(const char* did, std::uint32_t rep, double amount, Day expires, Day last_activity,
            double win_probability, bool expiring) {
    const auto d = static_cast<std::uint32_t>(deals.deal_id.size());
    deals.deal_id.push_back(id(did));
    deals.customer.push_back(id("C1"));
    deals.rep.push_back(rep);
    deals.status.push_back(0);
    deals.outcome.push_back(Outcome::open);
    deals.created.push_back(kAsOf - 90);
    deals.expires.push_back(expires);
    deals.amount.push_back(amount);
    deals.last_activity.push_back(last_activity);
    OpenDeal o;
    o.deal = d;
    o.win_probability = win_probability;
    if (!std::isnan(amount)) o.expected_value = amount * win_probability;
    o.expiring_soon = expiring;
    negotiation.open.push_back(o);
    if (expires != kNoDay && expires < kAsOf) team.slipping.push_back({d, kAsOf - expires});
  }

  /// A discount candidate whose margin change spans [low, high] around `point`.
  void candidate(const char* sku, double low, double point, double high) {
    const auto product = static_cast<std::uint32_t>(facts.products.size());
    facts.products.push_back({0, id(sku), id("Lever file")});
    ProductRow p;
    p.product = product;
    catalogs.products.push_back(p);
    DiscountCandidate c;
    c.product_row = catalogs.products.size() - 1;
    c.effect.point.margin_change = point;
    c.effect.low.margin_change = low;
    c.effect.high.margin_change = high;
    catalogs.discount_candidates.push_back(c);
  }

  World() {
    scope.as_of = kAsOf;
    facts.catalogs.push_back(id("Wholesale"));
    customer("C1", "Alpha", "R1", CustomerStatus::lapsed, 0.05, 5000);
    customer("C2", "Beta", "R2", CustomerStatus::on_track, 0.30, 3000);  // unlikely to order
    customer("C3", "Gamma", "R1", CustomerStatus::on_track, 0.90, 800);  // fine: not listed
    customer("C4", "Delta", "R2", CustomerStatus::overdue, 0.10, 0);     // nothing left at risk
    // Due and shrinking: listed twice. (1000 - 600) x 2.5 expected orders = 1000.
    shrinks(customer("C5", "Eps", "R1", CustomerStatus::due, 0.80, 1200), 1000, 600, 2.5);
    // Shrinking without a model: 90 days / 15-day interval = 6 orders; (500 - 250) x 6 = 1500.
    CustomerRow& c6 = customer("C6", "Zeta", "R2", CustomerStatus::on_track, 0.95, 10);
    shrinks(c6, 500, 250, std::nullopt);
    c6.median_interval_days = 15.0;
    customer("C7", "Eta", "R1", CustomerStatus::overdue, 0.60, 1000);

    deals.has_deals = deals.has_amount = true;
    deals.reps = {id("R1"), id("R2"), id("R3")};
    deals.status_label = {id("Open")};
    deal("Q1", 0, 10000, kAsOf + 5, kAsOf - 2, 0.4, true);     // expiring: 4000
    deal("Q2", 1, 2000, kAsOf + 10, kAsOf - 3, 0.5, true);     // expiring: 1000
    deal("Q3", 2, 6000, kAsOf - 20, kAsOf - 60, 0.25, false);  // slipping and stale: 1500
    deal("Q4", 0, kNaN, kAsOf + 3, kAsOf - 1, 0.6, true);      // expiring, amount unknown
    deal("Q5", 0, 1400, kNoDay, kAsOf - 45, 0.5, false);       // stale: 700
    for (StrId rep : deals.reps) {
      RepRow row;
      row.rep = rep;
      team.reps.push_back(row);
    }
    team.reps[2].name = id("Rita Sommer");

    candidate("SKU-A", 2500, 3000, 3500);  // pays: its lower bound is at stake
    candidate("SKU-B", -100, 150, 400);    // may lose margin: not an action
  }

  AttentionList list(std::size_t cap = kMaxAttentionItems) {
    AttentionSources in;
    in.facts = &facts;
    in.customers = &customers;
    in.catalogs = &catalogs;
    in.deals = &deals;
    in.negotiation = &negotiation;
    in.team = &team;
    return attention_list(in, scope, settings, strings, cap);
  }
};

std::string row_of(const AttentionItem& item) {
  return std::string(attention_kind_name(item.kind)) + " " + item.subject;
}

const AttentionParam& param(const AttentionItem& item, const std::string& key) {
  for (const AttentionParam& p : item.params)
    if (p.key == key) return p;
  FAIL("no param " << key);
  return item.params.front();
}

}  // namespace

TEST_CASE("attention ranking on a hand-made case", "[kpi][attention]") {
  World world;
  const AttentionList list = world.list();
  std::vector<std::string> order;
  std::vector<std::optional<double>> amounts;
  for (const AttentionItem& item : list.items) {
    order.push_back(row_of(item));
    amounts.push_back(item.amount_at_stake);
  }
  // By amount; ties by kind (at risk, shrinking, expiring, slipping, stale, discount), then
  // subject; the quote without an amount last.
  CHECK(order == std::vector<std::string>{
                     "customer_at_risk C1",       // 5000, lapsed
                     "quote_expiring Q1",         // 10000 x 0.4
                     "customer_at_risk C2",       // 3000, on track but p = 0.3
                     "discount_candidate SKU-A",  // lower bound 2500
                     "customer_shrinking C6",     // (500 - 250) x 90 / 15
                     "deal_slipping Q3",          // 6000 x 0.25
                     "rep_stale_pipeline R3",     // Q3's expected value
                     "customer_at_risk C5",       // 1200, due
                     "customer_at_risk C7",       // 1000
                     "customer_shrinking C5",     // (1000 - 600) x 2.5
                     "quote_expiring Q2",         // 2000 x 0.5
                     "rep_stale_pipeline R1",     // Q5: 1400 x 0.5
                     "quote_expiring Q4",         // no amount
                 });
  REQUIRE(amounts.size() == 13);
  const std::vector<double> expected{5000, 4000, 3000, 2500, 1500, 1500,
                                     1500, 1200, 1000, 1000, 1000, 700};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    REQUIRE(amounts[i]);
    CHECK(*amounts[i] == Approx(expected[i]));
  }
  CHECK_FALSE(amounts[12]);
  CHECK(list.total == 13);

  SECTION("reasons, owners and params") {
    const AttentionItem& c1 = list.items[0];
    CHECK(c1.reason_code == "lapsed");
    CHECK(c1.owner == std::optional<std::string>("R1"));
    CHECK(param(c1, "days_since").number == 40);
    CHECK(param(c1, "usual_interval_days").number == 30);
    CHECK(param(c1, "horizon_days").number == 90);
    CHECK(param(c1, "seasonal_pause").type == AttentionParam::Type::null);
    CHECK(param(c1, "customer_name").text == "Alpha");
    CHECK(list.items[2].reason_code == "low_order_chance");
    CHECK(list.items[7].reason_code == "due");
    CHECK(param(list.items[4], "expected_orders").number == Approx(6));

    const AttentionItem& sku = list.items[3];
    CHECK_FALSE(sku.owner);  // the catalog manager's
    CHECK(sku.link_dashboard == "catalogs");
    CHECK(sku.link_keys == std::vector<std::pair<std::string, std::string>>{
                               {"catalog", "Wholesale"}, {"sku", "SKU-A"}});
    const AttentionItem& q1 = list.items[1];
    CHECK(q1.reason_code == "expires_soon");
    CHECK(param(q1, "days_left").number == 5);
    CHECK(param(q1, "expires_at").text == "2026-07-05");
    CHECK(q1.link_dashboard == "negotiations");
    CHECK(q1.owner == std::optional<std::string>("R1"));

    const AttentionItem& q3 = list.items[5];
    CHECK(q3.reason_code == "expiry_passed");
    CHECK(param(q3, "days_past").number == 20);
    CHECK(q3.owner == std::optional<std::string>("R3"));

    const AttentionItem& r3 = list.items[6];
    CHECK(r3.reason_code == "pipeline_stale");  // R3's only open deal is stale
    CHECK(param(r3, "days_since_activity").number == 60);
    CHECK(param(r3, "rep_name").text == "Rita Sommer");
    const AttentionItem& r1 = list.items[11];
    CHECK(r1.reason_code == "deals_stale");  // one of R1's three open deals
    CHECK(param(r1, "stale_deals").number == 1);
    CHECK(param(r1, "open_deals").number == 3);
    CHECK(param(r1, "stale_amount").number == 1400);
    CHECK(r1.link_keys == std::vector<std::pair<std::string, std::string>>{{"sales_rep", "R1"}});
  }

  SECTION("a rep's own list") {
    std::vector<std::string> mine;
    for (const AttentionItem& item : list.items)
      if (item.owner == std::optional<std::string>("R2")) mine.push_back(row_of(item));
    CHECK(mine == std::vector<std::string>{"customer_at_risk C2", "customer_shrinking C6",
                                           "quote_expiring Q2"});
  }
}

TEST_CASE("attention list keeps the top items and says how many there were", "[kpi][attention]") {
  World world;
  const AttentionList list = world.list(4);
  REQUIRE(list.items.size() == 4);
  CHECK(list.total == 13);
  CHECK(row_of(list.items[3]) == "discount_candidate SKU-A");
}

TEST_CASE("attention JSON: codes, params, link and a null owner", "[kpi][attention]") {
  World world;
  report::JsonWriter w;
  w.begin_object();
  report::write_attention(w, world.list(4));
  w.end_object();
  const nlohmann::json doc = nlohmann::json::parse(w.str());
  CHECK(doc["attention_total"] == 13);
  REQUIRE(doc["attention"].size() == 4);
  const nlohmann::json& first = doc["attention"][0];
  CHECK(first["kind"] == "customer_at_risk");
  CHECK(first["owner"] == "R1");
  CHECK(first["subject"] == "C1");
  CHECK(first["reason_code"] == "lapsed");
  CHECK(first["amount_at_stake"] == 5000.0);
  CHECK(first["params"]["p_order_next"] == 0.05);
  CHECK(first["params"]["last_order"] == "2026-05-21");
  CHECK(first["params"]["seasonal_pause"].is_null());
  CHECK(first["link"] ==
        nlohmann::json::parse(R"({"dashboard": "customers", "customer_id": "C1"})"));
  CHECK(doc["attention"][3]["owner"].is_null());
}
