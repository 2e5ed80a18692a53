#include "pulse/io/json_reader.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "pulse/error.h"
#include "test_support.h"

namespace {

using pulse::MessageParam;
using pulse::io::JsonReader;
using pulse::test::CollectingSink;
using pulse::test::feed_in_chunks;

struct ExpectedRow {
  std::size_t line;
  std::vector<std::string> fields;  // as delivered: aligned to the columns known at the time
};

struct Case {
  const char* name;
  std::string input;
  std::vector<std::string> columns;
  int column_updates;
  std::vector<ExpectedRow> rows;
  std::vector<std::size_t> bad_lines;
};

// Fails a record whose fields are not aligned to the columns announced before it.
struct CheckingSink : CollectingSink {
  bool misaligned = false;
  void on_record(std::size_t line, const std::vector<std::string_view>& fields) override {
    if (fields.size() != columns.size()) misaligned = true;
    CollectingSink::on_record(line, fields);
  }
};

const std::vector<Case>& cases() {
  static const std::vector<Case> kCases = {
      {"array of flat objects, columns grow",
       R"([
  {"id": "A1", "qty": 2},
  {"id": "A2", "price": 9.5},
  {"qty": 1, "id": "A3"}
])",
       {"id", "qty", "price"},
       2,
       {{2, {"A1", "2"}}, {3, {"A2", "", "9.5"}}, {4, {"A3", "1", ""}}},
       {}},
      {"items wrapper, items first",
       R"({"items": [
  {"sku": "S1", "qty": 1},
  {"sku": "S2", "qty": 3}
], "search_criteria": {"page_size": 2}, "total_count": 2})",
       {"sku", "qty"},
       1,
       {{2, {"S1", "1"}}, {3, {"S2", "3"}}},
       {}},
      {"items wrapper, items last",
       R"({"total_count": 2, "search_criteria": {"filter_groups": [], "items": "x"},
 "items": [{"sku": "S1"},
 {"sku": "S2"}]})",
       {"sku"},
       1,
       {{2, {"S1"}}, {3, {"S2"}}},
       {}},
      {"wrappers one after another (paged fetch)",
       "{\"items\": [{\"sku\": \"P1\"}], \"total_count\": 2}\n"
       "{\"items\": [{\"sku\": \"P2\"}], \"total_count\": 2}\n",
       {"sku"},
       1,
       {{1, {"P1"}}, {2, {"P2"}}},
       {}},
      {"NDJSON with CRLF and blank lines",
       "{\"a\":1,\"b\":\"x\"}\r\n\r\n{\"a\":2}\r\n   \r\n{\"b\":\"y\",\"c\":true}\r\n",
       {"a", "b", "c"},
       2,
       {{1, {"1", "x"}}, {3, {"2", ""}}, {5, {"", "y", "true"}}},
       {}},
      {"single object, nested objects flattened, arrays dropped",
       R"(
{
  "id": 5,
  "extension_attributes": {"company_order_attributes": {"company_id": 12, "company_name": "Acme"}},
  "tags": ["a", {"b": 1}],
  "empty": {},
  "status": "new"
}
)",
       {"id", "extension_attributes.company_order_attributes.company_id",
        "extension_attributes.company_order_attributes.company_name", "status"},
       1,
       {{2, {"5", "12", "Acme", "new"}}},
       {}},
      {"Magento orders in a wrapper: one row per order item",
       R"({"items": [
{"entity_id": 7, "increment_id": "000000007",
 "extension_attributes": {"company_order_attributes": {"company_id": 12}},
 "items": [
  {"item_id": 1, "sku": "CFG-1", "qty_ordered": 2, "price": 10.5, "product_type": "configurable"},
  {"item_id": 2, "sku": "SIMPLE-1", "qty_ordered": 2, "price": 0, "parent_item_id": 1,
   "parent_item": {"sku": "CFG-1"}, "extension_attributes": {"x": "y"}}
 ],
 "status": "processing"}
], "total_count": 1})",
       {"entity_id", "increment_id", "extension_attributes.company_order_attributes.company_id",
        "items.item_id", "items.sku", "items.qty_ordered", "items.price", "items.product_type",
        "items.parent_item_id", "items.parent_item.sku", "items.extension_attributes.x", "status"},
       1,
       {{2,
         {"7", "000000007", "12", "1", "CFG-1", "2", "10.5", "configurable", "", "", "",
          "processing"}},
        {2,
         {"7", "000000007", "12", "2", "SIMPLE-1", "2", "0", "", "1", "CFG-1", "y", "processing"}}},
       {}},
      {"NDJSON orders: items after the order's own keys",
       "{\"entity_id\": 9, \"items\": [{\"sku\": \"A\"}, {\"sku\": \"B\"}]}\n"
       "{\"entity_id\": 10, \"items\": [{\"sku\": \"C\", \"qty\": 1}], \"total_count\": 3}\n",
       {"entity_id", "items.sku", "items.qty", "total_count"},
       2,
       {{1, {"9", "A"}}, {1, {"9", "B"}}, {2, {"10", "C", "1", "3"}}},
       {}},
      {"order with an empty items array gives no row",
       R"([{"entity_id": 1, "note": "empty", "items": []},
 {"entity_id": 2, "items": [{"sku": "A"}]},
 {"entity_id": 3, "items": [1, 2]}])",
       {"entity_id", "items.sku"},
       1,
       {{2, {"2", "A"}}, {3, {"3", ""}}},
       {}},
      {"numbers exactly as written",
       R"([{"a": 17850.0, "b": -3, "c": 1e3, "d": 2.55, "e": 12345678901234567890,
  "f": -0.5E-2, "g": 0, "h": 123456789012345678901234}])",
       {"a", "b", "c", "d", "e", "f", "g", "h"},
       1,
       {{1,
         {"17850.0", "-3", "1e3", "2.55", "12345678901234567890", "-0.5E-2", "0",
          "123456789012345678901234"}}},
       {}},
      {"true, false, null",
       R"({"t": true, "f": false, "n": null, "s": ""})",
       {"t", "f", "n", "s"},
       1,
       {{1, {"true", "false", "", ""}}},
       {}},
      {"unicode escapes, raw Cyrillic, escaped quotes and brackets",
       R"([{"name": "\u0416\u0443\u043a", "city": "Москва", "q": "a\"b\\c", "b": "}]{[,",
  "emoji": "\ud83d\ude00", "ключ": "значение"}])",
       {"name", "city", "q", "b", "emoji", "ключ"},
       1,
       {{1, {"Жук", "Москва", "a\"b\\c", "}]{[,", "😀", "значение"}}},
       {}},
      {"UTF-8 BOM",
       "\xEF\xBB\xBF{\"a\":\"Ж\"}\n{\"a\":\"b\"}\n",
       {"a"},
       1,
       {{1, {"Ж"}}, {2, {"b"}}},
       {}},
      {"broken NDJSON lines are reported and the next line is read",
       R"({"a": 1}
{"a": 2,, "b": 3}
{"a": 3}
{"a": 4,
{"a": 5}
{"a": "unterminated}
{"a": 6}
oops
{"a": 7})",
       {"a"},
       1,
       {{1, {"1"}}, {3, {"3"}}, {5, {"5"}}, {7, {"6"}}, {9, {"7"}}},
       {2, 4, 6, 8}},
      {"broken elements in an array",
       R"([
{"a": 1},
{"a": 2,, "b": 3},
{"a": "x", "b": [1, {"c": "}"}]},
42,
"text",
{"a": 4}
])",
       {"a"},
       1,
       {{2, {"1"}}, {4, {"x"}}, {7, {"4"}}},
       {3, 5, 6}},
      {"array of numbers: every element is a bad record", "[1, 2.5]", {}, 0, {}, {1, 1}},
      {"truncated inside a record",
       "[{\"a\": 1},\n{\"a\": 2, \"b\": \"unfinished\n",
       {"a"},
       1,
       {{1, {"1"}}},
       {2}},
      {"truncated after a whole element",
       "[{\"a\": 1},\n{\"a\": 2}",
       {"a"},
       1,
       {{1, {"1"}}, {2, {"2"}}},
       {1}},
      {"truncated NDJSON", "{\"a\": 1}\n{\"a\": {\"b\": 2", {"a"}, 1, {{1, {"1"}}}, {2}},
      {"truncated wrapper",
       "{\"total_count\": 1,\n\"items\": [{\"a\": 1}]",
       {"a"},
       1,
       {{2, {"1"}}},
       {1}},
      {"empty input", "", {}, 0, {}, {}},
      {"white space only", " \r\n\t\n", {}, 0, {}, {}},
      {"empty array", "[ ]", {}, 0, {}, {}},
  };
  return kCases;
}

