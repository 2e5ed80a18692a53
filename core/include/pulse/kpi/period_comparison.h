#pragma once

#include <optional>

#include "pulse/kpi/customer_profiles.h"
#include "pulse/kpi/deals.h"
#include "pulse/kpi/negotiations.h"

namespace pulse::kpi {

/// The headline figures of one period, for "compared with what?" on the KPI tiles.
struct PeriodFigures {
  Day from = kNoDay;
  Day to = kNoDay;
  std::optional<CustomerSummary> customers;        // null without orders
  std::optional<NegotiationSummary> negotiations;  // null without deals
};

/// The period before the current one (same length, ending the day before `from`) and the same
/// dates a calendar year earlier; each is null when the data does not reach back to its start
/// (a comparison with half a period would read as a fall). docs/kpi.md "Comparisons".
struct PeriodComparison {
  std::optional<PeriodFigures> previous;
  std::optional<PeriodFigures> year_ago;
};

/// `facts` null without orders; `outlook` the forecast already computed for scope.as_of (the
/// comparison periods keep as_of, so the customers' forecasts are not needed again); `totals`
/// the facts' orders summed (order_totals.h), or null.
PeriodComparison compare_periods(const Facts* facts, const DealFacts& deals, const Scope& scope,
                                 const config::Settings& settings, const StringPool& strings,
                                 const CustomerOutlook* outlook,
                                 const OrderTotals* totals = nullptr);

/// The same calendar date a year earlier (29 February becomes 28 February).
Day year_earlier(Day day);

}  // namespace pulse::kpi
