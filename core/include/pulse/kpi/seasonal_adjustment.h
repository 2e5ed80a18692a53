#pragma once

#include <cstddef>
#include <vector>

#include "pulse/kpi/elasticity.h"

namespace pulse::kpi {

/// Fewer SKUs than this in a catalog and its period means would mostly be each SKU's own
/// price and demand: the fits stay unadjusted there.
constexpr std::size_t kMinSeasonalPanel = 8;

/// Removes the catalog-wide seasonal pattern from a panel of SKU series (one catalog) with
/// the two-way fixed-effects within transform (Wooldridge, Econometric Analysis of Cross
/// Section and Panel Data, 2010, ch. 10): ln P and ln Q each lose a SKU effect and a period
/// effect, found by alternating projections (Guimarães & Portugal 2010; Gaure 2013) since
/// the panel is unbalanced. Points alone in their period carry no information once the
/// period has its own effect and are dropped first (Correia 2015, "singletons").
/// Returns one series per input, in the same order, with the adjusted logs; a series may come
/// back with fewer points. Empty when the panel has fewer than kMinSeasonalPanel series.
std::vector<LogSeries> remove_period_effects(const std::vector<const LogSeries*>& panel);

}  // namespace pulse::kpi
