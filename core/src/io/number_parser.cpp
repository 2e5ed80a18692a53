#include "pulse/io/number_parser.h"
#include "pulse/text/ascii.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace pulse::io {
namespace {

constexpr std::size_t kMaxDigits = 64;      // longer mantissas are not business numbers
constexpr std::size_t kMaxSeparators = 32;  // 32 groups of 3 already exceed kMaxDigits
constexpr int kMaxExponent = 99999;         // saturates; strtod turns it into inf or 0

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// ---------------------------------------------------------------------------------------------
// Spaces, signs and currency around the number.

// Spaces that group digits: space, U+00A0, U+202F (narrow), U+2009 (thin), U+2007 (figure).
constexpr std::string_view kGroupSpaces[] = {" ", "\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89",
                                             "\xE2\x80\x87"};
// U+2019 is the apostrophe Swiss locales produce ("1’234.50").
constexpr std::string_view kApostrophes[] = {"'", "\xE2\x80\x99"};

template <std::size_t N>
std::size_t match_prefix(std::string_view s, const std::string_view (&table)[N]) {
  for (std::string_view t : table)
    if (starts_with(s, t)) return t.size();
  return 0;
}

template <std::size_t N>
std::size_t match_suffix(std::string_view s, const std::string_view (&table)[N]) {
  for (std::string_view t : table)
    if (ends_with(s, t)) return t.size();
  return 0;
}

bool is_blank(char c) {
  return c == '\t' || c == '\r' || c == '\n';
}

// Only ASCII blanks and the lead bytes of the Unicode spaces can start a space: a cheap test
// that keeps the table lookups off the common path.
bool may_be_space(unsigned char c) {
  return c == ' ' || c == 0xC2 || c == 0xE2;
}

std::size_t leading_space(std::string_view s) {
  if (s.empty()) return 0;
  if (is_blank(s.front())) return 1;
  return may_be_space(static_cast<unsigned char>(s.front())) ? match_prefix(s, kGroupSpaces) : 0;
}

std::size_t trailing_space(std::string_view s) {
  if (s.empty()) return 0;
  if (is_blank(s.back())) return 1;
  const unsigned char last = static_cast<unsigned char>(s.back());
  return last == ' ' || last >= 0x80 ? match_suffix(s, kGroupSpaces) : 0;
}

std::string_view trim(std::string_view s) {
  while (std::size_t n = leading_space(s)) s.remove_prefix(n);
  while (std::size_t n = trailing_space(s)) s.remove_suffix(n);
  return s;
}

// Signs and codes seen in exports; codes match ASCII-case-insensitively ("eur 12").
// clang-format off
constexpr std::string_view kCurrencies[] = {
    "$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5",                      // $ € £ ¥
    "\xE2\x82\xBD", "\xE2\x82\xB9", "\xE2\x82\xA9", "\xE2\x82\xBA",   // ₽ ₹ ₩ ₺
    "\xE2\x82\xB4", "\xE2\x82\xAA", "\xE2\x82\xAB", "\xE2\x82\xB8",   // ₴ ₪ ₫ ₸
    "\xE2\x82\xB1", "\xE2\x82\xA6", "\xC2\xA2", "\xE0\xB8\xBF",       // ₱ ₦ ¢ ฿
    "US$", "A$", "C$", "NZ$", "HK$", "S$", "R$", "CHF", "Fr.", "kr", "kr.", "Kc", "Ft", "lei",
    "K\xC4\x8D", "z\xC5\x82",                                         // Kč zł
    "\xD1\x80\xD1\x83\xD0\xB1", "\xD1\x80\xD1\x83\xD0\xB1.",          // руб руб.
    "\xD1\x80.", "\xD0\xB3\xD1\x80\xD0\xBD", "\xD0\xBB\xD0\xB2",      // р. грн лв
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK",
    "PLN", "CZK", "HUF", "RON", "BGN", "RUB", "RUR", "UAH", "BYN", "KZT", "TRY", "INR",
    "BRL", "MXN", "ZAR", "HKD", "SGD", "KRW", "ILS", "AED", "SAR", "THB", "IDR", "MYR",
    "PHP", "VND", "ARS", "CLP", "COP", "PEN", "EGP", "NGN", "ISK",
};
// clang-format on

// Length of the longest currency token at the start (at_end = false) or end of `s`.
std::size_t currency_len(std::string_view s, bool at_end) {
  std::size_t best = 0;
  for (std::string_view t : kCurrencies) {
    if (t.size() <= best || t.size() > s.size()) continue;
    const std::string_view part = at_end ? s.substr(s.size() - t.size()) : s.substr(0, t.size());
    if (text::iequals_ascii(part, t)) best = t.size();
  }
  return best;
}

// Length of a leading sign; U+2212 is the typographic minus.
std::size_t sign_len(std::string_view s, bool* negative) {
  if (s.empty()) return 0;
  if (s[0] == '+' || s[0] == '-') {
    *negative = s[0] == '-';
    return 1;
  }
  if (starts_with(s, "\xE2\x88\x92")) {
    *negative = true;
    return 3;
  }
  return 0;
}

struct Affixes {
  bool ok = false;
  bool negative = false;
  std::string_view body;  // digits, separators and exponent only
};

// Peels "(", one sign and one currency off the front and ")" and a currency off the back.
Affixes strip_affixes(std::string_view s) {
  Affixes out;
  bool paren = false, sign = false, currency = false;
  s = trim(s);
  while (!s.empty() && !is_digit(s.front())) {
    if (!paren && s.front() == '(') {
      paren = true;
      s = trim(s.substr(1));
    } else if (std::size_t n = sign ? 0 : sign_len(s, &out.negative)) {
      sign = true;
      s.remove_prefix(n);  // no space after a sign: "- 5" is not a number
    } else if (std::size_t c = currency ? 0 : currency_len(s, false)) {
      currency = true;
      s = trim(s.substr(c));
    } else {
      break;
    }
  }
  bool closed = !paren;
  while (!s.empty() && !is_digit(s.back())) {
    if (!closed && s.back() == ')') {
      closed = true;
      s = trim(s.substr(0, s.size() - 1));
    } else if (std::size_t c = currency ? 0 : currency_len(s, true)) {
      currency = true;
      s = trim(s.substr(0, s.size() - c));
    } else {
      break;
    }
  }
  // "(-5)" would be a double negative; reject rather than guess.
  if (!closed || (paren && sign)) return out;
  out.ok = true;
  out.negative = out.negative || paren;
  out.body = s;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The digits and separators of the body.

enum class Sep : unsigned char { dot, comma, space, apostrophe };

struct Mantissa {
  char digits[kMaxDigits];
  std::size_t ndigits = 0;
  Sep seps[kMaxSeparators];
  std::uint8_t sep_at[kMaxSeparators];  // number of digits before separator i
  std::size_t nseps = 0;
  int exponent = 0;
  bool has_exponent = false;

  // Digits between separator i - 1 and separator i (run nseps is the last one).
  std::size_t run(std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : sep_at[i - 1];
    const std::size_t end = i == nseps ? ndigits : sep_at[i];
    return end - begin;
  }
  std::size_t count(Sep kind) const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < nseps; ++i) n += seps[i] == kind;
    return n;
  }
};

