// A quote opened and never closed must cost its row only: the reader goes back to the line
// after the opening quote (re-reading the original bytes, "" pairs included) and carries on,
// whatever the chunking, whether the quote runs to the end of the file or past the field limit.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pulse/io/csv_reader.h"
#include "test_support.h"

using pulse::io::CsvReader;
using pulse::test::CollectingSink;

namespace {

/// 41 lines: the header and rows 2..41; line 16 opens a quote in `note` and never closes it.
/// Every third later line has the note """" (a quoted '"'), which a runaway quote reads as two
/// escaped quotes: the quote stays open to the end of the file.
std::string runaway_quote_file() {
  std::string text = "id,amount,note\n";
  for (int line = 2; line <= 41; ++line) {
    const std::string id = std::to_string(line);
    if (line == 16)
      text += id + ",16.5,\"left open\n";
    else if (line > 16 && line % 3 == 0)
      text += id + "," + id + ",\"\"\"\"\n";
    else
      text += id + "," + id + ",plain\n";
  }
  return text;
}

struct Result {
  std::vector<std::size_t> lines;
  std::vector<std::string> notes;
  std::vector<CollectingSink::Bad> bad;
  std::size_t rows_read = 0, lines_read = 0;
};

Result read(const std::string& text, std::size_t chunk, std::size_t limit = std::size_t{1} << 20) {
  CollectingSink sink;
  CsvReader reader(sink, {',', limit});
  pulse::test::feed_in_chunks(reader, text, chunk);
  Result r;
  for (const auto& row : sink.rows) {
    r.lines.push_back(row.line);
    r.notes.push_back(row.fields.at(2));
  }
  r.bad = sink.bad;
  r.rows_read = reader.rows_read();
  r.lines_read = reader.lines();
  return r;
}

}  // namespace

TEST_CASE("CsvReader: an unterminated quote costs its row only, in any chunking", "[io][csv]") {
  const std::string text = runaway_quote_file();
  for (std::size_t chunk = 1; chunk <= text.size(); chunk += (chunk < 64 ? 1 : 97)) {
    INFO("chunk " << chunk);
    const Result r = read(text, chunk);
    CHECK(r.rows_read == 40);
    CHECK(r.lines_read == 41);
    REQUIRE(r.lines.size() == 39);
    CHECK(r.lines[13] == 15);
    CHECK(r.lines[14] == 17);
    CHECK(r.lines.back() == 41);
    CHECK(r.notes[15] == "\"");  // line 18: the "" pairs read as written
    REQUIRE(r.bad.size() == 1);
    CHECK(r.bad[0].line == 16);
    CHECK(r.bad[0].reason ==
          "unterminated quote opened on line 16 in column 'note': the row is skipped, reading "
          "resumes on line 17");
  }
}

TEST_CASE("CsvReader: a quote that runs past the field limit costs its row only", "[io][csv]") {
  // The limit is 64 bytes; the open quote on line 3 would swallow all that follows.
  std::string text = "id,amount,note\n1,1,a\n2,2,\"open\n";
  for (int line = 4; line <= 30; ++line) text += std::to_string(line) + ",7,\"\"\"\"\n";
  for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{64}, text.size()}) {
    INFO("chunk " << chunk);
    const Result r = read(text, chunk, 64);
    CHECK(r.rows_read == 29);
    CHECK(r.lines_read == 30);
    REQUIRE(r.lines.size() == 28);
    CHECK(r.lines[1] == 4);
    CHECK(r.notes[1] == "\"");
    REQUIRE(r.bad.size() == 1);
    CHECK(r.bad[0].line == 3);
    CHECK(r.bad[0].reason ==
          "unterminated quote opened on line 3 in column 'note': no closing quote within 64 bytes; "
          "the row is skipped, reading resumes on line 4");
  }
}

TEST_CASE("CsvReader: an open quote on a line longer than the limit resumes after that line",
          "[io][csv]") {
  const std::string text = "a,b\n1,\"" + std::string(200, 'x') + "\n2,3\r\n4,5\n";
  for (std::size_t chunk : {std::size_t{1}, std::size_t{5}, std::size_t{1000}}) {
    INFO("chunk " << chunk);
    CollectingSink sink;
    CsvReader reader(sink, {',', 50});
    pulse::test::feed_in_chunks(reader, text, chunk);
    REQUIRE(sink.rows.size() == 2);
    CHECK(sink.rows[0].line == 3);
    CHECK(sink.rows[0].fields == std::vector<std::string>{"2", "3"});
    CHECK(sink.rows[1].line == 4);
    REQUIRE(sink.bad.size() == 1);
    CHECK(sink.bad[0].line == 2);
    CHECK(reader.lines() == 4);
  }
}
