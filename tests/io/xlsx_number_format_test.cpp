// is_excel_number_text (io/xlsx_number_format.h): a workbook cell's number keeps its text only
// when reading it (strtod) and writing it as Excel shows it (excel_number_text) would give that
// text back; anything else still goes through the conversion.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "pulse/io/xlsx_number_format.h"

using pulse::io::excel_number_text;
using pulse::io::is_excel_number_text;

namespace {

std::string round_trip(const std::string& text) {
  return excel_number_text(std::strtod(text.c_str(), nullptr));
}

}  // namespace

TEST_CASE("a cell's plain decimal keeps its text; others are converted", "[io][xlsx]") {
  for (const char* kept : {"0", "7", "-12", "17850", "2.55", "-0.5", "0.0001", "1258.06", "3.14159",
                           "123456789012345", "-99999.9999999999", "0.000123456789012345"}) {
    INFO(kept);
    CHECK(is_excel_number_text(kept));
    CHECK(round_trip(kept) == kept);
  }
  for (const char* converted : {"", "-", "-0", "007", "1.50", "2.", ".5", "+3", "1e5", "1E-3",
                                "0.00001", "1234567890123456", "0.1234567890123456", "12 ", "1,5",
                                "2.5499999999999998", "40513.351388888889", "0.0"}) {
    INFO(converted);
    CHECK_FALSE(is_excel_number_text(converted));
  }
}

TEST_CASE("a kept number text is what the conversion would have written", "[io][xlsx]") {
  // Random decimals of 1 to 18 digits with the point anywhere, signs, leading and trailing
  // zeros: every one the check keeps must round-trip to itself; most short ones are kept.
  std::mt19937_64 next(0x2545F4914F6CDD1DULL);
  std::size_t kept = 0, wrong = 0;
  for (int i = 0; i < 200000; ++i) {
    const int digits = 1 + static_cast<int>(next() % 18);
    std::string body;
    for (int d = 0; d < digits; ++d) body.push_back(static_cast<char>('0' + next() % 10));
    const int point = static_cast<int>(next() % (digits + 1));  // digits: no point
    std::string text = next() % 4 == 0 ? "-" : "";
    if (point == 0 && next() % 2) text += "0";
    text += body.substr(0, static_cast<std::size_t>(point));
    if (point < digits) text += (point == 0 && text.empty() ? "0." : ".") + body.substr(point);
    if (is_excel_number_text(text)) {
      ++kept;
      if (round_trip(text) != text) {
        ++wrong;
        UNSCOPED_INFO(text << " -> " << round_trip(text));
      }
    }
  }
  CHECK(wrong == 0);
  CHECK(kept > 40000);
}

TEST_CASE("a number's Excel text from its digits is printf's, or left to printf", "[io][xlsx]") {
  using pulse::io::excel_number_text_from_digits;
  std::string out;
  for (const auto& [text, expected] : std::vector<std::pair<const char*, const char*>>{
           {"2.5499999999999998", "2.55"},
           {"0.30000000000000004", "0.3"},
           {"-17.850000000000001", "-17.85"},
           {"9.9999999999999998", "10"},
           {"0.00012345678901234567", "0.000123456789012346"},
           {"123456789012345.67", "123456789012346"},
           {"007.50", "7.5"}}) {
    INFO(text);
    REQUIRE(excel_number_text_from_digits(text, out));
    CHECK(out == expected);
    CHECK(out == round_trip(text));
  }
  // Near a rounding boundary, in exponent notation, zero, not plain: printf decides.
  for (const char* text : {"1.0000000000000050", "1.2345678901234549", "1e5", "0.000012345",
                           "1234567890123456", "0", "-0.000", "+1", "1.", "1,5", ""}) {
    INFO(text);
    CHECK_FALSE(excel_number_text_from_digits(text, out));
  }
  // Random plain decimals of 1 to 22 digits: every text the digits decide is printf's; most
  // 17-digit ones are decided.
  std::mt19937_64 next(0x853C49E6748FEA9BULL);
  std::size_t decided = 0, seventeen = 0, seventeen_decided = 0, wrong = 0;
  for (int i = 0; i < 300000; ++i) {
    const int digits = 1 + static_cast<int>(next() % 22);
    std::string text = next() % 4 == 0 ? "-" : "";
    if (next() % 5 == 0) text += "00";
    const int point = static_cast<int>(next() % static_cast<std::uint64_t>(digits + 1));
    for (int d = 0; d < digits; ++d) {
      if (d == point) text += d == 0 ? "0." : ".";
      text.push_back(static_cast<char>((d == 0 ? '1' : '0') + next() % (d == 0 ? 9 : 10)));
    }
    const bool is17 = digits == 17 && point > 0;
    seventeen += is17;
    if (!excel_number_text_from_digits(text, out)) continue;
    ++decided;
    seventeen_decided += is17;
    if (out != round_trip(text)) {
      ++wrong;
      UNSCOPED_INFO(text << " -> " << out << " / printf " << round_trip(text));
    }
  }
  CHECK(wrong == 0);
  CHECK(decided > 150000);
  CHECK(seventeen_decided > seventeen * 3 / 5);
}