// Byte length of a separator at the start of `s`, 0 when there is none.
std::size_t separator_at(std::string_view s, Sep* kind) {
  if (s[0] == '.' || s[0] == ',') {
    *kind = s[0] == '.' ? Sep::dot : Sep::comma;
    return 1;
  }
  if (std::size_t n = match_prefix(s, kGroupSpaces)) {
    *kind = Sep::space;
    return n;
  }
  *kind = Sep::apostrophe;
  return match_prefix(s, kApostrophes);
}

// "e" followed by an optional sign and at least one digit, up to the end.
bool read_exponent(std::string_view s, Mantissa* m) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  int value = 0;
  for (char c : s) {
    if (!is_digit(c)) return false;
    value = value >= kMaxExponent ? kMaxExponent : value * 10 + (c - '0');
  }
  m->exponent = negative ? -value : value;
  m->has_exponent = true;
  return true;
}

bool read_mantissa(std::string_view s, Mantissa* m) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (is_digit(c)) {
      if (m->ndigits == kMaxDigits) return false;
      m->digits[m->ndigits++] = c;
      ++i;
    } else if (c == 'e' || c == 'E') {
      // The exponent must follow a digit: "1.e5" and "e5" are not numbers.
      return i > 0 && is_digit(s[i - 1]) && read_exponent(s.substr(i + 1), m);
    } else {
      Sep kind;
      const std::size_t len = separator_at(s.substr(i), &kind);
      if (len == 0 || m->nseps == kMaxSeparators) return false;
      m->seps[m->nseps] = kind;
      m->sep_at[m->nseps++] = static_cast<std::uint8_t>(m->ndigits);
      i += len;
    }
  }
  return m->ndigits > 0;
}

