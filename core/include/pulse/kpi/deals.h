#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pulse/config/settings.h"
#include "pulse/model/dataset.h"
#include "pulse/model/message.h"

namespace pulse::kpi {

/// Where a deal stands (SPEC §3 "Outcome by status").
enum class Outcome : std::uint8_t { open, won, lost };
const char* outcome_name(Outcome outcome);

/// Deals after the joins of SPEC §3: outcome, close date, rep and quote history resolved, one
/// entry per distinct deal id, in first-seen order. Built once per dataset and status settings;
/// filters, period and as_of are applied by the dashboards.
struct DealFacts {
  // Per deal.
  std::vector<StrId> deal_id;
  std::vector<StrId> customer;          // customer id, kNoStr when unknown
  std::vector<StrId> customer_catalog;  // from the customers files, kNoStr when unknown
  std::vector<std::uint32_t> rep;       // index into reps
  std::vector<std::uint32_t> status;    // index into statuses
  std::vector<Outcome> outcome;
  std::vector<Day> created;
  std::vector<Day> updated;
  std::vector<Day> expires;
  std::vector<Day> close;               // won or lost deals only; kNoDay when unknown
  std::vector<double> amount;           // NaN when unknown
  std::vector<double> original_amount;  // NaN when unknown
  std::vector<std::int32_t> events;     // status events in the history
  std::vector<std::int32_t> rounds;     // events with Settings::rounds_status
  std::vector<Day> first_event;         // kNoDay without events
  std::vector<Day> last_event;
  std::vector<Day> last_activity;  // max(last event, updated_at), kNoDay when neither
  // The status events of deal d, by date (file order within a day), for the stage flow:
  // event_day/event_status[event_begin[d] .. event_begin[d + 1]). Statuses index status_label.
  std::vector<std::uint32_t> event_begin;
  std::vector<Day> event_day;
  std::vector<std::uint32_t> event_status;

  // Distinct statuses, compared case-insensitively; the label is the first spelling seen.
  std::vector<StrId> status_label;
  std::vector<Outcome> status_outcome;     // by the status sets alone (no order link)
  std::vector<std::uint32_t> status_rank;  // funnel position: 0 first

  // Reps of deals and of the sales_reps files; name, manager and team from sales_reps.
  std::vector<StrId> reps;
  std::vector<StrId> rep_name;
  std::vector<StrId> rep_manager;
  std::vector<StrId> rep_team;

  bool has_deals = false;   // a deals table is loaded
  bool has_events = false;  // a deal_events table is loaded
  bool has_amount = false;  // some deals table maps amount
  Day first_day = kNoDay;   // over created, updated, closed and event dates (not expires_at)
  Day last_day = kNoDay;
  std::vector<Message> warnings;  // pulse.warning.* codes

  std::size_t deal_count() const { return deal_id.size(); }
};

/// Joins deals, their history, orders (for the order link), customers and sales reps. A deal
/// is won when an order exists (in any orders or order_lines table, whatever its status)
/// with the deal's order_id or naming the deal in its quote_id; else its status decides.
DealFacts build_deal_facts(const Dataset& dataset, const config::Settings& settings,
                           StringPool& strings);

}  // namespace pulse::kpi
