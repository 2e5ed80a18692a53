#include "pulse/io/csv_reader.h"

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "pulse/error.h"
#include "test_support.h"

namespace {

using pulse::io::CsvReader;
using pulse::test::CollectingSink;

constexpr std::size_t kLimit = std::size_t{1} << 20;

struct ExpectedRow {
  std::size_t line;
  std::vector<std::string> fields;
};

struct ExpectedBad {
  std::size_t line;
  std::string reason;  // a substring of the reported reason
};

struct Case {
  const char* name;
  std::string input;
  std::vector<std::string> columns;
  std::vector<ExpectedRow> rows;
  std::vector<ExpectedBad> bad;
  char delimiter = ',';
  const char* error_id = "";    // a PulseError expected from feed(), or "" for none
  const char* error_text = "";  // a substring of its what()
};

// Everything a reader reported for one chunking, to compare chunkings with each other.
struct Outcome {
  std::vector<std::string> columns;
  int column_updates = 0;
  std::vector<std::pair<std::size_t, std::vector<std::string>>> rows;
  std::vector<std::pair<std::size_t, std::string>> bad;
  std::size_t rows_read = 0;
  std::string error_id;
  std::string error_what;

  bool operator==(const Outcome& o) const {
    return columns == o.columns && column_updates == o.column_updates && rows == o.rows &&
           bad == o.bad && rows_read == o.rows_read && error_id == o.error_id &&
           error_what == o.error_what;
  }
};

std::string big_quoted_input() {
  return "a,b\n1,2\n3,\"" + std::string(kLimit + 10, 'x') + "\"\n4,5\n";
}

std::string big_plain_input() {
  return "a\n1\n" + std::string(kLimit + 1, 'y') + "\n2\n";
}

std::string limit_sized_input() {
  return "a\n" + std::string(kLimit, 'z') + "\n";
}

const Case kCases[] = {
    {"LF", "a,b\n1,2\n3,4\n", {"a", "b"}, {{2, {"1", "2"}}, {3, {"3", "4"}}}, {}},
    {"CRLF", "a,b\r\n1,2\r\n3,4\r\n", {"a", "b"}, {{2, {"1", "2"}}, {3, {"3", "4"}}}, {}},
    {"lone CR", "a,b\r1,2\r3,4\r", {"a", "b"}, {{2, {"1", "2"}}, {3, {"3", "4"}}}, {}},
    {"mixed line ends",
     "a,b\r\n1,2\n3,4\r5,6",
     {"a", "b"},
     {{2, {"1", "2"}}, {3, {"3", "4"}}, {4, {"5", "6"}}},
     {}},
    {"BOM", "\xEF\xBB\xBFid,name\n1,x\n", {"id", "name"}, {{2, {"1", "x"}}}, {}},
    {"BOM before a quoted header",
     "\xEF\xBB\xBF\"id\",name\r\n1,x\r\n",
     {"id", "name"},
     {{2, {"1", "x"}}},
     {}},
    {"bytes like a BOM start that are data",
     "\xEF\xBBx,b\n1,2\n",
     {"\xEF\xBBx", "b"},
     {{2, {"1", "2"}}},
     {}},
    {"quoted delimiter", "a,b\n\"x,y\",2\n", {"a", "b"}, {{2, {"x,y", "2"}}}, {}},
    {"doubled quotes",
     "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n",
     {"a", "b"},
     {{2, {"say \"hi\"", "\""}}},
     {}},
    {"embedded LF in quotes",
     "a,b\n\"line1\nline2\",2\n3,4\n",
     {"a", "b"},
     {{2, {"line1\nline2", "2"}}, {4, {"3", "4"}}},
     {}},
    {"embedded CRLF in quotes",
     "a,b\r\n\"l1\r\nl2\",\"m1\r\n\r\nm3\"\r\n3,4\r\n",
     {"a", "b"},
     {{2, {"l1\r\nl2", "m1\r\n\r\nm3"}}, {6, {"3", "4"}}},
     {}},
    {"embedded lone CRs in quotes", "a\n\"x\r\ry\"\nz\n", {"a"}, {{2, {"x\r\ry"}}, {5, {"z"}}}, {}},
    {"CR and LF around a doubled quote in quotes",
     "a\n\"x\r\"\"\ny\"\nz\n",
     {"a"},
     {{2, {"x\r\"\ny"}}, {5, {"z"}}},
     {}},
    {"no trailing newline", "a,b\n1,2", {"a", "b"}, {{2, {"1", "2"}}}, {}},
    {"quoted last field, no trailing newline", "a,b\n1,\"2\"", {"a", "b"}, {{2, {"1", "2"}}}, {}},
    {"blank lines",
     "\na,b\n\n1,2\n\r\n\r\n3,4\n\n",
     {"a", "b"},
     {{4, {"1", "2"}}, {7, {"3", "4"}}},
     {}},
    {"empty fields",
     "a,b,c\n,,\n,x,\n\"\",\"\",\"\"\n",
     {"a", "b", "c"},
     {{2, {"", "", ""}}, {3, {"", "x", ""}}, {4, {"", "", ""}}},
     {}},
    {"empty last field", "a,b,c\n1,2,\n", {"a", "b", "c"}, {{2, {"1", "2", ""}}}, {}},
    {"empty last field at end of file", "a,b,c\n1,2,", {"a", "b", "c"}, {{2, {"1", "2", ""}}}, {}},
    {"wrong field counts",
     "a,b,c\n1,2\n1,2,3,4\n5,6,7\n \n",
     {"a", "b", "c"},
     {{4, {"5", "6", "7"}}},
     {{2, "expected 3 fields, found 2"},
      {3, "expected 3 fields, found 4"},
      {5, "expected 3 fields, found 1"}}},
    {"extra empty trailing fields",
     "a,b\n1,2,,\n3,4,\"\"\n5,6,,x\n7,8,\n",
     {"a", "b"},
     {{2, {"1", "2"}}, {3, {"3", "4"}}, {5, {"7", "8"}}},
     {{4, "expected 2 fields, found 4"}}},
    {"unterminated quote at EOF: reading resumes on the next line",
     "a,b\n1,2\n3,\"open\n4,5\n",
     {"a", "b"},
     {{2, {"1", "2"}}, {4, {"4", "5"}}},
     {{3,
       "unterminated quote opened on line 3 in column 'b': the row is skipped, reading resumes on "
       "line 4"}}},
    {"unterminated quote opened on a later line of its row",
     "a,b\n\"x\ny\",\"open",
     {"a", "b"},
     {},
     {{2, "unterminated quote opened on line 3"}}},
    {"tab delimiter", "a\tb\n1,5\t\"x\ty\"\n", {"a", "b"}, {{2, {"1,5", "x\ty"}}}, {}, '\t'},
    {"semicolon delimiter", "a;b\n1,5;\"x;y\"\n", {"a", "b"}, {{2, {"1,5", "x;y"}}}, {}, ';'},
    {"pipe delimiter", "a|b\n1|2,3\n", {"a", "b"}, {{2, {"1", "2,3"}}}, {}, '|'},
    {"header only", "a,b\n", {"a", "b"}, {}, {}},
    {"header only without newline", "a,b", {"a", "b"}, {}, {}},
    {"empty input", "", {}, {}, {}},
    {"only blank lines", "\n\r\n\r\n", {}, {}, {}},
    {"header names trimmed, empty ones numbered",
     " id , ,\"name \",\n1,2,3,4\n",
     {"id", "column_2", "name", "column_4"},
     {{2, {"1", "2", "3", "4"}}},
     {}},
    {"quote inside an unquoted field kept",
     "a,b\n5\" pipe,x\"y\"\n",
     {"a", "b"},
     {{2, {"5\" pipe", "x\"y\""}}},
     {}},
    {"text after a closing quote appended",
     "a,b\n\"ab\"c,\"x\" y\n",
     {"a", "b"},
     {{2, {"abc", "x y"}}},
     {}},
    {"Cyrillic passes through",
     "имя,город\nИван,\"Москва, центр\"\n",
     {"имя", "город"},
     {{2, {"Иван", "Москва, центр"}}},
     {}},
    {"quoted field over the limit: that row only",
     big_quoted_input(),
     {"a", "b"},
     {{2, {"1", "2"}}, {4, {"4", "5"}}},
     {{3,
       "unterminated quote opened on line 3 in column 'b': no closing quote within 1048576 "
       "bytes"}}},
    {"plain field over the limit",
     big_plain_input(),
     {"a"},
     {{2, {"1"}}},
     {},
     ',',
     "pulse.csv.003",
     "line 3: field longer than 1048576 bytes"},
    {"field of exactly the limit",
     limit_sized_input(),
     {"a"},
     {{2, {std::string(kLimit, 'z')}}},
     {}},
};

Outcome run(const Case& c, std::size_t chunk) {
  CollectingSink sink;
  CsvReader reader(sink, {c.delimiter});
  Outcome out;
  try {
    pulse::test::feed_in_chunks(reader, c.input, chunk);
  } catch (const pulse::PulseError& e) {
    out.error_id = e.id();
    out.error_what = e.what();
  }
  out.columns = sink.columns;
  out.column_updates = sink.column_updates;
  for (const auto& row : sink.rows) out.rows.emplace_back(row.line, row.fields);
  for (const auto& bad : sink.bad) out.bad.emplace_back(bad.line, bad.reason);
  out.rows_read = reader.rows_read();
  return out;
}

void check_expected(const Case& c, const Outcome& out) {
  CHECK(out.columns == c.columns);
  CHECK(out.column_updates == (c.columns.empty() ? 0 : 1));
  REQUIRE(out.rows.size() == c.rows.size());
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    CHECK(out.rows[i].first == c.rows[i].line);
    CHECK(out.rows[i].second == c.rows[i].fields);
  }
  REQUIRE(out.bad.size() == c.bad.size());
  for (std::size_t i = 0; i < c.bad.size(); ++i) {
    CHECK(out.bad[i].first == c.bad[i].line);
    CHECK_THAT(out.bad[i].second, Catch::Contains(c.bad[i].reason));
  }
  CHECK(out.error_id == c.error_id);
  CHECK_THAT(out.error_what, Catch::Contains(c.error_text));
  if (out.error_id.empty()) CHECK(out.rows_read == c.rows.size() + c.bad.size());
}

}  // namespace

