// gzip and xlsx through FileLoader: detected from the bytes, whatever the name, in any chunking.
// Figures are those of tests/fixtures/xlsx/README.md.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load_in_chunks.h"
#include "pulse/ingest/file_loader.h"
#include "test_support.h"

using namespace pulse;
using namespace pulse::ingest;

namespace {

using Loaded = test::LoadedFile;

std::string fixture(const std::string& path) {
  return test::read_file(test::source_path("tests/fixtures/" + path));
}

/// The sum of quantity x unit_price of the loaded lines (no discount in the fixture's loaded rows
/// but 0).
double line_value(const Loaded& l) {
  REQUIRE(l.dataset.tables.size() == 1);
  const Table& t = l.dataset.tables.front();
  const auto& q = t.numbers(Field::quantity);
  const auto& p = t.numbers(Field::unit_price);
  double sum = 0;
  for (std::size_t i = 0; i < t.rows; ++i) sum += q[i] * p[i];
  return sum;
}

std::vector<std::string> problem_texts(const LoadReport& r) {
  std::vector<std::string> out;
  for (const Problem& p : r.problems) out.push_back(p.to_string());
  return out;
}

}  // namespace

TEST_CASE("gzip: decompressed as it streams, split anywhere in the header", "[ingest][gzip]") {
  const std::string gz = fixture("gzip/orders.csv.gz");
  // Every split of the first 40 bytes (the 10-byte gzip header and the start of the deflate data).
  for (std::size_t split = 1; split < 40; ++split) {
    INFO("split at " << split);
    Loaded l;
    {
      FileLoader loader(l.dataset, "orders.csv.gz");
      loader.feed(std::string_view(gz).substr(0, split));
      loader.feed(std::string_view(gz).substr(split));
      l.report = loader.finish();
    }
    REQUIRE_FALSE(l.report.refused());
    CHECK(l.report.container == "gzip");
    CHECK(l.report.format == "csv");
    CHECK(l.report.rows_read == 6);
    CHECK(l.report.rows_loaded == 5);
  }
  for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{1} << 20}) {
    INFO("chunk " << chunk);
    const Loaded l =
        test::load_in_chunks("export", gz, chunk);  // no .gz in the name: the bytes decide
    REQUIRE_FALSE(l.report.refused());
    CHECK(l.report.role == "order_lines");
    CHECK(problem_texts(l.report) ==
          std::vector<std::string>{"export:6: unit_price: bad number 'abc'"});
    CHECK(line_value(l) == Approx(335.88));
  }
}

TEST_CASE("gzip: JSON inside, and two members back to back", "[ingest][gzip]") {
  const Loaded json = test::load_in_chunks("orders.json.gz", fixture("gzip/orders.json.gz"), 7);
  REQUIRE_FALSE(json.report.refused());
  CHECK(json.report.format == "json");
  CHECK(json.report.rows_loaded == 5);
  CHECK(line_value(json) == Approx(335.88));
  const Loaded two =
      test::load_in_chunks("two_members.csv.gz", fixture("gzip/two_members.csv.gz"), 5);
  REQUIRE_FALSE(two.report.refused());
  CHECK(two.report.rows_loaded == 5);
  CHECK(line_value(two) == Approx(335.88));
}

TEST_CASE(
    "gzip: truncated data stops the file, corrupt data is refused, with pulse.gzip.002 and "
    "pulse.gzip.001",
    "[ingest][gzip]") {
  const std::string gz = fixture("gzip/orders.csv.gz");
  const Loaded cut = test::load_in_chunks("cut.csv.gz", gz.substr(0, gz.size() - 12), 64);
  CHECK(cut.report.partial());  // its whole rows kept (tests/ingest/partial_load_test.cpp)
  CHECK(cut.report.stopped.rfind("[pulse.gzip.002] cut.csv.gz: the gzip data ends early", 0) == 0);
  std::string bad = gz;
  for (std::size_t i = 20; i < 40; ++i) bad[i] = static_cast<char>(bad[i] ^ 0x5A);
  const Loaded corrupt = test::load_in_chunks("bad.csv.gz", bad, 64);
  CHECK(corrupt.report.refused());
  CHECK(corrupt.report.error.rfind("[pulse.gzip.001] bad.csv.gz: ", 0) == 0);
  CHECK(corrupt.report.rows_loaded == 0);
}

