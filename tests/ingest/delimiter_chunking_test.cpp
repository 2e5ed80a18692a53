// The delimiter is detected from the same sample however the bytes arrive: the first 64 KiB,
// as for the encoding. It used to read the whole buffered head, whose size is that of the
// chunks that happened to arrive (64 KiB by 7-byte chunks, 1 MiB in one read).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pulse/ingest/file_loader.h"

using namespace pulse;
using namespace pulse::ingest;

namespace {

/// Rows that split in two with ',' and with ';' up to past 64 KiB, then rows that only ';'
/// splits: the rows inside the sample tie (',' wins), the rows after it would pick ';'.
std::string ambiguous_past_the_sample() {
  std::string text = "a;b,c\n";
  for (int i = 0; i < 12; ++i) text += std::string(5000, 'x') + ";y,z\n";
  text += std::string(6000, 'w') + ";y,z\n";  // crosses 64 KiB
  for (int i = 0; i < 7; ++i) text += "k" + std::to_string(i) + ";v\n";
  return text;
}

}  // namespace

TEST_CASE("delimiter: the same sample whatever the chunking", "[ingest][csv]") {
  const std::string text = ambiguous_past_the_sample();
  REQUIRE(text.size() > 64 * 1024);
  std::vector<LoadReport> reports;
  for (std::size_t chunk :
       {std::size_t{7}, std::size_t{4096}, std::size_t{64} * 1024, std::size_t{1} << 20}) {
    INFO("chunk " << chunk);
    Dataset dataset;
    FileLoader loader(dataset, "ambiguous.csv");
    for (std::size_t at = 0; at < text.size(); at += chunk)
      loader.feed(std::string_view(text).substr(at, chunk));
    const LoadReport r = loader.finish();
    CHECK(r.delimiter == ",");
    CHECK(r.columns == std::vector<std::string>{"a;b", "c"});
    reports.push_back(r);
  }
  for (const LoadReport& r : reports) {
    CHECK(r.rows_read == reports.front().rows_read);
    CHECK(r.rows_skipped == reports.front().rows_skipped);
    CHECK(r.error == reports.front().error);
  }
}
