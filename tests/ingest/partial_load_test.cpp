// A file that loads some rows and then stops is a partial load (rows kept, then stopped, with
// the reason and the line), told apart from a file refused as a whole (nothing kept); and the
// report counts the lines a file had.
#include <catch2/catch.hpp>

#include <string>

#include "pulse/ingest/file_loader.h"
#include "report_trees.h"
#include "test_support.h"

using namespace pulse;
using namespace pulse::ingest;

namespace {

LoadReport load(const std::string& name, const std::string& text, std::size_t chunk,
                Dataset& dataset, FileOptions options = {}) {
  FileLoader loader(dataset, name, std::move(options));
  for (std::size_t at = 0; at < text.size(); at += chunk)
    loader.feed(std::string_view(text).substr(at, chunk));
  return loader.finish();
}

}  // namespace

TEST_CASE("a file that stops after 1,998 rows is a partial load", "[ingest]") {
  std::string text = "order_id,sku,quantity,unit_price\n";
  for (int i = 1; i <= 1998; ++i) text += std::to_string(i) + ",A,1,2.5\n";
  text +=
      "1999," + std::string(100, 'x') + ",1,2.5\n2000,B,1,1\n";  // an oversized cell on line 2000
  FileOptions options;
  options.max_field_bytes = 64;
  for (std::size_t chunk : {std::size_t{7}, std::size_t{1} << 20}) {
    INFO("chunk " << chunk);
    Dataset dataset;
    const LoadReport r = load("big.csv", text, chunk, dataset, options);
    CHECK_FALSE(r.refused());
    CHECK(r.partial());
    CHECK(r.error.empty());
    CHECK(r.rows_loaded == 1998);
    CHECK(r.stopped_line == 2000);
    CHECK(r.stopped ==
          "[pulse.csv.003] line 2000: field longer than 64 bytes (a quote left open?)");
    REQUIRE(dataset.tables.size() == 1);
    CHECK(dataset.tables.front().rows == 1998);
    const auto json = test::load_tree(r);
    CHECK(json.at("stopped").at("line") == 2000);
    CHECK(json.at("error").is_null());
  }
}

TEST_CASE("a file refused as a whole keeps nothing and is not partial", "[ingest]") {
  Dataset dataset;
  const LoadReport r = load("odd.csv", "colour,size\nred,2\n", 3, dataset);
  CHECK(r.refused());
  CHECK_FALSE(r.partial());
  CHECK(r.rows_loaded == 0);
  CHECK(dataset.tables.empty());
  CHECK(test::load_tree(r).at("stopped").is_null());
}

TEST_CASE("an unterminated quote on line 16 of 41 costs that row, and the lines are counted",
          "[ingest]") {
  std::string text = "order_id,sku,quantity,unit_price\n";
  for (int line = 2; line <= 41; ++line)
    text += std::to_string(line) + (line == 16 ? ",\"A,1,2.5\n" : ",A,1,2.5\n");
  for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{4096}}) {
    INFO("chunk " << chunk);
    Dataset dataset;
    const LoadReport r = load("quote.csv", text, chunk, dataset);
    CHECK(r.lines == 41);
    CHECK(r.rows_read == 40);
    CHECK(r.rows_loaded == 39);
    CHECK(r.rows_skipped == 1);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].to_string() ==
          "quote.csv:16: unterminated quote opened on line 16 in column 'sku': the row is skipped, "
          "reading "
          "resumes on line 17");
  }
}

TEST_CASE("JSON files count their lines", "[ingest]") {
  Dataset dataset;
  const LoadReport r =
      load("o.json", "[\n{\"order_id\": 1, \"sku\": \"A\", \"unit_price\": 2}\n]", 5, dataset);
  CHECK(r.lines == 3);
}

TEST_CASE("a refusal of a very wide file names 20 columns and counts the rest", "[ingest]") {
  std::string header, row;
  for (int i = 0; i < 5000; ++i) {
    header += (i ? ",c" : "c") + std::to_string(i);
    row += i ? ",1" : "1";
  }
  Dataset dataset;
  const LoadReport r = load("wide.csv", header + "\n" + row + "\n", 4096, dataset);
  CHECK(r.refused());
  CHECK(r.error.find("'c19' and 4980 more); closest:") != std::string::npos);
  CHECK(r.error.size() < 1000);
}

TEST_CASE("a gzip file cut before 64 KiB of text keeps its whole rows", "[ingest][gzip]") {
  // The fixture (6 rows, 'abc' a bad price) without its last 12 bytes: before, nothing was kept
  // because the format is decided from the first 64 KiB of text, which never came.
  const std::string gz = test::read_file(test::source_path("tests/fixtures/gzip/orders.csv.gz"));
  Dataset dataset;
  const LoadReport r = load("cut.csv.gz", gz.substr(0, gz.size() - 12), 64, dataset);
  CHECK_FALSE(r.refused());
  CHECK(r.partial());
  CHECK(r.stopped.rfind("[pulse.gzip.002] cut.csv.gz: the gzip data ends early", 0) == 0);
  CHECK(r.rows_loaded ==
        4);  // SO-1001 (2 lines), 1002, 1003; 1004 has 'abc'; 1005, cut, is not read
  CHECK(r.stopped_line == 7);  // the line of the cut row
  CHECK(r.rows_skipped == 1);
}