// ---------------------------------------------------------------------------------------------
// Which separator is the decimal mark.

struct Layout {
  bool ok = false;
  DecimalMark evidence = DecimalMark::unknown;
  int decimal = -1;  // index of the decimal separator, -1 for an integer
  // A lone "1,234" / "1.234": the decimal mark under one convention, a group under the other.
  bool ambiguous = false;
};

DecimalMark mark_of(Sep s) {
  return s == Sep::dot ? DecimalMark::dot : DecimalMark::comma;
}
DecimalMark other_mark(Sep s) {
  return s == Sep::dot ? DecimalMark::comma : DecimalMark::dot;
}

// Groups before the decimal mark: 1-3 leading digits (no leading zero), then exactly 3 each.
bool groups_valid(const Mantissa& m, int decimal) {
  const std::size_t groups = decimal < 0 ? m.nseps : static_cast<std::size_t>(decimal);
  if (groups > 0) {
    if (m.run(0) < 1 || m.run(0) > 3 || m.digits[0] == '0') return false;
    for (std::size_t i = 1; i <= groups; ++i)
      if (m.run(i) != 3) return false;
  } else if (m.run(0) == 0 && decimal != 0) {
    return false;
  }
  if (decimal < 0) return true;
  // The decimal mark is the last separator and has digits after it.
  return static_cast<std::size_t>(decimal) + 1 == m.nseps && m.run(m.nseps) > 0;
}

// A lone "," or "." with 1-3 digits before and exactly 3 after reads either way.
bool reads_either_way(const Mantissa& m) {
  return m.nseps == 1 && !m.has_exponent && m.run(0) >= 1 && m.run(0) <= 3 && m.digits[0] != '0' &&
         m.run(1) == 3;
}

Layout classify(const Mantissa& m) {
  const std::size_t dots = m.count(Sep::dot), commas = m.count(Sep::comma);
  const std::size_t spaces = m.count(Sep::space), apostrophes = m.count(Sep::apostrophe);
  if (spaces > 0 && apostrophes > 0) return {};
  const bool grouped = spaces + apostrophes > 0;
  Layout out;
  out.ok = true;
  if (dots > 0 && commas > 0) {
    const Sep last = m.seps[m.nseps - 1];
    if (grouped || last == Sep::space || last == Sep::apostrophe) return {};
    if ((last == Sep::dot ? dots : commas) != 1) return {};
    out.decimal = static_cast<int>(m.nseps - 1);
    out.evidence = mark_of(last);
  } else if (dots + commas >= 2) {
    if (grouped) return {};
    out.evidence = other_mark(dots > 0 ? Sep::dot : Sep::comma);  // the repeated mark groups
  } else if (dots + commas == 1) {
    const Sep mark = dots > 0 ? Sep::dot : Sep::comma;
    if (m.seps[m.nseps - 1] != mark) return {};
    out.decimal = static_cast<int>(m.nseps - 1);
    out.ambiguous = !grouped && reads_either_way(m);
    out.evidence = out.ambiguous ? DecimalMark::unknown : mark_of(mark);
  }
  if (!groups_valid(m, out.ambiguous ? -1 : out.decimal)) return {};
  return out;
}

// ---------------------------------------------------------------------------------------------
// Digits to a correctly rounded double.

// Powers of ten that are exact doubles.
constexpr double kExactPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr std::uint64_t kMaxExactInt = std::uint64_t{1} << 53;

// Clinger's fast path: an exact integer times an exact power of ten rounds once, correctly.
bool fast_path(const char* digits, std::size_t n, int exp10, double* out) {
  if (n > 19 || exp10 < -22 || exp10 > 22) return false;
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = v * 10 + static_cast<std::uint64_t>(digits[i] - '0');
  if (v > kMaxExactInt) return false;
  const double p = kExactPow10[exp10 < 0 ? -exp10 : exp10];
  *out = exp10 < 0 ? static_cast<double>(v) / p : static_cast<double>(v) * p;
  return true;
}

__extension__ typedef unsigned __int128 Wide;  // GCC and Clang, native and wasm32

