// Parallel CSV loading must give exactly what one stream gives: the same tables (rows in file
// order, the same string ids), the same load report. Ranges are forced small here so that their
// boundaries fall everywhere: inside quoted line breaks, between a CR and its LF, next to an
// unterminated quote.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "pulse/ingest/file_loader.h"
#include "pulse/ingest/parallel_csv.h"
#include "pulse/io/record_boundaries.h"
#include "test_support.h"

using namespace pulse;
using pulse::ingest::FileLoader;
using pulse::ingest::FileOptions;
using pulse::ingest::ParallelCsvOptions;

namespace {

// As load_path reads a file: 1 MiB chunks, its size known.
void load_one_stream(Dataset& dataset, const std::string& name, std::string_view text) {
  FileOptions options;
  options.expected_bytes = text.size();
  FileLoader loader(dataset, name, options);
  for (std::size_t at = 0; at < text.size(); at += 1 << 20) loader.feed(text.substr(at, 1 << 20));
  loader.finish();
}

bool load_parallel(Dataset& dataset, const std::string& name, std::string_view text,
                   std::size_t range_bytes, unsigned threads = 2,
                   ingest::ParallelCsvStats* stats = nullptr) {
  FileOptions options;
  options.expected_bytes = text.size();
  ParallelCsvOptions parallel;
  parallel.threads = threads;
  parallel.range_bytes = range_bytes;
  parallel.stats = stats;
  return ingest::load_csv_parallel(dataset, name, text, options, parallel).has_value();
}

void require_same(const Dataset& a, const Dataset& b) {
  REQUIRE(a.loads.size() == b.loads.size());
  for (std::size_t i = 0; i < a.loads.size(); ++i) {
    const LoadReport& x = a.loads[i];
    const LoadReport& y = b.loads[i];
    CHECK(x.file == y.file);
    CHECK(x.role == y.role);
    CHECK(x.format == y.format);
    CHECK(x.delimiter == y.delimiter);
    CHECK(x.encoding == y.encoding);
    CHECK(x.encoding_reason == y.encoding_reason);
    CHECK(x.recognized_as == y.recognized_as);
    CHECK(x.rows_read == y.rows_read);
    CHECK(x.rows_loaded == y.rows_loaded);
    CHECK(x.rows_skipped == y.rows_skipped);
    CHECK(x.lines == y.lines);
    REQUIRE(x.problems.size() == y.problems.size());
    for (std::size_t p = 0; p < x.problems.size(); ++p)
      CHECK(x.problems[p].to_string() == y.problems[p].to_string());
    CHECK(x.columns == y.columns);
    CHECK(x.mapping == y.mapping);
    CHECK(x.mapping_reasons == y.mapping_reasons);
    CHECK(x.conventions == y.conventions);
    CHECK(x.notes == y.notes);
    CHECK(x.error == y.error);
    CHECK(x.stopped == y.stopped);
    CHECK(x.stopped_line == y.stopped_line);
  }
  REQUIRE(a.strings.size() == b.strings.size());
  for (StrId id = 0; id < a.strings.size(); ++id) REQUIRE(a.strings.view(id) == b.strings.view(id));
  REQUIRE(a.tables.size() == b.tables.size());
  for (std::size_t t = 0; t < a.tables.size(); ++t) {
    const Table& x = a.tables[t];
    const Table& y = b.tables[t];
    REQUIRE(x.rows == y.rows);
    CHECK(x.role == y.role);
    CHECK(x.source == y.source);
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      INFO("field " << field_name(static_cast<Field>(f)));
      REQUIRE(x.columns[f].mapped == y.columns[f].mapped);
      CHECK(x.columns[f].text.values() == y.columns[f].text.values());
      CHECK(x.columns[f].days == y.columns[f].days);
      CHECK(test::same_bits(x.columns[f].numbers, y.columns[f].numbers));
    }
  }
}

// Loads `text` in one stream and in parallel (into datasets that already hold a file, so that
// the ids of a second file are checked too); true when the parallel loader took the file.
bool compare(const std::string& name, std::string_view text, std::size_t range_bytes,
             unsigned threads = 2) {
  const std::string first = "order_id,sku,quantity,unit_price\nA1,SKU-1,2,3.5\nA2,SKU-9,1,4\n";
  Dataset one, many;
  load_one_stream(one, "first.csv", first);
  load_one_stream(many, "first.csv", first);
  load_one_stream(one, name, text);
  const bool taken = load_parallel(many, name, text, range_bytes, threads);
  if (!taken) load_one_stream(many, name, text);  // what load_path does then
  require_same(one, many);
  return taken;
}

