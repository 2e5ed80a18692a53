#include "pulse/kpi/settings.h"

#include <nlohmann/json.hpp>

#include "pulse/error.h"
#include "pulse/io/date_parser.h"

namespace pulse::kpi {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& key, const std::string& why) {
  throw PulseError("pulse.config.201", "settings." + key + ": " + why);
}

std::optional<Day> date_setting(const json& doc, const char* key) {
  if (!doc.contains(key) || doc[key].is_null()) return std::nullopt;
  if (!doc[key].is_string()) bad(key, "expected a date string such as \"2024-03-31\"");
  const auto day = io::parse_date(doc[key].get<std::string>(), io::DateOrder::unknown);
  if (!day) bad(key, "cannot read the date '" + doc[key].get<std::string>() + "'");
  return day;
}

std::optional<std::string> text_setting(const json& doc, const char* key) {
  if (!doc.contains(key) || doc[key].is_null()) return std::nullopt;
  if (!doc[key].is_string()) bad(key, "expected a string");
  return doc[key].get<std::string>();
}

void list_setting(const json& doc, const char* key, std::vector<std::string>& out) {
  if (!doc.contains(key) || doc[key].is_null()) return;
  if (!doc[key].is_array()) bad(key, "expected a list of strings");
  out.clear();
  for (const json& v : doc[key]) {
    if (!v.is_string()) bad(key, "expected a list of strings");
    out.push_back(v.get<std::string>());
  }
}

template <class T>
void number_setting(const json& doc, const char* key, T& out) {
  if (!doc.contains(key) || doc[key].is_null()) return;
  if (!doc[key].is_number()) bad(key, "expected a number");
  out = doc[key].get<T>();
}

json date_json(const std::optional<Day>& d) { return d ? json(format_day(*d)) : json(nullptr); }
json text_json(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

}  // namespace

std::string fold_status(std::string_view status) {
  while (!status.empty() && status.front() == ' ') status.remove_prefix(1);
  while (!status.empty() && status.back() == ' ') status.remove_suffix(1);
  std::string out;
  out.reserve(status.size());
  for (std::size_t i = 0; i < status.size(); ++i) {
    const auto c = static_cast<unsigned char>(status[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
      continue;
    }
    // Latin-1 and Cyrillic letters are two bytes in UTF-8: "ОТМЕНЁН" reads as "отменен".
    if ((c & 0xE0) == 0xC0 && i + 1 < status.size() &&
        (static_cast<unsigned char>(status[i + 1]) & 0xC0) == 0x80) {
      unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(status[i + 1]) & 0x3Fu);
      if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 0x20;       // À..Þ -> à..þ
      else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;              // Ѐ..Џ -> ѐ..џ
      else if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;              // А..Я -> а..я
      else if (cp == 0x490) cp = 0x491;                             // Ґ -> ґ
      if (cp == 0x451) cp = 0x435;                                  // ё -> е, as Russian is often typed
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
      ++i;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

Settings settings_from_json(const json& doc) {
  Settings s;
  if (doc.is_null()) return s;
  if (!doc.is_object()) throw PulseError("pulse.config.200", "settings: expected an object");
  s.as_of = date_setting(doc, "as_of");
  s.from = date_setting(doc, "from");
  s.to = date_setting(doc, "to");
  s.catalog = text_setting(doc, "catalog");
  s.sales_rep = text_setting(doc, "sales_rep");
  s.customer = text_setting(doc, "customer");
  list_setting(doc, "excluded_statuses", s.excluded_statuses);
  list_setting(doc, "won_statuses", s.won_statuses);
  list_setting(doc, "lost_statuses", s.lost_statuses);
  list_setting(doc, "stage_order", s.stage_order);
  if (auto period = text_setting(doc, "elasticity_period")) {
    if (*period != "week" && *period != "month") bad("elasticity_period", "expected \"week\" or \"month\"");
    s.elasticity_period = *period;
  }
  if (doc.contains("status_thresholds") && !doc["status_thresholds"].is_null()) {
    const json& t = doc["status_thresholds"];
    if (!t.is_array() || t.size() != 3 || !t[0].is_number() || !t[1].is_number() || !t[2].is_number())
      bad("status_thresholds", "expected three increasing numbers such as [1.0, 1.5, 3.0]");
    s.status_thresholds = {t[0].get<double>(), t[1].get<double>(), t[2].get<double>()};
    if (!(s.status_thresholds[0] <= s.status_thresholds[1] && s.status_thresholds[1] <= s.status_thresholds[2]))
      bad("status_thresholds", "expected three increasing numbers");
  }
  number_setting(doc, "expiring_days", s.expiring_days);
  number_setting(doc, "stale_days", s.stale_days);
  if (auto rounds = text_setting(doc, "rounds_status")) s.rounds_status = *rounds;
  return s;
}

json settings_to_json(const Settings& s) {
  return json{{"as_of", date_json(s.as_of)},
              {"from", date_json(s.from)},
              {"to", date_json(s.to)},
              {"catalog", text_json(s.catalog)},
              {"sales_rep", text_json(s.sales_rep)},
              {"customer", text_json(s.customer)},
              {"excluded_statuses", s.excluded_statuses},
              {"won_statuses", s.won_statuses},
              {"lost_statuses", s.lost_statuses},
              {"stage_order", s.stage_order},
              {"elasticity_period", s.elasticity_period},
              {"status_thresholds", s.status_thresholds},
              {"expiring_days", s.expiring_days},
              {"stale_days", s.stale_days},
              {"rounds_status", s.rounds_status}};
}

}  // namespace pulse::kpi
