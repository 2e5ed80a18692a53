#pragma once

#include <nlohmann/json.hpp>

#include "pulse/kpi/deals.h"
#include "pulse/kpi/negotiations.h"
#include "pulse/kpi/sales_team.h"
#include "pulse/report/json_writer.h"

namespace pulse::report {

/// The `negotiations` and `sales_team` documents of SPEC §4. Money and ratios are not
/// rounded; a figure that cannot be computed is null; dates are "YYYY-MM-DD".
/// The negotiations summary object (also written for the comparison periods).
void write_negotiation_summary(JsonWriter& w, const kpi::NegotiationSummary& summary);
void write_negotiations(JsonWriter& w, const kpi::NegotiationReport& report,
                        const kpi::DealFacts& deals, const StringPool& strings);
void write_sales_team(JsonWriter& w, const kpi::SalesTeamReport& report,
                      const kpi::DealFacts& deals, const StringPool& strings);

}  // namespace pulse::report