std::vector<std::string> files_under(const std::string& folder) {
  std::vector<std::string> out;
  if (!std::filesystem::exists(folder)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder))
    if (entry.is_regular_file()) out.push_back(entry.path().string());
  return out;
}

// Order lines: header + rows; row i (0-based) is on line i + 2 unless `extra` adds lines.
std::string order_lines(std::size_t rows, const std::string& eol = "\n") {
  std::string text = "order_id,sku,product_name,quantity,unit_price,order_date" + eol;
  for (std::size_t i = 0; i < rows; ++i)
    text += "SO-" + std::to_string(1000 + i / 3) + ",SKU-" + std::to_string(i % 97) + ",Widget " +
            std::to_string(i % 41) + "," + std::to_string(1 + i % 7) + "," +
            std::to_string(2 + i % 5) + ".25,2024-0" + std::to_string(1 + i % 9) + "-1" +
            std::to_string(i % 10) + eol;
  return text;
}

/// Every file of tests/fixtures and samples: what both parallel loads are compared on.
std::vector<std::string> fixture_and_sample_files() {
  std::vector<std::string> files = files_under(test::source_path("tests/fixtures"));
  for (const std::string& f : files_under(test::source_path("samples"))) files.push_back(f);
  return files;
}

/// A ';' file whose decisions come late: decimal comma by default, quantities integers until one
/// reads "2.5" (a decimal point) on line 2502; dates ambiguous (day <= 12) until 13/03/2024 on
/// line 2802.
std::string late_decisions_csv() {
  std::string text = "order_id;sku;quantity;unit_price;order_date\n";
  for (std::size_t i = 0; i < 3000; ++i) {
    const std::string qty = i == 2500 ? "2.5" : std::to_string(1000 + i);
    const std::string date =
        i == 2800 ? "13/03/2024"
                  : "0" + std::to_string(1 + i % 9) + "/0" + std::to_string(1 + i % 3) + "/2024";
    text += "SO-" + std::to_string(i) + ";SKU-" + std::to_string(i % 20) + ";" + qty + ";7;" +
            date + "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("record boundaries: line breaks counted as the reader counts lines",
          "[ingest][parallel]") {
  CHECK(io::count_line_breaks("a\nb\r\nc\rd") == 3);
  CHECK(io::count_line_breaks("\"x\r\ny\"\n") == 2);
  CHECK(io::count_line_breaks("") == 0);
  CHECK(io::count_line_breaks("\r") == 1);
}

TEST_CASE("record boundaries: a quoted line break is no record start", "[ingest][parallel]") {
  const std::string text = "a,b,c\n1,\"two\nlines\",3\n4,5,6\n7,8,9\n";
  // From inside the quoted field, "lines\",3" does not parse as a 3-field row: the next start
  // is after it.
  const std::size_t inside = text.find("two");
  CHECK(io::next_record_start(text, inside, ',', 3) == text.find("4,5,6"));
  // Never between CR and LF.
  const std::string crlf = "a,b\r\n1,2\r\n3,4\r\n5,6\r\n";
  CHECK(io::next_record_start(crlf, crlf.find("1,2") + 3, ',', 2) == crlf.find("3,4"));
  CHECK(io::next_record_start(crlf, crlf.find("1,2") + 4, ',', 2) ==
        crlf.find("3,4"));  // from the LF
  CHECK(io::next_record_start(crlf, crlf.find("3,4"), ',', 2) == crlf.find("5,6"));
  CHECK(io::next_record_start("a,b\r", 0, ',', 2) == std::string_view::npos);  // an LF may follow
}

TEST_CASE("parallel load equals one stream on every fixture and sample", "[ingest][parallel]") {
  const std::vector<std::string> files = fixture_and_sample_files();
  std::size_t taken = 0;
  for (const std::string& path : files) {
    const std::string text = test::read_file(path);
    INFO(path);
    if (compare(std::filesystem::path(path).filename().string(), text, 4096)) ++taken;
  }
  // The samples' order lines (3 MB, 4 KiB ranges: hundreds of joins) at least went parallel.
  CHECK(taken >= 3);
  CHECK(compare("order_lines.csv", test::read_file(test::source_path("samples/order_lines.csv")),
                4096, 3));
}

TEST_CASE("parallel load equals one stream on the shared datasets",
          "[ingest][parallel][datasets]") {
  const std::vector<std::string> names = {
      "online-retail/online_retail.csv", "crm-sales-opportunities/sales_pipeline.csv",
      "crm-sales-opportunities/accounts.csv", "olist-2017-subset/order_items.csv",
      "olist-2017-subset/orders.csv"};
  bool any = false;
  for (const std::string& name : names) {
    const std::string path = test::shared_path("datasets/" + name);
    if (!std::filesystem::exists(path)) continue;
    any = true;
    INFO(name);
    const std::string text = test::read_file(path);
    // Small ranges on a big file would only repeat themselves: 4 KiB on its first 2 MB.
    compare(name, text, text.size() > (8u << 20) ? std::size_t{1} << 20 : 16384);
    compare(name + " (head)",
            std::string_view(text).substr(0, std::min<std::size_t>(text.size(), 2u << 20)), 4096);
  }
  if (!any) WARN("skipped: dataset not found");
}

TEST_CASE("a quoted multi-line field across range boundaries", "[ingest][parallel]") {
  // Descriptions with line breaks whose lines look like rows of the file: parsing ahead from
  // inside them cannot tell, so the joins must catch every wrong split.
  std::string text = "order_id,sku,product_name,quantity,unit_price,order_date\n";
  std::size_t line = 2;
  std::vector<std::size_t> multi_line_rows;
  for (std::size_t i = 0; i < 3000; ++i) {
    std::string name = "Widget " + std::to_string(i % 13);
    if (i % 50 == 7) {
      // Five lines that parse as rows: a split after the first ones is confirmed by parsing
      // ahead, and only the join tells it was inside a quote.
      name =
          "\"Set of 3:\nSO-1,SKU-1,x,1,2.25,2024-01-01\nSO-2,SKU-2,\"\"y\"\",1,2.25,2024-01-02\n"
          "SO-3,SKU-3,z,1,2.25,2024-01-03\nSO-4,SKU-4,w,1,2.25,2024-01-04\nSO-5,SKU-5,v,1,2.25,"
          "2024-01-05\nend\"";
      multi_line_rows.push_back(line);
    }
    text += "SO-" + std::to_string(i / 4) + ",SKU-" + std::to_string(i % 31) + "," + name + "," +
            std::to_string(1 + i % 5) + ",1.5,2024-02-0" + std::to_string(1 + i % 9) + "\n";
    line += i % 50 == 7 ? 7 : 1;
  }
  for (std::size_t range : {700, 1024, 1500, 4096}) {
    INFO("range " << range);
    CHECK(compare("multi.csv", text, range));
  }
  // Most ranges went through on their own; splits inside the look-alike rows were caught.
  std::size_t absorbed = 0, continued = 0;
  for (std::size_t range = 600; range < 1400; range += 37) {
    Dataset each;
    ingest::ParallelCsvStats stats;
    REQUIRE(load_parallel(each, "multi.csv", text, range, 2, &stats));
    REQUIRE(each.tables[0].rows == 3000);
    absorbed += stats.ranges_absorbed;
    continued += stats.ranges_continued;
  }
  CHECK(absorbed > 1000);
  CHECK(continued > 0);
  Dataset d;
  REQUIRE(load_parallel(d, "multi.csv", text, 1024));
  REQUIRE(d.tables.size() == 1);
  CHECK(d.tables[0].rows == 3000);
  CHECK(d.loads[0].lines == line - 1);
  const auto names = d.tables[0].text(Field::product_name);
  CHECK(d.strings.view(names[7]).rfind(
            "Set of 3:\nSO-1,SKU-1,x,1,2.25,2024-01-01\nSO-2,SKU-2,\"y\",1,2.25,", 0) == 0);
  CHECK(d.strings.view(names[7]).substr(d.strings.view(names[7]).size() - 4) == "\nend");
  CHECK(d.loads[0].problems.empty());
}

TEST_CASE("a range boundary inside a CRLF", "[ingest][parallel]") {
  const std::string text = order_lines(2500, "\r\n");
  // Every range size in a span of one line's length: some fall between a CR and its LF.
  for (std::size_t range = 300; range < 345; ++range) {
    INFO("range " << range);
    REQUIRE(compare("crlf.csv", text, range));
  }
  Dataset d;
  ingest::ParallelCsvStats stats;
  REQUIRE(load_parallel(d, "crlf.csv", text, 333, 2, &stats));
  CHECK(stats.ranges_absorbed > 100);
  CHECK(stats.ranges_continued == 0);
  CHECK(d.loads[0].lines == 2501);
  CHECK(d.tables[0].rows == 2500);
}

TEST_CASE("an unterminated quote near a range boundary costs its row only", "[ingest][parallel]") {
  std::string text = order_lines(3000);
  // A stray quote opening the product name of the row on line 2201: never closed.
  const std::size_t at = text.find("SO-1733,");
  REQUIRE(at != std::string::npos);
  const std::size_t name = text.find(",Widget", at) + 1;
  text.insert(name, "\"");
  for (std::size_t range : {512, 1000, 2048, 4096, 8192}) {
    INFO("range " << range);
    REQUIRE(compare("quote.csv", text, range));
  }
  Dataset d;
  REQUIRE(load_parallel(d, "quote.csv", text, 2048));
  const LoadReport& r = d.loads[0];
  CHECK(r.rows_loaded == 2999);
  REQUIRE(r.problems.size() == 1);
  const std::size_t line = 2 +
                           static_cast<std::size_t>(std::count(
                               text.begin(), text.begin() + static_cast<long>(at), '\n')) -
                           1;
  CHECK(r.problems[0].line == line);
  CHECK(r.problems[0].reason.text.find("unterminated quote opened on line " +
                                       std::to_string(line)) == 0);
}

TEST_CASE("bad rows are reported with their file-wide line numbers", "[ingest][parallel]") {
  std::string text = "order_id,sku,product_name,quantity,unit_price,order_date\n";
  for (std::size_t i = 0; i < 4000; ++i) {
    if (i == 1500)
      text += "SO-X,SKU-X,too,few\n";  // line 1502
    else if (i == 2750)
      text += "SO-Y,SKU-Y,Widget,many,2.5,2024-01-02\n";  // line 2752: bad number
    else if (i == 3999)
      text += "SO-Z,SKU-Z,Widget,1,2.5,2024-02-31\n";  // line 4001: bad date
    else
      text += "SO-" + std::to_string(i) + ",SKU-" + std::to_string(i % 50) +
              ",Widget,3,2.5,2024-01-0" + std::to_string(1 + i % 9) + "\n";
  }
  for (std::size_t range : {600, 4096, 20000}) {
    INFO("range " << range);
    REQUIRE(compare("bad.csv", text, range));
  }
  Dataset d;
  REQUIRE(load_parallel(d, "bad.csv", text, 4096));
  const LoadReport& r = d.loads[0];
  REQUIRE(r.problems.size() == 3);
  CHECK(r.problems[0].line == 1502);
  CHECK(r.problems[1].line == 2752);
  CHECK(r.problems[1].field == "quantity");
  CHECK(r.problems[2].line == 4001);
  CHECK(r.problems[2].field == "order_date");
  CHECK(r.rows_read == 4000);
  CHECK(r.rows_loaded == 3997);
}

TEST_CASE("decisions made in a later range are applied as in one stream", "[ingest][parallel]") {
  const std::string text = late_decisions_csv();
  for (std::size_t range : {512, 4096, 30000}) {
    INFO("range " << range);
    REQUIRE(compare("late.csv", text, range, 3));
  }
  Dataset d;
  ingest::ParallelCsvStats stats;
  REQUIRE(load_parallel(d, "late.csv", text, 4096, 2, &stats));
  // Until line 2802 the date column holds month-first readings that only one stream can weigh:
  // those ranges are read again; the ranges after the decisions went through on their own.
  CHECK(stats.ranges_reread > 5);
  CHECK(stats.ranges_absorbed > 0);
  const Table& t = d.tables[0];
  CHECK(t.numbers(Field::quantity)[2500] == 2.5);
  CHECK(t.numbers(Field::quantity)[10] == 1010.0);
  CHECK(format_day(t.days(Field::order_date)[2800]) == "2024-03-13");
  CHECK(format_day(t.days(Field::order_date)[1]) == "2024-02-02");  // 02/02 either way
  CHECK(format_day(t.days(Field::order_date)[3]) == "2024-01-04");  // 04/01: day first
}

TEST_CASE("files the parallel loader leaves to one stream", "[ingest][parallel]") {
  Dataset d;
  // Not UTF-8 throughout: a windows-1252 byte far after an ASCII head.
  std::string text = order_lines(3000);
  text.insert(text.size() - 20, "\xE9");
  CHECK_FALSE(load_parallel(d, "latin.csv", text, 4096));
  CHECK(d.loads.empty());
  CHECK(d.strings.size() == 1);
  CHECK_FALSE(load_parallel(d, "orders.json", "[{\"order_id\": 1}]", 4096));
  CHECK(compare("latin.csv", text, 4096) == false);
}

// The page's parallel load (SteppedCsvLoad): the engine worker reads the head, parses the first
// range of each window itself and absorbs the others from images that helper workers, each
// with its own engine (RangeParser), parsed. Here the helpers run in turn in this thread; the
// bytes they get are those the page's Blob slices give.
namespace {

// What a helper does to an image before posting it, to test the engine's checks.
using Tamper = std::function<void(std::string& image, std::size_t range)>;

bool load_stepped(Dataset& dataset, const std::string& name, std::string_view text,
                  std::size_t range_bytes, unsigned helpers,
                  ingest::ParallelCsvStats* stats = nullptr, const Tamper& tamper = nullptr) {
  FileOptions options;
  options.expected_bytes = text.size();
  ingest::SteppedCsvLoad load(dataset, name, options, range_bytes, helpers + 1);
  const std::string_view head = text.substr(0, ingest::kParallelHeadBytes);
  const bool whole = head.size() == text.size();
  load.give(head);
  if (whole) load.end_of_file();
  if (!load.head()) return false;
  std::vector<std::unique_ptr<ingest::RangeParser>> parsers;
  for (unsigned h = 0; h < helpers; ++h) {
    parsers.push_back(std::make_unique<ingest::RangeParser>(name, options, range_bytes));
    REQUIRE(parsers.back()->head(head, whole, load.head_end()));
  }
  std::size_t given = head.size();
  std::size_t range_count = 0;
  for (;;) {
    const std::size_t want = std::min(text.size(), load.wanted_offset());
    if (want > given) {
      load.give(text.substr(given, want - given));
      given = want;
    }
    if (given == text.size()) load.end_of_file();
    const auto ranges = load.plan();
    if (!ranges) return false;
    if (ranges->empty()) break;
    REQUIRE(ranges->size() <= helpers + 1);
    const std::string decisions = load.decisions();
    std::vector<std::string> images;
    for (std::size_t j = 1; j < ranges->size(); ++j) {
      const ingest::SteppedCsvLoad::Range& r = (*ranges)[j];
      images.push_back(parsers[(j - 1) % helpers]->parse(
          decisions, text.substr(r.begin, r.end - r.begin), r.first_line));
      if (tamper) tamper(images.back(), range_count + j);
    }
    range_count += ranges->size();
    if (!load.parse_first()) return false;
    const std::vector<std::string_view> views(images.begin(), images.end());
    if (!load.join(views)) return false;
  }
  const bool done = load.finish().has_value();
  if (stats) *stats = load.stats();
  return done;
}

// As compare(), with the page's parallel load.
bool compare_stepped(const std::string& name, std::string_view text, std::size_t range_bytes,
                     unsigned helpers, const Tamper& tamper = nullptr) {
  const std::string first = "order_id,sku,quantity,unit_price\nA1,SKU-1,2,3.5\nA2,SKU-9,1,4\n";
  Dataset one, many;
  load_one_stream(one, "first.csv", first);
  load_one_stream(many, "first.csv", first);
  load_one_stream(one, name, text);
  const bool taken = load_stepped(many, name, text, range_bytes, helpers, nullptr, tamper);
  if (!taken) {
    REQUIRE(many.loads.size() == 1);  // nothing of a load that gave up reached the dataset
    load_one_stream(many, name, text);
  }
  require_same(one, many);
  return taken;
}

// The multi-line test's file: descriptions of five lines that parse as rows, so that parsing
// ahead from inside them confirms a wrong split and only the join can tell.
std::string multi_line_file() {
  std::string text = "order_id,sku,product_name,quantity,unit_price,order_date\n";
  for (std::size_t i = 0; i < 3000; ++i) {
    std::string name = "Widget " + std::to_string(i % 13);
    if (i % 50 == 7)
      name =
          "\"Set of 3:\nSO-1,SKU-1,x,1,2.25,2024-01-01\nSO-2,SKU-2,\"\"y\"\",1,2.25,2024-01-02\n"
          "SO-3,SKU-3,z,1,2.25,2024-01-03\nSO-4,SKU-4,w,1,2.25,2024-01-04\nSO-5,SKU-5,v,1,2.25,"
          "2024-01-05\nend\"";
    text += "SO-" + std::to_string(i / 4) + ",SKU-" + std::to_string(i % 31) + "," + name + "," +
            std::to_string(1 + i % 5) + ",1.5,2024-02-0" + std::to_string(1 + i % 9) + "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("the page's parallel load equals one stream on every fixture and sample",
          "[ingest][parallel][page]") {
  const std::vector<std::string> files = fixture_and_sample_files();
  std::size_t taken = 0;
  for (const std::string& path : files) {
    const std::string text = test::read_file(path);
    INFO(path);
    if (compare_stepped(std::filesystem::path(path).filename().string(), text, 4096, 1)) ++taken;
  }
  CHECK(taken >= 3);
  ingest::ParallelCsvStats stats;
  Dataset d;
  const std::string lines = test::read_file(test::source_path("samples/order_lines.csv"));
  REQUIRE(load_stepped(d, "order_lines.csv", lines, 4096, 3, &stats));
  CHECK(stats.ranges_absorbed > 100);
  CHECK(compare_stepped("order_lines.csv", lines, 4096, 3));
}

TEST_CASE("the page's parallel load: a quoted multi-line field across range boundaries",
          "[ingest][parallel][page]") {
  const std::string text = multi_line_file();
  std::size_t joined_again = 0, absorbed = 0;
  for (std::size_t range = 600; range < 1400; range += 53) {
    INFO("range " << range);
    REQUIRE(compare_stepped("multi.csv", text, range, 1));
    REQUIRE(compare_stepped("multi.csv", text, range, 2));
    Dataset d;
    ingest::ParallelCsvStats stats;
    REQUIRE(load_stepped(d, "multi.csv", text, range, 1, &stats));
    REQUIRE(d.tables.back().rows == 3000);
    joined_again += stats.ranges_reread + stats.ranges_continued;
    absorbed += stats.ranges_absorbed;
  }
  // Splits inside the look-alike rows were caught (a reader ended inside a row: the range was
  // read again, or read on), the other ranges went through as images.
  CHECK(joined_again > 0);
  CHECK(absorbed > 500);
}

TEST_CASE("the page's parallel load: CRLF, bad rows, late decisions", "[ingest][parallel][page]") {
  const std::string crlf = order_lines(2500, "\r\n");
  for (std::size_t range = 300; range < 345; range += 4)
    REQUIRE(compare_stepped("crlf.csv", crlf, range, 1));
  const std::string late = late_decisions_csv();
  for (std::size_t range : {512, 4096, 30000}) {
    INFO("range " << range);
    REQUIRE(compare_stepped("late.csv", late, range, 1));
    REQUIRE(compare_stepped("late.csv", late, range, 3));
  }
  std::string quote = order_lines(3000);
  quote.insert(quote.find(",Widget", quote.find("SO-1733,")) + 1, "\"");
  for (std::size_t range : {512, 2048, 8192})
    REQUIRE(compare_stepped("quote.csv", quote, range, 2));
}

TEST_CASE("the page's parallel load: a lost or damaged image costs a re-read, not a wrong row",
          "[ingest][parallel][page]") {
  const std::string text = multi_line_file();
  // A helper that died ("" posted), one whose bytes were cut, one whose bytes were changed.
  REQUIRE(compare_stepped("multi.csv", text, 1024, 2, [](std::string& image, std::size_t r) {
    if (r % 3 == 0) image.clear();
  }));
  REQUIRE(compare_stepped("multi.csv", text, 1024, 2, [](std::string& image, std::size_t r) {
    if (r % 2 == 0) image.resize(image.size() / 2);
  }));
  Dataset d;
  ingest::ParallelCsvStats stats;
  REQUIRE(load_stepped(d, "multi.csv", text, 1024, 1, &stats,
                       [](std::string& image, std::size_t) { image.clear(); }));
  // Every helper's range read here again; only the engine's own ranges absorbed.
  CHECK(stats.ranges_absorbed <= stats.windows);
  CHECK(stats.ranges_reread + stats.ranges_continued + 1 >= stats.windows);
  CHECK(d.tables.back().rows == 3000);
}

TEST_CASE("the page's parallel load leaves to one stream what the native one does",
          "[ingest][parallel][page]") {
  std::string text = order_lines(3000);
  text.insert(text.size() - 20, "\xE9");
  CHECK_FALSE(compare_stepped("latin.csv", text, 4096, 1));
  CHECK_FALSE(compare_stepped("orders.json", "[{\"order_id\": 1}]", 4096, 1));
}