TEST_CASE("CsvReader reads every case identically for every chunking", "[io]") {
  for (const Case& c : kCases) {
    const Outcome whole = run(c, c.input.empty() ? 1 : c.input.size());
    for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7},
                              std::size_t{64}, c.input.size() + 1}) {
      INFO("case: " << c.name << ", chunk: " << chunk);
      const Outcome out = run(c, chunk);
      check_expected(c, out);
      CHECK(out == whole);
    }
  }
}

TEST_CASE("CsvReader skips a BOM fed one byte per call before anything else", "[io]") {
  CollectingSink sink;
  CsvReader reader(sink, {});
  for (char byte : std::string("\xEF\xBB\xBF"
                               "a\n1\n"))
    reader.feed({&byte, 1});
  reader.finish();
  CHECK(sink.columns == std::vector<std::string>{"a"});
  REQUIRE(sink.rows.size() == 1);
  CHECK(sink.rows[0].fields == std::vector<std::string>{"1"});
}

TEST_CASE("CsvReader treats a file of a partial BOM as data", "[io]") {
  CollectingSink sink;
  CsvReader reader(sink, {});
  reader.feed("\xEF");
  reader.feed("\xBB");
  reader.finish();
  CHECK(sink.columns == std::vector<std::string>{"\xEF\xBB"});
  CHECK(sink.rows.empty());
}