std::vector<std::size_t> chunk_sizes(const std::string& input) {
  return {1, 2, 5, 64, std::max<std::size_t>(input.size(), 1)};
}

void check_case(const Case& c, std::size_t chunk) {
  INFO("case: " << c.name << ", chunk size " << chunk);
  CheckingSink sink;
  JsonReader reader(sink);
  feed_in_chunks(reader, c.input, chunk);
  CHECK_FALSE(sink.misaligned);
  CHECK(sink.columns == c.columns);
  CHECK(sink.column_updates == c.column_updates);
  REQUIRE(sink.rows.size() == c.rows.size());
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    INFO("row " << i);
    CHECK(sink.rows[i].line == c.rows[i].line);
    CHECK(sink.rows[i].fields == c.rows[i].fields);
  }
  std::vector<std::size_t> bad_lines;
  for (const auto& bad : sink.bad) bad_lines.push_back(bad.line);
  CHECK(bad_lines == c.bad_lines);
  CHECK(reader.rows_read() == c.rows.size() + c.bad_lines.size());
}

CollectingSink read_whole(const std::string& input) {
  CollectingSink sink;
  JsonReader reader(sink);
  feed_in_chunks(reader, input, std::max<std::size_t>(input.size(), 1));
  return sink;
}

}  // namespace

