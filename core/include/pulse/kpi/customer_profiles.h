#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pulse/kpi/facts.h"
#include "pulse/kpi/scope.h"

namespace pulse::kpi {

/// Where a customer stands against its own ordering rhythm (SPEC §3).
enum class CustomerStatus : std::uint8_t { on_track, due, overdue, lapsed, unknown };
constexpr std::size_t kCustomerStatusCount = 5;
const char* status_name(CustomerStatus status);
CustomerStatus status_for_ratio(std::optional<double> ratio, const std::array<double, 3>& thresholds);

struct CustomerRow {
  std::uint32_t customer = 0;  // dense index into Facts
  std::int64_t orders = 0;     // in the period
  std::optional<double> units;  // null when units are unknown (order headers only)
  double revenue = 0;
  std::optional<double> aov;
  std::optional<double> margin;
  std::optional<double> margin_pct;
  Day first_order = kNoDay;    // up to as_of
  Day last_order = kNoDay;
  std::int64_t days_since_last_order = 0;
  std::optional<double> median_interval_days;
  Day expected_next_order = kNoDay;
  std::optional<double> overdue_ratio;
  CustomerStatus status = CustomerStatus::unknown;
  std::string rfm;  // empty (null) for customers without an order in the period

  // Forward-looking figures (docs/kpi.md, "Return probability"); null when no model could
  // be fitted (too few customers with repeat orders).
  std::optional<double> p_active;              // still active as of as_of
  std::optional<double> p_order_next;          // at least one order in the next horizon_days
  std::optional<double> expected_orders_next;  // orders expected in the next horizon_days
  std::optional<double> expected_revenue_next;
  std::optional<double> revenue_at_risk;       // normal H-day revenue x (1 - p_order_next)
};

struct CustomerSummary {
  std::int64_t customers = 0;  // with an order in the period
  std::int64_t orders = 0;
  double revenue = 0;
  std::optional<double> units;
  std::optional<double> aov;
  std::optional<double> margin;
  std::optional<double> margin_pct;
  double unattributed_revenue = 0;
  std::int64_t repeat_customers = 0;
  std::optional<double> repeat_rate;
  std::array<std::int64_t, kCustomerStatusCount> status_counts{};
};

struct CustomerMonth {
  Day month = kNoDay;  // first day of the month
  double revenue = 0;
  std::int64_t orders = 0;
  std::int64_t active_customers = 0;
};

struct CustomerReport {
  CustomerSummary summary;
  std::vector<CustomerMonth> monthly;
  std::vector<CustomerRow> rows;  // by revenue in the period, then customer id
};

/// The customer profiles dashboard: per customer with an order up to as_of.
CustomerReport customer_profiles(const Facts& facts, const Scope& scope, const Settings& settings,
                                 const StringPool& strings);

/// True when order `o` passes the rep and customer filters (the catalog filter is per line).
bool order_in_filter(const Facts& facts, const Scope& scope, std::uint32_t o);
bool line_in_filter(const Facts& facts, const Scope& scope, std::uint32_t line);

}  // namespace pulse::kpi
