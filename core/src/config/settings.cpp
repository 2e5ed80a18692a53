#include "pulse/config/settings.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/io/date_parser.h"
#include "pulse/message_codes.h"

namespace pulse::config {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& key, const std::string& why) {
  throw PulseError(ids::kSettingBad, "settings." + key + ": " + why);
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

/// A bound as a person writes it: 3650, not 3650.0.
std::string number_text(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return json(v).dump();
}

/// A number within [lo, hi]; integers must be whole. Read as double first so that 1e300 or
/// -5 is refused with its range instead of being converted with undefined behaviour.
template <class T>
void number_setting(const json& doc, const char* key, T& out, double lo, double hi) {
  if (!doc.contains(key) || doc[key].is_null()) return;
  if (!doc[key].is_number()) bad(key, "expected a number");
  const double v = doc[key].get<double>();
  const std::string range = "expected a number from " + number_text(lo) + " to " + number_text(hi);
  if (!std::isfinite(v) || v < lo || v > hi) bad(key, range + ", got " + doc[key].dump());
  if (std::is_integral<T>::value && v != std::floor(v))
    bad(key, "expected a whole number, got " + doc[key].dump());
  out = static_cast<T>(v);
}

/// Three non-decreasing numbers within [lo, hi].
void triple_setting(const json& doc, const char* key, std::array<double, 3>& out, double lo,
                    double hi, const char* example) {
  if (!doc.contains(key) || doc[key].is_null()) return;
  const json& t = doc[key];
  const std::string expected = std::string("expected three numbers from ") + number_text(lo) +
                               " to " + number_text(hi) + " such as " + example;
  if (!t.is_array() || t.size() != 3) bad(key, expected);
  std::array<double, 3> v{};
  for (std::size_t i = 0; i < 3; ++i) {
    if (!t[i].is_number()) bad(key, expected);
    v[i] = t[i].get<double>();
    if (!std::isfinite(v[i]) || v[i] < lo || v[i] > hi) bad(key, expected);
  }
  out = v;
}

json date_json(const std::optional<Day>& d) {
  return d ? json(format_day(*d)) : json(nullptr);
}
json text_json(const std::optional<std::string>& s) {
  return s ? json(*s) : json(nullptr);
}

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
      if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        cp += 0x20;  // À..Þ -> à..þ
      else if (cp >= 0x400 && cp <= 0x40F)
        cp += 0x50;  // Ѐ..Џ -> ѐ..џ
      else if (cp >= 0x410 && cp <= 0x42F)
        cp += 0x20;  // А..Я -> а..я
      else if (cp == 0x490)
        cp = 0x491;                 // Ґ -> ґ
      if (cp == 0x451) cp = 0x435;  // ё -> е, as Russian is often typed
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
  if (!doc.is_object()) throw PulseError(ids::kSettingsNotObject, "settings: expected an object");
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
  list_setting(doc, "non_product_skus", s.non_product_skus);
  if (auto period = text_setting(doc, "elasticity_period")) {
    if (*period != "week" && *period != "month")
      bad("elasticity_period", "expected \"week\" or \"month\"");
    s.elasticity_period = *period;
  }
  triple_setting(doc, "status_thresholds", s.status_thresholds, 0, 1000, "[1.0, 1.5, 3.0]");
  if (!(s.status_thresholds[0] <= s.status_thresholds[1] &&
        s.status_thresholds[1] <= s.status_thresholds[2]))
    bad("status_thresholds", "expected three increasing numbers");
  triple_setting(doc, "activity_thresholds", s.activity_thresholds, 0, 1, "[0.8, 0.6, 0.4]");
  if (!(s.activity_thresholds[0] >= s.activity_thresholds[1] &&
        s.activity_thresholds[1] >= s.activity_thresholds[2]))
    bad("activity_thresholds", "expected three decreasing probabilities");
  number_setting(doc, "expiring_days", s.expiring_days, 0, 3650);
  number_setting(doc, "stale_days", s.stale_days, 0, 3650);
  if (auto rounds = text_setting(doc, "rounds_status")) s.rounds_status = *rounds;
  number_setting(doc, "horizon_days", s.horizon_days, 1, 3650);
  number_setting(doc, "shrinking_recent_orders", s.shrinking_recent_orders, 1, 100);
  number_setting(doc, "shrinking_drop", s.shrinking_drop, 0.01, 0.99);
  number_setting(doc, "elasticity_confidence", s.elasticity_confidence, 0.5, 0.999);
  number_setting(doc, "discount_cut", s.discount_cut, 0.01, 0.9);
  if (auto method = text_setting(doc, "win_probability_method")) {
    if (*method != "aalen_johansen" && *method != "closed_share")
      bad("win_probability_method", "expected \"aalen_johansen\" or \"closed_share\"");
    s.win_probability_method = *method;
  }
  for (const auto& entry : doc.get_ref<const json::object_t&>())
    if (std::find(std::begin(kSettingKeys), std::end(kSettingKeys), entry.first) ==
        std::end(kSettingKeys))
      s.unknown_keys.push_back(entry.first);
  return s;
}

std::vector<Message> unknown_setting_warnings(const Settings& s) {
  std::vector<Message> out;
  for (const std::string& key : s.unknown_keys)
    out.push_back(Message(ids::kWarnUnknownSetting,
                          "settings." + key + ": not a setting of this version; ignored")
                      .param("name", key));
  return out;
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
              {"non_product_skus", s.non_product_skus},
              {"elasticity_period", s.elasticity_period},
              {"status_thresholds", s.status_thresholds},
              {"expiring_days", s.expiring_days},
              {"stale_days", s.stale_days},
              {"rounds_status", s.rounds_status},
              {"horizon_days", s.horizon_days},
              {"activity_thresholds", s.activity_thresholds},
              {"shrinking_recent_orders", s.shrinking_recent_orders},
              {"shrinking_drop", s.shrinking_drop},
              {"elasticity_confidence", s.elasticity_confidence},
              {"discount_cut", s.discount_cut},
              {"win_probability_method", s.win_probability_method}};
}

}  // namespace pulse::config
