#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "pulse/error.h"
#include "pulse/io/xlsx_workbook.h"
#include "test_support.h"

using namespace pulse;
using namespace pulse::io;

namespace {

const char* kRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId4\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
    "Target=\"sharedStrings.xml\"/>"
    "</Relationships>";

// cellXfs: 0 General, 1 date (14), 2 custom date-time, 3 custom "0.00 \"days\"" (a number), 4
// [h]:mm
const char* kStyles =
    "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\\ hh:mm\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"0.00&quot; days&quot;\"/><numFmt numFmtId=\"166\" "
    "formatCode=\"[h]:mm\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf "
    "numFmtId=\"165\"/><xf numFmtId=\"166\"/></cellXfs></styleSheet>";

const char* kStrings =
    "<sst><si><t>id</t></si><si><t>value</t></si><si><r><t>Ac</t></r><r><rPr><b/></rPr><t>me</t></"
    "r>"
    "<rPh><t>PHONETIC</t></rPh></si><si><t>00123</t></si><si><t>Tom &amp; Jerry "
    "&#1041;&#x44F;</t></si>"
    "<si><t>line_x000D__x000A_two</t></si></sst>";

struct Book {
  std::string workbook =
      "<workbook><workbookPr/><sheets><sheet name=\"First\" sheetId=\"1\" r:id=\"rId1\"/>"
      "<sheet name=\"Second\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
  std::string sheet1, sheet2 =
                          "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" "
                          "t=\"inlineStr\"><is><t>only</t></is></c></row>"
                          "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row></sheetData></worksheet>";
  std::string choice;
  std::size_t chunk = 1 << 20;
};

/// Reads a workbook through the part protocol, the sheet by `chunk` bytes.
test::CollectingSink read(const Book& b, XlsxWorkbook* keep = nullptr) {
  XlsxWorkbook local(b.choice);
  XlsxWorkbook& book = keep ? *keep : local;
  const std::map<std::string, std::string> parts = {{"xl/workbook.xml", b.workbook},
                                                    {"xl/_rels/workbook.xml.rels", kRels},
                                                    {"xl/styles.xml", kStyles},
                                                    {"xl/sharedStrings.xml", kStrings},
                                                    {"xl/worksheets/sheet1.xml", b.sheet1},
                                                    {"xl/worksheets/sheet2.xml", b.sheet2}};
  while (book.wants_part()) {
    auto it = parts.find(book.wanted_part());
    if (it == parts.end())
      book.part_missing();
    else
      book.give_part(it->second);
  }
  test::CollectingSink sink;
  book.begin_sheet(sink);
  const std::string& sheet = parts.at(book.sheet_part());
  for (std::size_t at = 0; at < sheet.size(); at += b.chunk)
    book.feed_sheet(std::string_view(sheet).substr(at, b.chunk));
  book.finish_sheet();
  return sink;
}

std::string sheet_of(const std::string& rows) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"x\"><dimension "
         "ref=\"A1\"/><sheetData>" +
         rows + "</sheetData></worksheet>";
}

}  // namespace

