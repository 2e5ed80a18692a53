#include "pulse/io/date_parser.h"
#include "pulse/text/ascii.h"

#include <cstddef>

namespace pulse::io {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Bytes of a space at s[i]: ASCII, U+00A0, or U+202F (ICU 72+ puts it before "PM").
std::size_t space_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  if (text::is_ascii_space(s[i])) return 1;
  if (s.compare(i, 2, "\xC2\xA0") == 0) return 2;
  return s.compare(i, 3, "\xE2\x80\xAF") == 0 ? 3 : 0;
}

std::string_view trim(std::string_view s) {
  while (std::size_t n = space_at(s, 0)) s.remove_prefix(n);
  for (;;) {
    if (!s.empty() && text::is_ascii_space(s.back())) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && space_at(s, s.size() - 2) == 2) {
      s.remove_suffix(2);
    } else if (s.size() >= 3 && space_at(s, s.size() - 3) == 3) {
      s.remove_suffix(3);
    } else {
      return s;
    }
  }
}

// A read position in the text. A failed read fails the whole scan, so readers need not rewind.
struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  std::size_t skip_spaces() {
    const std::size_t from = i;
    while (std::size_t n = space_at(s, i)) i += n;
    return i - from;
  }
  // Reads min..max digits into `out`; false (nothing consumed) for fewer, or for more.
  bool number(std::size_t min, std::size_t max, unsigned* out) {
    std::size_t n = 0;
    unsigned v = 0;
    while (n < max && is_digit(peek(n))) v = v * 10 + static_cast<unsigned>(peek(n++) - '0');
    if (n < min || is_digit(peek(n))) return false;
    i += n;
    *out = v;
    return true;
  }
  // Reads exactly n digits whatever follows ("0200" in "+0200").
  bool fixed(std::size_t n, unsigned* out) {
    unsigned v = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (!is_digit(peek(k))) return false;
      v = v * 10 + static_cast<unsigned>(peek(k) - '0');
    }
    i += n;
    *out = v;
    return true;
  }
  // Case-insensitive ASCII word.
  bool eat_word(std::string_view word) {
    if (s.size() - i < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
      if (text::ascii_lower(s[i + k]) != word[k]) return false;
    i += word.size();
    return true;
  }

 private:
  char peek(std::size_t ahead) const { return i + ahead < s.size() ? s[i + ahead] : '\0'; }
};

std::optional<Day> make_day(int year, unsigned month, unsigned day) {
  if (!is_valid_civil(year, month, day)) return std::nullopt;
  return day_from_civil(year, month, day);
}

// A finished scan of a shape that needs no order.
DateScan dated(DateShape shape, int year, unsigned month, unsigned day) {
  const std::optional<Day> d = make_day(year, month, day);
  if (!d) return {};
  DateScan scan;
  scan.ok = true;
  scan.shape = shape;
  scan.year = year;
  scan.day = *d;
  return scan;
}

// ---------------------------------------------------------------------------------------------
// Time of day and zone, accepted and dropped.

// "+02:00", "+0200", "+02", "+2", "-05:30".
bool read_offset(Cursor& c) {
  if (c.peek() != '+' && c.peek() != '-') return false;
  ++c.i;
  unsigned hours = 0, minutes = 0;
  if (!c.fixed(2, &hours) && !c.number(1, 1, &hours)) return false;
  if (c.eat(':') || is_digit(c.peek())) {
    if (!c.fixed(2, &minutes) || minutes > 59) return false;
  }
  return hours <= 23;
}

// "Z", an offset, or "UTC"/"GMT" with an optional offset, up to the end.
bool read_zone(Cursor& c) {
  const bool spaced = c.skip_spaces() > 0;
  if (c.done()) return !spaced;
  if (c.eat('Z') || c.eat('z')) return c.done();
  if (c.eat_word("utc") || c.eat_word("gmt")) {
    if (c.done()) return true;
  }
  return read_offset(c) && c.done();
}

// An optional "AM"/"PM" (or "a.m."/"p.m."); true when there is one.
bool read_meridiem(Cursor& c) {
  const Cursor before = c;
  c.skip_spaces();
  if (c.eat_word("am") || c.eat_word("pm") || c.eat_word("a.m.") || c.eat_word("p.m.")) return true;
  c = before;  // the spaces may lead to a zone instead
  return false;
}

// "H:MM", "HH:MM:SS", "HH:MM:SS.ffffff", each optionally with AM/PM.
bool read_time(Cursor& c) {
  unsigned hour = 0, minute = 0, second = 0;
  if (!c.number(1, 2, &hour) || !c.eat(':') || !c.number(2, 2, &minute)) return false;
  if (c.eat(':')) {
    if (!c.number(2, 2, &second)) return false;
    if (c.eat('.') || c.eat(',')) {
      if (!is_digit(c.peek())) return false;
      while (is_digit(c.peek())) ++c.i;
    }
  }
  const bool meridiem = read_meridiem(c);
  if (hour > (meridiem ? 12u : 23u)) return false;
  return minute <= 59 && second <= 60;  // 60: a leap second
}

// What may follow a date: nothing, or a time (after "T" for ISO dates, or spaces) and a zone.
// ICU 72+ writes "Aug 21, 2017, 10:22:19 PM", hence the optional comma.
bool read_tail(Cursor& c, bool iso) {
  if (c.done()) return true;
  if (iso && (c.eat('T') || c.eat('t'))) {
    // the time follows directly
  } else {
    c.eat(',');
    if (c.skip_spaces() == 0) return false;
  }
  return read_time(c) && read_zone(c);
}

