#pragma once

#include <optional>
#include <string>

#include "pulse/kpi/facts.h"
#include "pulse/model/dataset.h"

namespace pulse::summary {

/// True when a summary table of orders or order items is loaded.
bool has_order_summaries(const Dataset& dataset);

/// Layer 2's input from the summary tables (docs/summaries.md): the same Facts that
/// kpi::build_facts makes from the raw files the summaries were written from. The status
/// exclusion was applied when the summaries were written (their `counted` column).
kpi::Facts facts_from_summaries(const Dataset& dataset, StringPool& strings);

/// A mix that would count orders twice: raw order lines or orders loaded beside summary
/// tables of orders. The message names the files ("[pulse.summary.001] ..."); nullopt when
/// the mix is sound (raw deals, customers or reps beside summaries are).
std::optional<std::string> double_count_error(const Dataset& dataset);

}  // namespace pulse::summary
