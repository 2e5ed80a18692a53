#include "json_difference.h"

#include <algorithm>
#include <cmath>

namespace pulse::test {

std::optional<std::string> first_json_difference(const nlohmann::json& a, const nlohmann::json& b,
                                                 const std::string& at,
                                                 const std::string& only_in_a,
                                                 const std::string& only_in_b) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    if (std::fabs(x - y) <= 1e-9 * std::max({1.0, std::fabs(x), std::fabs(y)})) return std::nullopt;
    return at + ": " + a.dump() + " vs " + b.dump();
  }
  if (a.type() != b.type())
    return at + ": " + a.dump().substr(0, 120) + " vs " + b.dump().substr(0, 120);
  if (a.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key())) return at + "." + it.key() + ": " + only_in_a;
      if (auto d = first_json_difference(it.value(), b[it.key()], at + "." + it.key(), only_in_a,
                                         only_in_b))
        return d;
    }
    for (auto it = b.begin(); it != b.end(); ++it)
      if (!a.contains(it.key())) return at + "." + it.key() + ": " + only_in_b;
    return std::nullopt;
  }
  if (a.is_array()) {
    if (a.size() != b.size())
      return at + ": " + std::to_string(a.size()) + " items vs " + std::to_string(b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
      if (auto d = first_json_difference(a[i], b[i], at + "[" + std::to_string(i) + "]", only_in_a,
                                         only_in_b))
        return d;
    return std::nullopt;
  }
  if (a != b) return at + ": " + a.dump() + " vs " + b.dump();
  return std::nullopt;
}

}  // namespace pulse::test
