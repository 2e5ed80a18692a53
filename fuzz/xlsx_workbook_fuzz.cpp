// XlsxWorkbook through its part protocol: the input is the parts one after the other,
// separated by "\n#\n" (a part that is just "-" is missing), the last one the sheet, fed in
// chunks. Whole and chunked sheet reads must give the same rows.
#include <string>

#include "fuzz_input.h"
#include "pulse/error.h"
#include "pulse/io/xlsx_workbook.h"
#include "recording_sink.h"

namespace {

std::vector<std::string_view> split_parts(std::string_view data) {
  std::vector<std::string_view> parts;
  for (std::size_t at = 0;;) {
    const std::size_t sep = data.find("\n#\n", at);
    parts.push_back(
        data.substr(at, sep == std::string_view::npos ? std::string_view::npos : sep - at));
    if (sep == std::string_view::npos) break;
    at = sep + 3;
  }
  return parts;
}

std::string read(const std::vector<std::string_view>& parts, std::uint32_t seed, bool chunked) {
  pulse::fuzz::RecordingSink sink;
  try {
    pulse::io::XlsxWorkbook book(seed & 1 ? "Sheet2" : "");
    std::size_t next = 0;
    while (book.wants_part()) {
      if (next >= parts.size() || parts[next] == "-")
        book.part_missing();
      else
        book.give_part(parts[next]);
      ++next;
    }
    const std::string_view sheet = next < parts.size() ? parts.back() : std::string_view();
    sink.log += "sheet " + book.sheet().name + " " + book.sheet_part() + "\n";
    book.begin_sheet(sink);
    if (chunked) {
      std::uint8_t head[1] = {static_cast<std::uint8_t>(seed)};
      std::string with_seed(reinterpret_cast<const char*>(head), 1);
      with_seed.append(sheet);
      const pulse::fuzz::Chunking c(reinterpret_cast<const std::uint8_t*>(with_seed.data()),
                                    with_seed.size());
      for (std::string_view piece : c.chunks()) book.feed_sheet(piece);
    } else {
      book.feed_sheet(sheet);
    }
    book.finish_sheet();
    sink.log += std::to_string(book.cells_outside_header()) + book.first_cell_outside_header();
  } catch (const pulse::PulseError& e) {
    sink.log += "error";  // a malformed sheet may fail at a different row in each chunking
    return "error";
  }
  return sink.log;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const pulse::fuzz::Chunking input(bytes, size);
  const std::vector<std::string_view> parts = split_parts(input.data);
  const std::string whole = read(parts, input.seed, false);
  pulse::fuzz::expect_same(read(parts, input.seed, true) == whole, "XlsxWorkbook");
  return 0;
}
