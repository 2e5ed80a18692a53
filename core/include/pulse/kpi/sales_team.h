#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "pulse/kpi/customer_profiles.h"
#include "pulse/kpi/deals.h"
#include "pulse/kpi/negotiations.h"

namespace pulse::kpi {

constexpr std::size_t kMaxAttention = 10;

struct StageCount {
  std::uint32_t status = 0;  // index into DealFacts::status_label
  std::int64_t count = 0;
  std::optional<double> amount;
};

/// Pipeline velocity (docs/kpi-deals.md, "Velocity"): expected revenue per day =
/// open_qualified x win_rate x avg_deal_size / cycle_days_median, each factor shown.
struct VelocityFigures {
  std::int64_t open_qualified = 0;  // open deals past the funnel's entry stage
  std::optional<double> win_rate;
  std::optional<double> avg_deal_size;
  std::optional<double> cycle_days_median;  // won deals
  std::optional<double> revenue_per_day;    // null when a factor is unknown or the cycle is 0
};

struct Velocity {
  VelocityFigures current;
  VelocityFigures previous;  // the period of the same length just before
};

struct RepRow {
  StrId rep = kNoStr;
  StrId name = kNoStr;
  StrId manager = kNoStr;
  StrId team = kNoStr;
  std::vector<StageCount> open_by_stage;  // every open stage in scope, funnel order
  std::int64_t won = 0;
  std::int64_t lost = 0;
  std::optional<double> win_rate;
  std::optional<double> won_amount;
  std::optional<double> avg_deal_size;
  std::optional<double> cycle_days_median;  // won deals
  std::optional<double> pipeline_amount;
  std::optional<double> weighted_pipeline;
  std::int64_t closing_soon = 0;
  std::int64_t stale = 0;
  std::optional<double> expected_won_next_30d;  // sum amount x P(won within 30 days)
  std::int64_t slipping = 0;                    // open deals past their expiry
  Velocity velocity;
  // From orders: null when no orders are loaded.
  std::optional<double> revenue;
  std::optional<std::int64_t> orders;
  std::optional<double> aov;
  std::optional<std::int64_t> customers;
  std::optional<std::int64_t> customers_overdue;
  std::vector<StrId> attention;  // customer ids, overdue or lapsed, by revenue at risk
};

/// Team totals, so that the page does not add the rep rows itself.
struct TeamSummary {
  std::int64_t reps = 0;  // rep rows, "Unassigned" included
  std::int64_t deals_open = 0;
  std::int64_t won = 0;
  std::int64_t lost = 0;
  std::optional<double> win_rate;                 // won / (won + lost); null before any deal closed
  std::int64_t closing_soon = 0;                  // open deals expiring within expiring_days
  std::optional<std::int64_t> customers_overdue;  // overdue or lapsed; null without orders
  std::optional<double> pipeline_amount;
  std::optional<double> weighted_pipeline;
  std::optional<double> won_amount;
  std::optional<double> expected_won_next_30d;
};

/// An open deal that is slipping: its expiry (or expected close) date has passed.
struct SlippingDeal {
  std::uint32_t deal = 0;      // index into DealFacts
  std::int64_t days_past = 0;  // as_of - expires_at
};

struct SalesTeamReport {
  std::vector<RepRow> reps;  // by rep id, "Unassigned" last
  TeamSummary summary;
  Velocity velocity;           // the team
  Day previous_from = kNoDay;  // the previous period of the velocity
  Day previous_to = kNoDay;
  std::vector<SlippingDeal> slipping;  // most days past first, then by deal id
};

/// Per rep: deal figures from `selection` and `negotiation` (whose open deals carry the win
/// probabilities), order figures from `facts` and `customers` (both null without orders).
/// `totals`: the facts' orders summed once (order_totals.h), read instead of the lines when no
/// catalog filter picks lines; null: the lines are read.
SalesTeamReport sales_team(const DealFacts& deals, const DealSelection& selection,
                           const NegotiationReport& negotiation, const Facts* facts,
                           const CustomerReport* customers, const Scope& scope,
                           const config::Settings& settings, const StringPool& strings,
                           const OrderTotals* totals = nullptr);

/// An open deal is stale when its last activity (history event or update; created_at when
/// there is neither) is at least stale_days before as_of.
bool is_stale(const DealFacts& deals, std::uint32_t deal, const Scope& scope,
              const config::Settings& settings);

}  // namespace pulse::kpi
