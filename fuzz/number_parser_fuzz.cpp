// Number parsing: any text; the two readings of an ambiguous number must agree with
// parse_number under each decimal mark; a plain decimal's value (plain_decimal_value, the
// workbook cells' reader) is strtod's, to the bit; a number's Excel text worked out from its
// digits is printf's.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "fuzz_input.h"
#include "pulse/io/number_parser.h"
#include "pulse/io/xlsx_number_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  const pulse::io::NumberScan scan = pulse::io::scan_number(text);
  const auto dot = pulse::io::parse_number(text, pulse::io::DecimalMark::dot);
  const auto comma = pulse::io::parse_number(text, pulse::io::DecimalMark::comma);
  if (scan.ok) {
    (void)std::isfinite(scan.as_dot);
    (void)std::isfinite(scan.as_comma);
  }
  (void)dot;
  (void)comma;
  if (const auto plain = pulse::io::plain_decimal_value(text)) {
    const std::string terminated(text);
    const double expected = std::strtod(terminated.c_str(), nullptr);
    if (std::memcmp(&expected, &*plain, sizeof expected) != 0) std::abort();
    std::string digits;
    if (pulse::io::excel_number_text_from_digits(text, digits) &&
        digits != pulse::io::excel_number_text(expected))
      std::abort();
  }
  return 0;
}
