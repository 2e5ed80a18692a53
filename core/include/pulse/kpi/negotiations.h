#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pulse/kpi/deals.h"
#include "pulse/kpi/facts.h"
#include "pulse/kpi/scope.h"
#include "pulse/kpi/stage_flow.h"
#include "pulse/kpi/win_calibration.h"

namespace pulse::kpi {

/// The deals a report covers, filters applied: closed deals whose close date is in the period,
/// open deals created up to as_of (or with no created_at), and deals created in the period.
struct DealSelection {
  std::vector<std::uint32_t> closed;
  std::vector<std::uint32_t> open;
  std::vector<std::uint32_t> created;
  std::vector<std::uint32_t> filtered;  // every deal in the filters, whatever its dates
  std::int64_t closed_undated = 0;      // won or lost deals in the filters with no close date
};

/// `facts` (may be null) gives the catalog of a deal's customer when no customers file does.
DealSelection select_deals(const DealFacts& deals, const Facts* facts, const Scope& scope,
                           const StringPool& strings);

/// A sum of amounts where some may be unknown: null when there were items but none had a
/// known amount (or no deals table maps amount), else the sum of the known ones.
struct AmountSum {
  double sum = 0;
  std::int64_t items = 0;
  std::int64_t known = 0;

  void add(double amount) {
    ++items;
    if (std::isnan(amount)) return;
    sum += amount;
    ++known;
  }
  std::optional<double> value(bool amounts_mapped) const {
    if (!amounts_mapped || (items > 0 && known == 0)) return std::nullopt;
    return sum;
  }
};

struct NegotiationSummary {
  std::int64_t deals = 0;
  std::int64_t open = 0;
  std::int64_t won = 0;
  std::int64_t lost = 0;
  std::optional<double> win_rate;
  std::optional<double> won_amount;
  std::optional<double> avg_deal_size;  // over won deals with a known amount
  std::optional<double> cycle_days_median;
  std::optional<double> cycle_days_mean;
  std::optional<double> lost_cycle_days_median;
  std::optional<double> avg_discount;
  std::optional<double> rounds_mean;  // deals with a history
  std::optional<double> negotiation_days_median;
  std::int64_t expiring_soon = 0;
  std::int64_t closed_undated = 0;
};

struct StatusRow {
  std::uint32_t status = 0;  // index into DealFacts::status_label
  Outcome outcome = Outcome::open;
  std::int64_t count = 0;
  std::optional<double> amount;
};

struct NegotiationMonth {
  Day month = kNoDay;  // first day of the month
  std::int64_t won = 0;
  std::int64_t lost = 0;
  std::optional<double> win_rate;
  std::optional<double> won_amount;
  std::optional<double> cycle_days_median;  // of the deals won that month; null with none
  std::int64_t created = 0;
  bool partial = false;  // the period covers the month only in part: not comparable with others
};

struct OpenDeal {
  std::uint32_t deal = 0;  // index into DealFacts
  std::optional<std::int64_t> age_days;
  std::optional<double> win_probability;
  std::optional<double> expected_value;
  bool expiring_soon = false;
  // From the Aalen-Johansen curves whatever the method (docs/kpi-deals.md, "Win chance").
  std::optional<double> p_close_within_30d;
  std::optional<double> p_won_within_30d;
  Day expected_close = kNoDay;  // as_of + median remaining time to close
  bool win_tail = false;        // read at the last age with enough deals followed
};

struct NegotiationReport {
  NegotiationSummary summary;
  std::vector<StatusRow> by_status;       // open, won, lost; funnel order within each
  std::vector<NegotiationMonth> monthly;  // every month of the period
  std::vector<OpenDeal> open;             // by expected value, amount, deal id
  // The deals the summary counts (closed in the period, then open), for a deal's own page:
  // its dates, discount, rounds and history (docs/kpi-deals.md, "deals").
  std::vector<std::uint32_t> deals;
  std::string win_probability_method;  // Settings::win_probability_method
  StageFlow stage_flow;
  // How far to trust the win chances; negotiations() leaves it empty (it needs a cut of the
  // deals, see win_calibration.h) and the engine fills it.
  std::optional<WinCalibration> calibration;
};

/// The negotiations dashboard (SPEC §3 "Deals").
NegotiationReport negotiations(const DealFacts& deals, const DealSelection& selection,
                               const Scope& scope, const config::Settings& settings,
                               const StringPool& strings);

/// Open deals whose expires_at falls in [as_of, as_of + expiring_days].
bool expiring_soon(const DealFacts& deals, std::uint32_t deal, const Scope& scope,
                   const config::Settings& settings);

/// Days between two dates, or nullopt when either is unknown.
inline std::optional<double> days_between(Day from, Day to) {
  if (from == kNoDay || to == kNoDay) return std::nullopt;
  return static_cast<double>(to) - static_cast<double>(from);
}

}  // namespace pulse::kpi
