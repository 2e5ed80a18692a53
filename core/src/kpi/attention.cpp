#include "pulse/kpi/attention.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <unordered_map>

#include "pulse/model/day.h"
#include "pulse/util/sort_by.h"

namespace pulse::kpi {
namespace {

using Type = AttentionParam::Type;

/// Collects one item's params in the order the page reads them.
class Params {
 public:
  Params& number(const char* key, std::optional<double> v) {
    AttentionParam p = named(key);
    if (v && std::isfinite(*v)) p.type = Type::number, p.number = *v;
    list_.push_back(std::move(p));
    return *this;
  }
  Params& text(const char* key, std::string v) {
    AttentionParam p = named(key);
    p.type = Type::text, p.text = std::move(v);
    list_.push_back(std::move(p));
    return *this;
  }
  /// A StrId or a Day as text; null when unknown.
  Params& id(const char* key, const StringPool& s, StrId v) {
    if (v == kNoStr) return null(key);
    return text(key, std::string(s.view(v)));
  }
  Params& day(const char* key, Day d) { return d == kNoDay ? null(key) : text(key, format_day(d)); }
  Params& flag(const char* key, std::optional<bool> v) {
    AttentionParam p = named(key);
    if (v) p.type = Type::flag, p.flag = *v;
    list_.push_back(std::move(p));
    return *this;
  }
  Params& null(const char* key) {
    list_.push_back(named(key));
    return *this;
  }
  std::vector<AttentionParam> take() { return std::move(list_); }

