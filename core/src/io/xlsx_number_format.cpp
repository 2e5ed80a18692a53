#include "pulse/io/xlsx_number_format.h"

#include <cmath>
#include <cstdio>

#include "pulse/model/day.h"
#include "pulse/text/ascii.h"

namespace pulse::io {
namespace {

// At least two digits ("07", "27", "130"), without printf: a workbook's date-time cell writes
// three of these, and WebAssembly's printf is a slow machine of its own.
std::string two(long long v) {
  std::string digits = std::to_string(v);
  if (v >= 0 && v < 10) digits.insert(digits.begin(), '0');
  return digits;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

NumberKind number_kind(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
      (id >= 50 && id <= 58))
    return NumberKind::date;  // 27-36, 50-58: the East Asian built-in date formats
  if (id == 22) return NumberKind::datetime;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 33) || (id >= 45 && id <= 47))
    return NumberKind::time;
  return NumberKind::number;
}

NumberKind number_kind(std::string_view code) {
  bool date = false, time = false, month_or_minute = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;  // the first section (positive numbers) decides
    if (c == '"') {       // literal text
      const std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {  // escaped char, padding width, fill char
      ++i;
      continue;
    }
    if (c == '[') {  // [Red], [$-409], [>=100]; but [h] [mm] [ss] are elapsed time
      const std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const char first = close > i + 1 ? text::ascii_lower(code[i + 1]) : 0;
      if (first == 'h' || first == 'm' || first == 's') time = true;
      i = close;
      continue;
    }
    switch (text::ascii_lower(c)) {
      case 'd':
      case 'y':
        date = true;
        break;
      case 'h':
      case 's':
        time = true;
        break;
      case 'm':
        month_or_minute = true;
        break;
      default:
        break;
    }
  }
  // "m" is minutes next to hours or seconds ("h:mm", "mm:ss"), else months ("mmm yy").
  if (month_or_minute && !time) date = true;
  if (date && time) return NumberKind::datetime;
  if (date) return NumberKind::date;
  if (time) return NumberKind::time;
  return NumberKind::number;
}

bool is_excel_number_text(std::string_view text) {
  std::size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
  const bool negative = i == 1;
  const std::size_t int_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  const std::size_t int_digits = i - int_start;
  if (int_digits == 0 || (int_digits > 1 && text[int_start] == '0')) return false;
  const bool int_zero = text[int_start] == '0';
  std::size_t significant = int_zero ? 0 : int_digits;
  if (i < text.size()) {
    if (text[i] != '.') return false;
    const std::size_t frac_start = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i != text.size() || i == frac_start || text[i - 1] == '0') return false;
    std::size_t leading_zeros = 0;
    if (int_zero) {
      while (text[frac_start + leading_zeros] == '0') ++leading_zeros;
      // %g writes 0.0001 as is, 0.00001 as 1e-05.
      if (leading_zeros > 3) return false;
    }
    significant += i - frac_start - leading_zeros;
  } else if (negative && int_zero) {
    return false;  // "-0" is written "0"
  }
  // Up to 15 significant digits, a decimal reads back from its double unchanged (DBL_DIG), so
  // rounding to 15 digits and dropping trailing zeros gives it again; 15 integer digits at most
  // also keep %g's notation fixed.
  return significant <= 15;
}

bool excel_number_text_from_digits(std::string_view text, std::string& out) {
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  // The significant digits (at most 20 kept) and the power of ten of the first one.
  char digits[20];
  std::size_t n = 0;
  bool more = false;       // nonzero digits past the 20 kept
  int leading_zeros = 0;   // of the fraction, before the first significant digit
  int integer_digits = 0;  // from the first significant digit to the point
  bool point = false, any = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (point) return false;
      point = true;
      continue;
    }
    if (!is_digit(c)) return false;
    any = true;
    if (n == 0 && c == '0') {
      if (point) ++leading_zeros;
      continue;
    }
    if (!point) ++integer_digits;
    if (n < sizeof digits) {
      digits[n++] = c;
    } else if (c != '0') {
      more = true;
    }
  }
  if (!any || n == 0 || text.back() == '.') return false;
  int first_power = integer_digits > 0 ? integer_digits - 1 : -(leading_zeros + 1);
  char kept[16];
  std::size_t keep = n < 15 ? n : 15;
  for (std::size_t k = 0; k < keep; ++k) kept[k] = digits[k];
  if (n > 15) {
    // Rounded here only when no rounding boundary of the 15th digit lies within the distance
    // of the text from its double (half an ulp: at most 11.1 units of the 17th digit); then
    // the text and its double round alike. Near a boundary, printf decides from the double.
    const int tail = (digits[15] - '0') * 10 + (n > 16 ? digits[16] - '0' : 0);
    const int from_half = tail >= 50 ? tail - 50 : 50 - tail;
    if (from_half < 13 || (more && from_half < 14)) return false;
    if (tail >= 50) {
      std::size_t k = 15;
      while (k > 0 && kept[k - 1] == '9') kept[--k] = '0';
      if (k == 0) {
        kept[0] = '1';
        ++first_power;
      } else {
        ++kept[k - 1];
      }
    }
  }
  while (keep > 0 && kept[keep - 1] == '0') --keep;
  // %g writes -4 <= power < 15 in fixed notation; the rest in exponent form: printf's.
  if (keep == 0 || first_power < -4 || first_power >= 15) return false;
  out.clear();
  if (negative) out.push_back('-');
  if (first_power < 0) {
    out.append("0.");
    out.append(static_cast<std::size_t>(-first_power - 1), '0');
    out.append(kept, keep);
  } else {
    const auto whole = static_cast<std::size_t>(first_power) + 1;
    for (std::size_t k = 0; k < whole; ++k) out.push_back(k < keep ? kept[k] : '0');
    if (keep > whole) {
      out.push_back('.');
      out.append(kept + whole, keep - whole);
    }
  }
  return true;
}

std::string excel_number_text(double value) {
  if (!std::isfinite(value)) return {};
  // %g drops trailing zeros, so the 15-digit rounding is also the shortest text of itself.
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", value);
  if (buf[0] == '-' && buf[1] == '0' && buf[2] == '\0') return "0";
  return buf;
}

std::string excel_serial_text(double serial, NumberKind kind, bool date1904, bool elapsed) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958466.0) return {};  // past 9999-12-31
  const long long total = std::llround(serial * 86400.0);
  const long long seconds = total % 86400;
  const std::string clock =
      two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60);
  if (kind == NumberKind::time) {
    if (!elapsed) return clock;
    return two(total / 3600) + ":" + two(total / 60 % 60) + ":" + two(total % 60);
  }
  const long long days = total / 86400;
  std::string date;
  if (date1904) {
    date = format_day(day_from_civil(1904, 1, 1) + static_cast<Day>(days));
  } else if (days == 60) {
    date = "1900-02-29";  // Lotus 1-2-3's leap day, kept by Excel: not a date, reported as such
  } else {
    // Serial 1 is 1900-01-01; past the phantom 1900-02-29 every serial is one day ahead.
    date = format_day(days < 60 ? day_from_civil(1899, 12, 31) + static_cast<Day>(days)
                                : day_from_civil(1899, 12, 30) + static_cast<Day>(days));
  }
  return kind == NumberKind::datetime ? date + " " + clock : date;
}

bool shows_elapsed_time(std::string_view code) {
  for (std::size_t i = 0; i + 1 < code.size(); ++i) {
    const char c = text::ascii_lower(code[i + 1]);
    if (code[i] == '[' && (c == 'h' || c == 'm' || c == 's')) return true;
  }
  return false;
}

}  // namespace pulse::io