// ---------------------------------------------------------------------------------------------
// Date shapes.

// English month names, full or abbreviated ("Sept" too), with an optional "." after.
bool read_month_name(Cursor& c, unsigned* month) {
  static constexpr std::string_view kNames[12] = {"january",   "february", "march",    "april",
                                                  "may",       "june",     "july",     "august",
                                                  "september", "october",  "november", "december"};
  std::size_t end = c.i;
  while (end < c.s.size() && is_alpha(c.s[end])) ++end;
  const std::string_view word = c.s.substr(c.i, end - c.i);
  if (word.size() < 3) return false;
  for (unsigned m = 0; m < 12; ++m) {
    const std::string_view name = kNames[m];
    const bool sept = m == 8 && word.size() == 4;
    if (word.size() != 3 && word.size() != name.size() && !sept) continue;
    if (!Cursor{word}.eat_word(name.substr(0, word.size()))) continue;
    c.i = end;
    if (word.size() < name.size()) c.eat('.');
    *month = m + 1;
    return true;
  }
  return false;
}

// "2024-03-07", "2024/03/07" (the year already read).
DateScan scan_iso(Cursor& c, unsigned year) {
  const char sep = c.peek();
  if (sep != '-' && sep != '/') return {};
  ++c.i;
  unsigned month = 0, day = 0;
  if (!c.number(1, 2, &month) || !c.eat(sep) || !c.number(1, 2, &day)) return {};
  return dated(DateShape::iso, static_cast<int>(year), month, day);
}

// "07.03.2024" (the day already read).
DateScan scan_dotted(Cursor& c, unsigned day) {
  unsigned month = 0, year = 0;
  if (!c.eat('.') || !c.number(1, 2, &month) || !c.eat('.') || !c.number(4, 4, &year)) return {};
  return dated(DateShape::dotted, static_cast<int>(year), month, day);
}

// "07/03/2024", "3-7-2024" (the first part and the separator already read).
DateScan scan_slash(Cursor& c, unsigned first, char sep) {
  unsigned second = 0, year = 0;
  if (!c.number(1, 2, &second) || !c.eat(sep) || !c.number(4, 4, &year)) return {};
  if (first == 0 || second == 0 || (first > 12 && second > 12)) return {};
  DateScan scan;
  scan.shape = DateShape::slash;
  scan.year = static_cast<int>(year);
  scan.first = first;
  scan.second = second;
  if (first > 12 || second > 12) {
    scan.evidence = first > 12 ? DateOrder::dmy : DateOrder::mdy;
    const std::optional<Day> d =
        first > 12 ? make_day(scan.year, second, first) : make_day(scan.year, first, second);
    if (!d) return {};
    scan.day = *d;
  }
  scan.ok = true;  // when both parts are <= 12 the date is valid under either order
  return scan;
}

// "21 Aug 2017", "21-Aug-2017" (the day and the separator already read).
DateScan scan_day_month_name(Cursor& c, unsigned day, char sep) {
  unsigned month = 0, year = 0;
  if (!read_month_name(c, &month) || !c.eat(sep) || !c.number(4, 4, &year)) return {};
  return dated(DateShape::month_name, static_cast<int>(year), month, day);
}

// "Aug 21, 2017", "August 21, 2017", "Aug 21 2017".
DateScan scan_month_name_first(Cursor& c) {
  unsigned month = 0, day = 0, year = 0;
  if (!read_month_name(c, &month) || c.skip_spaces() == 0 || !c.number(1, 2, &day)) return {};
  const bool comma = c.eat(',');
  if (c.skip_spaces() == 0 && !comma) return {};
  if (!c.number(4, 4, &year)) return {};
  return dated(DateShape::month_name, static_cast<int>(year), month, day);
}

// Every shape that starts with a digit.
DateScan scan_numeric(Cursor& c) {
  unsigned lead = 0;
  const std::size_t from = c.i;
  if (!c.number(1, 4, &lead)) return {};
  const std::size_t width = c.i - from;
  if (width == 4) return scan_iso(c, lead);
  if (width > 2) return {};
  const char sep = c.peek();
  if (sep == '.') return scan_dotted(c, lead);
  if (sep != '/' && sep != '-' && sep != ' ') return {};
  ++c.i;
  if (is_alpha(c.peek())) return scan_day_month_name(c, lead, sep);
  return sep == ' ' ? DateScan{} : scan_slash(c, lead, sep);
}

}  // namespace

DateScan scan_date(std::string_view text) {
  Cursor c{trim(text)};
  if (c.done()) return {};
  DateScan scan = is_digit(c.peek()) ? scan_numeric(c) : scan_month_name_first(c);
  if (!scan.ok || !read_tail(c, scan.shape == DateShape::iso)) return {};
  return scan;
}

std::optional<Day> parse_date(std::string_view text, DateOrder order) {
  return resolve_slash(scan_date(text), order);
}

std::optional<Day> resolve_slash(const DateScan& scan, DateOrder order) {
  if (!scan.ok) return std::nullopt;
  if (scan.shape != DateShape::slash) {
    if (scan.day == kNoDay) return std::nullopt;
    return scan.day;
  }
  // Without a column order the value's own evidence decides, else US month-first (SPEC §2).
  if (order == DateOrder::unknown) {
    order = scan.evidence == DateOrder::unknown ? DateOrder::mdy : scan.evidence;
  }
  return order == DateOrder::dmy ? make_day(scan.year, scan.second, scan.first)
                                 : make_day(scan.year, scan.first, scan.second);
}

}  // namespace pulse::io
