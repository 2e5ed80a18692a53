#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "load_in_chunks.h"
#include "pulse/error_ids.h"
#include "pulse/ingest/file_loader.h"

using namespace pulse;
using namespace pulse::ingest;

namespace {

using Loaded = test::LoadedFile;

std::vector<std::string> problem_texts(const LoadReport& r) {
  std::vector<std::string> out;
  for (const Problem& p : r.problems) out.push_back(p.to_string());
  return out;
}

const Table& only_table(const Loaded& l) {
  REQUIRE(l.dataset.tables.size() == 1);
  return l.dataset.tables.front();
}

}  // namespace

TEST_CASE("bad rows are skipped and reported with file, line, field and reason", "[ingest]") {
  struct Case {
    const char* name;
    std::string text;
    std::size_t loaded;
    std::vector<std::string> problems;
  };
  const std::vector<Case> cases = {
      {"unparseable number",
       "order_id,sku,quantity,unit_price\n1,A,2,3.5\n2,B,abc,1.0\n3,C,1,2\n",
       2,
       {"f.csv:3: quantity: bad number 'abc'"}},
      {"impossible date",
       "order_id,order_date,total\n1,2024-02-28,5\n2,31.02.2024,5\n3,2024-03-01,5\n",
       2,
       {"f.csv:3: order_date: bad date '31.02.2024'"}},
      {"missing required id",
       "order_id,sku,quantity,unit_price\n1,A,1,1\n,B,1,1\n",
       1,
       {"f.csv:3: order_id: missing value"}},
      {"no price and no total on a line",
       "order_id,sku,quantity,unit_price\n1,A,1,\n2,A,1,4\n",
       1,
       {"f.csv:2: unit_price: missing unit_price and line_total"}},
      {"wrong field count",
       "order_id,sku,quantity,unit_price\n1,A,1,1\n2,B,1\n3,C,1,1,9\n4,D,1,1\n",
       2,
       {"f.csv:3: expected 4 fields, found 3", "f.csv:4: expected 4 fields, found 5"}},
      {"a quoted field spanning lines keeps later line numbers right",
       "order_id,sku,product_name,quantity,unit_price\n1,A,\"two\nlines\",1,1\n2,B,x,zz,1\n",
       1,
       {"f.csv:4: quantity: bad number 'zz'"}},
      {"decimal comma contradicting the column's decimal point",
       "order_id,sku,quantity,unit_price\n1,A,1,2.50\n2,B,1,\"2,5\"\n",
       1,
       {"f.csv:3: unit_price: '2,5' does not read with the column's decimal point"}},
  };
  for (const Case& c : cases) {
    for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{1} << 20}) {
      INFO(c.name << " / chunk " << chunk);
      const Loaded l = test::load_in_chunks("f.csv", c.text, chunk);
      CHECK_FALSE(l.report.refused());
      CHECK(l.report.rows_loaded == c.loaded);
      CHECK(l.report.rows_skipped == c.problems.size());
      CHECK(l.report.rows_read == c.loaded + c.problems.size());
      CHECK(problem_texts(l.report) == c.problems);
    }
  }
}

