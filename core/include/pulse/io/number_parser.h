#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace pulse::io {

/// A column's decimal convention (SPEC §2: detected per column, not per value).
enum class DecimalMark : unsigned char { unknown, dot, comma };

/// What a single value tells about its column's decimal mark.
/// "12.5", "1,234.56" say dot; "12,5", "1.234,56", "1 234,56" say comma;
/// "1234", "-3", "1,234", "1.234" say nothing (they read either way).
struct NumberScan {
  bool ok = false;  // the text is a number under at least one convention
  DecimalMark evidence = DecimalMark::unknown;
  double as_dot = 0;    // value when '.' is the decimal mark (valid if ok and evidence != comma)
  double as_comma = 0;  // value when ',' is the decimal mark (valid if ok and evidence != dot)
  // When `places` >= 0, as_dot is exactly the decimal units / 10^places correctly rounded (a
  // plain "-123.45": units -12345, places 2), for a column that keeps such numbers as integers
  // (NumberColumn::push_decimal) without working them back out of the double. -1: not known.
  std::int64_t units = 0;
  int places = -1;
};

/// Reads a number as written in business files: "1234.5", "-3", "+4", "1 234,56" (space or
/// no-break space thousands), "1.234,56", "1,234.56", "1'234.5", "12e3", "(12.50)" (negative),
/// with a currency sign or code around it ignored ("$12.50", "12,50 €", "EUR 12", "12 руб.",
/// "-$5"). Surrounding spaces are ignored. Empty text is not a number (ok = false).
NumberScan scan_number(std::string_view text);

/// A plain decimal as a workbook cell or a C program writes it ("-12", "2.55",
/// "40513.351388888889", "1.5E-3"), read as strtod reads it, to the bit; nullopt for any other
/// text (spaces, '+', "inf", hex, separators). Numbers of up to 19 digits take no C library call.
std::optional<double> plain_decimal_value(std::string_view text);

/// The value of `text` under `mark`; unknown means dot. nullopt when it is not a number.
std::optional<double> parse_number(std::string_view text, DecimalMark mark);

}  // namespace pulse::io
