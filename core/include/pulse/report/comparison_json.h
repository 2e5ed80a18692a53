#pragma once

#include "pulse/kpi/period_comparison.h"
#include "pulse/report/json_writer.h"

namespace pulse::report {

/// `comparisons: {previous, year_ago}`: each `{from, to, customers, negotiations}` or null when
/// the data does not cover that period (docs/kpi.md "Comparisons").
void write_comparisons(JsonWriter& w, const kpi::PeriodComparison& comparison);

}  // namespace pulse::report
