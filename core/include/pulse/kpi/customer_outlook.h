#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pulse/config/settings.h"
#include "pulse/kpi/facts.h"

namespace pulse::kpi {

/// What the data says about one customer's next months, as of a date (docs/kpi.md, "Return
/// probability" and "Shrinking and seasonal pauses"). Computed over ALL the customer's orders
/// up to as_of, whatever the page's catalog, rep or customer filter: a filter picks which
/// customers are shown, not what a customer is. So it depends on as_of and a few settings
/// only, and the engine keeps it while filters change.
struct CustomerForecast {
  std::optional<double> p_active;
  std::optional<double> p_order_next;
  std::optional<double> expected_orders_next;
  std::optional<double> expected_revenue_next;
  std::optional<double> revenue_at_risk;
  // p_order_next now / the same customer's p_order_next on the day of its last order: how far
  // its chance has fallen since it last ordered (1 = not at all).
  std::optional<double> relative_chance;
  double usual_window_revenue = 0;  // the customer's revenue of a normal horizon-long window

  // Order value trend: the median of the last k order days' values against the earlier ones'.
  std::optional<double> recent_order_value;
  std::optional<double> usual_order_value;
  std::optional<double> order_value_drop;  // 1 - recent / usual; null without enough orders

  // The same weeks a year earlier: [last_order - 363, as_of - 364], the days after the last order
  // moved back 52 weeks (weekdays match).
  bool year_ago_covered = false;      // the customer had ordered before that window began
  int year_ago_order_days = 0;        // the customer's order days inside that window
  std::optional<double> catalog_dip;  // 1 - the catalog's order rate then / its yearly rate
};

/// The fitted return model, as the report states it (kpi/btyd.h has the model itself).
struct FittedModel {
  std::string name;  // "bg_nbd" or "mbg_cnbd_k"
  int k = 1;
  double r = 0, alpha = 0, a = 0, b = 0;
  double log_likelihood = 0;
  double customers = 0;
};

/// A candidate model the selection rule compared.
struct ModelCandidate {
  std::string name;
  int k = 1;
  double log_likelihood = 0;
  bool converged = false;
};

struct CustomerOutlook {
  Day as_of = kNoDay;
  int horizon_days = 0;
  std::optional<FittedModel> model;  // null when too few customers ordered twice to fit one
  std::vector<ModelCandidate> candidates;
  std::vector<CustomerForecast> customers;  // by dense customer index of Facts
};

/// Fits the return model on every customer's order days up to as_of and forecasts each one.
CustomerOutlook customer_outlook(const Facts& facts, Day as_of, const config::Settings& settings);

}  // namespace pulse::kpi
