// A decompression bomb stops the file once the inflated text passes both bounds (size and
// ratio to the compressed bytes), keeping the rows read so far; and the loader says when it
// wants no more bytes (refused or stopped), so that the page stops decompressing.
#include <catch2/catch.hpp>

#include <string>

#include "pulse/ingest/file_loader.h"
#include "test_support.h"

using namespace pulse;
using namespace pulse::ingest;

namespace {

std::string rows(int n) {
  std::string text = "order_id,sku,quantity,unit_price\n";
  for (int i = 1; i <= n; ++i) text += std::to_string(i) + ",A,1,2.5\n";
  return text;
}

}  // namespace

TEST_CASE("text the page inflated stops past both bounds, with the rows kept", "[ingest][gzip]") {
  const std::string text = rows(20000);  // 268,927 bytes of text
  FileOptions options;
  options.container = "gzip";  // the page decompressed it; expected_bytes is the .gz's size
  options.expected_bytes = 1000;
  options.max_inflated_bytes = 100000;
  options.max_inflation_ratio = 150;
  Dataset dataset;
  FileLoader loader(dataset, "bomb.csv.gz", options);
  std::size_t fed = 0;
  for (std::size_t at = 0; at < text.size() && loader.wants_more(); at += 4096) {
    loader.feed(std::string_view(text).substr(at, 4096));
    fed += 4096;
  }
  CHECK_FALSE(loader.wants_more());
  CHECK(fed == 151552);  // 37 chunks: the first past 150,000 bytes (150 x 1,000) stops it
  const LoadReport& r = loader.finish();
  CHECK_FALSE(r.refused());
  REQUIRE(r.partial());
  CHECK(r.stopped ==
        "[pulse.ingest.006] bomb.csv.gz: the gzip data inflates to more than 100000 bytes, over "
        "150 times its compressed size (a decompression bomb?): reading stopped there");
  CHECK(r.rows_loaded == 11323);  // every whole row of the 36 chunks read before the stop
  CHECK(r.stopped_line == 11325);
}

TEST_CASE("a big file that inflates at an ordinary ratio is read whole", "[ingest][gzip]") {
  const std::string text = rows(20000);
  FileOptions options;
  options.container = "gzip";
  options.expected_bytes = 100000;  // ratio 2.9: past the size bound, under the ratio one
  options.max_inflated_bytes = 100000;
  options.max_inflation_ratio = 100;
  Dataset dataset;
  FileLoader loader(dataset, "big.csv.gz", options);
  for (std::size_t at = 0; at < text.size(); at += 4096)
    loader.feed(std::string_view(text).substr(at, 4096));
  CHECK(loader.wants_more());
  const LoadReport& r = loader.finish();
  CHECK_FALSE(loader.wants_more());
  CHECK_FALSE(r.partial());
  CHECK(r.rows_loaded == 20000);
}

TEST_CASE("a native gzip stream is held to the same bounds", "[ingest][gzip]") {
  // The fixture inflates 1.7 times (268 bytes to 452); bounds of 100 bytes and ratio 1 stop it.
  const std::string gz = test::read_file(test::source_path("tests/fixtures/gzip/orders.csv.gz"));
  FileOptions options;
  options.max_inflated_bytes = 100;
  options.max_inflation_ratio = 1;
  Dataset dataset;
  FileLoader loader(dataset, "orders.csv.gz", options);
  loader.feed(gz);
  CHECK_FALSE(loader.wants_more());
  const LoadReport& r = loader.finish();
  CHECK(r.container == "gzip");
  CHECK(
      (r.stopped + r.error).rfind("[pulse.ingest.006] orders.csv.gz: the gzip data inflates", 0) ==
      0);
}

TEST_CASE("a refused file wants no more bytes", "[ingest]") {
  Dataset dataset;
  FileLoader loader(dataset, "zeros.csv");
  loader.feed(std::string(70000, '\0'));
  CHECK_FALSE(loader.wants_more());
  CHECK(loader.finish().error.rfind("[pulse.ingest.002]", 0) == 0);
}