 private:
  static AttentionParam named(const char* key) {
    AttentionParam p;
    p.key = key;
    return p;
  }
  std::vector<AttentionParam> list_;
};

std::optional<std::string> text_of(const StringPool& s, StrId id) {
  if (id == kNoStr) return std::nullopt;
  return std::string(s.view(id));
}

double amount_or_nan(const std::optional<double>& v) {
  return v ? *v : std::nan("");
}

std::optional<double> known(double v) {
  return std::isnan(v) ? std::nullopt : std::optional<double>(v);
}

/// The items to rank, and for each the row its params are written from: they are written only
/// for the items the list keeps (write_params), since a big file gives thousands of candidates
/// for the first 200 (Online Retail: 2,761), and each item's params are a few strings.
struct Source {
  std::size_t row = 0;      // customers' row, open deal or slipping deal, by the item's kind
  double orders = 0;        // a shrinking customer's expected orders in the horizon
  std::optional<double> p;  // a slipping deal's win probability
};
struct Candidates {
  std::vector<AttentionItem> items;
  std::vector<Source> sources;  // one per item
  void add(AttentionItem&& item, Source source = {}) {
    items.push_back(std::move(item));
    sources.push_back(source);
  }
};

/// Rule (docs/kpi.md): a customer is at risk when it has revenue at risk and is late by its
/// status (due, overdue, lapsed) or less likely than not to order in the horizon.
void add_customers(Candidates& out, const Facts& facts, const CustomerReport& report,
                   const config::Settings& settings, const StringPool& s) {
  const double horizon = settings.horizon_days;
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    const CustomerRow& row = report.rows[i];
    const StrId id = facts.customer_id[row.customer];
    const StrId rep = facts.customer_rep[row.customer];
    const bool late = row.status == CustomerStatus::due || row.status == CustomerStatus::overdue ||
                      row.status == CustomerStatus::lapsed;
    const bool unlikely = row.p_order_next && *row.p_order_next < 0.5;
    if (row.revenue_at_risk && *row.revenue_at_risk > 0 && (late || unlikely)) {
      AttentionItem item;
      item.kind = AttentionKind::customer_at_risk;
      item.owner = text_of(s, rep);
      item.subject = std::string(s.view(id));
      item.reason_code = late ? status_name(row.status) : "low_order_chance";
      item.amount_at_stake = row.revenue_at_risk;
      item.link_dashboard = "customers";
      item.link_keys = {{"customer_id", item.subject}};
      out.add(std::move(item), {i, 0, std::nullopt});
    }
    if (row.shrinking && row.usual_order_value && row.recent_order_value &&
        *row.usual_order_value > *row.recent_order_value) {
      // Rule: the orders the drop applies to are the model's expected orders in the horizon;
      // without a model, the horizon over the usual interval; without that, one order.
      double orders = 1;
      if (row.expected_orders_next)
        orders = *row.expected_orders_next;
      else if (row.median_interval_days && *row.median_interval_days > 0)
        orders = horizon / *row.median_interval_days;
      AttentionItem item;
      item.kind = AttentionKind::customer_shrinking;
      item.owner = text_of(s, rep);
      item.subject = std::string(s.view(id));
      item.reason_code = "order_value_drop";
      item.amount_at_stake = (*row.usual_order_value - *row.recent_order_value) * orders;
      item.link_dashboard = "customers";
      item.link_keys = {{"customer_id", item.subject}};
      out.add(std::move(item), {i, orders, std::nullopt});
    }
  }
}

AttentionItem deal_item(AttentionKind kind, const DealFacts& deals, std::uint32_t d,
                        const StringPool& s) {
  AttentionItem item;
  item.kind = kind;
  item.owner = text_of(s, deals.reps[deals.rep[d]]);
  item.subject = std::string(s.view(deals.deal_id[d]));
  item.link_dashboard = "negotiations";
  item.link_keys = {{"deal_id", item.subject}};
  return item;
}

void add_deals(Candidates& out, const DealFacts& deals, const NegotiationReport* negotiation,
               const SalesTeamReport* team, const Scope& scope, const config::Settings& settings,
               const StringPool& s) {
  std::unordered_map<std::uint32_t, const OpenDeal*> open_of;
  if (negotiation)
    for (const OpenDeal& o : negotiation->open) open_of.emplace(o.deal, &o);

  if (negotiation) {
    for (std::size_t i = 0; i < negotiation->open.size(); ++i) {
      const OpenDeal& o = negotiation->open[i];
      if (!o.expiring_soon) continue;
      AttentionItem item = deal_item(AttentionKind::quote_expiring, deals, o.deal, s);
      item.reason_code = "expires_soon";
      item.amount_at_stake = o.expected_value;
      out.add(std::move(item), {i, 0, std::nullopt});
    }
  }
  if (team) {
    for (std::size_t i = 0; i < team->slipping.size(); ++i) {
      const SlippingDeal& slip = team->slipping[i];
      auto it = open_of.find(slip.deal);
      const std::optional<double> p =
          it == open_of.end() ? std::nullopt : it->second->win_probability;
      const std::optional<double> amount = known(deals.amount[slip.deal]);
      AttentionItem item = deal_item(AttentionKind::deal_slipping, deals, slip.deal, s);
      item.reason_code = "expiry_passed";
      if (amount && p) item.amount_at_stake = *amount * *p;
      out.add(std::move(item), {i, 0, p});
    }

    // Stale pipeline per rep: the same is_stale rule as the sales team's `stale` count.
    struct Stale {
      std::int64_t open = 0, stale = 0;
      AmountSum amount, expected;
      Day last_activity = kNoDay;  // the latest activity among the stale deals
    };
    std::unordered_map<StrId, Stale> by_rep;
    if (negotiation) {
      for (const OpenDeal& o : negotiation->open) {
        Stale& st = by_rep[deals.reps[deals.rep[o.deal]]];
        ++st.open;
        if (!is_stale(deals, o.deal, scope, settings)) continue;
        ++st.stale;
        st.amount.add(deals.amount[o.deal]);
        st.expected.add(amount_or_nan(o.expected_value));
        const Day last = deals.last_activity[o.deal] != kNoDay ? deals.last_activity[o.deal]
                                                               : deals.created[o.deal];
        if (last != kNoDay && (st.last_activity == kNoDay || last > st.last_activity))
          st.last_activity = last;
      }
    }
    for (const RepRow& row : team->reps) {
      auto it = by_rep.find(row.rep);
      if (it == by_rep.end() || it->second.stale == 0) continue;
      const Stale& st = it->second;
      AttentionItem item;
      item.kind = AttentionKind::rep_stale_pipeline;
      item.owner = text_of(s, row.rep);
      item.subject = std::string(s.view(row.rep));
      item.reason_code = st.stale == st.open ? "pipeline_stale" : "deals_stale";
      item.params = Params()
                        .id("rep_name", s, row.name)
                        .number("stale_deals", static_cast<double>(st.stale))
                        .number("open_deals", static_cast<double>(st.open))
                        .number("stale_days", static_cast<double>(settings.stale_days))
                        .number("days_since_activity", days_between(st.last_activity, scope.as_of))
                        .number("stale_amount", st.amount.value(deals.has_amount))
                        .number("stale_expected_value", st.expected.value(deals.has_amount))
                        .take();
      item.amount_at_stake = st.expected.value(deals.has_amount);
      item.link_dashboard = "sales_team";
      item.link_keys = {{"sales_rep", item.subject}};
      out.add(std::move(item));  // one per rep: its params written here
    }
  }
}

/// Rule: a discount candidate needs action only when the whole margin-change interval is
/// above zero (verdict "pays"); its lower bound is what is at stake.
void add_discounts(Candidates& out, const Facts& facts, const CatalogReport& report,
                   const config::Settings& settings, const StringPool& s) {
  for (const DiscountCandidate& d : report.discount_candidates) {
    if (std::strcmp(cut_verdict(d.effect), "pays") != 0 || !d.effect.low.margin_change) continue;
    const ProductRow& p = report.products[d.product_row];
    const Facts::Product& prod = facts.products[p.product];
    AttentionItem item;
    item.kind = AttentionKind::discount_candidate;
    item.subject = std::string(s.view(prod.sku));
    item.reason_code = "cut_pays";
    const std::string catalog(s.view(facts.catalogs[prod.catalog]));
    item.params = Params()
                      .text("catalog", catalog)
                      .id("product_name", s, prod.name)
                      .number("cut", settings.discount_cut)
                      .number("units_change_pct", d.effect.point.units_change_pct)
                      .number("margin_change", d.effect.point.margin_change)
                      .number("margin_change_low", d.effect.low.margin_change)
                      .number("margin_change_high", d.effect.high.margin_change)
                      .take();
    item.amount_at_stake = d.effect.low.margin_change;
    item.link_dashboard = "catalogs";
    item.link_keys = {{"catalog", catalog}, {"sku", item.subject}};
    out.add(std::move(item));  // the few cuts that pay: params written here
  }
}

/// A kept item's params, from the row it was ranked from (Source). The kinds that are few
/// (stale pipelines, discounts) had theirs written when they were ranked.
void write_params(AttentionItem& item, const Source& c, const AttentionSources& in,
                  const Scope& scope, const config::Settings& settings, const StringPool& s) {
  const double horizon = settings.horizon_days;
  switch (item.kind) {
    case AttentionKind::customer_at_risk: {
      const CustomerRow& row = in.customers->rows[c.row];
      item.params = Params()
                        .id("customer_name", s, in.facts->customer_name[row.customer])
                        .text("status", status_name(row.status))
                        .number("days_since", static_cast<double>(row.days_since_last_order))
                        .number("usual_interval_days", row.median_interval_days)
                        .day("last_order", row.last_order)
                        .number("p_order_next", row.p_order_next)
                        .number("horizon_days", horizon)
                        .number("revenue_at_risk", row.revenue_at_risk)
                        .flag("seasonal_pause", row.seasonal_pause)
                        .take();
      break;
    }
    case AttentionKind::customer_shrinking: {
      const CustomerRow& row = in.customers->rows[c.row];
      item.params =
          Params()
              .id("customer_name", s, in.facts->customer_name[row.customer])
              .text("status", status_name(row.status))
              .number("usual_order_value", row.usual_order_value)
              .number("recent_order_value", row.recent_order_value)
              .number("order_value_drop", row.order_value_drop)
              .number("recent_orders", static_cast<double>(settings.shrinking_recent_orders))
              .number("expected_orders", c.orders)
              .number("horizon_days", horizon)
              .take();
      break;
    }
    case AttentionKind::quote_expiring: {
      const DealFacts& deals = *in.deals;
      const OpenDeal& o = in.negotiation->open[c.row];
      const Day expires = deals.expires[o.deal];
      item.params = Params()
                        .number("days_left", days_between(scope.as_of, expires))
                        .day("expires_at", expires)
                        .id("customer_id", s, deals.customer[o.deal])
                        .id("status", s, deals.status_label[deals.status[o.deal]])
                        .number("amount", known(deals.amount[o.deal]))
                        .number("win_probability", o.win_probability)
                        .number("expected_value", o.expected_value)
                        .take();
      break;
    }
    case AttentionKind::deal_slipping: {
      const DealFacts& deals = *in.deals;
      const SlippingDeal& slip = in.team->slipping[c.row];
      item.params = Params()
                        .number("days_past", static_cast<double>(slip.days_past))
                        .day("expires_at", deals.expires[slip.deal])
                        .id("customer_id", s, deals.customer[slip.deal])
                        .id("status", s, deals.status_label[deals.status[slip.deal]])
                        .number("amount", known(deals.amount[slip.deal]))
                        .number("win_probability", c.p)
                        .take();
      break;
    }
    case AttentionKind::rep_stale_pipeline:
    case AttentionKind::discount_candidate:
      break;
  }
}

}  // namespace

