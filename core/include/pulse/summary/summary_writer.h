#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "pulse/kpi/facts.h"
#include "pulse/model/dataset.h"

namespace pulse::summary {

/// One summary table as CSV text, with how many rows it has.
struct SummaryFile {
  std::string name;  // "pulse_orders.csv"
  std::string csv;
  std::size_t rows = 0;
};

/// Layer 1 in C++: the summary tables (docs/summaries.md) of a dataset whose facts were built
/// from raw files (`facts` from kpi::build_facts on `dataset`, so the status exclusion of the
/// settings is applied). Numbers are written in the shortest form that reads back bit for bit,
/// rows in the facts' order, so that the facts read back identical.
std::vector<SummaryFile> write_summaries(const Dataset& dataset, const kpi::Facts& facts);

}  // namespace pulse::summary
