#include "pulse/model/day.h"

#include <cstdint>
#include <cstdio>

namespace pulse {
namespace {

// 64-bit internally so that kNoDay and far-away years cannot overflow mid-computation.
using Wide = std::int64_t;

constexpr Wide kEpochShift = 719468;  // days from 0000-03-01 to 1970-01-01
constexpr Wide kDaysPerEra = 146097;  // days in 400 Gregorian years

Wide floor_div(Wide a, Wide b) {
  return (a >= 0 ? a : a - b + 1) / b;
}

bool is_leap(int year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

unsigned last_day_of_month(int year, unsigned month) {
  static constexpr unsigned char kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29u : kDays[month - 1];
}

}  // namespace

Day day_from_civil(int year, unsigned month, unsigned day) {
  const Wide y = static_cast<Wide>(year) - (month <= 2 ? 1 : 0);
  const Wide era = floor_div(y, 400);
  const Wide yoe = y - era * 400;                                    // [0, 399]
  const Wide mp = month > 2 ? month - 3 : month + 9;                 // March = 0
  const Wide doy = (153 * mp + 2) / 5 + static_cast<Wide>(day) - 1;  // [0, 365]
  const Wide doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return static_cast<Day>(era * kDaysPerEra + doe - kEpochShift);
}

CivilDate civil_from_day(Day day) {
  const Wide z = static_cast<Wide>(day) + kEpochShift;
  const Wide era = floor_div(z, kDaysPerEra);
  const Wide doe = z - era * kDaysPerEra;                                  // [0, 146096]
  const Wide yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const Wide doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const Wide mp = (5 * doy + 2) / 153;                                     // [0, 11]
  CivilDate civil;
  civil.day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  civil.month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  civil.year = static_cast<int>(yoe + era * 400 + (civil.month <= 2 ? 1 : 0));
  return civil;
}

bool is_valid_civil(int year, unsigned month, unsigned day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= last_day_of_month(year, month);
}

int weekday(Day day) {
  if (day == kNoDay) return -1;
  // 1970-01-01 was a Thursday, which is 3 when Monday is 0.
  const Wide w = (static_cast<Wide>(day) + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

Day week_start(Day day) {
  if (day == kNoDay) return kNoDay;
  return day - weekday(day);
}

Day month_start(Day day) {
  if (day == kNoDay) return kNoDay;
  return day - static_cast<Day>(civil_from_day(day).day) + 1;
}

char* write_day(Day day, char* out) {
  if (day == kNoDay) return out;
  const CivilDate c = civil_from_day(day);
  if (c.year < 0 || c.year > 9999) {
    const int n = std::snprintf(out, kDayTextMax, "%04d-%02u-%02u", c.year, c.month, c.day);
    return out + n;
  }
  const auto digit = [](unsigned v) { return static_cast<char>('0' + v); };
  const auto year = static_cast<unsigned>(c.year);
  out[0] = digit(year / 1000);
  out[1] = digit(year / 100 % 10);
  out[2] = digit(year / 10 % 10);
  out[3] = digit(year % 10);
  out[4] = '-';
  out[5] = digit(c.month / 10);
  out[6] = digit(c.month % 10);
  out[7] = '-';
  out[8] = digit(c.day / 10);
  out[9] = digit(c.day % 10);
  return out + 10;
}

std::string format_day(Day day) {
  char buf[kDayTextMax];
  return std::string(buf, write_day(day, buf));
}

std::string format_month(Day day) {
  if (day == kNoDay) return {};
  const CivilDate c = civil_from_day(day);
  char buf[24];
  const int n = std::snprintf(buf, sizeof buf, "%04d-%02u", c.year, c.month);
  return std::string(buf, static_cast<std::size_t>(n));
}

int month_ordinal(Day day) {
  const CivilDate c = civil_from_day(day);
  return c.year * 12 + static_cast<int>(c.month) - 1;
}

Day day_of_month_ordinal(int ordinal) {
  // Floor division, so that ordinals before year 0 still map to a month.
  const int year = ordinal >= 0 ? ordinal / 12 : -((11 - ordinal) / 12);
  return day_from_civil(year, static_cast<unsigned>(ordinal - year * 12) + 1, 1);
}

}  // namespace pulse
