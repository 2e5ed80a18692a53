#pragma once

#include "pulse/report/json_writer.h"

namespace pulse::report {

/// What the engine reads, for a page or a tool that must not keep its own copy: every role with
/// its fields (in the engine's order) and the fields a file of that role must have, each
/// field's kind, and how many problems a load report lists (LoadReport::kMaxProblems).
/// {"roles": {"orders": {"fields": [...], "required": [...]}, ...},
///  "fields": {"order_date": "date", ...}, "problem_cap": 100}
void write_schema(JsonWriter& w);

}  // namespace pulse::report
