// JsonReader: any bytes, any chunking, a small record limit. Whole and chunked reads must
// report the same records.
#include <string>

#include "fuzz_input.h"
#include "pulse/error.h"
#include "pulse/io/json_reader.h"
#include "recording_sink.h"

namespace {

std::string read(std::string_view data, const std::vector<std::string_view>& chunks) {
  pulse::fuzz::RecordingSink sink;
  pulse::io::JsonReader reader(sink, {1024});
  try {
    if (chunks.empty()) reader.feed(data);
    for (std::string_view c : chunks) reader.feed(c);
    reader.finish();
  } catch (const pulse::PulseError& e) {
    sink.log += std::string("E") + e.what();
  }
  return sink.log;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const pulse::fuzz::Chunking input(bytes, size);
  const std::string whole = read(input.data, {});
  pulse::fuzz::expect_same(read(input.data, input.chunks()) == whole, "JsonReader");
  return 0;
}