namespace {

struct DelimiterCase {
  const char* name;
  const char* head;
  char expected;
};

const DelimiterCase kDelimiterCases[] = {
    {"commas", "a,b,c\n1,2,3\n", ','},
    {"semicolons with decimal commas", "a;b;c\n1,5;2,5;x\n", ';'},
    {"tabs", "a\tb\tc\n1\t2\t3\n", '\t'},
    {"pipes", "a|b|c\n1|2|3\n", '|'},
    {"online retail with quoted commas",
     "InvoiceNo,StockCode,Description,Quantity\n"
     "536381,82567,\"AIRLINE LOUNGE,METAL SIGN\",2\n"
     "536394,21506,\"FANCY FONT BIRTHDAY CARD, \",24\n"
     "536520,22760,\"TRAY, BREAKFAST IN BED\",1\n",
     ','},
    {"quoted semicolons", "a,b\n\"x;y;z\",1\n\"p;q\",2\n", ','},
    {"quoted newline", "a,b\n\"x\ny\",2\n3,4\n", ','},
    {"empty head", "", ','},
    {"one column", "single\ncolumn\n", ','},
    {"BOM and CRLF",
     "\xEF\xBB\xBF"
     "a;b\r\n1;2\r\n",
     ';'},
    {"tie goes to the earlier candidate", "a,b;c\n1,2;3\n", ','},
    {"cut-off last line ignored", "a;b;c\n1;2;3\n4;5", ';'},
    {"header with a comma in a name", "Name, first;Amount\nBob;1,5\nAl;2\n", ';'},
    {"no newline at all", "a;b;c", ';'},
};

}  // namespace