TEST_CASE("JsonReader reads every shape identically for every chunking", "[io]") {
  for (const Case& c : cases()) {
    for (std::size_t chunk : chunk_sizes(c.input)) check_case(c, chunk);
  }
}

TEST_CASE("JsonReader refuses text that is none of the shapes", "[io]") {
  const std::vector<std::string> inputs = {"x",        "42",          "\"text\"",
                                           "true",     "]",           "  nope\n{}",
                                           "\xEF\xBB", "\xEF\xBBx{}", std::string("\x00\x01", 2)};
  for (const std::string& input : inputs) {
    for (std::size_t chunk : chunk_sizes(input)) {
      INFO("input: " << input << ", chunk size " << chunk);
      CollectingSink sink;
      JsonReader reader(sink);
      try {
        feed_in_chunks(reader, input, chunk);
        FAIL("no PulseError");
      } catch (const pulse::PulseError& error) {
        CHECK(error.id() == "pulse.json.001");
      }
      CHECK(sink.rows.empty());
    }
  }
}

TEST_CASE("JsonReader names the reason of a bad record", "[io]") {
  SECTION("truncated record") {
    const CollectingSink sink = read_whole("[{\"a\": 1},\n\n{\"a\": [2, ");
    REQUIRE(sink.bad.size() == 1);
    CHECK(sink.bad[0].line == 3);
    CHECK(sink.bad[0].reason == "truncated JSON: record opened on line 3 is not closed");
    CHECK(sink.bad[0].code == "pulse.row.010");
    CHECK(sink.bad[0].params ==
          std::vector<MessageParam>{{"what", "record", false}, {"opened_line", "3", true}});
  }
  SECTION("unclosed array") {
    const CollectingSink sink = read_whole("\n[{\"a\": 1},\n");
    REQUIRE(sink.bad.size() == 1);
    CHECK(sink.bad[0].reason == "truncated JSON: array opened on line 2 is not closed");
    CHECK(sink.bad[0].code == "pulse.row.010");
    CHECK(sink.bad[0].params ==
          std::vector<MessageParam>{{"what", "array", false}, {"opened_line", "2", true}});
  }
  SECTION("invalid JSON and not an object") {
    const CollectingSink sink = read_whole("[{\"a\" 1}, [1]]");
    REQUIRE(sink.bad.size() == 2);
    CHECK(sink.bad[0].reason.rfind("invalid JSON: ", 0) == 0);
    CHECK(sink.bad[0].reason.find("json.exception") == std::string::npos);
    CHECK(sink.bad[0].code == "pulse.row.015");
    REQUIRE(sink.bad[0].params.size() == 1);
    CHECK(sink.bad[0].params[0].name == "detail");
    CHECK(sink.bad[0].reason == "invalid JSON: " + sink.bad[0].params[0].value);
    CHECK(sink.bad[1].reason == "not a JSON object");
    CHECK(sink.bad[1].code == "pulse.row.014");
    CHECK(sink.bad[1].params.empty());
  }
  SECTION("junk between NDJSON records") {
    const CollectingSink sink = read_whole("{\"a\": 1}\n}\n");
    REQUIRE(sink.bad.size() == 1);
    CHECK(sink.bad[0].line == 2);
    CHECK(sink.bad[0].reason == "not a JSON object: unexpected '}'");
    CHECK(sink.bad[0].code == "pulse.row.011");
    CHECK(sink.bad[0].params == std::vector<MessageParam>{{"byte", "'}'", false}});
  }
  SECTION("an NDJSON line that never closes before the next record") {
    const CollectingSink sink = read_whole("{\"a\": 1\n{\"a\": 2}\n");
    REQUIRE(sink.bad.size() == 1);
    CHECK(sink.bad[0].line == 1);
    CHECK(sink.bad[0].code == "pulse.row.012");
    CHECK(sink.bad[0].params == std::vector<MessageParam>{{"next_line", "2", true}});
    REQUIRE(sink.rows.size() == 1);
    CHECK(sink.rows[0].line == 2);
  }
  SECTION("a line break inside an NDJSON string") {
    const CollectingSink sink = read_whole("{\"a\": \"x\ny\"}\n{\"a\": 2}\n");
    REQUIRE_FALSE(sink.bad.empty());
    CHECK(sink.bad[0].line == 1);
    CHECK(sink.bad[0].code == "pulse.row.013");
    CHECK(sink.bad[0].params.empty());
    CHECK(sink.bad[0].reason == "invalid JSON: line break inside a string");
  }
  SECTION("broken UTF-8 is a bad record whose reason stays ASCII") {
    const CollectingSink sink = read_whole("[{\"a\": \"\xFF\xFE\"}, {\"a\": \"ok\"}]");
    REQUIRE(sink.bad.size() == 1);
    const std::string& reason = sink.bad[0].reason;
    CHECK(std::none_of(reason.begin(), reason.end(),
                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
    REQUIRE(sink.rows.size() == 1);
  }
  SECTION("a bad record adds no column") {
    const CollectingSink sink = read_whole("{\"a\": 1}\n{\"b\": 2,}\n{\"c\": 3}\n");
    CHECK(sink.columns == std::vector<std::string>{"a", "c"});
  }
}

TEST_CASE("JsonReader reads a long NDJSON stream in 4 KB chunks", "[io]") {
  std::string input;
  for (int i = 0; i < 20000; ++i) {
    input += "{\"order_id\": \"" + std::to_string(i) + "\", \"qty\": " + std::to_string(i % 7) +
             ", \"price\": 2.55}\n";
  }
  CollectingSink sink;
  JsonReader reader(sink);
  feed_in_chunks(reader, input, 4096);
  REQUIRE(sink.rows.size() == 20000);
  CHECK(sink.bad.empty());
  CHECK(sink.rows.back().line == 20000);
  CHECK(sink.rows.back().fields == std::vector<std::string>{"19999", "0", "2.55"});
}

TEST_CASE("a record over the size limit stops the file with a clear error, rows before it read",
          "[io]") {
  // An unclosed bracket would otherwise keep the rest of the file in memory.
  const std::string text = "[{\"a\": 1},\n{\"a\": 2},\n{\"a\": \"" + std::string(4000, 'x');
  for (std::size_t chunk : {std::size_t{64}, std::size_t{1000}, text.size()}) {
    INFO("chunk " << chunk);
    pulse::test::CollectingSink sink;
    pulse::io::JsonReader reader(sink, {1024});
    try {
      pulse::test::feed_in_chunks(reader, text, chunk);
      FAIL("expected pulse.json.002");
    } catch (const pulse::PulseError& e) {
      CHECK(e.id() == "pulse.json.002");
      CHECK(std::string(e.what()).find("line 3") != std::string::npos);
    }
    CHECK(sink.rows.size() == 2);
  }
}

TEST_CASE("JsonReader keeps a record one row when it holds the whole-record object", "[io]") {
  // A cart with items: one row per item unless the option names an object it carries.
  const std::string quote =
      R"({"id": 7, "extension_attributes": {"negotiable_quote": {"status": "ordered"}},)"
      R"( "items": [{"sku": "A"}, {"sku": "B"}]})"
      "\n"
      R"({"id": 8, "items": [{"sku": "C"}, {"sku": "D"}]})"
      "\n"
      R"({"id": 9, "negotiable_quote": {"x.y": 1}, "items": [{"sku": "E"}]})";
  for (std::size_t chunk : chunk_sizes(quote)) {
    INFO("chunk size " << chunk);
    CollectingSink plain;
    JsonReader plain_reader(plain);
    feed_in_chunks(plain_reader, quote, chunk);
    CHECK(plain.rows.size() == 5);  // 2 + 2 + 1 item rows

    CollectingSink marked;
    pulse::io::JsonReaderOptions options;
    options.whole_record_object = "extension_attributes.negotiable_quote";
    JsonReader marked_reader(marked, options);
    feed_in_chunks(marked_reader, quote, chunk);
    // Only id 7 carries the object at that path; id 9's top-level "negotiable_quote" does not.
    CHECK(marked.rows.size() == 4);  // 1 + 2 + 1
    REQUIRE(!marked.rows.empty());
    CHECK(marked.rows[0].line == 1);
  }
}