// The nearest double to m + (sticky ? a fraction : 0), ties to even, for m of 55 bits or more
// when sticky is set (its bit 0 then lies below the rounding point): the top 63 bits and one
// sticky bit for everything below them convert in one rounding, then scale by a power of two.
double wide_to_double(Wide m, bool sticky) {
  const auto high = static_cast<std::uint64_t>(m >> 64);
  const int bits = high != 0 ? 128 - __builtin_clzll(high)
                             : 64 - __builtin_clzll(static_cast<std::uint64_t>(m) | 1);
  if (bits <= 63) return static_cast<double>(static_cast<std::int64_t>(m | sticky));
  const int drop = bits - 63;
  const bool below = (m & ((Wide{1} << drop) - 1)) != 0;
  const auto top = static_cast<std::int64_t>(static_cast<std::uint64_t>(m >> drop) |
                                             static_cast<std::uint64_t>(below || sticky));
  return std::ldexp(static_cast<double>(top), drop);
}

// 16 to 19 digits (past 2^53, so Clinger's path cannot take them) and a power of ten below
// 10^20: a date-time serial of a workbook ("40513.351388888889") or a full-precision export.
// Exact with 128-bit integers: the digits times 10^e, or the digits (shifted to 64 bits, then 64
// more) divided by 10^-e with the remainder as the sticky bit. strtod gives the same double
// through long double arithmetic, which WebAssembly does in software (0.5 µs a number).
bool wide_path(const char* digits, std::size_t n, int exp10, double* out) {
  if (n > 19 || exp10 < -19 || exp10 > 19) return false;
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = v * 10 + static_cast<std::uint64_t>(digits[i] - '0');
  std::uint64_t pow10 = 1;
  for (int i = 0; i < (exp10 < 0 ? -exp10 : exp10); ++i) pow10 *= 10;
  if (exp10 >= 0) {
    *out = wide_to_double(static_cast<Wide>(v) * pow10, false);
    return true;
  }
  const int shift = __builtin_clzll(v);  // v > 0: the leading zeros were dropped
  const Wide numerator = static_cast<Wide>(v << shift) << 64;
  // numerator / pow10 >= 2^63: the quotient has the bits the sticky rounding needs.
  const Wide quotient = numerator / pow10;
  const bool remainder = numerator % pow10 != 0;
  *out = std::ldexp(wide_to_double(quotient, remainder), -64 - shift);
  return true;
}

// "DIGITSe-N" has no decimal point, so strtod's locale cannot change its meaning.
double slow_path(const char* digits, std::size_t n, int exp10) {
  char buf[kMaxDigits + 16];
  std::size_t len = 0;
  for (std::size_t i = 0; i < n; ++i) buf[len++] = digits[i];
  buf[len++] = 'e';
  if (exp10 < 0) buf[len++] = '-';
  unsigned e = static_cast<unsigned>(exp10 < 0 ? -exp10 : exp10);
  char rev[12];
  std::size_t r = 0;
  do {
    rev[r++] = static_cast<char>('0' + e % 10);
    e /= 10;
  } while (e > 0);
  while (r > 0) buf[len++] = rev[--r];
  buf[len] = '\0';
  return std::strtod(buf, nullptr);
}

double digits_to_double(const char* digits, std::size_t n, int exp10) {
  while (n > 0 && digits[0] == '0') ++digits, --n;
  while (n > 0 && digits[n - 1] == '0') --n, ++exp10;
  if (n == 0) return 0.0;
  double v;
  if (fast_path(digits, n, exp10, &v) || wide_path(digits, n, exp10, &v)) return v;
  return slow_path(digits, n, exp10);
}

// The value with separator `decimal` as the decimal mark (-1: an integer).
double value_of(const Mantissa& m, int decimal, bool negative) {
  const std::size_t fraction =
      decimal < 0 ? 0 : m.ndigits - m.sep_at[static_cast<std::size_t>(decimal)];
  const double v = digits_to_double(m.digits, m.ndigits, m.exponent - static_cast<int>(fraction));
  return negative && v != 0.0 ? -v : v;  // no "-0" in reports
}

