#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/config/settings.h"
#include "pulse/kpi/customer_profiles.h"
#include "pulse/kpi/scoring.h"
#include "pulse/model/dataset.h"

namespace pulse::report {

/// How well one prediction (a probability or a ranking score) foretold what happened.
struct PredictionScore {
  std::size_t n = 0;        // cases with a prediction
  std::size_t missing = 0;  // cases whose prediction was null (left out of the scores)
  double auc = 0;           // NaN when one outcome class is empty
  double brier = 0;         // NaN for a ranking, or with nothing to score
  std::vector<kpi::CalibrationBin> calibration;  // by quintile; empty for a ranking
};

/// The customers' forecast against the orders that came in (cutoff, cutoff + horizon].
struct CustomerBacktest {
  std::string unavailable;  // non-empty when nothing could be scored, and why
  std::size_t scored = 0;   // customers with an order up to the cutoff
  std::size_t ordered = 0;  // of them, with an order day in the truth window
  double base_rate = 0;     // ordered / scored
  std::array<std::size_t, kpi::kCustomerStatusCount> status_count{};
  std::array<std::size_t, kpi::kCustomerStatusCount> status_ordered{};
  PredictionScore p_order_next;
  // Rankings the engine offered before the model: higher = more likely to order.
  PredictionScore overdue_ratio;  // by overdue ratio, then the ones without (see docs)
  PredictionScore days_since_last_order;
  PredictionScore orders;
  double constant_brier = 0;  // the base rate as everybody's probability
};

/// The open deals' win probability against their final outcome.
struct DealBacktest {
  std::string unavailable;
  std::size_t open_at_cutoff = 0;
  std::size_t scored = 0;  // decided by the end of the data
  std::size_t won = 0;
  std::size_t still_open = 0;      // still open at the end of the data: not scored
  double final_won_share = 0;      // won / scored
  PredictionScore aalen_johansen;  // settings.win_probability_method = "aalen_johansen"
  PredictionScore closed_share;    // = "closed_share"
  double constant_brier = 0;       // final_won_share as every deal's probability
  // What the cut did (kpi::DealCut).
  std::int64_t removed = 0;
  std::int64_t reopened = 0;
  std::int64_t histories_trimmed = 0;
  bool amounts_removed = false;
};

struct Backtest {
  Day cutoff = kNoDay;
  int horizon_days = 0;
  Day orders_end = kNoDay;  // the latest order date of the whole data
  Day deals_end = kNoDay;   // the latest deal date of the whole data
  CustomerBacktest customers;
  DealBacktest deals;
  std::vector<std::string> warnings;
};

/// Cuts the data at the end of `cutoff`, computes the report's forward-looking figures as of
/// that day (settings.as_of = settings.to = cutoff, settings.horizon_days = horizon_days; the
/// filters of `settings` apply) and scores them against what the full data says happened
/// after it (docs/backtest.md). `dataset` is only read; new strings go to dataset.strings.
Backtest run_backtest(Dataset& dataset, const config::Settings& settings, Day cutoff,
                      int horizon_days);

/// The backtest as a JSON document (docs/backtest.md, "Output"): NaN scores are null.
nlohmann::json backtest_json(const Backtest& backtest);

}  // namespace pulse::report
