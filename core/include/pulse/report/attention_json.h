#pragma once

#include "pulse/kpi/attention.h"
#include "pulse/report/json_writer.h"

namespace pulse::report {

/// Writes the report's `attention` (the ranked items) and `attention_total` (how many there
/// were before the cap) keys into the open object: docs/kpi.md, "Attention list".
void write_attention(JsonWriter& w, const kpi::AttentionList& list);

}  // namespace pulse::report
