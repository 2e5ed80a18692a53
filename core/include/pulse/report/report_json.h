#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "pulse/kpi/catalogs.h"
#include "pulse/kpi/customer_profiles.h"
#include "pulse/kpi/facts.h"
#include "pulse/model/load_report.h"
#include "pulse/model/message.h"
#include "pulse/report/json_writer.h"

namespace pulse::report {

/// The JSON of SPEC §4, in one place. Money and ratios are not rounded; a figure that
/// cannot be computed is null.
void write_load(JsonWriter& w, const LoadReport& load);
/// The customers summary's period fields, inside an object the caller opened (also written
/// for the comparison periods).
void write_customer_summary_fields(JsonWriter& w, const kpi::CustomerSummary& summary);
void write_customers(JsonWriter& w, const kpi::CustomerReport& report, const kpi::Facts& facts,
                     const StringPool& strings);
void write_catalogs(JsonWriter& w, const kpi::CatalogReport& report, const kpi::Facts& facts,
                    const StringPool& strings);
/// `{"unavailable": "why", "code": "pulse.unavailable.001", "params": {}}`: a dashboard without
/// the data it needs, with the code (pulse/message_codes.h) a page words in its own language.
/// There is no text-only form: every reason has a code.
void write_unavailable(JsonWriter& w, const Message& why);

}  // namespace pulse::report
