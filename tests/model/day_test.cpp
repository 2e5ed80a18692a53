#include <catch2/catch.hpp>

#include <cstddef>
#include <string>

#include "pulse/model/day.h"

using pulse::Day;

namespace {

struct DayCase {
  int year;
  unsigned month;
  unsigned day;
  Day number;          // days since 1970-01-01
  const char* text;    // format_day
  int weekday;         // 0 = Monday
  const char* monday;  // week_start
  const char* first;   // month_start
};

// Expected values cross-checked with Python's datetime.
constexpr DayCase kDays[] = {
    {1970, 1, 1, 0, "1970-01-01", 3, "1969-12-29", "1970-01-01"},
    {1969, 12, 31, -1, "1969-12-31", 2, "1969-12-29", "1969-12-01"},
    {2024, 2, 29, 19782, "2024-02-29", 3, "2024-02-26", "2024-02-01"},
    {2024, 3, 7, 19789, "2024-03-07", 3, "2024-03-04", "2024-03-01"},
    {2024, 3, 4, 19786, "2024-03-04", 0, "2024-03-04", "2024-03-01"},
    {2024, 3, 10, 19792, "2024-03-10", 6, "2024-03-04", "2024-03-01"},
    {2024, 12, 31, 20088, "2024-12-31", 1, "2024-12-30", "2024-12-01"},
    {2023, 1, 1, 19358, "2023-01-01", 6, "2022-12-26", "2023-01-01"},
    {2000, 2, 29, 11016, "2000-02-29", 1, "2000-02-28", "2000-02-01"},
    {2000, 1, 1, 10957, "2000-01-01", 5, "1999-12-27", "2000-01-01"},
    {1900, 3, 1, -25508, "1900-03-01", 3, "1900-02-26", "1900-03-01"},
    {2038, 1, 19, 24855, "2038-01-19", 1, "2038-01-18", "2038-01-01"},
    {1600, 2, 29, -135081, "1600-02-29", 1, "1600-02-28", "1600-02-01"},
    {1, 1, 1, -719162, "0001-01-01", 0, "0001-01-01", "0001-01-01"},
    {9999, 12, 31, 2932896, "9999-12-31", 4, "9999-12-27", "9999-12-01"},
};

struct ValidCase {
  int year;
  unsigned month;
  unsigned day;
  bool valid;
};

constexpr ValidCase kValidity[] = {
    {2024, 2, 29, true},  {2023, 2, 29, false}, {1900, 2, 29, false},  {2000, 2, 29, true},
    {2100, 2, 29, false}, {2024, 2, 28, true},  {2024, 4, 30, true},   {2024, 4, 31, false},
    {2024, 6, 31, false}, {2024, 9, 31, false}, {2024, 11, 31, false}, {2024, 12, 31, true},
    {2024, 1, 31, true},  {2024, 1, 32, false}, {2024, 13, 1, false},  {2024, 0, 1, false},
    {2024, 1, 0, false},  {1, 1, 1, true},
};

}  // namespace

TEST_CASE("Day arithmetic follows the proleptic Gregorian calendar", "[model]") {
  SECTION("table of known days") {
    for (const DayCase& c : kDays) {
      INFO(c.text);
      CHECK(pulse::day_from_civil(c.year, c.month, c.day) == c.number);
      const pulse::CivilDate civil = pulse::civil_from_day(c.number);
      CHECK(civil.year == c.year);
      CHECK(civil.month == c.month);
      CHECK(civil.day == c.day);
      CHECK(pulse::format_day(c.number) == c.text);
      CHECK(pulse::format_month(c.number) == std::string(c.text, 7));
      CHECK(pulse::weekday(c.number) == c.weekday);
      CHECK(pulse::format_day(pulse::week_start(c.number)) == c.monday);
      CHECK(pulse::format_day(pulse::month_start(c.number)) == c.first);
    }
  }

  SECTION("is_valid_civil knows month lengths and leap years") {
    for (const ValidCase& c : kValidity) {
      INFO(c.year << "-" << c.month << "-" << c.day);
      CHECK(pulse::is_valid_civil(c.year, c.month, c.day) == c.valid);
    }
  }

  SECTION("every day from 0001-01-01 to 9999-12-31 round-trips and follows its predecessor") {
    const Day first = pulse::day_from_civil(1, 1, 1);
    const Day last = pulse::day_from_civil(9999, 12, 31);
    std::size_t bad = 0;
    pulse::CivilDate prev = pulse::civil_from_day(first - 1);
    for (Day d = first; d <= last; ++d) {
      const pulse::CivilDate c = pulse::civil_from_day(d);
      const bool next_day = c.day == prev.day + 1 && c.month == prev.month && c.year == prev.year;
      const bool next_month = c.day == 1 && (c.month == prev.month + 1 || c.month == 1);
      if (!pulse::is_valid_civil(c.year, c.month, c.day) ||
          pulse::day_from_civil(c.year, c.month, c.day) != d || !(next_day || next_month) ||
          pulse::weekday(d) != (pulse::weekday(d - 1) + 1) % 7) {
        ++bad;
      }
      prev = c;
    }
    CHECK(bad == 0);
  }

  SECTION("kNoDay stays kNoDay") {
    CHECK(pulse::format_day(pulse::kNoDay).empty());
    CHECK(pulse::format_month(pulse::kNoDay).empty());
    CHECK(pulse::week_start(pulse::kNoDay) == pulse::kNoDay);
    CHECK(pulse::month_start(pulse::kNoDay) == pulse::kNoDay);
  }
}

TEST_CASE("month ordinals count consecutive months across years", "[model]") {
  using pulse::day_from_civil;
  using pulse::month_ordinal;
  CHECK(month_ordinal(day_from_civil(2024, 12, 31)) + 1 ==
        month_ordinal(day_from_civil(2025, 1, 1)));
  CHECK(month_ordinal(day_from_civil(2024, 3, 7)) == 2024 * 12 + 2);
  for (int ordinal : {0, 11, 12, 24289, 24300}) {
    INFO(ordinal);
    const pulse::Day first = pulse::day_of_month_ordinal(ordinal);
    CHECK(month_ordinal(first) == ordinal);
    CHECK(pulse::civil_from_day(first).day == 1);
  }
}
