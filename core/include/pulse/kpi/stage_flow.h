#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "pulse/kpi/deals.h"
#include "pulse/kpi/scope.h"

namespace pulse::kpi {

/// One funnel stage of the stage flow: of the deals that reached it, how many moved on.
struct StageFlowRow {
  std::uint32_t status = 0;  // index into DealFacts::status_label
  std::int64_t reached = 0;
  std::optional<double> to_next_share;         // reached a later stage (or were won)
  std::optional<double> won_share;             // are won (open ones count as not won yet)
  std::optional<double> median_days_in_stage;  // deals that left the stage; null without history
};

struct RepStageFlow {
  StrId rep = kNoStr;
  std::vector<StageFlowRow> stages;  // the team's stages, same order
};

struct StageFlow {
  std::vector<StageFlowRow> team;    // funnel order
  std::vector<RepStageFlow> by_rep;  // by rep id
};

/// How deals move through the funnel (docs/kpi-deals.md, "Stage flow"): for each open stage
/// that some deal reached, how many reached it, the share that reached a later stage or were
/// won, the share won, and the median days spent in it; for the team and per rep. `deals` are
/// the deals of the summary (closed in the period and open).
StageFlow stage_flow(const DealFacts& deals, const std::vector<std::uint32_t>& selected,
                     const Scope& scope, const StringPool& strings);

}  // namespace pulse::kpi
