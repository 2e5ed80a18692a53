#pragma once
// The report's JSON writers read back as nlohmann trees, for tests that look inside one part
// of the document. The engine writes JSON as text (report/json_writer.h) and needs no tree.

#include <nlohmann/json.hpp>

#include "pulse/kpi/deals.h"
#include "pulse/kpi/negotiations.h"
#include "pulse/model/load_report.h"
#include "pulse/model/string_pool.h"

namespace pulse::test {

/// A file's load report as the report's "load" entries write it.
nlohmann::json load_tree(const LoadReport& load);

/// The negotiations dashboard as the report writes it.
nlohmann::json negotiations_tree(const kpi::NegotiationReport& report, const kpi::DealFacts& deals,
                                 const StringPool& strings);

}  // namespace pulse::test
