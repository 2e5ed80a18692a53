#pragma once
// Where two JSON documents part: the golden test (report against its golden file) and the summary
// round trip (report from raw files against the report from their summary tables) ask the same.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace pulse::test {

/// The first place a and b differ ("$.customers.rows[3].revenue: 12.5 vs 12.6"), or none.
/// Numbers agree within a relative 1e-9, so that another compiler's last bit (or sums added in
/// another order) does not matter. A key only a has is reported as `<path>: <only_in_a>`, one
/// only b has as `<path>: <only_in_b>`.
std::optional<std::string> first_json_difference(const nlohmann::json& a, const nlohmann::json& b,
                                                 const std::string& at,
                                                 const std::string& only_in_a,
                                                 const std::string& only_in_b);

}  // namespace pulse::test
