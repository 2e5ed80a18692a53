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
  // From orders: null when no orders are loaded.
  std::optional<double> revenue;
  std::optional<std::int64_t> orders;
  std::optional<double> aov;
  std::optional<std::int64_t> customers;
  std::optional<std::int64_t> customers_overdue;
  std::vector<StrId> attention;  // customer ids, overdue or lapsed, by overdue ratio
};

struct SalesTeamReport {
  std::vector<RepRow> reps;  // by rep id, "Unassigned" last
};

/// Per rep: deal figures from `selection` and `negotiation` (whose open deals carry the win
/// probabilities), order figures from `facts` and `customers` (both null without orders).
SalesTeamReport sales_team(const DealFacts& deals, const DealSelection& selection,
                           const NegotiationReport& negotiation, const Facts* facts,
                           const CustomerReport* customers, const Scope& scope,
                           const Settings& settings, const StringPool& strings);

/// An open deal is stale when its last activity (history event or update; created_at when
/// there is neither) is at least stale_days before as_of.
bool is_stale(const DealFacts& deals, std::uint32_t deal, const Scope& scope,
              const Settings& settings);

}  // namespace pulse::kpi
