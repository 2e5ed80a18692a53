#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace pulse::kpi {

/// What a price cut would do to a SKU or a set of SKUs if demand follows Q x (1 - cut)^b.
struct CutEffect {
  double units_change_pct = 0;          // (1 - cut)^b - 1
  double revenue_change = 0;            // R ((1 - cut)^(1 + b) - 1)
  std::optional<double> margin_change;  // (1 - cut)^b (R (1 - cut) - C) - (R - C); null without C
};

/// Today's positive-line sales the projection starts from.
struct Baseline {
  double units = 0;
  double revenue = 0;
  std::optional<double> cost;  // units x average unit cost; null when unknown
};

CutEffect project_cut(const Baseline& base, double elasticity, double cut);

/// The projection at the point estimate and at both ends of its interval. Each figure is
/// monotone in b, so its range over [b_low, b_high] is spanned by the two ends: `low` and
/// `high` hold, figure by figure, the smaller and the larger of the two.
struct CutEffectRange {
  CutEffect point, low, high;
};
CutEffectRange project_cut_range(const Baseline& base, double elasticity, double low, double high,
                                 double cut);

/// "pays" when the whole margin-change interval is above 0, "does_not_pay" when below 0,
/// else "uncertain" (also when the margin is unknown).
const char* cut_verdict(const CutEffectRange& range);

/// A catalog-wide or group-wide cut: the pooled (random-effects) elasticity of its SKUs with
/// its interval, and the effect of the cut on their summed sales.
struct DiscountLevel {
  std::string level;                   // "catalog" or "group"
  std::uint32_t catalog = 0;           // index into Facts::catalogs
  std::optional<std::uint32_t> group;  // the group's id when level == "group"
  double elasticity = 0, ci_low = 0, ci_high = 0;
  std::size_t skus = 0;
  CutEffectRange effect;
  const char* verdict = "uncertain";
};

}  // namespace pulse::kpi