TEST_CASE("files that cannot be read are refused with a clear error, never a crash", "[ingest]") {
  struct Case {
    const char* name;
    std::string text;
    const char* error_id;
  };
  std::string binary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  const std::vector<Case> cases = {
      {"empty file", "", "[pulse.ingest.001]"},
      {"only blank lines", "\n\n\r\n", "[pulse.ingest.001]"},
      {"binary", binary, "[pulse.ingest.002]"},
      {"gzip cut in its header", std::string("\x1f\x8b\x08\x00\x00\x00", 6), "[pulse.gzip.002]"},
      {"zip cut in its first entry", std::string("PK\x03\x04\x14\x00", 6), "[pulse.zip.001]"},
      {"no role", "product,series,sales_price\nGTX,GTX,550\n", "[pulse.ingest.101]"},
      {"JSON records that fit no role", "{\"a\": 1} x", "[pulse.ingest.101]"},
      {"JSON array of plain values", "[1, 2, 3]", "[pulse.ingest.008]"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const Loaded l = test::load_in_chunks("bad.csv", c.text, 3);
    CHECK(l.report.refused());
    CHECK(l.report.error.rfind(c.error_id, 0) == 0);
    CHECK(l.dataset.tables.empty());
    CHECK(l.report.rows_loaded == 0);
    CHECK(l.report.rows_skipped == l.report.rows_read);
  }
}

TEST_CASE("each row problem carries its id and the values a page words it with", "[ingest]") {
  // Day first is decided by 31/01 on line 2; 02/13/2024 then contradicts it.
  const Loaded l = test::load_in_chunks("codes.csv",
                                        "order_id,order_date,sku,quantity,unit_price\n"
                                        "1,31/01/2024,A,1,2\n"
                                        "2,02/13/2024,A,1,2\n"
                                        "3,01/02/2024,A,x1,2\n"
                                        ",01/02/2024,A,1,2\n"
                                        "5,01/02/2024,A,1\n",
                                        7);
  REQUIRE(l.report.problems.size() == 4);
  // Row shapes are found while reading, values once the columns are decided: look up by line.
  auto at = [&](std::size_t line) -> const Problem& {
    for (const Problem& p : l.report.problems)
      if (p.line == line) return p;
    FAIL("no problem on line " << line);
    return l.report.problems.front();
  };
  const Problem& order = at(3);
  CHECK(order.field == "order_date");
  CHECK(order.reason.code == ids::kRowDateOtherOrder);
  REQUIRE(order.reason.params.size() == 2);
  CHECK(order.reason.params[0].name == "value");
  CHECK(order.reason.params[0].value == "02/13/2024");
  CHECK(order.reason.params[1].name == "order");
  CHECK(order.reason.params[1].value == "dmy");
  CHECK(order.reason.text == "bad date '02/13/2024': the column reads DD/MM/YYYY");
  CHECK(at(4).reason.code == ids::kRowBadNumber);
  CHECK(at(4).reason.params[0].value == "x1");
  CHECK(at(5).reason.code == ids::kRowMissingValue);
  CHECK(at(5).field == "order_id");
  const Problem& count = at(6);
  CHECK(count.reason.code == ids::kRowFieldCount);
  REQUIRE(count.reason.params.size() == 2);
  CHECK(count.reason.params[0].value == "5");
  CHECK(count.reason.params[0].number);
  CHECK(count.reason.params[1].value == "4");
}

TEST_CASE("a truncated quote at the end reports that row and keeps the rest", "[ingest]") {
  const Loaded l =
      test::load_in_chunks("t.csv", "order_id,sku,quantity,unit_price\n1,A,1,1\n2,\"B,1,1\n", 5);
  CHECK_FALSE(l.report.refused());
  CHECK(l.report.rows_loaded == 1);
  REQUIRE(l.report.problems.size() == 1);
  CHECK(l.report.problems[0].line == 3);
  CHECK(l.report.problems[0].reason.text.find("unterminated quote") != std::string::npos);
  CHECK(l.report.problems[0].reason.code == ids::kRowQuoteSkipped);
}

TEST_CASE("a field over the size limit stops the file but keeps the rows before it", "[ingest]") {
  std::string text = "order_id,sku,quantity,unit_price\n1,A,1,1\n2,B,1,1\n3,";
  text += std::string(2 << 20, 'x');  // unquoted: no quote to go back to
  text += ",1,1\n";
  const Loaded l = test::load_in_chunks("giant.csv", text, 1 << 16);
  CHECK_FALSE(l.report.refused());  // a partial load: rows kept, then stopped
  CHECK(l.report.stopped.find("[pulse.csv.003]") == 0);
  CHECK(l.report.stopped_line == 4);
  CHECK(l.report.rows_loaded == 2);
  CHECK(only_table(l).rows == 2);
}

TEST_CASE("a quoted field over the size limit costs its row only", "[ingest]") {
  std::string text = "order_id,sku,quantity,unit_price\n1,A,1,1\n2,B,1,1\n3,\"";
  text += std::string(2 << 20, 'x');
  text += "\",1,1\n4,D,1,1\n";
  const Loaded l = test::load_in_chunks("giant.csv", text, 1 << 16);
  CHECK_FALSE(l.report.refused());
  CHECK(l.report.rows_loaded == 3);
  REQUIRE(l.report.problems.size() == 1);
  CHECK(l.report.problems[0].to_string() ==
        "giant.csv:4: unterminated quote opened on line 4 in column 'sku': no closing quote within "
        "1048576 "
        "bytes; the row is skipped, reading resumes on line 5");
}

TEST_CASE("decimal comma and thousands are decided per column, early values patched", "[ingest]") {
  // The first price '1.234' reads either way; '12,50' later proves the column uses a comma.
  const std::string text =
      "order_id;sku;quantity;unit_price\n1;A;1;1.234\n2;B;2;7\n3;C;1;12,50\n4;D;1.000;1 234,5\n";
  for (std::size_t chunk : {std::size_t{1}, std::size_t{4}, std::size_t{4096}}) {
    const Loaded l = test::load_in_chunks("eu.csv", text, chunk);
    const Table& t = only_table(l);
    const auto& price = t.numbers(Field::unit_price);
    REQUIRE(price.size() == 4);
    CHECK(price[0] == 1234.0);
    CHECK(price[1] == 7.0);
    CHECK(price[2] == 12.5);
    CHECK(price[3] == 1234.5);
    // ';' files default to a decimal comma, so the quantity '1.000' is a thousand.
    CHECK(t.numbers(Field::quantity)[3] == 1000.0);
    CHECK(l.report.conventions.at("unit_price") == "decimal comma");
  }
}

TEST_CASE("day-month order is decided per column, early ambiguous dates patched", "[ingest]") {
  const std::string dmy = "order_id,order_date\n1,03/04/2024\n2,05/06/2024\n3,25/12/2024\n";
  const Loaded a = test::load_in_chunks("dmy.csv", dmy, 2);
  const auto& days = only_table(a).days(Field::order_date);
  CHECK(format_day(days[0]) == "2024-04-03");
  CHECK(format_day(days[1]) == "2024-06-05");
  CHECK(format_day(days[2]) == "2024-12-25");
  CHECK(a.report.conventions.at("order_date") == "DD/MM/YYYY");

  const std::string undecided = "order_id,order_date\n1,03/04/2024\n";
  const Loaded b = test::load_in_chunks("us.csv", undecided, 64);
  CHECK(format_day(only_table(b).days(Field::order_date)[0]) == "2024-03-04");
  CHECK(b.report.conventions.at("order_date").find("US order") != std::string::npos);

  const std::string conflict = "order_id,order_date\n1,25/12/2024\n2,12/25/2024\n";
  const Loaded c = test::load_in_chunks("mixed.csv", conflict, 64);
  CHECK(c.report.rows_loaded == 1);
  REQUIRE(c.report.problems.size() == 1);
  CHECK(c.report.problems[0].field == "order_date");
}

TEST_CASE("ids stay exactly as written and text is interned once", "[ingest]") {
  const Loaded l = test::load_in_chunks(
      "ids.csv", "order_id,sku,quantity,unit_price,customer_id\n1, A ,1,1,17850.0\n2,A,1,1,17850\n",
      64);
  const Table& t = only_table(l);
  const auto& customers = t.text(Field::customer_id);
  CHECK(l.dataset.strings.view(customers[0]) == "17850.0");
  CHECK(l.dataset.strings.view(customers[1]) == "17850");
  CHECK(t.text(Field::sku)[0] == t.text(Field::sku)[1]);  // trimmed: " A " is "A"
}

TEST_CASE("JSON shapes load like CSV: items wrapper, NDJSON and nested order items", "[ingest]") {
  const std::string magento =
      "{\"items\":[{\"increment_id\":\"000001\",\"created_at\":\"2024-05-02 "
      "10:00:00\",\"customer_id\":7,"
      "\"status\":\"complete\",\"items\":[{\"sku\":\"A\",\"qty_ordered\":2,\"price\":5.5},"
      "{\"sku\":\"B\",\"qty_ordered\":1,\"price\":3}]}],\"total_count\":1}";
  const Loaded m = test::load_in_chunks("orders.json", magento, 3);
  CHECK(m.report.role == "order_lines");
  CHECK(m.report.format == "json");
  CHECK(m.report.rows_loaded == 2);
  const Table& t = only_table(m);
  CHECK(m.dataset.strings.view(t.text(Field::order_id)[1]) == "000001");
  CHECK(t.numbers(Field::quantity)[0] == 2.0);
  CHECK(t.numbers(Field::unit_price)[0] == 5.5);
  CHECK(format_day(t.days(Field::order_date)[1]) == "2024-05-02");

  const std::string ndjson =
      "{\"customer_id\":\"C1\",\"customer_name\":\"Acme\"}\n{\"customer_id\":\"C2\"}\nnot json\n";
  const Loaded n = test::load_in_chunks("customers.ndjson", ndjson, 5);
  CHECK(n.report.role == "customers");
  CHECK(n.report.rows_loaded == 2);
  CHECK(n.report.rows_skipped == 1);
  REQUIRE(n.report.problems.size() == 1);
  CHECK(n.report.problems[0].line == 3);
}

TEST_CASE("a file without quantity counts one unit per line and says so", "[ingest]") {
  const Loaded l = test::load_in_chunks("items.csv", "order_id,product_id,price\n1,A,3.5\n", 64);
  CHECK(l.report.role == "order_lines");
  REQUIRE(l.report.notes.size() == 1);
  CHECK(l.report.notes[0].code == "pulse.note.001");
  CHECK(l.report.notes[0].text.find("1 unit") != std::string::npos);
}