TEST_CASE("xlsx cells read as the text Excel shows", "[io][xlsx]") {
  struct Case {
    const char* name;
    std::string cell;  // the cell in B2 under the header "id | value"
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"shared string", R"(<c r="B2" t="s"><v>3</v></c>)", "00123"},
      {"rich text runs, phonetic run left out", R"(<c r="B2" t="s"><v>2</v></c>)", "Acme"},
      {"entities and character references", R"(<c r="B2" t="s"><v>4</v></c>)",
       "Tom & Jerry \xD0\x91\xD1\x8F"},
      {"_xHHHH_ escapes", R"(<c r="B2" t="s"><v>5</v></c>)", "line\r\ntwo"},
      {"inline string",
       R"(<c r="B2" t="inlineStr"><is><t xml:space="preserve"> 0456 </t></is></c>)", " 0456 "},
      {"inline rich string",
       R"(<c r="B2" t="inlineStr"><is><r><t>a&lt;</t></r><r><t>b</t></r></is></c>)", "a<b"},
      {"formula string result", R"(<c r="B2" t="str"><f>A1&amp;"x"</f><v>R&amp;D</v></c>)", "R&D"},
      {"boolean true", R"(<c r="B2" t="b"><v>1</v></c>)", "TRUE"},
      {"boolean false", R"(<c r="B2" t="b"><v>0</v></c>)", "FALSE"},
      {"error cell is empty", R"(<c r="B2" t="e"><v>#N/A</v></c>)", ""},
      {"integer", R"(<c r="B2"><v>17850</v></c>)", "17850"},
      {"0.1+0.2 as stored by Excel", R"(<c r="B2"><v>0.30000000000000004</v></c>)", "0.3"},
      {"17 digits of noise", R"(<c r="B2"><v>1.0000000002000001</v></c>)", "1.0000000002"},
      {"negative decimal", R"(<c r="B2" t="n"><v>-1234.5</v></c>)", "-1234.5"},
      {"exponent", R"(<c r="B2"><v>1.5E-3</v></c>)", "0.0015"},
      {"date style (built-in 14)", R"(<c r="B2" s="1"><v>45292</v></c>)", "2024-01-01"},
      {"date style drops the time", R"(<c r="B2" s="1"><v>45292.75</v></c>)", "2024-01-01"},
      {"custom date-time style", R"(<c r="B2" s="2"><v>45323.5</v></c>)", "2024-02-01 12:00:00"},
      {"quoted 'days' is not a date", R"(<c r="B2" s="3"><v>45292</v></c>)", "45292"},
      {"elapsed hours", R"(<c r="B2" s="4"><v>1.25</v></c>)", "30:00:00"},
      {"the phantom 1900-02-29", R"(<c r="B2" s="1"><v>60</v></c>)", "1900-02-29"},
      {"before the phantom day", R"(<c r="B2" s="1"><v>59</v></c>)", "1900-02-28"},
      {"after the phantom day", R"(<c r="B2" s="1"><v>61</v></c>)", "1900-03-01"},
      {"ISO date cell (t=d)", R"(<c r="B2" t="d"><v>2024-03-07T10:00:00</v></c>)",
       "2024-03-07T10:00:00"},
      {"style index out of range: a number", R"(<c r="B2" s="99"><v>45292</v></c>)", "45292"},
      {"self-closing empty cell", R"(<c r="B2" s="1"/>)", ""},
  };
  for (const Case& c : cases) {
    for (std::size_t chunk : {std::size_t{1}, std::size_t{5}, std::size_t{1} << 20}) {
      INFO(c.name << " / chunk " << chunk);
      Book b;
      b.sheet1 =
          sheet_of(R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)"
                   R"(<row r="2"><c r="A2"><v>7</v></c>)" +
                   c.cell + "</row>");
      b.chunk = chunk;
      const test::CollectingSink sink = read(b);
      REQUIRE(sink.columns == std::vector<std::string>{"id", "value"});
      REQUIRE(sink.rows.size() == 1);
      CHECK(sink.rows[0].line == 2);
      CHECK(sink.rows[0].fields == std::vector<std::string>{"7", c.expected});
    }
  }
}

TEST_CASE("xlsx rows: header is the first non-empty row, sparse cells, row numbers as lines",
          "[io][xlsx]") {
  Book b;
  // Row 2: styled but empty, not the header. Row 6: only the unnamed middle column. Row 8: F is
  // beside the table. Row 9: a shared string that does not exist. The last row has no
  // references: row 10, columns A.. in order.
  b.sheet1 = sheet_of(
      "<row r=\"2\"><c r=\"B2\"/></row>"
      "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>order_id</t></is></c><c r=\"D3\" "
      "t=\"inlineStr\"><is><t>sku</t></is></c></row>"
      "<row r=\"5\"><c r=\"B5\"><v>1</v></c><c r=\"D5\" "
      "t=\"inlineStr\"><is><t>A</t></is></c></row>"
      "<row r=\"6\"><c r=\"C6\"><v>9</v></c></row>"
      "<row r=\"8\"><c r=\"D8\" t=\"inlineStr\"><is><t>B</t></is></c><c "
      "r=\"F8\"><v>5</v></c></row>"
      "<row r=\"9\"><c r=\"B9\" t=\"s\"><v>999</v></c></row>"
      "<row><c><v>3</v></c><c/><c><v>4</v></c></row>");
  XlsxWorkbook book;
  const test::CollectingSink sink = read(b, &book);
  CHECK(sink.columns == std::vector<std::string>{"order_id", "C", "sku"});
  REQUIRE(sink.rows.size() == 4);
  CHECK(sink.rows[0].line == 5);
  CHECK(sink.rows[0].fields == std::vector<std::string>{"1", "", "A"});
  CHECK(sink.rows[1].line == 6);
  CHECK(sink.rows[1].fields == std::vector<std::string>{"", "9", ""});
  CHECK(sink.rows[2].line == 8);
  CHECK(sink.rows[2].fields == std::vector<std::string>{"", "", "B"});
  CHECK(sink.rows[3].line == 10);
  CHECK(sink.rows[3].fields ==
        std::vector<std::string>{"", "4", ""});  // A10=3 is left of the table
  REQUIRE(sink.bad.size() == 1);
  CHECK(sink.bad[0].line == 9);
  CHECK(sink.bad[0].reason == "cell B9: no shared string '999' in the workbook");
  CHECK(sink.bad[0].code == "pulse.row.016");
  CHECK(sink.bad[0].params ==
        std::vector<MessageParam>{{"cell", "B9", false}, {"index", "999", false}});
  CHECK(book.cells_outside_header() == 2);
  CHECK(book.first_cell_outside_header() == "F8");
}

