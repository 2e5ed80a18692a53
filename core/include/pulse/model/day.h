#pragma once

#include <cstdint>
#include <limits>
#include <string>

namespace pulse {

/// A calendar date as the number of days since 1970-01-01. Dates are taken as written,
/// with no time-zone shift, so a day number is all the engine needs.
using Day = std::int32_t;
constexpr Day kNoDay = std::numeric_limits<Day>::min();

struct CivilDate {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
Day day_from_civil(int year, unsigned month, unsigned day);
CivilDate civil_from_day(Day day);
bool is_valid_civil(int year, unsigned month, unsigned day);

/// 0 = Monday ... 6 = Sunday.
int weekday(Day day);
/// The Monday of the ISO week that holds `day`.
Day week_start(Day day);
/// The first day of the month that holds `day`.
Day month_start(Day day);

/// Months since year 0 (year × 12 + month − 1): consecutive months differ by one.
int month_ordinal(Day day);
/// The first day of the month `month_ordinal` numbers.
Day day_of_month_ordinal(int ordinal);

/// "2024-03-07"; empty string for kNoDay.
std::string format_day(Day day);
/// format_day() into `out`, which has room for kDayTextMax bytes; returns the text's end (`out`
/// for kNoDay). For the report's many dates: no allocation, no printf.
constexpr std::size_t kDayTextMax = 32;
char* write_day(Day day, char* out);
/// "2024-03".
std::string format_month(Day day);

}  // namespace pulse
