// Inputs the fuzzers found (fuzz/regressions/<harness>/), replayed in the normal suite: each
// is read whole and in the chunking its first byte picks (fuzz/fuzz_input.h), by the reader
// its harness drives and by the whole file loader; the two reads must agree. Under
// `make test-sanitize` this also replays them with ASan and UBSan.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "../../core/src/io/zlib_containers.h"
#include "../../fuzz/fuzz_input.h"
#include "../../fuzz/recording_sink.h"
#include "pulse/error.h"
#include "pulse/ingest/file_loader.h"
#include "pulse/io/csv_reader.h"
#include "pulse/io/json_reader.h"
#include "pulse/io/text_encoding.h"
#include "pulse/report/report_json.h"
#include "test_support.h"

using namespace pulse;
namespace fs = std::filesystem;

namespace {

using Chunks = std::vector<std::string_view>;

template <class Reader>
std::string read_records(std::string_view data, const Chunks& chunks, Reader make) {
  fuzz::RecordingSink sink;
  auto reader = make(sink);
  try {
    if (chunks.empty()) reader.feed(data);
    for (std::string_view c : chunks) reader.feed(c);
    reader.finish();
  } catch (const PulseError& e) {
    sink.log += std::string("E") + e.what();
  }
  return sink.log;
}

std::string decode(std::string_view data, const Chunks& chunks) {
  io::Utf8Decoder decoder(io::detect_encoding(data.substr(0, 64 * 1024)));
  std::string text;
  const auto out = [&](std::string_view utf8) { text.append(utf8); };
  if (chunks.empty()) decoder.decode(data, out);
  for (std::string_view c : chunks) decoder.decode(c, out);
  decoder.finish(out);
  return text + "|" + decoder.reason();
}

std::string load(std::string_view data, const Chunks& chunks) {
  Dataset dataset;
  ingest::FileOptions options;
  options.max_field_bytes = 512;
  ingest::FileLoader loader(dataset, "input", options);
  if (chunks.empty()) loader.feed(data);
  for (std::string_view c : chunks) loader.feed(c);
  report::JsonWriter json;
  report::write_load(json, loader.finish());
  return json.str();
}

}  // namespace

TEST_CASE("fuzz regressions: whole and chunked reads agree", "[ingest][fuzz]") {
  const fs::path root = test::source_path("fuzz/regressions");
  std::size_t replayed = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string bytes = test::read_file(entry.path().string());
    INFO(entry.path().string());
    const fuzz::Chunking input(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    const Chunks chunks = input.chunks();
    const auto csv = [&](fuzz::RecordingSink& s) { return io::CsvReader(s, {',', 256}); };
    const auto json = [&](fuzz::RecordingSink& s) { return io::JsonReader(s, {1024}); };
    CHECK(read_records(input.data, chunks, csv) == read_records(input.data, {}, csv));
    CHECK(read_records(input.data, chunks, json) == read_records(input.data, {}, json));
    CHECK(decode(input.data, chunks) == decode(input.data, {}));
    CHECK(load(input.data, chunks) == load(input.data, {}));
    ++replayed;
  }
  CHECK(replayed >= 2);
}

// fuzz/regressions/csv_reader/quote_escape_past_limit_at_chunk_end: a quoted field of exactly
// the limit that then gets a "" (one escaped quote, one byte past the limit) right at the end of
// a chunk. Read whole, the quote is reported and reading resumes on the next line; cut there,
// the chunk's end-of-field check stopped the whole file (pulse.csv.003).
TEST_CASE("fuzz regression csv_reader quote_escape_past_limit_at_chunk_end", "[io][fuzz]") {
  const std::string head = "a,b\n1,\"" + std::string(256, 'x') + "\"\"";
  const std::string tail = "y\n\",2\n3,4\n";
  const std::string whole = head + tail;
  for (const Chunks& chunks : {Chunks{whole}, Chunks{head, tail}}) {
    INFO("chunks: " << chunks.size());
    test::CollectingSink sink;
    io::CsvReader reader(sink, {',', 256});
    for (std::string_view c : chunks) reader.feed(c);
    reader.finish();
    REQUIRE(sink.bad.size() == 2);
    CHECK(sink.bad[0].line == 2);
    CHECK(sink.bad[0].reason ==
          "unterminated quote opened on line 2 in column 'b': no closing quote within 256 bytes; "
          "the row is skipped, reading resumes on line 3");
    REQUIRE(sink.rows.size() == 1);
    CHECK(sink.rows[0].line == 4);
    CHECK(sink.rows[0].fields == std::vector<std::string>{"3", "4"});
  }
}

// fuzz/regressions/containers/gzip_trailing_bytes_then_chunk_at_1f: a 97-byte gzip member, then
// 1,488 bytes that are no member (0x0E 0x8B ...). Read whole, they were ignored; in 1-16 byte
// chunks, each chunk after the member was looked at anew, and one that began with 0x1F was
// read as a new member: 72 bytes more, then "incorrect header check" refused the file.
TEST_CASE("fuzz regression containers gzip_trailing_bytes_then_chunk_at_1f", "[io][fuzz]") {
  const std::string bytes = test::read_file(
      test::source_path("fuzz/regressions/containers/gzip_trailing_bytes_then_chunk_at_1f"));
  const fuzz::Chunking input(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  for (const Chunks& chunks : {Chunks{input.data}, input.chunks()}) {
    INFO("chunks: " << chunks.size());
    std::string text;
    io::GzipInflater gz("f.gz");
    for (std::string_view c : chunks) gz.feed(c, [&](std::string_view b) { text.append(b); });
    CHECK_NOTHROW(gz.finish());
    CHECK(text.size() == 92);
    CHECK(text.rfind("Order ID,Order Date,Customer ID,", 0) == 0);
  }
}
