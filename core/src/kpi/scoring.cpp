#include "pulse/kpi/scoring.h"
#include "pulse/util/sort_by.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace pulse::kpi {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// (prediction, outcome) pairs with a known prediction, sorted by prediction.
std::vector<std::pair<double, int>> known_sorted(const std::vector<double>& p,
                                                 const std::vector<int>& y) {
  std::vector<std::pair<double, int>> out;
  out.reserve(p.size());
  for (std::size_t i = 0; i < p.size() && i < y.size(); ++i)
    if (!std::isnan(p[i])) out.emplace_back(p[i], y[i] != 0 ? 1 : 0);
  sort_by(out);  // the engine's one sort (sort_by.h)
  return out;
}

}  // namespace

double auc(const std::vector<double>& score, const std::vector<int>& outcome) {
  const auto rows = known_sorted(score, outcome);
  // Rank sum of the positives, tied scores taking their mean rank (so a tie counts one half).
  double positive_rank_sum = 0;
  double positives = 0;
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t j = i;
    double tied_positives = 0;
    while (j < rows.size() && rows[j].first == rows[i].first) tied_positives += rows[j++].second;
    const double mean_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    positive_rank_sum += mean_rank * tied_positives;
    positives += tied_positives;
    i = j;
  }
  const double negatives = static_cast<double>(rows.size()) - positives;
  if (positives == 0 || negatives == 0) return kNaN;
  return (positive_rank_sum - positives * (positives + 1) / 2.0) / (positives * negatives);
}

double brier(const std::vector<double>& probability, const std::vector<int>& outcome) {
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < probability.size() && i < outcome.size(); ++i) {
    if (std::isnan(probability[i])) continue;
    const double e = probability[i] - (outcome[i] != 0 ? 1.0 : 0.0);
    sum += e * e;
    ++n;
  }
  return n == 0 ? kNaN : sum / static_cast<double>(n);
}

std::vector<CalibrationBin> calibration_by_quantile(const std::vector<double>& probability,
                                                    const std::vector<int>& outcome,
                                                    std::size_t bins) {
  if (bins == 0) return {};
  const auto rows = known_sorted(probability, outcome);
  std::vector<CalibrationBin> table(bins);
  std::vector<double> predicted_sum(bins, 0.0), observed_sum(bins, 0.0);
  const double n = static_cast<double>(rows.size());
  std::size_t smaller = 0;  // rows before the current run of equal predictions
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && rows[i].first != rows[i - 1].first) smaller = i;
    const auto b =
        std::min(bins - 1, static_cast<std::size_t>(std::floor(static_cast<double>(bins) *
                                                               static_cast<double>(smaller) / n)));
    CalibrationBin& bin = table[b];
    if (bin.count == 0) bin.p_min = rows[i].first;
    bin.p_max = rows[i].first;
    ++bin.count;
    predicted_sum[b] += rows[i].first;
    observed_sum[b] += rows[i].second;
  }
  std::vector<CalibrationBin> out;
  for (std::size_t b = 0; b < bins; ++b) {
    if (table[b].count == 0) continue;
    const double count = static_cast<double>(table[b].count);
    table[b].mean_predicted = predicted_sum[b] / count;
    table[b].observed_share = observed_sum[b] / count;
    out.push_back(table[b]);
  }
  return out;
}

}  // namespace pulse::kpi
