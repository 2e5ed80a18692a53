#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "pulse/io/date_parser.h"

using pulse::io::DateOrder;
using pulse::io::DateShape;

namespace {

constexpr DateOrder kAny = DateOrder::unknown;
constexpr DateOrder kDmy = DateOrder::dmy;
constexpr DateOrder kMdy = DateOrder::mdy;

constexpr DateShape kNone = DateShape::none;
constexpr DateShape kIso = DateShape::iso;
constexpr DateShape kDotted = DateShape::dotted;
constexpr DateShape kSlash = DateShape::slash;
constexpr DateShape kName = DateShape::month_name;

struct DateCase {
  const char* text;
  bool ok;
  DateShape shape;
  DateOrder evidence;
  const char* day;  // format_day of scan.day; "" for kNoDay
  unsigned first;   // slash dates only
  unsigned second;
};

const DateCase kDates[] = {
    // ISO and its variants; the zone is dropped, never applied.
    {"2024-03-07", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07 14:05", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07 14:05:09", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07 9:05", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07T14:05:09", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07T14:05", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07T14:05:09.123456", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07T14:05:09Z", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07T14:05:09+02:00", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07T14:05:09+0200", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07T23:59:59-05:00", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07T00:30:00.5+14:00", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07T14:05:09.123+0200", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07 14:05:09 UTC", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07 14:05:09 GMT+2", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07 14:05:09 +0200", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-03-07 23:59:60", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024/03/07", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024/03/07 14:05", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-3-7", true, kIso, kAny, "2024-03-07", 0, 0},
    {"  2024-03-07  ", true, kIso, kAny, "2024-03-07", 0, 0},
    {"2024-02-29", true, kIso, kAny, "2024-02-29", 0, 0},
    {"2000-02-29", true, kIso, kAny, "2000-02-29", 0, 0},
    // Day first with dots.
    {"07.03.2024", true, kDotted, kAny, "2024-03-07", 0, 0},
    {"7.3.2024", true, kDotted, kAny, "2024-03-07", 0, 0},
    {"07.03.2024 14:05", true, kDotted, kAny, "2024-03-07", 0, 0},
    {"07.03.2024 14:05:09", true, kDotted, kAny, "2024-03-07", 0, 0},
    {"29.02.2024", true, kDotted, kAny, "2024-02-29", 0, 0},
    // Slash dates: a part above 12 decides the order, else nothing is decided.
    {"25/03/2024", true, kSlash, kDmy, "2024-03-25", 25, 3},
    {"03/25/2024", true, kSlash, kMdy, "2024-03-25", 3, 25},
    {"03/07/2024", true, kSlash, kAny, "", 3, 7},
    {"3/7/2024", true, kSlash, kAny, "", 3, 7},
    {"12/12/2024", true, kSlash, kAny, "", 12, 12},
    {"25-03-2024", true, kSlash, kDmy, "2024-03-25", 25, 3},
    {"03-07-2024", true, kSlash, kAny, "", 3, 7},
    {"3/25/2024 2:05 PM", true, kSlash, kMdy, "2024-03-25", 3, 25},
    {"25/03/2024 14:05:09", true, kSlash, kDmy, "2024-03-25", 25, 3},
    {"03/07/2024 14:05", true, kSlash, kAny, "", 3, 7},
    {"31/12/1999", true, kSlash, kDmy, "1999-12-31", 31, 12},
    // Month names (Magento's admin grid and friends).
    {"Aug 21, 2017 10:22:19 PM", true, kName, kAny, "2017-08-21", 0, 0},
    {"Aug 21, 2017 10:22:19PM", true, kName, kAny, "2017-08-21", 0, 0},
    {"Aug 21, 2017 10:22 AM", true, kName, kAny, "2017-08-21", 0, 0},
    {"Aug 21, 2017, 10:22:19 PM", true, kName, kAny, "2017-08-21", 0, 0},
    {"Aug 21, 2017, 10:22:19\u202FPM", true, kName, kAny, "2017-08-21", 0, 0},
    {"Aug 21, 2017 10:22:19 p.m.", true, kName, kAny, "2017-08-21", 0, 0},
    {"\u00A0Aug 21, 2017\u00A0", true, kName, kAny, "2017-08-21", 0, 0},
    {"aug 21, 2017 10:22:19 am", true, kName, kAny, "2017-08-21", 0, 0},
    {"Dec 31, 1999 12:00:00 AM", true, kName, kAny, "1999-12-31", 0, 0},
    {"Aug 21, 2017", true, kName, kAny, "2017-08-21", 0, 0},
    {"August 21, 2017", true, kName, kAny, "2017-08-21", 0, 0},
    {"Aug 21 2017", true, kName, kAny, "2017-08-21", 0, 0},
    {"Aug 1,2017", true, kName, kAny, "2017-08-01", 0, 0},
    {"Sept 5, 2017", true, kName, kAny, "2017-09-05", 0, 0},
    {"Sep. 5, 2017", true, kName, kAny, "2017-09-05", 0, 0},
    {"May 5, 2017", true, kName, kAny, "2017-05-05", 0, 0},
    {"Feb 29, 2024", true, kName, kAny, "2024-02-29", 0, 0},
    {"21 Aug 2017", true, kName, kAny, "2017-08-21", 0, 0},
    {"21 August 2017", true, kName, kAny, "2017-08-21", 0, 0},
    {"21-Aug-2017", true, kName, kAny, "2017-08-21", 0, 0},
    {"21-Aug-2017 10:22", true, kName, kAny, "2017-08-21", 0, 0},
    // Not dates.
    {"", false, kNone, kAny, "", 0, 0},
    {"   ", false, kNone, kAny, "", 0, 0},
    {"garbage", false, kNone, kAny, "", 0, 0},
    {"31.02.2024", false, kNone, kAny, "", 0, 0},
    {"2024-13-01", false, kNone, kAny, "", 0, 0},
    {"2024-00-10", false, kNone, kAny, "", 0, 0},
    {"2024-02-30", false, kNone, kAny, "", 0, 0},
    {"2023-02-29", false, kNone, kAny, "", 0, 0},
    {"1900-02-29", false, kNone, kAny, "", 0, 0},
    {"13/13/2024", false, kNone, kAny, "", 0, 0},
    {"31/04/2024", false, kNone, kAny, "", 0, 0},
    {"02/30/2024", false, kNone, kAny, "", 0, 0},
    {"32/01/2024", false, kNone, kAny, "", 0, 0},
    {"00/05/2024", false, kNone, kAny, "", 0, 0},
    {"5/0/2024", false, kNone, kAny, "", 0, 0},
    {"07/03-2024", false, kNone, kAny, "", 0, 0},
    {"07.03.24", false, kNone, kAny, "", 0, 0},
    {"3/7/24", false, kNone, kAny, "", 0, 0},
    {"24-03-07", false, kNone, kAny, "", 0, 0},
    {"21 Aug 17", false, kNone, kAny, "", 0, 0},
    {"Aug 21, 17", false, kNone, kAny, "", 0, 0},
    {"20240307", false, kNone, kAny, "", 0, 0},
    {"2024.03.07", false, kNone, kAny, "", 0, 0},
    {"12024-03-07", false, kNone, kAny, "", 0, 0},
    {"2024-03-07x", false, kNone, kAny, "", 0, 0},
    {"2024-03-071", false, kNone, kAny, "", 0, 0},
    {"2024-01-01 nonsense", false, kNone, kAny, "", 0, 0},
    {"2024-01-01,", false, kNone, kAny, "", 0, 0},
    {"2024-01-01,10:00", false, kNone, kAny, "", 0, 0},
    {"2024-01-01 10:00 PM PM", false, kNone, kAny, "", 0, 0},
    {"2024-01-01 UTC", false, kNone, kAny, "", 0, 0},
    {"2024-01-01T", false, kNone, kAny, "", 0, 0},
    {"07.03.2024T14:05", false, kNone, kAny, "", 0, 0},
    {"2024-01-01 24:00", false, kNone, kAny, "", 0, 0},
    {"2024-01-01 14:60", false, kNone, kAny, "", 0, 0},
    {"2024-01-01 14:5", false, kNone, kAny, "", 0, 0},
    {"2024-01-01 14:05:61", false, kNone, kAny, "", 0, 0},
    {"2024-01-01 14:05:09.", false, kNone, kAny, "", 0, 0},
    {"2024-01-01 13:00 PM", false, kNone, kAny, "", 0, 0},
    {"2024-01-01 14:05:09 junk", false, kNone, kAny, "", 0, 0},
    {"2024-01-01 14:05:09Zjunk", false, kNone, kAny, "", 0, 0},
    {"2024-01-01T14:05:09+25:00", false, kNone, kAny, "", 0, 0},
    {"2024-01-01T14:05:09+02:00 UTC", false, kNone, kAny, "", 0, 0},
    {"2024-01-01T14:05:09+020", false, kNone, kAny, "", 0, 0},
    {"Foo 21, 2017", false, kNone, kAny, "", 0, 0},
    {"Au 21, 2017", false, kNone, kAny, "", 0, 0},
    {"Aug 32, 2017", false, kNone, kAny, "", 0, 0},
    {"Aug21, 2017", false, kNone, kAny, "", 0, 0},
    {"Aug 21,", false, kNone, kAny, "", 0, 0},
    {"31 Feb 2017", false, kNone, kAny, "", 0, 0},
    {"1 2 2024", false, kNone, kAny, "", 0, 0},
    {"2024", false, kNone, kAny, "", 0, 0},
    {"-2024-01-01", false, kNone, kAny, "", 0, 0},
};

struct ResolveCase {
  const char* text;
  DateOrder order;
  const char* day;  // nullptr when there is no such day
};

const ResolveCase kResolves[] = {
    {"03/07/2024", kAny, "2024-03-07"},  // nothing decides: US month-first
    {"03/07/2024", kMdy, "2024-03-07"},
    {"03/07/2024", kDmy, "2024-07-03"},
    {"11/12/2024 10:00", kDmy, "2024-12-11"},
    {"25/03/2024", kDmy, "2024-03-25"},
    {"25/03/2024", kAny, "2024-03-25"},  // the value's own evidence
    {"25/03/2024", kMdy, nullptr},       // contradicts the column
    {"03/25/2024", kMdy, "2024-03-25"},
    {"03/25/2024", kAny, "2024-03-25"},
    {"03/25/2024", kDmy, nullptr},
    {"2024-03-07", kDmy, "2024-03-07"},
    {"07.03.2024", kMdy, "2024-03-07"},
    {"Aug 21, 2017 10:22:19 PM", kDmy, "2017-08-21"},
    {"garbage", kAny, nullptr},
    {"", kMdy, nullptr},
};

std::string day_text(std::optional<pulse::Day> day) {
  return day ? pulse::format_day(*day) : std::string("<none>");
}

}  // namespace

TEST_CASE("Dates parse in every shape of SPEC 2", "[io]") {
  SECTION("scan_date") {
    for (const DateCase& c : kDates) {
      INFO("text: \"" << c.text << "\"");
      const pulse::io::DateScan scan = pulse::io::scan_date(c.text);
      REQUIRE(scan.ok == c.ok);
      if (!c.ok) continue;
      CHECK(scan.shape == c.shape);
      CHECK(scan.evidence == c.evidence);
      CHECK(pulse::format_day(scan.day) == c.day);
      if (c.shape != kSlash) continue;
      CHECK(scan.first == c.first);
      CHECK(scan.second == c.second);
    }
  }

  SECTION("parse_date and resolve_slash apply the column's order") {
    for (const ResolveCase& c : kResolves) {
      INFO("text: \"" << c.text << "\" order " << static_cast<int>(c.order));
      const std::string expected = c.day ? c.day : "<none>";
      CHECK(day_text(pulse::io::parse_date(c.text, c.order)) == expected);
      CHECK(day_text(pulse::io::resolve_slash(pulse::io::scan_date(c.text), c.order)) == expected);
    }
  }

  SECTION("views into larger buffers are bounded by their size") {
    const std::string line = "2024-03-07;07.03.2024 14:05;x";
    CHECK(day_text(pulse::io::parse_date(std::string_view(line).substr(0, 10), kAny)) ==
          "2024-03-07");
    CHECK(day_text(pulse::io::parse_date(std::string_view(line).substr(11, 16), kAny)) ==
          "2024-03-07");
  }
}
