#include "pulse/ingest/source_rule.h"

#include <nlohmann/json.hpp>

namespace pulse::ingest {
namespace {

std::string_view field_at(const std::vector<std::string_view>& fields, int column) {
  if (column < 0 || static_cast<std::size_t>(column) >= fields.size()) return {};
  return trim_value(fields[static_cast<std::size_t>(column)]);
}

}  // namespace

std::string json_value_at(std::string_view json_text, std::string_view dotted_key) {
  if (json_text.empty() || json_text.front() != '{') return {};
  const nlohmann::json doc =
      nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (doc.is_discarded()) return {};
  const nlohmann::json* at = &doc;
  while (!dotted_key.empty()) {
    const std::size_t dot = dotted_key.find('.');
    const std::string key(dotted_key.substr(0, dot));
    if (!at->is_object()) return {};
    const auto it = at->find(key);
    if (it == at->end()) return {};
    at = &*it;
    dotted_key = dot == std::string_view::npos ? std::string_view() : dotted_key.substr(dot + 1);
  }
  if (at->is_string()) return at->get<std::string>();
  if (at->is_null() || at->is_object() || at->is_array()) return {};
  return at->dump();
}

std::string_view read_source(const std::vector<std::string_view>& fields, const SourceRule& rule,
                             std::string& scratch) {
  for (const SourceColumn& source : rule.alternatives) {
    std::string_view value = field_at(fields, source.column);
    if (!source.json_key.empty() && !value.empty()) {
      scratch = json_value_at(value, source.json_key);
      value = trim_value(scratch);
    }
    if (source.joined >= 0) {
      const std::string_view second = field_at(fields, source.joined);
      if (value.empty()) {
        value = second;
      } else if (!second.empty()) {
        std::string joined;
        joined.reserve(value.size() + 1 + second.size());
        joined.append(value).append(1, ' ').append(second);
        scratch = std::move(joined);
        value = scratch;
      }
    }
    if (!value.empty()) return value;
  }
  return {};
}

}  // namespace pulse::ingest
