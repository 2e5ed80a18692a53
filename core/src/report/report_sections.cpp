#include "pulse/report/report_sections.h"

#include <utility>

namespace pulse::report {
namespace {

constexpr std::pair<std::string_view, Section> kNames[] = {
    {"customers", Section::customers},       {"catalogs", Section::catalogs},
    {"negotiations", Section::negotiations}, {"sales_team", Section::sales_team},
    {"attention", Section::attention},       {"comparisons", Section::comparisons},
};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<Sections> parse_sections(std::string_view list, std::string_view* unknown) {
  if (trimmed(list).empty()) return Sections::all();
  Sections out = Sections::none();
  while (true) {
    const std::size_t comma = list.find(',');
    const std::string_view name = trimmed(list.substr(0, comma));
    bool known = false;
    for (const auto& [key, section] : kNames)
      if (name == key) {
        out = out.with(section);
        known = true;
      }
    if (!known) {
      if (unknown) *unknown = name;
      return std::nullopt;
    }
    if (comma == std::string_view::npos) return out;
    list.remove_prefix(comma + 1);
  }
}

}  // namespace pulse::report
