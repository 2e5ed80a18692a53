#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <string>

#include "pulse/io/number_parser.h"

using pulse::io::DecimalMark;

namespace {

constexpr DecimalMark kUnknown = DecimalMark::unknown;
constexpr DecimalMark kDot = DecimalMark::dot;
constexpr DecimalMark kComma = DecimalMark::comma;

struct NumberCase {
  const char* text;
  bool ok;
  DecimalMark evidence;
  double as_dot;    // checked unless evidence is comma
  double as_comma;  // checked unless evidence is dot
};

// Values are compared exactly: literals are correctly rounded, and so must the parser be.
const NumberCase kNumbers[] = {
    // Plain numbers and signs.
    {"1234.5", true, kDot, 1234.5, 0},
    {"-3", true, kUnknown, -3, -3},
    {"+4", true, kUnknown, 4, 4},
    {"0", true, kUnknown, 0, 0},
    {"-0", true, kUnknown, 0, 0},
    {"007", true, kUnknown, 7, 7},
    {"  42  ", true, kUnknown, 42, 42},
    {"\t42\r\n", true, kUnknown, 42, 42},
    {"\u22125", true, kUnknown, -5, -5},
    {"2.55", true, kDot, 2.55, 0},
    {"0.1", true, kDot, 0.1, 0},
    {"0.5", true, kDot, 0.5, 0},
    {".5", true, kDot, 0.5, 0},
    {",5", true, kComma, 0, 0.5},
    {"123456789.123456789", true, kDot, 123456789.123456789, 0},
    {"12345678901234567890123", true, kUnknown, 12345678901234567890123.0,
     12345678901234567890123.0},
    // Decimal mark evidence.
    {"12.5", true, kDot, 12.5, 0},
    {"0.25", true, kDot, 0.25, 0},
    {"0.250", true, kDot, 0.25, 0},
    {"12,5", true, kComma, 0, 12.5},
    {"0,25", true, kComma, 0, 0.25},
    {"0,250", true, kComma, 0, 0.25},
    {"1234,567", true, kComma, 0, 1234.567},
    {"1.234,56", true, kComma, 0, 1234.56},
    {"1,234.56", true, kDot, 1234.56, 0},
    {"1,234,567", true, kDot, 1234567, 0},
    {"1.234.567", true, kComma, 0, 1234567},
    {"1,234,567.89", true, kDot, 1234567.89, 0},
    {"1.234.567,89", true, kComma, 0, 1234567.89},
    // A lone separator before exactly three digits reads either way.
    {"1,234", true, kUnknown, 1234, 1.234},
    {"1.234", true, kUnknown, 1.234, 1234},
    {"12,345", true, kUnknown, 12345, 12.345},
    {"123.456", true, kUnknown, 123.456, 123456},
    {"-1,234", true, kUnknown, -1234, -1.234},
    {"$1,234", true, kUnknown, 1234, 1.234},
    // Space, no-break space, narrow no-break space and apostrophe thousands.
    {"1 234,56", true, kComma, 0, 1234.56},
    {"1\u00A0234,56", true, kComma, 0, 1234.56},
    {"1\u202F234,56", true, kComma, 0, 1234.56},
    {"1\u2009234,56", true, kComma, 0, 1234.56},
    {"-1\u00A0234\u00A0567,5", true, kComma, 0, -1234567.5},
    {"1 234 567", true, kUnknown, 1234567, 1234567},
    {"1 234", true, kUnknown, 1234, 1234},
    {"1 234,567", true, kComma, 0, 1234.567},
    {"1 234.5", true, kDot, 1234.5, 0},
    {"1'234.5", true, kDot, 1234.5, 0},
    {"1\u2019234.5", true, kDot, 1234.5, 0},
    {"1'234'567", true, kUnknown, 1234567, 1234567},
    // Exponents.
    {"12e3", true, kUnknown, 12000, 12000},
    {"1.5E-2", true, kDot, 0.015, 0},
    {"1.5e+3", true, kDot, 1500, 0},
    {"1,5E-2", true, kComma, 0, 0.015},
    {"1.234e3", true, kDot, 1234, 0},
    {"1e22", true, kUnknown, 1e22, 1e22},
    {"1e23", true, kUnknown, 1e23, 1e23},
    {"2.5e-310", true, kDot, 2.5e-310, 0},
    // Accounting negatives.
    {"(12.50)", true, kDot, -12.5, 0},
    {"( 12.50 )", true, kDot, -12.5, 0},
    {"(\u20AC12.50)", true, kDot, -12.5, 0},
    {"($1,234.56)", true, kDot, -1234.56, 0},
    {"(12,50) \u20AC", true, kComma, 0, -12.5},
    // Currency signs and codes, before or after, with or without a space.
    {"$12.50", true, kDot, 12.5, 0},
    {"$ 12.50", true, kDot, 12.5, 0},
    {"\u20AC12", true, kUnknown, 12, 12},
    {"12,50 \u20AC", true, kComma, 0, 12.5},
    {"12,50\u20AC", true, kComma, 0, 12.5},
    {"12,50\u00A0\u20AC", true, kComma, 0, 12.5},
    {"EUR 12", true, kUnknown, 12, 12},
    {"eur 12", true, kUnknown, 12, 12},
    {"EUR12", true, kUnknown, 12, 12},
    {"12 USD", true, kUnknown, 12, 12},
    {"12USD", true, kUnknown, 12, 12},
    {"US$ 12.5", true, kDot, 12.5, 0},
    {"\u00A33", true, kUnknown, 3, 3},
    {"\u20BD100", true, kUnknown, 100, 100},
    {"100 \u20BD", true, kUnknown, 100, 100},
    {"100 \u0440\u0443\u0431.", true, kUnknown, 100, 100},
    {"100 \u0440\u0443\u0431", true, kUnknown, 100, 100},
    {"1 234,50 \u0440\u0443\u0431.", true, kComma, 0, 1234.5},
    {"-$5", true, kUnknown, -5, -5},
    {"$-5", true, kUnknown, -5, -5},
    {"-5 \u20AC", true, kUnknown, -5, -5},
    {"CHF 1'234.50", true, kDot, 1234.5, 0},
    // Not numbers.
    {"", false, kUnknown, 0, 0},
    {"   ", false, kUnknown, 0, 0},
    {"abc", false, kUnknown, 0, 0},
    {"1.2.3,4,5", false, kUnknown, 0, 0},
    {"12abc", false, kUnknown, 0, 0},
    {"--3", false, kUnknown, 0, 0},
    {"+-3", false, kUnknown, 0, 0},
    {"1,23,4", false, kUnknown, 0, 0},
    {"12,34,567", false, kUnknown, 0, 0},
    {"0,123,456", false, kUnknown, 0, 0},
    {"1,2.5", false, kUnknown, 0, 0},
    {"1,234.567,8", false, kUnknown, 0, 0},
    {"1.234,567.8", false, kUnknown, 0, 0},
    {"1 234.567,89", false, kUnknown, 0, 0},
    {"1 234'567", false, kUnknown, 0, 0},
    {"1 23", false, kUnknown, 0, 0},
    {"12 34 56", false, kUnknown, 0, 0},
    {"1  234", false, kUnknown, 0, 0},
    {"$", false, kUnknown, 0, 0},
    {"$$5", false, kUnknown, 0, 0},
    {"EUR", false, kUnknown, 0, 0},
    {".", false, kUnknown, 0, 0},
    {",", false, kUnknown, 0, 0},
    {"-", false, kUnknown, 0, 0},
    {"- 5", false, kUnknown, 0, 0},
    {"5-", false, kUnknown, 0, 0},
    {"12.", false, kUnknown, 0, 0},
    {"1..2", false, kUnknown, 0, 0},
    {"1,,234", false, kUnknown, 0, 0},
    {"(12.50", false, kUnknown, 0, 0},
    {"12.50)", false, kUnknown, 0, 0},
    {"(-5)", false, kUnknown, 0, 0},
    {"-(5)", false, kUnknown, 0, 0},
    {"1e", false, kUnknown, 0, 0},
    {"e5", false, kUnknown, 0, 0},
    {"1.e5", false, kUnknown, 0, 0},
    {"1e5.5", false, kUnknown, 0, 0},
    {"1e999", false, kUnknown, 0, 0},
    {"12 ABC", false, kUnknown, 0, 0},
    {"1_000", false, kUnknown, 0, 0},
    {"0x1A", false, kUnknown, 0, 0},
    {"nan", false, kUnknown, 0, 0},
    {"inf", false, kUnknown, 0, 0},
    {"12345678901234567890123456789012345"
     "12345678901234567890123456789012345",  // 70 digits: more than the parser holds
     false, kUnknown, 0, 0},
};

struct ParseCase {
  const char* text;
  DecimalMark mark;
  std::optional<double> value;
};

const ParseCase kParses[] = {
    {"1,234", kDot, 1234},
    {"1,234", kComma, 1.234},
    {"1,234", kUnknown, 1234},
    {"1.234", kDot, 1.234},
    {"1.234", kComma, 1234},
    {"1.234,56", kComma, 1234.56},
    {"1.234,56", kUnknown, 1234.56},   // no column convention: the value's own evidence
    {"1.234,56", kDot, std::nullopt},  // contradicts the column
    {"12.5", kComma, std::nullopt},
    {"12,5", kDot, std::nullopt},
    {"12,5", kComma, 12.5},
    {"42", kComma, 42},
    {"$-5", kDot, -5},
    {"abc", kUnknown, std::nullopt},
    {"", kDot, std::nullopt},
};

}  // namespace

