#include "pulse/kpi/win_calibration.h"

#include <string>

#include "pulse/kpi/deal_cutoff.h"
#include "pulse/kpi/negotiations.h"
#include "pulse/model/day.h"

namespace pulse::kpi {

WinCalibration win_calibration(const DealFacts& deals, const Facts* facts, const Scope& scope,
                               const config::Settings& settings, StringPool& strings,
                               const WinCalibrationOptions& options) {
  WinCalibration out;
  out.method = settings.win_probability_method;
  out.lookback_days = options.lookback_days;
  if (scope.as_of == kNoDay) {
    out.reason = "no as_of date";
    return out;
  }
  out.cutoff = scope.as_of - static_cast<Day>(options.lookback_days);

  // The dashboard as it would have read on the cutoff day: nothing dated after it is seen.
  const DealCut cut = deals_as_of(deals, out.cutoff, settings, strings);
  Scope then = scope;
  then.as_of = out.cutoff;
  then.to = out.cutoff;
  if (then.from == kNoDay || then.from > out.cutoff) then.from = out.cutoff;
  const DealSelection selection = select_deals(cut.deals, facts, then, strings);
  const NegotiationReport report = negotiations(cut.deals, selection, then, settings, strings);

  // What happened by as_of: won or lost with a close date after the cutoff and up to as_of
  // (a deal open at the cutoff cannot have closed before it). Later or never: undecided.
  std::vector<double> predicted;
  std::vector<int> won;
  for (const OpenDeal& row : report.open) {
    ++out.open_at_cutoff;
    const std::uint32_t d = cut.source[row.deal];
    const bool decided = deals.outcome[d] != Outcome::open && deals.close[d] != kNoDay &&
                         deals.close[d] <= scope.as_of;
    if (!decided) {
      ++out.undecided;
      continue;
    }
    if (!row.win_probability) {
      ++out.unpredicted;
      continue;
    }
    predicted.push_back(*row.win_probability);
    won.push_back(deals.outcome[d] == Outcome::won ? 1 : 0);
  }
  out.scored = static_cast<std::int64_t>(predicted.size());
  for (int y : won) out.won += y;
  if (out.scored > 0)
    out.observed_share = static_cast<double>(out.won) / static_cast<double>(out.scored);
  if (predicted.size() < options.min_scored) {
    out.reason = std::to_string(out.scored) + " deals open on " + format_day(out.cutoff) +
                 " were won or lost by " + format_day(scope.as_of) + " (with a win chance then); " +
                 std::to_string(options.min_scored) + " are needed";
    return out;
  }
  out.bins = calibration_by_quantile(predicted, won, options.bins);
  out.brier = brier(predicted, won);
  out.brier_constant = brier(std::vector<double>(predicted.size(), *out.observed_share), won);
  return out;
}

}  // namespace pulse::kpi
