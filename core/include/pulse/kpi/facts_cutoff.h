#pragma once

#include "pulse/kpi/facts.h"

namespace pulse::kpi {

/// The orders as they stood at the end of `cutoff`: orders dated after it, and their lines,
/// are removed; everything else is kept as it is, in the same order. Customers, catalogs,
/// reps and products keep their indices (a customer whose orders all came later keeps an
/// empty run), so a customer index means the same customer in `all` and in the cut.
/// first_day stays; last_day becomes the latest remaining order date.
///
/// What a customer *is* (name, catalog, rep, resolved from the customers file or its latest
/// order) is kept from `all`: it describes the customer, not what it did, and no dashboard
/// figure that the backtest scores reads it (docs/backtest.md).
Facts facts_as_of(const Facts& all, Day cutoff);

}  // namespace pulse::kpi