TEST_CASE("Numbers parse as written in business files", "[io]") {
  SECTION("scan_number") {
    for (const NumberCase& c : kNumbers) {
      INFO("text: \"" << c.text << "\"");
      const pulse::io::NumberScan scan = pulse::io::scan_number(c.text);
      REQUIRE(scan.ok == c.ok);
      if (!c.ok) continue;
      CHECK(scan.evidence == c.evidence);
      if (c.evidence != kComma) CHECK(scan.as_dot == c.as_dot);
      if (c.evidence != kDot) CHECK(scan.as_comma == c.as_comma);
    }
  }

  SECTION("parse_number under a column convention") {
    for (const ParseCase& c : kParses) {
      INFO("text: \"" << c.text << "\" mark " << static_cast<int>(c.mark));
      CHECK(pulse::io::parse_number(c.text, c.mark) == c.value);
    }
  }

  SECTION("values match strtod exactly") {
    // clang-format off
    const char* const kTexts[] = {
        "2.55", "0.1", "0.3", "1234.56", "99.99", "0.000123", "9007199254740993",
        "123456789012.345678", "4.35", "1.7976931348623157e308", "5e-324", "0.1e-5"};
    // clang-format on
    for (const char* text : kTexts) {
      INFO(text);
      const std::optional<double> v = pulse::io::parse_number(text, kDot);
      REQUIRE(v);
      CHECK(*v == std::strtod(text, nullptr));
    }
  }

  SECTION("views into larger buffers are bounded by their size") {
    const std::string line = "12.5;1,234;x";
    CHECK(pulse::io::parse_number(std::string_view(line).substr(0, 4), kDot) == 12.5);
    CHECK(pulse::io::parse_number(std::string_view(line).substr(5, 5), kDot) == 1234);
  }
}