TEST_CASE("xlsx sheets: first visible by default, by name on request, unknown name refused",
          "[io][xlsx]") {
  Book b;
  b.sheet1 = sheet_of("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>h</t></is></c></row>");
  b.workbook =
      "<workbook><sheets><sheet name=\"Hidden\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
      "<sheet name=\"Second\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
  {
    XlsxWorkbook book;
    const test::CollectingSink sink = read(b, &book);
    CHECK(book.sheet().name == "Second");
    CHECK(book.sheet_part() == "xl/worksheets/sheet2.xml");  // an absolute target
    CHECK(sink.columns == std::vector<std::string>{"only"});
    REQUIRE(book.sheets().size() == 2);
    CHECK(book.sheets()[0].hidden);
  }
  b.choice = "Hidden";
  {
    XlsxWorkbook book(b.choice);
    const test::CollectingSink sink = read(b, &book);
    CHECK(sink.columns == std::vector<std::string>{"h"});
  }
  b.choice = "Third";
  try {
    read(b);
    FAIL("an unknown sheet must be refused");
  } catch (const PulseError& e) {
    CHECK(e.id() == "pulse.xlsx.002");
    CHECK(std::string(e.what()).find("'Hidden', 'Second'") != std::string::npos);
  }
}

TEST_CASE("xlsx dates in the 1904 system", "[io][xlsx]") {
  Book b;
  b.workbook =
      "<workbook><workbookPr date1904=\"1\"/><sheets><sheet name=\"S\" sheetId=\"1\" "
      "r:id=\"rId1\"/></sheets></workbook>";
  b.sheet1 = sheet_of(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" "
      "s=\"1\"><v>43830</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" s=\"2\"><v>0.5</v></c></row>");
  const test::CollectingSink sink = read(b);
  REQUIRE(sink.rows.size() == 2);
  CHECK(sink.rows[0].fields[0] == "2024-01-01");
  CHECK(sink.rows[1].fields[0] == "1904-01-01 12:00:00");
}

TEST_CASE("number formats that show dates", "[io][xlsx]") {
  struct Case {
    const char* code;
    NumberKind kind;
  };
  const std::vector<Case> cases = {
      {"General", NumberKind::number},
      {"0.00", NumberKind::number},
      {"#,##0.00 \"days\"", NumberKind::number},
      {"#,##0\\ [$\xE2\x82\xAC-407]", NumberKind::number},
      {"0.00_);[Red]\\(0.00\\)", NumberKind::number},
      {"0.0E+00", NumberKind::number},
      {"yyyy-mm-dd", NumberKind::date},
      {"yyyy\\-mm\\-dd", NumberKind::date},
      {"[$-409]d mmm yyyy;@", NumberKind::date},
      {"mmm-yy", NumberKind::date},
      {"DD.MM.YYYY", NumberKind::date},
      {"dd/mm/yyyy hh:mm", NumberKind::datetime},
      {"h:mm AM/PM", NumberKind::time},
      {"[h]:mm:ss", NumberKind::time},
      {"mm:ss", NumberKind::time},
      {"[Red][<=100]0;0", NumberKind::number},
  };
  for (const Case& c : cases) {
    INFO(c.code);
    CHECK(number_kind(std::string_view(c.code)) == c.kind);
  }
  CHECK(number_kind(14) == NumberKind::date);
  CHECK(number_kind(22) == NumberKind::datetime);
  CHECK(number_kind(46) == NumberKind::time);
  CHECK(number_kind(2) == NumberKind::number);
  CHECK(number_kind(49) == NumberKind::number);
}

TEST_CASE("xlsx malformed XML stops the sheet with pulse.xlsx.003", "[io][xlsx]") {
  Book b;
  b.sheet1 =
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" "
      "t=\"inlineStr\"><is><t>h</t></is></c></row><row r=\"2\"><c r=\"A2";
  try {
    read(b);
    FAIL("a truncated sheet must be refused");
  } catch (const PulseError& e) {
    CHECK(e.id() == "pulse.xlsx.003");
    CHECK(std::string(e.what()).find("xl/worksheets/sheet1.xml") != std::string::npos);
  }
}

TEST_CASE("column letters", "[io][xlsx]") {
  CHECK(column_letters(0) == "A");
  CHECK(column_letters(25) == "Z");
  CHECK(column_letters(26) == "AA");
  CHECK(column_letters(16383) == "XFD");
}
