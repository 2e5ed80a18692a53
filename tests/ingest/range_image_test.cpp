// A range parsed by a TableBuilder fork crosses from a page's helper worker to its engine
// worker as bytes (range_image.h). Absorbed from those bytes it must give what the fork itself
// gives: the same table, the same string ids, the same load report.
#include <catch2/catch.hpp>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "pulse/ingest/column_mapper.h"
#include "pulse/ingest/range_image.h"
#include "pulse/ingest/table_builder.h"
#include "test_support.h"

using namespace pulse;
using pulse::ingest::RangeEnd;
using pulse::ingest::TableBuilder;

namespace {

using Row = std::vector<std::string>;

const std::vector<std::string> kColumns = {"order_id", "sku",        "product_name",
                                           "quantity", "unit_price", "order_date"};

// A file's builder after its head rows, as the loader has it when it forks ranges.
struct FileBuilder {
  Table table;
  StringPool strings;
  LoadReport report;
  std::unique_ptr<TableBuilder> builder;

  FileBuilder(const ingest::ColumnMapping& mapping, const std::vector<Row>& head) {
    report.file = "orders.csv";
    table.source = report.file;
    builder =
        std::make_unique<TableBuilder>(table, strings, mapping, ingest::Conventions{}, report);
    add(*builder, report, head, 2);
  }

  static void add(TableBuilder& b, LoadReport& r, const std::vector<Row>& rows, std::size_t line) {
    std::vector<std::string_view> views;
    for (const Row& row : rows) {
      views.assign(row.begin(), row.end());
      ++r.rows_read;
      if (b.add_row(line++, views))
        ++r.rows_loaded;
      else
        ++r.rows_skipped;
    }
  }
};

// A fork of `file` and what it builds.
struct Fork {
  Table table;
  StringPool strings;
  LoadReport report;
  std::unique_ptr<TableBuilder> builder;

  explicit Fork(const FileBuilder& file) {
    report.file = file.report.file;
    builder = file.builder->fork(table, strings, report);
  }
};

void require_same_table(const Table& a, const StringPool& pa, const Table& b,
                        const StringPool& pb) {
  REQUIRE(a.rows == b.rows);
  REQUIRE(pa.size() == pb.size());
  for (StrId id = 0; id < pa.size(); ++id) REQUIRE(pa.view(id) == pb.view(id));
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    INFO("field " << field_name(static_cast<Field>(f)));
    REQUIRE(a.columns[f].mapped == b.columns[f].mapped);
    CHECK(a.columns[f].text.values() == b.columns[f].text.values());
    CHECK(a.columns[f].days == b.columns[f].days);
    CHECK(test::same_bits(a.columns[f].numbers, b.columns[f].numbers));
  }
}

void require_same_report(const LoadReport& a, const LoadReport& b) {
  CHECK(a.rows_read == b.rows_read);
  CHECK(a.rows_loaded == b.rows_loaded);
  CHECK(a.rows_skipped == b.rows_skipped);
  REQUIRE(a.problems.size() == b.problems.size());
  for (std::size_t p = 0; p < a.problems.size(); ++p) {
    CHECK(a.problems[p].to_string() == b.problems[p].to_string());
    CHECK(a.problems[p].reason.code == b.problems[p].reason.code);
    REQUIRE(a.problems[p].reason.params.size() == b.problems[p].reason.params.size());
    for (std::size_t i = 0; i < a.problems[p].reason.params.size(); ++i) {
      CHECK(a.problems[p].reason.params[i].name == b.problems[p].reason.params[i].name);
      CHECK(a.problems[p].reason.params[i].value == b.problems[p].reason.params[i].value);
      CHECK(a.problems[p].reason.params[i].number == b.problems[p].reason.params[i].number);
    }
  }
  CHECK(a.conventions == b.conventions);
  CHECK(a.notes == b.notes);
}

ingest::ColumnMapping mapping_of(const std::vector<Row>& head) {
  ingest::Sample sample;
  sample.columns = kColumns;
  sample.rows = head;
  return ingest::map_columns(sample, ingest::MappingOverrides{});
}