TEST_CASE("A plain decimal's scan carries its units and places, the rest none", "[io]") {
  struct Case {
    const char* text;
    std::int64_t units;
    int places;
  };
  for (const Case c :
       {Case{"2.55", 255, 2}, Case{"-3", -3, 0}, Case{"0.10", 10, 2}, Case{"-0.0", 0, 1},
        Case{"123456789012345", 123456789012345, 0}, Case{"1.234", 1234, 3}}) {
    INFO(c.text);
    const pulse::io::NumberScan scan = pulse::io::scan_number(c.text);
    REQUIRE(scan.ok);
    CHECK(scan.units == c.units);
    CHECK(scan.places == c.places);
    // The promise the columns rely on: as_dot is units / 10^places, rounded once.
    double pow10 = 1;
    for (int i = 0; i < c.places; ++i) pow10 *= 10;
    CHECK(scan.as_dot == static_cast<double>(c.units) / pow10);
  }
  // Grouped, signed with a currency, comma decimals, exponents: read by the general path.
  for (const char* text : {"1,234.50", "$12.50", "12,5", "1e3", "+4", " 7"}) {
    INFO(text);
    const pulse::io::NumberScan scan = pulse::io::scan_number(text);
    REQUIRE(scan.ok);
    CHECK(scan.places == -1);
  }
}

