// CsvReader: any bytes, any chunking; a small field limit so that the unterminated-quote
// recovery and the limit are reached. Whole and chunked reads must report the same.
#include <string>

#include "fuzz_input.h"
#include "pulse/error.h"
#include "pulse/io/csv_reader.h"
#include "recording_sink.h"

namespace {

std::string read(std::string_view data, const std::vector<std::string_view>& chunks,
                 char delimiter) {
  pulse::fuzz::RecordingSink sink;
  pulse::io::CsvReader reader(sink, {delimiter, 256});
  try {
    if (chunks.empty()) reader.feed(data);
    for (std::string_view c : chunks) reader.feed(c);
    reader.finish();
  } catch (const pulse::PulseError& e) {
    sink.log += std::string("E") + e.what();
  }
  return sink.log + "|lines " + std::to_string(reader.lines());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const pulse::fuzz::Chunking input(bytes, size);
  const char delimiter = ",;\t|"[(input.seed >> 2) & 3];
  pulse::io::detect_delimiter(input.data);
  const std::string whole = read(input.data, {}, delimiter);
  pulse::fuzz::expect_same(read(input.data, input.chunks(), delimiter) == whole, "CsvReader");
  return 0;
}