// Head: ambiguous dates (both parts <= 12), so the date order is open when ranges fork. The
// range reads a day-first date, a bad number, a bad date, a quoted line break and an empty
// SKU, and repeats texts of the head (which the fork's own pool numbers anew).
const std::vector<Row> kHead = {
    {"SO-1", "SKU-1", "Widget", "2", "3.5", "01/02/2024"},
    {"SO-1", "SKU-2", "Gadget", "1", "4", "01/02/2024"},
    {"SO-2", "SKU-1", "Widget", "3", "3.5", "03/04/2024"},
};
// The same with a day-first date (13/01): the order is decided before the ranges fork, as the
// loader needs to absorb them.
const std::vector<Row> kDecidedHead = {
    {"SO-0", "SKU-0", "Widget", "1", "3.5", "13/01/2024"},
    {"SO-1", "SKU-1", "Widget", "2", "3.5", "01/02/2024"},
    {"SO-1", "SKU-2", "Gadget", "1", "4", "01/02/2024"},
};
const std::vector<Row> kRange = {
    {"SO-3", "SKU-2", "Gadget", "5", "4", "05/06/2024"},
    {"SO-3", "SKU-3", "Line\nbreak", "1", "9.25", "05/06/2024"},
    {"SO-4", "SKU-1", "Widget", "many", "3.5", "07/06/2024"},
    {"SO-5", "SKU-4", "Thing", "2", "1.5", "25/06/2024"},  // day first: decides the column
    {"SO-6", "SKU-4", "Thing", "2", "1.5", "31/02/2024"},  // no such day
    {"SO-7", "", "Empty sku", "2", "1.5", "26/06/2024"},
};

}  // namespace

TEST_CASE("a range image absorbed equals the fork it was written from", "[ingest][parallel]") {
  const ingest::ColumnMapping mapping = mapping_of(kDecidedHead);
  FileBuilder here(mapping, kDecidedHead), there(mapping, kDecidedHead);

  // In process: the fork absorbed as the native loader does.
  Fork direct(here);
  FileBuilder::add(*direct.builder, direct.report, kRange, 10);
  REQUIRE(direct.report.rows_skipped == 3);  // many, 31/02, the empty SKU
  const RangeEnd end{3, false, false};
  const std::string image =
      write_range_image(*direct.builder, direct.table, direct.strings, direct.report, end);

  // Through bytes: a fork of an equal builder (another engine's), filled from the image.
  Fork copy(there);
  RangeEnd read_end;
  REQUIRE(ingest::read_range_image(image, *copy.builder, copy.table, copy.strings, copy.report,
                                   read_end));
  CHECK(read_end.quote_problems == 3);
  CHECK_FALSE(read_end.between_rows);
  CHECK_FALSE(read_end.failed);
  require_same_table(direct.table, direct.strings, copy.table, copy.strings);
  require_same_report(direct.report, copy.report);
  CHECK(copy.report.problems[0].line == 12);
  CHECK(copy.report.problems[1].line == 14);
  CHECK(copy.report.problems[2].line == 15);
  CHECK(copy.report.problems[2].field == "sku");

  REQUIRE(here.builder->can_absorb(*direct.builder));
  REQUIRE(there.builder->can_absorb(*copy.builder));
  here.builder->absorb(*direct.builder, direct.strings);
  there.builder->absorb(*copy.builder, copy.strings);
  here.builder->finish(kColumns);
  there.builder->finish(kColumns);
  require_same_table(here.table, here.strings, there.table, there.strings);
  require_same_report(here.report, there.report);
  CHECK(format_day(there.table.days(Field::order_date)[1]) == "2024-02-01");
  CHECK(format_day(there.table.days(Field::order_date)[5]) == "2024-06-25");
  CHECK(there.strings.view(there.table.text(Field::product_name)[4]) == "Line\nbreak");
  CHECK(there.table.rows == 6);
}

