#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pulse/model/day.h"
#include "pulse/model/message.h"

namespace pulse::config {

/// Scope, filters and thresholds of a report (SPEC §3, §5). Unset dates take their defaults
/// from the data: as_of = latest order or deal date, from = earliest date, to = as_of.
struct Settings {
  std::optional<Day> as_of;
  std::optional<Day> from;
  std::optional<Day> to;
  std::optional<std::string> catalog;
  std::optional<std::string> sales_rep;
  std::optional<std::string> customer;
  // Magento's codes, then 1C's Russian cancellations ("Закрыт" is not one: 1C closes done orders).
  std::vector<std::string> excluded_statuses{
      "canceled", "cancelled", "closed",   "fraud",       "unavailable",  "отменен",
      "отменён",  "отменено",  "отменена", "аннулирован", "аннулировано", "аннулирована"};
  std::vector<std::string> won_statuses{"ordered", "won", "closed won"};
  std::vector<std::string> lost_statuses{"declined", "expired", "closed", "lost", "closed lost"};
  std::vector<std::string> stage_order{"created",
                                       "draft_by_admin",
                                       "processing_by_admin",
                                       "submitted_by_admin",
                                       "processing_by_customer",
                                       "submitted_by_customer"};
  // SKUs that are not products (postage, carriage, fees, bank charges, manual adjustments),
  // compared trimmed and ignoring case: left out of the product rows, ABC classes, elasticity,
  // discount advice and assortment; their revenue stays in the catalogs' and customers'
  // figures (an order's total keeps its postage). docs/kpi.md "Lines that are not products".
  std::vector<std::string> non_product_skus;
  std::string elasticity_period = "week";  // "week" or "month"
  std::array<double, 3> status_thresholds{1.0, 1.5, 3.0};
  int expiring_days = 14;
  int stale_days = 30;
  std::string rounds_status = "submitted_by_admin";

  // Forward-looking figures (docs/kpi.md, "Decisions").
  int horizon_days = 90;  // the "next H days" of p_order_next and revenue_at_risk
  // Bands of relative_chance (p_order_next now / on the day of the last order) for the status of
  // every customer: >= [0] on_track, >= [1] due, >= [2] overdue, else lapsed; the worse of this
  // and the rhythm's band is the status.
  std::array<double, 3> activity_thresholds{0.8, 0.6, 0.4};
  int shrinking_recent_orders = 3;     // the last k orders compared with the earlier median
  double shrinking_drop = 0.3;         // flagged when the recent median is this much lower
  double elasticity_confidence = 0.9;  // the slope's interval
  double discount_cut = 0.10;          // the price cut the discount projections try
  // "aalen_johansen" (open deals counted, docs/kpi-deals.md) or "closed_share" (SPEC §3's
  // naive rule, kept as the baseline).
  std::string win_probability_method = "aalen_johansen";

  // Keys of the settings object that name no setting (a typo, or a newer version's): ignored,
  // and said in the report's warnings (pulse.warning.008), never silently.
  std::vector<std::string> unknown_keys;
};

/// Every key a settings object may hold: the keys settings_to_json writes (a test holds the two
/// equal). A list of names rather than settings_to_json(Settings{}), which would bring the JSON
/// writer's code into the page's engine for one lookup.
inline constexpr const char* kSettingKeys[] = {"as_of",
                                               "from",
                                               "to",
                                               "catalog",
                                               "sales_rep",
                                               "customer",
                                               "excluded_statuses",
                                               "won_statuses",
                                               "lost_statuses",
                                               "stage_order",
                                               "non_product_skus",
                                               "elasticity_period",
                                               "status_thresholds",
                                               "expiring_days",
                                               "stale_days",
                                               "rounds_status",
                                               "horizon_days",
                                               "activity_thresholds",
                                               "shrinking_recent_orders",
                                               "shrinking_drop",
                                               "elasticity_confidence",
                                               "discount_cut",
                                               "win_probability_method"};

/// Reads the "settings" object of a workspace; absent keys keep their defaults, and keys that
/// name no setting are listed in `unknown_keys`.
/// Throws PulseError "pulse.config.*" for a wrong type or an unreadable date.
Settings settings_from_json(const nlohmann::json& doc);
nlohmann::json settings_to_json(const Settings& settings);

/// The report's warnings for `settings.unknown_keys`: one pulse.warning.008 per key.
std::vector<Message> unknown_setting_warnings(const Settings& settings);

/// Lower-cased, trimmed status text, as statuses are compared (case-insensitive): ASCII,
/// Latin-1 and Cyrillic letters are lower-cased, and "ё" reads as "е" ("Отменён" = "отменен").
std::string fold_status(std::string_view status);

}  // namespace pulse::config
