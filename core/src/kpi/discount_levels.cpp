#include "pulse/kpi/discount_levels.h"

#include <algorithm>
#include <cmath>

namespace pulse::kpi {

CutEffect project_cut(const Baseline& base, double elasticity, double cut) {
  CutEffect e;
  const double volume = std::pow(1.0 - cut, elasticity);  // units after / units before
  e.units_change_pct = volume - 1.0;
  e.revenue_change = base.revenue * (volume * (1.0 - cut) - 1.0);
  if (base.cost)
    e.margin_change =
        volume * (base.revenue * (1.0 - cut) - *base.cost) - (base.revenue - *base.cost);
  return e;
}

CutEffectRange project_cut_range(const Baseline& base, double elasticity, double low, double high,
                                 double cut) {
  CutEffectRange r;
  r.point = project_cut(base, elasticity, cut);
  const CutEffect a = project_cut(base, low, cut);
  const CutEffect b = project_cut(base, high, cut);
  r.low.units_change_pct = std::min(a.units_change_pct, b.units_change_pct);
  r.high.units_change_pct = std::max(a.units_change_pct, b.units_change_pct);
  r.low.revenue_change = std::min(a.revenue_change, b.revenue_change);
  r.high.revenue_change = std::max(a.revenue_change, b.revenue_change);
  if (a.margin_change && b.margin_change) {
    r.low.margin_change = std::min(*a.margin_change, *b.margin_change);
    r.high.margin_change = std::max(*a.margin_change, *b.margin_change);
  }
  return r;
}

const char* cut_verdict(const CutEffectRange& range) {
  if (!range.low.margin_change || !range.high.margin_change) return "uncertain";
  if (*range.low.margin_change > 0) return "pays";
  if (*range.high.margin_change < 0) return "does_not_pay";
  return "uncertain";
}

}  // namespace pulse::kpi