const char* attention_kind_name(AttentionKind kind) {
  switch (kind) {
    case AttentionKind::customer_at_risk:
      return "customer_at_risk";
    case AttentionKind::customer_shrinking:
      return "customer_shrinking";
    case AttentionKind::quote_expiring:
      return "quote_expiring";
    case AttentionKind::deal_slipping:
      return "deal_slipping";
    case AttentionKind::rep_stale_pipeline:
      return "rep_stale_pipeline";
    case AttentionKind::discount_candidate:
      return "discount_candidate";
  }
  return "unknown";
}

AttentionList attention_list(const AttentionSources& in, const Scope& scope,
                             const config::Settings& settings, const StringPool& strings,
                             std::size_t cap) {
  Candidates candidates;
  if (in.facts && in.customers)
    add_customers(candidates, *in.facts, *in.customers, settings, strings);
  if (in.deals) add_deals(candidates, *in.deals, in.negotiation, in.team, scope, settings, strings);
  if (in.facts && in.catalogs)
    add_discounts(candidates, *in.facts, *in.catalogs, settings, strings);

  // Ranked by position (the items stay where they are), then only the kept ones moved out.
  const std::vector<AttentionItem>& items = candidates.items;
  std::vector<std::uint32_t> order(items.size());
  std::iota(order.begin(), order.end(), std::uint32_t{0});
  const auto ranks_before = [&](std::uint32_t x, std::uint32_t y) {
    const AttentionItem& a = items[x];
    const AttentionItem& b = items[y];
    if (a.amount_at_stake.has_value() != b.amount_at_stake.has_value())
      return a.amount_at_stake.has_value();
    if (a.amount_at_stake && *a.amount_at_stake != *b.amount_at_stake)
      return *a.amount_at_stake > *b.amount_at_stake;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.subject < b.subject;
  };
  stable_sort_positions(order, PositionLess(ranks_before));
  AttentionList list;
  list.total = items.size();
  const std::size_t kept = std::min(cap, order.size());
  list.items.reserve(kept);
  for (std::size_t i = 0; i < kept; ++i) {
    AttentionItem& item = candidates.items[order[i]];
    write_params(item, candidates.sources[order[i]], in, scope, settings, strings);
    list.items.push_back(std::move(item));
  }
  return list;
}

}  // namespace pulse::kpi
