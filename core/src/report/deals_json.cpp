#include "pulse/report/deals_json.h"

#include "json_values.h"

namespace pulse::report {

void write_negotiation_summary(JsonWriter& w, const kpi::NegotiationSummary& s) {
  w.begin_object();
  w.key("deals"), w.value(s.deals);
  w.key("open"), w.value(s.open);
  w.key("won"), w.value(s.won);
  w.key("lost"), w.value(s.lost);
  w.key("win_rate"), w.value(s.win_rate);
  w.key("won_amount"), w.value(s.won_amount);
  w.key("avg_deal_size"), w.value(s.avg_deal_size);
  w.key("cycle_days_median"), w.value(s.cycle_days_median);
  w.key("cycle_days_mean"), w.value(s.cycle_days_mean);
  w.key("lost_cycle_days_median"), w.value(s.lost_cycle_days_median);
  w.key("avg_discount"), w.value(s.avg_discount);
  w.key("rounds_mean"), w.value(s.rounds_mean);
  w.key("negotiation_days_median"), w.value(s.negotiation_days_median);
  w.key("expiring_soon"), w.value(s.expiring_soon);
  w.key("closed_without_date"), w.value(s.closed_undated);
  w.end_object();
}

namespace {

using nlohmann::json;

void write_open_deal(JsonWriter& w, const kpi::OpenDeal& o, const kpi::DealFacts& deals,
                     const StringPool& s, const std::string& method) {
  const std::uint32_t d = o.deal;
  w.begin_object();
  w.key("deal_id"), text_value(w, s, deals.deal_id[d]);
  w.key("customer_id"), text_value(w, s, deals.customer[d]);
  w.key("sales_rep"), text_value(w, s, deals.reps[deals.rep[d]]);
  w.key("status"), text_value(w, s, deals.status_label[deals.status[d]]);
  w.key("amount"), w.value(deals.amount[d]);  // NaN is written as null
  w.key("age_days"), count_value(w, o.age_days);
  w.key("win_probability"), w.value(o.win_probability);
  w.key("expected_value"), w.value(o.expected_value);
  w.key("expires_at"), day_value(w, deals.expires[d]);
  w.key("expiring_soon"), w.value(o.expiring_soon);
  w.key("expected_close_date"), day_value(w, o.expected_close);
  w.key("p_close_within_30d"), w.value(o.p_close_within_30d);
  w.key("p_won_within_30d"), w.value(o.p_won_within_30d);
  w.key("win_probability_tail"), w.value(o.win_tail);
  w.key("win_probability_method"), w.value(method);
  w.end_object();
}

/// One deal of the summary, for its own page: what it is, its outcome and dates, its discount
/// (1 - amount / original amount, as the summary's avg_discount), and its status history.
void write_deal(JsonWriter& w, std::uint32_t d, const kpi::DealFacts& deals, const StringPool& s) {
  w.begin_object();
  w.key("deal_id"), text_value(w, s, deals.deal_id[d]);
  w.key("customer_id"), text_value(w, s, deals.customer[d]);
  w.key("sales_rep"), text_value(w, s, deals.reps[deals.rep[d]]);
  w.key("status"), text_value(w, s, deals.status_label[deals.status[d]]);
  w.key("outcome"), w.value(kpi::outcome_name(deals.outcome[d]));
  w.key("created_at"), day_value(w, deals.created[d]);
  w.key("closed_at"), day_value(w, deals.close[d]);
  w.key("expires_at"), day_value(w, deals.expires[d]);
  w.key("amount"), w.value(deals.amount[d]);  // NaN is written as null
  w.key("original_amount"), w.value(deals.original_amount[d]);
  const double a = deals.amount[d], o = deals.original_amount[d];
  w.key("discount"), w.value(a > 0 && o > 0 ? std::optional<double>(1.0 - a / o) : std::nullopt);
  w.key("cycle_days"), w.value(kpi::days_between(deals.created[d], deals.close[d]));
  w.key("rounds"), w.value(static_cast<std::int64_t>(deals.rounds[d]));
  w.key("negotiation_days"),
      w.value(deals.events[d] ? std::optional<double>(static_cast<double>(deals.last_event[d]) -
                                                      deals.first_event[d])
                              : std::nullopt);
  w.key("last_activity"), day_value(w, deals.last_activity[d]);
  w.key("history");
  w.begin_array();
  // Without a history file the event index is empty: no events.
  const bool indexed = deals.event_begin.size() == deals.deal_count() + 1;
  for (std::uint32_t e = indexed ? deals.event_begin[d] : 0;
       indexed && e < deals.event_begin[d + 1]; ++e) {
    w.begin_object();
    w.key("date"), day_value(w, deals.event_day[e]);
    w.key("status"), text_value(w, s, deals.status_label[deals.event_status[e]]);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void write_velocity_figures(JsonWriter& w, const kpi::VelocityFigures& v) {
  w.begin_object();
  w.key("open_qualified"), w.value(v.open_qualified);
  w.key("win_rate"), w.value(v.win_rate);
  w.key("avg_deal_size"), w.value(v.avg_deal_size);
  w.key("cycle_days_median"), w.value(v.cycle_days_median);
  w.key("revenue_per_day"), w.value(v.revenue_per_day);
  w.end_object();
}

void write_velocity(JsonWriter& w, const kpi::Velocity& v) {
  w.begin_object();
  w.key("current"), write_velocity_figures(w, v.current);
  w.key("previous"), write_velocity_figures(w, v.previous);
  w.end_object();
}

void write_stage_rows(JsonWriter& w, const std::vector<kpi::StageFlowRow>& rows,
                      const kpi::DealFacts& deals, const StringPool& s) {
  w.begin_array();
  for (const kpi::StageFlowRow& row : rows) {
    w.begin_object();
    w.key("stage"), text_value(w, s, deals.status_label[row.status]);
    w.key("reached"), w.value(row.reached);
    w.key("to_next_share"), w.value(row.to_next_share);
    w.key("won_share"), w.value(row.won_share);
    w.key("median_days_in_stage"), w.value(row.median_days_in_stage);
    w.end_object();
  }
  w.end_array();
}

void write_rep(JsonWriter& w, const kpi::RepRow& row, const kpi::DealFacts& deals,
               const StringPool& s) {
  w.begin_object();
  w.key("sales_rep"), text_value(w, s, row.rep);
  w.key("rep_name"), text_value(w, s, row.name);
  w.key("manager"), text_value(w, s, row.manager);
  w.key("team"), text_value(w, s, row.team);
  w.key("open_by_stage");
  w.begin_array();
  for (const kpi::StageCount& st : row.open_by_stage) {
    w.begin_object();
    w.key("stage"), text_value(w, s, deals.status_label[st.status]);
    w.key("count"), w.value(st.count);
    w.key("amount"), w.value(st.amount);
    w.end_object();
  }
  w.end_array();
  w.key("won"), w.value(row.won);
  w.key("lost"), w.value(row.lost);
  w.key("win_rate"), w.value(row.win_rate);
  w.key("won_amount"), w.value(row.won_amount);
  w.key("avg_deal_size"), w.value(row.avg_deal_size);
  w.key("cycle_days_median"), w.value(row.cycle_days_median);
  w.key("pipeline_amount"), w.value(row.pipeline_amount);
  w.key("weighted_pipeline"), w.value(row.weighted_pipeline);
  w.key("closing_soon"), w.value(row.closing_soon);
  w.key("stale"), w.value(row.stale);
  w.key("expected_won_next_30d"), w.value(row.expected_won_next_30d);
  w.key("slipping"), w.value(row.slipping);
  w.key("velocity"), write_velocity(w, row.velocity);
  w.key("revenue"), w.value(row.revenue);
  w.key("orders"), count_value(w, row.orders);
  w.key("aov"), w.value(row.aov);
  w.key("customers"), count_value(w, row.customers);
  w.key("customers_overdue"), count_value(w, row.customers_overdue);
  w.key("attention");
  w.begin_array();
  for (StrId c : row.attention) text_value(w, s, c);
  w.end_array();
  w.end_object();
}

void write_calibration(JsonWriter& w, const std::optional<kpi::WinCalibration>& c) {
  if (!c) {
    w.null();
    return;
  }
  const bool binned = c->reason.empty();
  w.begin_object();
  w.key("method"), w.value(c->method);
  w.key("lookback_days"), w.value(c->lookback_days);
  w.key("cutoff"), day_value(w, c->cutoff);
  w.key("open_at_cutoff"), w.value(c->open_at_cutoff);
  w.key("undecided"), w.value(c->undecided);
  w.key("unpredicted"), w.value(c->unpredicted);
  w.key("scored"), w.value(c->scored);
  w.key("won"), w.value(c->won);
  w.key("observed_share"), w.value(c->observed_share);
  w.key("bins");
  if (!binned) {
    w.null();
  } else {
    w.begin_array();
    for (const kpi::CalibrationBin& bin : c->bins) {
      w.begin_object();
      w.key("p_min"), w.value(bin.p_min);
      w.key("p_max"), w.value(bin.p_max);
      w.key("mean_predicted"), w.value(bin.mean_predicted);
      w.key("observed_share"), w.value(bin.observed_share);
      w.key("count"), w.value(static_cast<std::int64_t>(bin.count));
      w.end_object();
    }
    w.end_array();
  }
  w.key("brier"), w.value(c->brier);
  w.key("brier_constant"), w.value(c->brier_constant);
  w.key("reason");
  if (binned)
    w.null();
  else
    w.value(c->reason);
  w.end_object();
}

}  // namespace

void write_negotiations(JsonWriter& w, const kpi::NegotiationReport& r, const kpi::DealFacts& deals,
                        const StringPool& s) {
  w.begin_object();
  w.key("summary"), write_negotiation_summary(w, r.summary);
  w.key("by_status");
  w.begin_array();
  for (const kpi::StatusRow& row : r.by_status) {
    w.begin_object();
    w.key("status"), text_value(w, s, deals.status_label[row.status]);
    w.key("outcome"), w.value(kpi::outcome_name(row.outcome));
    w.key("count"), w.value(row.count);
    w.key("amount"), w.value(row.amount);
    w.end_object();
  }
  w.end_array();
  w.key("monthly");
  w.begin_array();
  for (const kpi::NegotiationMonth& m : r.monthly) {
    w.begin_object();
    w.key("month"), w.value(format_month(m.month));
    w.key("won"), w.value(m.won);
    w.key("lost"), w.value(m.lost);
    w.key("win_rate"), w.value(m.win_rate);
    w.key("won_amount"), w.value(m.won_amount);
    w.key("cycle_days_median"), w.value(m.cycle_days_median);
    w.key("created"), w.value(m.created);
    w.key("partial"), w.value(m.partial);
    w.end_object();
  }
  w.end_array();
  w.key("open");
  w.begin_table();
  for (const kpi::OpenDeal& o : r.open) write_open_deal(w, o, deals, s, r.win_probability_method);
  w.end_table();
  w.key("deals");
  w.begin_table();
  for (std::uint32_t d : r.deals) write_deal(w, d, deals, s);
  w.end_table();
  w.key("win_probability_method"), w.value(r.win_probability_method);
  w.key("stage_flow");
  w.begin_object();
  w.key("team"), write_stage_rows(w, r.stage_flow.team, deals, s);
  w.key("by_rep");
  w.begin_array();
  for (const kpi::RepStageFlow& rep : r.stage_flow.by_rep) {
    w.begin_object();
    w.key("sales_rep"), text_value(w, s, rep.rep);
    w.key("stages"), write_stage_rows(w, rep.stages, deals, s);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.key("calibration"), write_calibration(w, r.calibration);
  w.end_object();
}

void write_sales_team(JsonWriter& w, const kpi::SalesTeamReport& r, const kpi::DealFacts& deals,
                      const StringPool& s) {
  w.begin_object();
  w.key("reps");
  w.begin_array();
  for (const kpi::RepRow& row : r.reps) write_rep(w, row, deals, s);
  w.end_array();
  const kpi::TeamSummary& t = r.summary;
  w.key("summary");
  w.begin_object();
  w.key("reps"), w.value(t.reps);
  w.key("deals_open"), w.value(t.deals_open);
  w.key("won"), w.value(t.won);
  w.key("lost"), w.value(t.lost);
  w.key("win_rate"), w.value(t.win_rate);
  w.key("closing_soon"), w.value(t.closing_soon);
  w.key("customers_overdue"), count_value(w, t.customers_overdue);
  w.key("pipeline_amount"), w.value(t.pipeline_amount);
  w.key("weighted_pipeline"), w.value(t.weighted_pipeline);
  w.key("won_amount"), w.value(t.won_amount);
  w.key("expected_won_next_30d"), w.value(t.expected_won_next_30d);
  w.end_object();
  w.key("velocity");
  w.begin_object();
  w.key("previous_from"), day_value(w, r.previous_from);
  w.key("previous_to"), day_value(w, r.previous_to);
  w.key("team"), write_velocity(w, r.velocity);
  w.end_object();
  w.key("slipping");
  w.begin_array();
  for (const kpi::SlippingDeal& d : r.slipping) {
    w.begin_object();
    w.key("deal_id"), text_value(w, s, deals.deal_id[d.deal]);
    w.key("sales_rep"), text_value(w, s, deals.reps[deals.rep[d.deal]]);
    w.key("status"), text_value(w, s, deals.status_label[deals.status[d.deal]]);
    w.key("amount"), w.value(deals.amount[d.deal]);
    w.key("expires_at"), day_value(w, deals.expires[d.deal]);
    w.key("days_past"), w.value(d.days_past);
    w.key("reason"), w.value("expiry_passed");
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace pulse::report
