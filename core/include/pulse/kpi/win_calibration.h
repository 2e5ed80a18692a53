#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pulse/kpi/deals.h"
#include "pulse/kpi/facts.h"
#include "pulse/kpi/scope.h"
#include "pulse/kpi/scoring.h"

namespace pulse::kpi {

struct WinCalibrationOptions {
  std::int64_t lookback_days = 90;  // the cutoff is as_of minus this many days
  std::size_t min_scored = 30;      // fewer decided deals give no bins (too noisy to read)
  std::size_t bins = 5;             // quintiles of the predicted chance
};

/// How far the win chances can be trusted (docs/kpi-deals.md, "Calibration of the win
/// chance"): the open deals as they stood `lookback_days` before as_of, their win chance then
/// (by the method in use), against what happened to them by as_of.
struct WinCalibration {
  std::string method;  // Settings::win_probability_method
  std::int64_t lookback_days = 0;
  Day cutoff = kNoDay;
  std::int64_t open_at_cutoff = 0;  // open deals in the filters at the cutoff
  std::int64_t undecided = 0;       // of those, still open at as_of (or closed after it)
  std::int64_t unpredicted = 0;     // decided, but no chance at the cutoff (nothing had closed)
  std::int64_t scored = 0;          // decided by as_of and with a chance at the cutoff
  std::int64_t won = 0;             // of the scored deals
  std::optional<double> observed_share;  // won / scored
  // Null (and empty), with `reason`, when fewer than min_scored deals are scored.
  std::vector<CalibrationBin> bins;  // by quantile of the predicted chance, increasing
  std::optional<double> brier;
  std::optional<double> brier_constant;  // a constant prediction at observed_share
  std::string reason;                    // why there are no bins; empty when there are
};

/// Cuts the deals at as_of - lookback_days (deals_as_of), predicts the win chance of each
/// deal open then exactly as the negotiations dashboard would have on that day (same filters
/// and method), and scores the deals won or lost between the cutoff and as_of. `strings` may
/// gain the status "open" (see deals_as_of). `facts` (may be null) serves the catalog filter.
WinCalibration win_calibration(const DealFacts& deals, const Facts* facts, const Scope& scope,
                               const config::Settings& settings, StringPool& strings,
                               const WinCalibrationOptions& options = {});

}  // namespace pulse::kpi