TEST_CASE("detect_delimiter picks the delimiter that splits lines consistently", "[io]") {
  for (const DelimiterCase& c : kDelimiterCases) {
    INFO("case: " << c.name);
    CHECK(pulse::io::detect_delimiter(c.head) == c.expected);
  }
}

TEST_CASE("CsvReader reads the first 2,000 rows of online_retail.csv", "[io][real]") {
  PULSE_SKIP_WITHOUT_DATASET("datasets/online-retail/online_retail.csv");
  const std::string text =
      pulse::test::read_file(pulse::test::shared_path("datasets/online-retail/online_retail.csv"));
  std::size_t cut = 0;
  for (int newlines = 0; newlines < 2001; ++newlines) {
    cut = text.find('\n', cut);
    REQUIRE(cut != std::string::npos);
    ++cut;
  }
  const std::string head = text.substr(0, cut);
  REQUIRE(pulse::io::detect_delimiter(head) == ',');

  CollectingSink sink;
  CsvReader reader(sink, {','});
  pulse::test::feed_in_chunks(reader, head, 4096);
  CHECK(sink.columns == std::vector<std::string>{"InvoiceNo", "StockCode", "Description",
                                                 "Quantity", "InvoiceDate", "UnitPrice",
                                                 "CustomerID", "Country"});
  CHECK(sink.bad.empty());
  REQUIRE(sink.rows.size() == 2000);
  CHECK(reader.rows_read() == 2000);
  CHECK(sink.rows.back().line == 2001);

  // File line 111: 536381,82567,"AIRLINE LOUNGE,METAL SIGN",2,...
  const auto& lounge = sink.rows[109];
  CHECK(lounge.line == 111);
  CHECK(lounge.fields == std::vector<std::string>{"536381", "82567", "AIRLINE LOUNGE,METAL SIGN",
                                                  "2", "2010-12-01 09:41:00", "2.1", "15311.0",
                                                  "United Kingdom"});
  // File line 873: "RECORD FRAME 7"" SINGLE SIZE " keeps its quote and trailing space.
  const auto& frame = sink.rows[871];
  CHECK(frame.line == 873);
  CHECK(frame.fields[2] == "RECORD FRAME 7\" SINGLE SIZE ");
}
