// Date parsing: any text, every day order.
#include <cstdint>
#include <string_view>

#include "pulse/io/date_parser.h"
#include "pulse/model/day.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  const pulse::io::DateScan scan = pulse::io::scan_date(text);
  for (auto order :
       {pulse::io::DateOrder::dmy, pulse::io::DateOrder::mdy, pulse::io::DateOrder::unknown}) {
    const auto day = pulse::io::parse_date(text, order);
    if (day && *day != pulse::kNoDay) (void)pulse::format_day(*day);
    if (scan.ok) (void)pulse::io::resolve_slash(scan, order);
  }
  return 0;
}