TEST_CASE("Plain decimals read as strtod reads them, to the bit", "[io]") {
  using pulse::io::plain_decimal_value;
  const auto same_bits = [](double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; };
  // Ties between two doubles past 2^53, where a reader that drops the remainder or rounds twice
  // goes the wrong way: 2^53 + 1 rounds down to even, 2^52 + 0.5 too, 2^52 + 1.5 up; and the
  // same with a hair below or above the tie.
  for (const char* text : {"9007199254740993",
                           "4503599627370496.5",
                           "4503599627370497.5",
                           "4503599627370496.51",
                           "4503599627370496.49",
                           "40513.351388888889",
                           "40513.351388888892",
                           "2.5499999999999998",
                           "0.30000000000000004",
                           "-17850",
                           "-0",
                           "0",
                           "0.000",
                           "1.5E-3",
                           "12e3",
                           "1e400",
                           "1e-400",
                           "00012.50",
                           "123456789012345678901234567890",
                           "9999999999999999999",
                           "18446744073709551615",
                           "0.1000000000000000055511151231257827"}) {
    INFO(text);
    const std::optional<double> v = plain_decimal_value(text);
    REQUIRE(v.has_value());
    CHECK(same_bits(*v, std::strtod(text, nullptr)));
  }
  for (const char* text : {"", "-", "+3", " 7", "1,5", "1.", ".5", "1e", "inf", "nan", "0x1p3",
                           "12 ", "1.2.3", "--1"}) {
    INFO(text);
    CHECK_FALSE(plain_decimal_value(text).has_value());
  }
  // Random decimals of 16 to 19 digits (the 128-bit path) with the point anywhere and
  // exponents up to ±25 (some past it, to strtod): every one equals strtod's double.
  std::mt19937_64 next(0x9E3779B97F4A7C15ULL);
  std::size_t differ = 0;
  for (int i = 0; i < 300000; ++i) {
    const int digits = 16 + static_cast<int>(next() % 4);
    std::string text = next() % 3 == 0 ? "-" : "";
    const int point = 1 + static_cast<int>(next() % static_cast<std::uint64_t>(digits));
    text.push_back(static_cast<char>('1' + next() % 9));
    for (int d = 1; d < digits; ++d) {
      if (d == point) text.push_back('.');
      text.push_back(static_cast<char>('0' + next() % 10));
    }
    if (next() % 4 == 0) text += "e" + std::to_string(static_cast<int>(next() % 51) - 25);
    const std::optional<double> v = plain_decimal_value(text);
    if (!v || !same_bits(*v, std::strtod(text.c_str(), nullptr))) {
      ++differ;
      UNSCOPED_INFO(text);
    }
  }
  CHECK(differ == 0);
  // The general reader takes the same path for its long mantissas.
  CHECK(pulse::io::scan_number("4503599627370496.5").as_dot == 4503599627370496.0);
  CHECK(pulse::io::scan_number("40513.351388888889").as_dot == 40513.351388888889);
}
