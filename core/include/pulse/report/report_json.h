#pragma once

#include <nlohmann/json.hpp>

#include "pulse/kpi/catalogs.h"
#include "pulse/kpi/customer_profiles.h"
#include "pulse/kpi/facts.h"
#include "pulse/model/load_report.h"

namespace pulse::report {

/// The JSON of SPEC §4, in one place. Money and ratios are not rounded; a figure that
/// cannot be computed is null.
nlohmann::json load_to_json(const LoadReport& load);
nlohmann::json customers_to_json(const kpi::CustomerReport& report, const kpi::Facts& facts,
                                 const StringPool& strings);
nlohmann::json catalogs_to_json(const kpi::CatalogReport& report, const kpi::Facts& facts,
                                const StringPool& strings);
nlohmann::json unavailable(const std::string& why);

}  // namespace pulse::report
