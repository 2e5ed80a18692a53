#pragma once

#include <cstddef>
#include <vector>

namespace pulse::kpi {

// Scores of a probability (or a ranking) against what happened: 0/1 outcomes. Used by the
// backtest (docs/backtest.md) to measure the engine's forward-looking figures. In all three,
// entries whose prediction is NaN are left out (the caller counts its null predictions), and
// `outcome` holds 0 or 1, one per prediction.

/// Area under the ROC curve: the chance that a random positive case scores above a random
/// negative one, ties counting one half (Mann–Whitney U / (n₁ n₀); Hanley & McNeil, 1982).
/// Only the order of the scores matters. NaN when either class is empty.
double auc(const std::vector<double>& score, const std::vector<int>& outcome);

/// Brier score: mean of (p − y)² (Brier, 1950). 0 is perfect; a constant p at the base rate b
/// scores b (1 − b). NaN when there is nothing to score.
double brier(const std::vector<double>& probability, const std::vector<int>& outcome);

/// One bin of a calibration table: the predictions in [p_min, p_max], their mean and the
/// share of them that came true.
struct CalibrationBin {
  double p_min = 0;
  double p_max = 0;
  double mean_predicted = 0;
  double observed_share = 0;
  std::size_t count = 0;
};

/// Predictions grouped by quantile: bin = floor(bins × (predictions strictly smaller) / n),
/// the rule of the RFM quintiles, so equal predictions always share a bin (a constant
/// predictor gives one bin) and a bin may be missing. Empty bins are not returned; the bins
/// come in increasing order of prediction.
std::vector<CalibrationBin> calibration_by_quantile(const std::vector<double>& probability,
                                                    const std::vector<int>& outcome,
                                                    std::size_t bins = 5);

}  // namespace pulse::kpi
