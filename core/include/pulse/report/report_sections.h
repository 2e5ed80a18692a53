#pragma once

#include <optional>
#include <string_view>

namespace pulse::report {

/// The report's dashboards, by their top-level keys: a report of some of them holds the head
/// (as_of, period, filters, load, warnings) and only those keys, each equal to the full
/// report's. The page asks for the dashboard on screen first and for the whole report after
/// (docs/architecture.md "Report by view").
enum class Section : unsigned {
  customers = 1u << 0,
  catalogs = 1u << 1,
  negotiations = 1u << 2,
  sales_team = 1u << 3,
  attention = 1u << 4,
  comparisons = 1u << 5,
};

class Sections {
 public:
  static Sections all() { return Sections(kAll); }
  static Sections none() { return Sections(0); }
  Sections with(Section s) const { return Sections(bits_ | static_cast<unsigned>(s)); }
  bool has(Section s) const { return (bits_ & static_cast<unsigned>(s)) != 0; }
  bool operator==(const Sections& other) const { return bits_ == other.bits_; }

 private:
  static constexpr unsigned kAll = (1u << 6) - 1;
  explicit Sections(unsigned bits) : bits_(bits) {}
  unsigned bits_;
};

/// "customers,catalogs" (the report's keys, comma-separated; spaces ignored) as Sections;
/// "" is every section; nullopt when a name is not a section (`unknown` then holds it).
std::optional<Sections> parse_sections(std::string_view list, std::string_view* unknown = nullptr);

}  // namespace pulse::report
