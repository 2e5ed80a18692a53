#pragma once
// SpreadsheetML number formats: which cells hold dates and times, and how a cell's number reads
// as text. Apart from the workbook so that the rules can be read and tested on their own.

#include <string>
#include <string_view>

namespace pulse::io {

/// How a number format shows a cell's number (SpreadsheetML cellXfs -> numFmtId).
enum class NumberKind : unsigned char {
  number,    // as a number
  date,      // a calendar date: "2024-03-07"
  datetime,  // a date and a time of day: "2024-03-07 14:30:00"
  time,      // a time of day or a duration: "14:30:00", "[h]:mm" -> "27:30:00"
};

/// What a number format code shows: built-in ids 14-22, 27-36, 45-47 and 50-58 are dates or
/// times; a custom code is one when its first section has d, m, y, h or s outside quotes,
/// brackets and escapes ("yyyy\-mm\-dd", "[$-409]d mmm yyyy;@" are; "0.00 \"days\"" is not).
NumberKind number_kind(int builtin_id);
NumberKind number_kind(std::string_view format_code);

/// A cell's number as text: rounded to the 15 significant digits Excel keeps and shows, then
/// written with the fewest digits that read back the same ("0.30000000000000004" -> "0.3",
/// "45000" -> "45000", "1.0000000002" stays).
std::string excel_number_text(double value);

/// True when `text` is what excel_number_text writes for the number it reads as (strtod): a
/// plain decimal ("-12", "2.55", "0.0001") of at most 15 significant digits, without leading or
/// trailing zeros. Such a cell keeps its text, and the conversion there and back (a C library
/// strtod and printf: in WebAssembly a quarter of a big workbook's load) is skipped.
bool is_excel_number_text(std::string_view text);

/// excel_number_text of the number a plain decimal `text` reads as ("2.5499999999999998" ->
/// "2.55"), worked out from its digits without printf, into `out`; false, `out` unspecified,
/// where printf must decide: a 16th and 17th digit near 50 (the text and its double could round
/// apart), exponent notation, zero, or not a plain decimal.
bool excel_number_text_from_digits(std::string_view text, std::string& out);

/// An Excel serial date as ISO text (1900 date system with its phantom 1900-02-29, or the
/// 1904 system). Seconds are rounded. Returns "" for a serial no date can have (negative).
std::string excel_serial_text(double serial, NumberKind kind, bool date1904, bool elapsed = false);

/// True when a custom format code shows elapsed time ("[h]:mm", "[mm]:ss"): hours beyond a
/// day, minutes beyond an hour.
bool shows_elapsed_time(std::string_view format_code);

}  // namespace pulse::io
