// Workbooks whose package relationships point nowhere: an officeDocument relationship with no
// usable Target ("267-byte .xlsx", exit 139) must be read as if it were absent, through the
// native zip path and through the part protocol, and never index an empty sheet list.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pulse/error.h"
#include "pulse/ingest/file_loader.h"
#include "pulse/io/xlsx_workbook.h"
#include "stored_zip.h"
#include "test_support.h"

using namespace pulse;
using namespace pulse::ingest;

namespace {

const char* kOfficeDocument =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
const char* kWorksheet =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

/// _rels/.rels whose officeDocument relationship has `target_attribute` (" Target=\"\"", or "").
std::string root_rels(const std::string& target_attribute) {
  return std::string("<Relationships><Relationship Id=\"rId1\" Type=\"") + kOfficeDocument + "\"" +
         target_attribute + "/></Relationships>";
}

const std::vector<std::string> kUnusableTargets = {"", " Target=\"\"", " Target=\"/\"",
                                                   " Target=\".\""};

const std::string kWorkbook =
    "<workbook><sheets><sheet name=\"Orders\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
const std::string kWorkbookRels = std::string("<Relationships><Relationship Id=\"rId1\" Type=\"") +
                                  kWorksheet +
                                  "\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
const std::string kSheet =
    "<worksheet><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>order_id</t></is></c><c r=\"B1\" "
    "t=\"inlineStr\"><is><t>sku</t></is></c>"
    "<c r=\"C1\" t=\"inlineStr\"><is><t>unit_price</t></is></c><c r=\"D1\" "
    "t=\"inlineStr\"><is><t>order_date</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>X</t></is></c><c "
    "r=\"C2\"><v>2.5</v></c>"
    "<c r=\"D2\" t=\"inlineStr\"><is><t>2024-01-02</t></is></c></row>"
    "</sheetData></worksheet>";

LoadReport load(const std::string& bytes, std::size_t chunk, Dataset& dataset) {
  FileLoader loader(dataset, "book.xlsx");
  for (std::size_t at = 0; at < bytes.size(); at += chunk)
    loader.feed(std::string_view(bytes).substr(at, chunk));
  return loader.finish();
}

}  // namespace

TEST_CASE("xlsx: an officeDocument relationship without a usable Target is ignored",
          "[ingest][xlsx]") {
  for (const std::string& target : kUnusableTargets) {
    INFO("relationship with" << (target.empty() ? std::string(" no Target") : target));
    {  // only the package relationships: refused, not a crash
      Dataset dataset;
      const LoadReport r =
          load(test::stored_zip({{"_rels/.rels", root_rels(target)}}), 64, dataset);
      CHECK(r.error ==
            "[pulse.xlsx.004] book.xlsx: a zip archive, but not an Excel workbook (no "
            "xl/workbook.xml)");
      CHECK(r.sheets.empty());
      CHECK(dataset.tables.empty());
    }
    {  // a whole workbook at the conventional place: read from there
      Dataset dataset;
      const LoadReport r = load(test::stored_zip({{"_rels/.rels", root_rels(target)},
                                                  {"xl/workbook.xml", kWorkbook},
                                                  {"xl/_rels/workbook.xml.rels", kWorkbookRels},
                                                  {"xl/worksheets/sheet1.xml", kSheet}}),
                                7, dataset);
      CHECK(r.error.empty());
      CHECK(r.sheet == "Orders");
      CHECK(r.rows_loaded == 1);
    }
  }
}

TEST_CASE("xlsx by parts: an unusable officeDocument Target still asks for the workbook",
          "[ingest][xlsx]") {
  for (const std::string& target : kUnusableTargets) {
    INFO("relationship with" << (target.empty() ? std::string(" no Target") : target));
    Dataset dataset;
    FileLoader loader(dataset, "parts.xlsx");
    loader.begin_parts();
    REQUIRE(loader.wanted_part() == "_rels/.rels");
    loader.part_data(root_rels(target));
    loader.part_end();
    REQUIRE(loader.wanted_part() == "xl/workbook.xml");
    loader.part_missing();
    CHECK(loader.wanted_part().empty());
    const LoadReport& r = loader.finish();
    CHECK(r.error ==
          "[pulse.xlsx.004] parts.xlsx: a zip archive, but not an Excel workbook (no "
          "xl/workbook.xml)");
  }
}

TEST_CASE("xlsx: a worksheet relationship without a usable Target is not a sheet", "[io][xlsx]") {
  for (const std::string& target : kUnusableTargets) {
    INFO("relationship with" << (target.empty() ? std::string(" no Target") : target));
    io::XlsxWorkbook book;
    book.part_missing();  // _rels/.rels
    REQUIRE(book.wanted_part() == "xl/workbook.xml");
    book.give_part(kWorkbook);
    REQUIRE(book.wanted_part() == "xl/_rels/workbook.xml.rels");
    try {
      book.give_part(std::string("<Relationships><Relationship Id=\"rId1\" Type=\"") + kWorksheet +
                     "\"" + target + "/></Relationships>");
      FAIL("a workbook whose only sheet has no part was accepted");
    } catch (const PulseError& e) {
      CHECK(std::string(e.what()) == "[pulse.xlsx.001] the workbook has no worksheet");
    }
    CHECK(book.sheets().empty());
    CHECK_THROWS_AS(book.sheet(), PulseError);  // no sheet to index
  }
}
