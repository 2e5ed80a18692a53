#include "pulse/kpi/scope.h"

namespace pulse::kpi {
namespace {

std::optional<StrId> filter_id(const std::optional<std::string>& value, const StringPool& strings) {
  if (!value) return std::nullopt;
  std::string_view text = *value;  // ids are compared trimmed, as they are loaded
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  const StrId id = strings.find(text);
  // kNoStr never matches a row, which is what a filter on an unknown value should do.
  return id;
}

}  // namespace

Scope resolve_scope(const config::Settings& settings, const StringPool& strings, Day earliest_day,
                    Day latest_day) {
  Scope scope;
  scope.as_of = settings.as_of.value_or(latest_day);
  scope.from = settings.from.value_or(earliest_day);
  scope.to = settings.to.value_or(scope.as_of);
  scope.catalog = filter_id(settings.catalog, strings);
  scope.sales_rep = filter_id(settings.sales_rep, strings);
  scope.customer = filter_id(settings.customer, strings);
  return scope;
}

}  // namespace pulse::kpi
