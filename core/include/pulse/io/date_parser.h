#pragma once

#include <optional>
#include <string_view>

#include "pulse/model/day.h"

namespace pulse::io {

/// Order of day and month in slash dates, decided per column (SPEC §2).
enum class DateOrder : unsigned char { unknown, dmy, mdy };

/// The shapes SPEC §2 lists.
enum class DateShape : unsigned char {
  none,
  iso,         // 2024-03-07, 2024-03-07 14:05[:09], 2024-03-07T14:05:09.123+02:00, 2024/03/07
  dotted,      // 07.03.2024 [14:05[:09]]  (always day first)
  slash,       // 07/03/2024 or 03/07/2024 [time]: order decided per column
  month_name,  // Aug 21, 2017 10:22:19 PM (Magento admin grid), 21 Aug 2017, August 21, 2017
};

/// What one value says. For slash dates `first` and `second` are the two leading parts:
/// first > 12 proves day-first, second > 12 proves month-first; both <= 12 decide nothing
/// and are valid dates under either order.
struct DateScan {
  bool ok = false;
  DateShape shape = DateShape::none;
  DateOrder evidence = DateOrder::unknown;
  int year = 0;
  unsigned first = 0;
  unsigned second = 0;
  Day day = kNoDay;  // set when the shape needs no order (everything but an undecided slash date)
};

/// Scans a date; the time of day and a zone are accepted and dropped (no shift).
/// Two-digit years are not accepted. Invalid calendar dates (31.02.2024) are not ok.
DateScan scan_date(std::string_view text);

/// The day of `text` with slash dates read in `order` (unknown means month-first, US).
std::optional<Day> parse_date(std::string_view text, DateOrder order);

/// Resolves a scanned slash date once the column's order is known.
std::optional<Day> resolve_slash(const DateScan& scan, DateOrder order);

}  // namespace pulse::io