TEST_CASE("xlsx end to end: the first sheet, with row numbers as lines", "[ingest][xlsx]") {
  const std::string xlsx = fixture("xlsx/orders.xlsx");
  for (std::size_t chunk : {std::size_t{1}, std::size_t{100}, std::size_t{1} << 20}) {
    INFO("chunk " << chunk);
    const Loaded l = test::load_in_chunks("orders.xlsx", xlsx, chunk);
    REQUIRE_FALSE(l.report.refused());
    CHECK(l.report.format == "xlsx");
    CHECK(l.report.container == "zip");
    CHECK(l.report.sheet == "Orders");
    CHECK(l.report.sheets == std::vector<std::string>{"Orders", "Customers"});
    CHECK(l.report.role == "order_lines");
    CHECK(l.report.rows_read == 6);
    CHECK(l.report.rows_loaded == 5);
    CHECK(problem_texts(l.report) ==
          std::vector<std::string>{"orders.xlsx:7: unit_price: bad number 'abc'"});
    // 10 x 2.5 + 3 x 0.3 + 4 x 2.5 + 1 x 100 + 2 x 99.99
    CHECK(line_value(l) == Approx(335.88).epsilon(1e-12));
    const Table& t = l.dataset.tables.front();
    REQUIRE(t.rows == 5);
    const auto& price = t.numbers(Field::unit_price);
    CHECK(price[1] == 0.3);  // stored as 0.30000000000000004; Excel shows and exports 0.3
    const auto& days = t.days(Field::order_date);
    CHECK(format_day(days[0]) == "2024-01-01");
    CHECK(format_day(days[2]) == "2024-02-01");  // 45323.5, a date-time style
    CHECK(format_day(days[4]) == "2024-05-01");
    const StringPool& s = l.dataset.strings;
    CHECK(s.view(t.text(Field::sku)[0]) == "00123");  // numbers kept as text stay text
    CHECK(s.view(t.text(Field::sku)[1]) == "0456");   // an inline string
    CHECK(s.view(t.text(Field::customer_name)[0]) == "Acme GmbH");  // two rich-text runs
    CHECK(s.view(t.text(Field::customer_name)[2]) == "M\xC3\xBCller & S\xC3\xB6hne");
    CHECK(s.view(t.text(Field::product_name)[1]) ==
          "\xD0\x91"
          "eta");  // &#1041;
  }
}

TEST_CASE("xlsx: the sheet named in the options, the 1904 date system", "[ingest][xlsx]") {
  FileOptions options;
  options.sheet = "Customers";
  const Loaded l = test::load_in_chunks("orders.xlsx", fixture("xlsx/orders.xlsx"), 4096, options);
  REQUIRE_FALSE(l.report.refused());
  CHECK(l.report.sheet == "Customers");
  CHECK(l.report.role == "customers");
  CHECK(l.report.rows_loaded == 3);

  const Loaded mac = test::load_in_chunks("mac1904.xlsx", fixture("xlsx/mac1904.xlsx"), 4096);
  REQUIRE_FALSE(mac.report.refused());
  const Table& t = mac.dataset.tables.front();
  CHECK(format_day(t.days(Field::order_date)[0]) == "2024-01-01");
  CHECK(format_day(t.days(Field::order_date)[1]) == "2024-02-01");  // 43861.75: 18:00 that day
}

TEST_CASE("xlsx: unreadable workbooks are refused with a clear error", "[ingest][xlsx]") {
  const std::string xlsx = fixture("xlsx/orders.xlsx");
  struct Case {
    const char* name;
    std::string bytes;
    std::string sheet;
    std::string error_start;
  };
  std::string damaged = xlsx;
  const std::size_t sheet_data =
      damaged.find("xl/worksheets/sheet1.xml") + 40;  // inside sheet1's deflate data
  for (std::size_t i = sheet_data; i < sheet_data + 16; ++i)
    damaged[i] = static_cast<char>(damaged[i] ^ 0x77);
  const std::vector<Case> cases = {
      {"zip without a workbook", fixture("xlsx/not_a_workbook.zip"), "",
       "[pulse.xlsx.004] book.xlsx: a zip archive, but not an Excel workbook (no "
       "xl/workbook.xml)"},
      {"truncated download", xlsx.substr(0, xlsx.size() - 200), "",
       "[pulse.zip.001] book.xlsx: cannot read the zip archive: no zip directory at the end"},
      {"damaged entry", damaged, "",
       "[pulse.zip.001] book.xlsx: cannot read the zip archive: entry xl/worksheets/sheet1.xml"},
      {"no such sheet", xlsx, "Returns",
       "[pulse.xlsx.002] book.xlsx: no sheet 'Returns' in the workbook; its sheets: 'Orders', "
       "'Customers'"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    FileOptions options;
    options.sheet = c.sheet;
    const Loaded l = test::load_in_chunks("book.xlsx", c.bytes, 512, options);
    CHECK(l.report.refused());
    CHECK(l.report.error.rfind(c.error_start, 0) == 0);
    CHECK(l.dataset.tables.empty());
  }
  FileOptions options;
  options.sheet = "Returns";
  const Loaded l = test::load_in_chunks("book.xlsx", xlsx, 512, options);
  CHECK(l.report.sheets == std::vector<std::string>{"Orders", "Customers"});  // to pick another
}

TEST_CASE("xlsx by parts (the page's protocol): missing parts and an early finish",
          "[ingest][xlsx]") {
  Dataset dataset;
  FileLoader loader(dataset, "parts.xlsx");
  loader.begin_parts();
  CHECK(loader.wanted_part() == "_rels/.rels");
  loader.part_missing();  // optional
  CHECK(loader.wanted_part() == "xl/workbook.xml");
  loader.part_data(
      "<workbook><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  loader.part_end();
  CHECK(loader.wanted_part() == "xl/_rels/workbook.xml.rels");
  loader.part_data(
      "<Relationships><Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
      "Target=\"worksheets/s.xml\"/></Relationships>");
  loader.part_end();
  CHECK(loader.wanted_part() == "xl/worksheets/s.xml");  // no shared strings, no styles
  const LoadReport& report = loader.finish();
  CHECK(report.error ==
        "[pulse.xlsx.007] parts.xlsx: the workbook ended before xl/worksheets/s.xml was given");
  CHECK(report.sheet == "S");
}