// "-123" or "123.45" with at most 15 digits: nearly every cell of a real file. Read exactly
// (an integer over an exact power of ten rounds once) without the general machinery; the
// evidence rules are the general ones. Returns false to let the general path decide.
bool scan_plain(std::string_view t, NumberScan* out) {
  std::size_t i = 0;
  const bool negative = !t.empty() && t[0] == '-';
  if (negative) ++i;
  const std::size_t int_start = i;
  std::uint64_t v = 0;
  for (; i < t.size() && is_digit(t[i]); ++i) v = v * 10 + static_cast<std::uint64_t>(t[i] - '0');
  const std::size_t int_digits = i - int_start;
  if (int_digits == 0) return false;
  std::size_t frac_digits = 0;
  if (i < t.size() && t[i] == '.') {
    const std::size_t frac_start = ++i;
    for (; i < t.size() && is_digit(t[i]); ++i) v = v * 10 + static_cast<std::uint64_t>(t[i] - '0');
    frac_digits = i - frac_start;
    if (frac_digits == 0) return false;
  }
  if (i != t.size() || int_digits + frac_digits > 15) return false;
  const auto sign = [&](double x) { return negative && x != 0.0 ? -x : x; };
  const double value = sign(static_cast<double>(v) / kExactPow10[frac_digits]);
  out->ok = true;
  out->as_dot = value;
  out->units = negative ? -static_cast<std::int64_t>(v) : static_cast<std::int64_t>(v);
  out->places = static_cast<int>(frac_digits);
  if (frac_digits == 0) {
    out->as_comma = value;
  } else if (frac_digits == 3 && int_digits <= 3 && t[int_start] != '0') {
    out->as_comma = sign(static_cast<double>(v));  // "1.234" with '.' grouping thousands
  } else {
    out->evidence = DecimalMark::dot;
  }
  return true;
}

}  // namespace

NumberScan scan_number(std::string_view text) {
#ifndef PULSE_NO_FAST_NUMBER
  NumberScan plain;
  if (scan_plain(text, &plain)) return plain;
#endif
  const Affixes affixes = strip_affixes(text);
  if (!affixes.ok) return {};
  Mantissa m;
  if (!read_mantissa(affixes.body, &m)) return {};
  const Layout layout = classify(m);
  if (!layout.ok) return {};
  NumberScan scan;
  scan.evidence = layout.evidence;
  if (layout.ambiguous) {
    const double as_decimal = value_of(m, 0, affixes.negative);
    const double as_group = value_of(m, -1, affixes.negative);
    const bool dot = m.seps[0] == Sep::dot;
    scan.as_dot = dot ? as_decimal : as_group;
    scan.as_comma = dot ? as_group : as_decimal;
  } else {
    const double v = value_of(m, layout.decimal, affixes.negative);
    if (layout.evidence != DecimalMark::comma) scan.as_dot = v;
    if (layout.evidence != DecimalMark::dot) scan.as_comma = v;
  }
  scan.ok = std::isfinite(scan.as_dot) && std::isfinite(scan.as_comma);
  return scan;
}

std::optional<double> plain_decimal_value(std::string_view text) {
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  char digits[kMaxDigits];
  std::size_t n = 0;
  int exp10 = 0;
  const auto take_digits = [&](bool fraction) {
    const std::size_t start = i;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      if (n == kMaxDigits) return std::size_t{0};  // not a business number: strtod decides
      if (n == 0 && text[i] == '0') {  // leading zeros: no digit, but a fraction's still count
        if (fraction) --exp10;
        continue;
      }
      digits[n++] = text[i];
      if (fraction) --exp10;
    }
    return i - start;
  };
  if (take_digits(false) == 0) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (take_digits(true) == 0) return std::nullopt;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool minus = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    const std::size_t start = i;
    int e = 0;
    for (; i < text.size() && is_digit(text[i]); ++i)
      e = std::min(e * 10 + (text[i] - '0'), kMaxExponent);
    if (i == start) return std::nullopt;
    exp10 += minus ? -e : e;
  }
  if (i != text.size()) return std::nullopt;
  const double v = digits_to_double(digits, n, exp10);
  return negative ? -v : v;  // strtod's "-0" is -0.0
}

std::optional<double> parse_number(std::string_view text, DecimalMark mark) {
  const NumberScan scan = scan_number(text);
  if (!scan.ok) return std::nullopt;
  // Without a column convention the value's own evidence decides, else dot (the header's rule).
  if (mark == DecimalMark::unknown) {
    mark = scan.evidence == DecimalMark::comma ? DecimalMark::comma : DecimalMark::dot;
  }
  // A value that contradicts its column's convention has no reading under it.
  if (scan.evidence != DecimalMark::unknown && scan.evidence != mark) return std::nullopt;
  return mark == DecimalMark::dot ? scan.as_dot : scan.as_comma;
}

}  // namespace pulse::io
