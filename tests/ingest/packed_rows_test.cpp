// Rows given as cells (the page's Parquet reader: FileLoader::begin_rows and the packed batches
// of add_packed_rows) load as the same rows in CSV do: same role, mapping, typed values and
// problems, numbered by row instead of by line. A malformed batch adds nothing and says why.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/ingest/file_loader.h"
#include "pulse/ingest/packed_rows.h"

using namespace pulse;

namespace {

const std::vector<std::string> kColumns = {"order_id", "order_date", "customer_id", "sales_rep",
                                           "grand_total"};
// Row 3 has a date that is not one; row 2 has no sales rep (a Parquet null: an empty cell).
const std::vector<std::vector<std::string>> kRows = {
    {"SO-1", "2026-01-05", "C1", "R1", "100.50"},
    {"SO-2", "2026-01-06", "C2", "", "20"},
    {"SO-3", "not a date", "C1", "R1", "5"},
    {"SO-4", "2026-02-01 09:30:00", "C3", "R2", "1e2"},
};

/// The rows packed as packed_rows.h describes: little-endian end offsets, then the text.
std::string pack(const std::vector<std::vector<std::string>>& rows) {
  std::string ends, text;
  for (const auto& row : rows)
    for (const std::string& cell : row) {
      text += cell;
      const auto end = static_cast<std::uint32_t>(text.size());
      for (int b = 0; b < 4; ++b) ends.push_back(static_cast<char>((end >> (8 * b)) & 0xFF));
    }
  return ends + text;
}

/// The same cells column after column (ingest::CellOrder::by_column).
std::string pack_by_column(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::vector<std::string>> columns(rows.at(0).size());
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) columns[c].push_back(row[c]);
  return pack(columns);  // a column's cells are laid out as a row's
}

std::string as_csv() {
  std::string csv;
  for (std::size_t i = 0; i < kColumns.size(); ++i) csv += (i ? "," : "") + kColumns[i];
  csv += "\n";
  for (const auto& row : kRows) {
    for (std::size_t i = 0; i < row.size(); ++i) csv += (i ? "," : "") + row[i];
    csv += "\n";
  }
  return csv;
}

}  // namespace

TEST_CASE("rows given as packed cells load as the same rows in CSV", "[ingest][packed]") {
  Dataset from_cells;
  ingest::FileLoader cells(from_cells, "orders.parquet");
  cells.begin_rows("parquet", kColumns);
  // Two batches: the row numbers run on across them.
  ingest::add_packed_rows(cells, pack({kRows[0], kRows[1]}), 2, kColumns.size(), 1);
  ingest::add_packed_rows(cells, pack({kRows[2], kRows[3]}), 2, kColumns.size(), 3);
  const LoadReport parquet = cells.finish();

  Dataset from_text;
  ingest::FileLoader text(from_text, "orders.csv");
  text.feed(as_csv());
  const LoadReport csv = text.finish();

  CHECK(parquet.format == "parquet");
  CHECK(parquet.error.empty());
  CHECK(parquet.role == csv.role);
  CHECK(parquet.role == "orders");
  CHECK(parquet.mapping == csv.mapping);
  CHECK(parquet.columns == kColumns);
  CHECK(parquet.rows_read == 4);
  CHECK(parquet.rows_loaded == 3);
  CHECK(parquet.rows_loaded == csv.rows_loaded);
  CHECK(parquet.lines == 4);  // the last row's number
  REQUIRE(parquet.problems.size() == 1);
  REQUIRE(csv.problems.size() == 1);
  CHECK(parquet.problems[0].line == 3);  // row 3; the CSV has it on line 4, under its header
  CHECK(csv.problems[0].line == 4);
  CHECK(parquet.problems[0].field == csv.problems[0].field);
  CHECK(parquet.problems[0].reason.code == csv.problems[0].reason.code);

  // The typed columns are the CSV's, value for value (dates, money, the missing rep).
  REQUIRE(from_cells.tables.size() == 1);
  REQUIRE(from_text.tables.size() == 1);
  const Table& a = from_cells.tables[0];
  const Table& b = from_text.tables[0];
  REQUIRE(a.rows == 3);
  REQUIRE(a.rows == b.rows);
  CHECK(a.days(Field::order_date) == b.days(Field::order_date));
  CHECK(a.numbers(Field::order_total).values() == b.numbers(Field::order_total).values());
  CHECK(a.numbers(Field::order_total).values() == std::vector<double>{100.5, 20, 100});
}

TEST_CASE("cells packed column after column load as the same rows", "[ingest][packed]") {
  const auto load = [](ingest::CellOrder order) {
    Dataset dataset;
    ingest::FileLoader loader(dataset, "orders.parquet");
    loader.begin_rows("parquet", kColumns);
    const auto packed = [&](std::size_t from, std::size_t to) {
      const std::vector<std::vector<std::string>> rows(kRows.begin() + from, kRows.begin() + to);
      return order == ingest::CellOrder::by_row ? pack(rows) : pack_by_column(rows);
    };
    // Uneven batches: 3 rows, then 1; the rows are numbered on across them.
    ingest::add_packed_rows(loader, packed(0, 3), 3, kColumns.size(), 1, order);
    ingest::add_packed_rows(loader, packed(3, 4), 1, kColumns.size(), 4, order);
    const LoadReport report = loader.finish();
    return std::make_pair(report, dataset.tables.at(0));
  };
  const auto [by_row, rows] = load(ingest::CellOrder::by_row);
  const auto [by_column, columns] = load(ingest::CellOrder::by_column);
  CHECK(by_column.role == "orders");
  CHECK(by_column.mapping == by_row.mapping);
  CHECK(by_column.rows_loaded == 3);
  REQUIRE(by_column.problems.size() == 1);
  CHECK(by_column.problems[0].line == 3);  // the row with "not a date"
  CHECK(columns.days(Field::order_date) == rows.days(Field::order_date));
  CHECK(columns.numbers(Field::order_total).values() == std::vector<double>{100.5, 20, 100});
  CHECK(columns.text(Field::customer_id).values() ==
        rows.text(Field::customer_id).values());  // same pool order
  CHECK(columns.text(Field::sales_rep).values() ==
        rows.text(Field::sales_rep).values());  // row 2's missing rep
}

TEST_CASE("a malformed batch of packed rows adds nothing and names its fault", "[ingest][packed]") {
  Dataset dataset;
  ingest::FileLoader loader(dataset, "bad.parquet");
  loader.begin_rows("parquet", kColumns);
  std::string packed = pack({kRows[0]});
  packed[0] = static_cast<char>(0x7F);  // the first cell's end past the text
  try {
    ingest::add_packed_rows(loader, packed, 1, kColumns.size(), 1);
    FAIL("no error for a malformed batch");
  } catch (const PulseError& e) {
    CHECK(e.id() == ids::kPackedRowsMalformed);
  }
  // Shorter than its offsets.
  CHECK_THROWS_AS(ingest::add_packed_rows(loader, "abc", 1, kColumns.size(), 1), PulseError);
  const LoadReport report = loader.finish();
  CHECK(report.rows_read == 0);
  CHECK(report.rows_loaded == 0);
}

TEST_CASE("a file given as cells without columns is refused, not silent", "[ingest][packed]") {
  Dataset dataset;
  ingest::FileLoader loader(dataset, "empty.parquet");
  loader.begin_rows("parquet", {});
  const LoadReport report = loader.finish();
  CHECK(report.format == "parquet");
  CHECK(report.error.find(ids::kNoHeaderRow) != std::string::npos);
}
