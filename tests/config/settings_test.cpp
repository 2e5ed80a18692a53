// Settings are read with ranges: an out-of-range or non-whole number is refused with a located
// message instead of being converted with undefined behaviour (fuzzing found
// {"expiring_days": 1e300} giving wrong figures silently).
#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/config/settings.h"
#include "pulse/error.h"

using nlohmann::json;
using pulse::PulseError;
using pulse::config::Settings;
using pulse::config::settings_from_json;
using pulse::config::settings_to_json;

namespace {

std::string refusal(const char* text) {
  try {
    settings_from_json(json::parse(text));
  } catch (const PulseError& e) {
    CHECK(e.id() == "pulse.config.201");
    return e.what();
  }
  FAIL("accepted: " << text);
  return {};
}

}  // namespace

TEST_CASE("Settings: numbers out of range are refused with their range", "[kpi][settings]") {
  CHECK(refusal(R"({"expiring_days": 1e300})")
            .find("settings.expiring_days: expected a number from 0 to 3650") != std::string::npos);
  CHECK(refusal(R"({"stale_days": -5})").find("settings.stale_days") != std::string::npos);
  CHECK(refusal(R"({"expiring_days": 2.5})").find("expected a whole number") != std::string::npos);
  CHECK(refusal(R"({"expiring_days": 4294967310})").find("settings.expiring_days") !=
        std::string::npos);
  CHECK(refusal(R"({"horizon_days": 0})").find("settings.horizon_days") != std::string::npos);
  CHECK(refusal(R"({"discount_cut": 1.5})").find("settings.discount_cut") != std::string::npos);
  CHECK(refusal(R"({"elasticity_confidence": 0.2})").find("settings.elasticity_confidence") !=
        std::string::npos);
  CHECK(refusal(R"({"activity_thresholds": [0.4, 0.6, 0.8]})").find("decreasing") !=
        std::string::npos);
  CHECK(refusal(R"({"status_thresholds": [1, 2, 1e300]})").find("settings.status_thresholds") !=
        std::string::npos);
  CHECK(refusal(R"({"win_probability_method": "magic"})").find("aalen_johansen") !=
        std::string::npos);
}

TEST_CASE("Settings: numbers in range are read as given", "[kpi][settings]") {
  const Settings s = settings_from_json(json::parse(
      R"({"expiring_days": 22, "stale_days": 0, "horizon_days": 60, "discount_cut": 0.05,
          "activity_thresholds": [0.9, 0.5, 0.1], "win_probability_method": "closed_share"})"));
  CHECK(s.expiring_days == 22);
  CHECK(s.stale_days == 0);
  CHECK(s.horizon_days == 60);
  CHECK(s.discount_cut == Approx(0.05));
  CHECK(s.activity_thresholds[2] == Approx(0.1));
  CHECK(s.win_probability_method == "closed_share");
  const Settings defaults = settings_from_json(json::object());
  CHECK(defaults.expiring_days == 14);
  CHECK(defaults.horizon_days == 90);
}

TEST_CASE("Settings: a key that names no setting is listed, not read, not refused",
          "[kpi][settings]") {
  const Settings s = settings_from_json(
      json::parse(R"({"from": "2024-01-01", "date_from": "2023-01-01", "horizon_day": 30})"));
  CHECK(s.from.has_value());
  CHECK(s.unknown_keys == std::vector<std::string>{"date_from", "horizon_day"});
  CHECK(s.horizon_days == Settings{}.horizon_days);
  // The list of setting names is the keys the settings are written with, no more, no less.
  std::vector<std::string> written;
  const json defaults = settings_to_json(Settings{});
  for (const auto& item : defaults.items()) written.push_back(item.key());
  std::vector<std::string> listed(std::begin(pulse::config::kSettingKeys),
                                  std::end(pulse::config::kSettingKeys));
  std::sort(listed.begin(), listed.end());
  CHECK(listed == written);  // a json object's keys come sorted
  CHECK(settings_from_json(settings_to_json(Settings{})).unknown_keys.empty());
}
