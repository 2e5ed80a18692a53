#include "pulse/kpi/period_comparison.h"

#include <algorithm>

namespace pulse::kpi {
namespace {

Day earliest_data_day(const Facts* facts, const DealFacts& deals) {
  Day first = kNoDay;
  for (Day d : {facts ? facts->first_day : kNoDay, deals.has_deals ? deals.first_day : kNoDay})
    if (d != kNoDay && (first == kNoDay || d < first)) first = d;
  return first;
}

std::optional<PeriodFigures> figures_for(Day from, Day to, const Facts* facts,
                                         const DealFacts& deals, const Scope& scope,
                                         const config::Settings& settings,
                                         const StringPool& strings, const CustomerOutlook* outlook,
                                         const OrderTotals* totals, Day data_first) {
  if (from == kNoDay || to == kNoDay || from > to || data_first == kNoDay || from < data_first)
    return std::nullopt;
  Scope shifted = scope;
  shifted.from = from;
  shifted.to = to;
  PeriodFigures out;
  out.from = from;
  out.to = to;
  if (facts)
    out.customers = customer_profiles(*facts, shifted, settings, strings, outlook, totals).summary;
  if (deals.has_deals) {
    const DealSelection selection = select_deals(deals, facts, shifted, strings);
    out.negotiations = negotiations(deals, selection, shifted, settings, strings).summary;
  }
  return out;
}

}  // namespace

Day year_earlier(Day day) {
  if (day == kNoDay) return kNoDay;
  const CivilDate c = civil_from_day(day);
  const unsigned d = (c.month == 2 && c.day == 29) ? 28 : c.day;
  return day_from_civil(c.year - 1, c.month, d);
}

PeriodComparison compare_periods(const Facts* facts, const DealFacts& deals, const Scope& scope,
                                 const config::Settings& settings, const StringPool& strings,
                                 const CustomerOutlook* outlook, const OrderTotals* totals) {
  PeriodComparison out;
  if (scope.from == kNoDay || scope.to == kNoDay || scope.from > scope.to) return out;
  const Day first = earliest_data_day(facts, deals);
  const Day length = scope.to - scope.from + 1;
  out.previous = figures_for(scope.from - length, scope.from - 1, facts, deals, scope, settings,
                             strings, outlook, totals, first);
  out.year_ago = figures_for(year_earlier(scope.from), year_earlier(scope.to), facts, deals, scope,
                             settings, strings, outlook, totals, first);
  return out;
}

}  // namespace pulse::kpi
