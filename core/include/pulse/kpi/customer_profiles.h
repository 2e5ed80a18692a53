#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pulse/kpi/customer_outlook.h"
#include "pulse/kpi/facts.h"
#include "pulse/kpi/order_totals.h"
#include "pulse/kpi/scope.h"

namespace pulse::kpi {

/// Where a customer stands against its own ordering rhythm (SPEC §3).
enum class CustomerStatus : std::uint8_t { on_track, due, overdue, lapsed, unknown };
constexpr std::size_t kCustomerStatusCount = 5;
const char* status_name(CustomerStatus status);
CustomerStatus status_for_ratio(std::optional<double> ratio,
                                const std::array<double, 3>& thresholds);
/// The band of a customer's relative chance (p_order_next now / on the day of its last order):
/// >= t[0] on_track, >= t[1] due, >= t[2] overdue, else lapsed; unknown without one.
CustomerStatus status_for_activity(std::optional<double> relative_chance,
                                   const std::array<double, 3>& thresholds);

/// Which rule set a customer's status (docs/kpi.md "Status"): the rhythm of its order days,
/// the fall of the model's order chance since the last order, or nothing.
enum class StatusBasis : std::uint8_t { rhythm, activity, none };
const char* status_basis_name(StatusBasis basis);

struct CustomerRow {
  std::uint32_t customer = 0;   // dense index into Facts
  std::int64_t orders = 0;      // in the period
  std::optional<double> units;  // null when units are unknown (order headers only)
  double revenue = 0;
  std::optional<double> aov;
  std::optional<double> margin;
  std::optional<double> margin_pct;
  Day first_order = kNoDay;  // up to as_of
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
  std::optional<double> revenue_at_risk;  // normal H-day revenue x (1 - p_order_next)
  std::optional<double> relative_chance;  // p_order_next / its value at the last order
  StatusBasis status_basis = StatusBasis::none;

  // Still ordering on time, but recent orders clearly smaller than the customer's usual.
  bool shrinking = false;
  std::optional<double> order_value_drop;  // 1 - recent median / earlier median
  std::optional<double> recent_order_value;
  std::optional<double> usual_order_value;

  // For a late customer: was there a comparable pause a year earlier (or does the catalog dip
  // then)? null when the data cannot tell or the customer is not late.
  std::optional<bool> seasonal_pause;
  bool year_ago_covered = false;
  int year_ago_order_days = 0;
  std::optional<double> catalog_dip;
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

/// Customers grouped by the month of their first order (docs/kpi.md "Cohorts").
struct CohortCell {
  std::int64_t active = 0;  // cohort customers with an order in that month
  double revenue = 0;
};
struct CohortRow {
  Day month = kNoDay;  // the cohort's first month
  std::int64_t customers = 0;
  std::vector<CohortCell> cells;  // month 0 (the first) up to as_of's month
};

struct CustomerReport {
  Day as_of = kNoDay;
  Day from = kNoDay;  // the period, for months it covers only in part
  Day to = kNoDay;
  CustomerSummary summary;
  std::vector<CustomerMonth> monthly;
  std::vector<CustomerRow> rows;             // by revenue in the period, then customer id
  std::vector<CohortRow> cohorts;            // oldest first; at most kMaxCohorts, the latest
  bool last_month_partial = false;           // as_of is not the last day of its month
  const CustomerOutlook* outlook = nullptr;  // the model behind the forecasts, when fitted
  double revenue_at_risk = 0;                // summed over the rows
  double expected_revenue_next = 0;
  std::int64_t shrinking_customers = 0;
};
constexpr std::size_t kMaxCohorts = 24;

/// The customer profiles dashboard: per customer with an order up to as_of. `outlook` is the
/// forecast for scope.as_of (the engine caches it across filter changes); when null it is
/// computed here and the report keeps no pointer to it. `totals`: the facts' orders summed
/// (order_totals.h), read instead of their lines when no catalog filter picks lines; the same
/// figures either way.
CustomerReport customer_profiles(const Facts& facts, const Scope& scope,
                                 const config::Settings& settings, const StringPool& strings,
                                 const CustomerOutlook* outlook = nullptr,
                                 const OrderTotals* totals = nullptr);

/// True when order `o` passes the rep and customer filters (the catalog filter is per line).
bool order_in_filter(const Facts& facts, const Scope& scope, std::uint32_t o);
bool line_in_filter(const Facts& facts, const Scope& scope, std::uint32_t line);

}  // namespace pulse::kpi