TEST_CASE("a range image keeps the decisions its fork assumed", "[ingest][parallel]") {
  const ingest::ColumnMapping mapping = mapping_of(kHead);
  FileBuilder here(mapping, kHead), there(mapping, kHead);
  Fork early(here);  // forked while the date order is open
  FileBuilder::add(*early.builder, early.report,
                   {{"SO-9", "SKU-9", "Late", "1", "2", "04/05/2024"}}, 20);
  const std::string image =
      write_range_image(*early.builder, early.table, early.strings, early.report, RangeEnd{});
  // The file's builder decides day first meanwhile: a fork that assumed "open" is stale.
  FileBuilder::add(*here.builder, here.report, {{"SO-8", "SKU-8", "X", "1", "2", "13/01/2024"}}, 6);
  FileBuilder::add(*there.builder, there.report, {{"SO-8", "SKU-8", "X", "1", "2", "13/01/2024"}},
                   6);
  Fork copy(there);
  RangeEnd end;
  REQUIRE(
      ingest::read_range_image(image, *copy.builder, copy.table, copy.strings, copy.report, end));
  CHECK_FALSE(here.builder->can_absorb(*early.builder));
  CHECK_FALSE(there.builder->can_absorb(*copy.builder));
}

TEST_CASE("decisions cross to another engine's builder", "[ingest][parallel]") {
  const ingest::ColumnMapping mapping = mapping_of(kHead);
  FileBuilder engine(mapping, kHead), helper(mapping, kHead);
  FileBuilder::add(*engine.builder, engine.report, {{"SO-8", "SKU-8", "X", "1", "2", "13/01/2024"}},
                   6);
  ingest::FlatWriter out;
  engine.builder->write_decisions(out);
  const std::string decisions = out.take();
  ingest::FlatReader in(decisions);
  REQUIRE(helper.builder->adopt_decisions(in));
  CHECK(in.at_end());
  // Forks of both now assume the same: a range parsed by the helper is absorbable.
  Fork remote(helper);
  FileBuilder::add(*remote.builder, remote.report, kRange, 10);
  const std::string image =
      write_range_image(*remote.builder, remote.table, remote.strings, remote.report, RangeEnd{});
  Fork local(engine);
  RangeEnd end;
  REQUIRE(ingest::read_range_image(image, *local.builder, local.table, local.strings, local.report,
                                   end));
  CHECK(engine.builder->can_absorb(*local.builder));
  // Decisions that contradict the helper's own head are refused, not applied.
  FileBuilder other(mapping, {{"SO-1", "SKU-1", "W", "2", "3.5", "13/02/2024"}});
  ingest::FlatWriter mdy;
  FileBuilder us(mapping, {{"SO-1", "SKU-1", "W", "2", "3.5", "02/13/2024"}});
  us.builder->write_decisions(mdy);
  const std::string us_decisions = mdy.take();
  ingest::FlatReader contradicting(us_decisions);
  CHECK_FALSE(other.builder->adopt_decisions(contradicting));
}

TEST_CASE("a damaged range image is refused, never misread", "[ingest][parallel]") {
  const ingest::ColumnMapping mapping = mapping_of(kHead);
  FileBuilder here(mapping, kHead);
  Fork direct(here);
  FileBuilder::add(*direct.builder, direct.report, kRange, 10);
  const std::string image =
      write_range_image(*direct.builder, direct.table, direct.strings, direct.report, RangeEnd{});
  // Every cut: refused.
  for (std::size_t size = 0; size < image.size(); ++size) {
    Fork copy(here);
    RangeEnd end;
    INFO("cut at " << size);
    REQUIRE_FALSE(ingest::read_range_image(std::string_view(image).substr(0, size), *copy.builder,
                                           copy.table, copy.strings, copy.report, end));
  }
  // A byte changed anywhere: refused, or read into something the loader can still check; no
  // crash, no read out of bounds (the sanitizer build runs this).
  std::size_t refused = 0;
  for (std::size_t at = 0; at < image.size(); ++at) {
    std::string bad = image;
    bad[at] = static_cast<char>(bad[at] ^ 0x5A);
    Fork copy(here);
    RangeEnd end;
    if (!ingest::read_range_image(bad, *copy.builder, copy.table, copy.strings, copy.report, end))
      ++refused;
  }
  CHECK(refused > image.size() / 4);
  // Another layout's image.
  Fork copy(here);
  RangeEnd end;
  CHECK_FALSE(ingest::read_range_image("pulse-range-image-0", *copy.builder, copy.table,
                                       copy.strings, copy.report, end));
}
