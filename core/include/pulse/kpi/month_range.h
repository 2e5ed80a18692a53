#pragma once

#include <algorithm>
#include <cstddef>

#include "pulse/model/day.h"

namespace pulse::kpi {

/// The calendar months of a period, for the dashboards' monthly series: every month from
/// `from` to `to`, empty ones included; none when either date is unknown or from > to.
class MonthRange {
 public:
  static constexpr std::size_t kMaxMonths = 1200;  // a century: guards against absurd periods

  MonthRange(Day from, Day to) {
    if (from == kNoDay || to == kNoDay || from > to) return;
    first_ = month_ordinal(from);
    size_ =
        std::min<std::size_t>(kMaxMonths, static_cast<std::size_t>(month_ordinal(to) - first_ + 1));
  }

  std::size_t size() const { return size_; }
  /// The first day of month k.
  Day start(std::size_t k) const { return day_of_month_ordinal(first_ + static_cast<int>(k)); }
  /// The index of the month that holds `d`, or -1 when it is outside the range.
  std::ptrdiff_t index(Day d) const {
    const std::ptrdiff_t k = month_ordinal(d) - first_;
    return k >= 0 && static_cast<std::size_t>(k) < size_ ? k : -1;
  }

 private:
  int first_ = 0;
  std::size_t size_ = 0;
};

}  // namespace pulse::kpi
