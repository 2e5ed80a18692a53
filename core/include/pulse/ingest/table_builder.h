#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pulse/ingest/column_mapper.h"
#include "pulse/ingest/column_text_cache.h"
#include "pulse/ingest/date_order_evidence.h"
#include "pulse/ingest/flat_bytes.h"
#include "pulse/io/date_parser.h"
#include "pulse/io/number_parser.h"
#include "pulse/model/load_report.h"
#include "pulse/model/string_pool.h"
#include "pulse/model/table.h"

namespace pulse::ingest {

/// Conventions a user may fix for a file; `unknown` means detect per column.
struct Conventions {
  io::DecimalMark decimal = io::DecimalMark::unknown;
  io::DateOrder date_order = io::DateOrder::unknown;
  io::DecimalMark decimal_default = io::DecimalMark::dot;  // when a column never decides
};

/// Turns text rows into the typed columns of a Table. Decimal marks and day/month order are
/// decided per column by the first value that tells; values read before that are patched
/// when finish() knows the answer, so one pass over the file is enough. A slash-date column
/// no value decides is decided at finish() from other evidence (DateOrderBasis), and the
/// report says how (conventions "date_order", "date_order_basis"; a "[pulse.note.006]"
/// note when it is a guess).
class TableBuilder {
 public:
  TableBuilder(Table& table, StringPool& strings, const ColumnMapping& mapping,
               Conventions conventions, LoadReport& report);

  /// Adds a row, or reports why it cannot be read and skips it. Returns true when added.
  bool add_row(std::size_t line, const std::vector<std::string_view>& fields);
  /// Reads `field` from now on, from `column` under `rule` (a JSON key first seen after the
  /// rows that decided the mapping): the rows already built have no value for it. Never
  /// required: earlier rows did without it.
  void add_late_field(Field field, int column, const SourceRule& rule);
  /// Makes room for `rows` rows in every column, so that they grow once.
  void reserve(std::size_t rows);
  /// Applies the column decisions to earlier values; fills the report's conventions.
  void finish(const std::vector<std::string>& column_names);

  // Parallel loading (table_builder_fork.cpp; ParallelCsvLoad): a later range of the file is
  // built by a fork, which starts from this builder's decisions (decimal marks, date orders)
  // into its own table, pool and report. absorb() appends it (rows, text re-interned in the
  // fork's first-seen order, decisions it made) as if its rows had been added here; it is
  // only exact when can_absorb(): the decisions the fork assumed are still this builder's,
  // and no undecided date column holds month-first readings that the fork's would extend.
  std::unique_ptr<TableBuilder> fork(Table& table, StringPool& strings, LoadReport& report) const;
  bool can_absorb(const TableBuilder& part) const;
  void absorb(TableBuilder& part, const StringPool& part_strings);

  // A fork made in another engine (the page's helper workers; range_image.h,
  // table_builder_image.cpp). write_decisions() gives this builder's decimal marks and date
  // orders; adopt_decisions() makes them a builder's own before it forks, as if its own rows
  // had decided them. write_fork_state() gives what can_absorb() and absorb() read of a fork
  // besides its table; read_fork_state() puts it into a fork of the file's builder. Both
  // readers return false, changing nothing that matters, when the bytes do not fit this
  // builder (another mapping, a cut or damaged image).
  void write_decisions(FlatWriter& out) const;
  bool adopt_decisions(FlatReader& in);
  void write_fork_state(FlatWriter& out) const;
  bool read_fork_state(FlatReader& in);

 private:
  struct PendingNumber {
    std::size_t row;
    double alternative;  // the value under the other decimal mark
  };
  // Rows [begin, end) holding the month-first reading of an ambiguous date: consecutive
  // rows share one run, so a column that stays undecided costs a few runs, not a row list.
  struct RowRun {
    std::size_t begin;
    std::size_t end;
  };
  struct NumberState {
    io::DecimalMark mark = io::DecimalMark::unknown;
    std::vector<PendingNumber> pending;
  };
  struct DateState {
    io::DateOrder order = io::DateOrder::unknown;
    DateOrderBasis basis = DateOrderBasis::none;
    bool weak = false;        // decided on little evidence: the report says it is a guess
    std::uint64_t steps = 0;  // changes of date the evidence saw (row_order, step_size)
    io::DateShape shape = io::DateShape::none;  // of the first value, for the report
    std::vector<RowRun> pending;                // read month first until the order is known
    DateOrderEvidence evidence;                 // what the ambiguous values say, while undecided
    std::string example;                        // the first ambiguous value, for the report
    std::string last_text;
    Day last_day = kNoDay;
    bool last_pending = false;  // last_day is a provisional month-first reading
  };
  struct Slot {
    Field field = Field::order_id;
    int column = 0;  // source column index
    FieldKind kind = FieldKind::text;
    bool required = false;     // a row without it is skipped
    bool prices_line = false;  // unit_price or line_total: an order line needs one of them
    SourceRule rule;           // fallbacks, joins, JSON inside the column
    bool plain = true;         // the column's text is the value (the fast path)
    std::string scratch;       // text assembled under `rule`
    Column* target = nullptr;
    StrId last_id = kNoStr;      // the previous text value, to skip interning repeats
    std::string_view last_text;  // its text in the pool (valid while last_id is not kNoStr)
    ColumnTextCache texts;       // the column's own index in front of the pool (a copy is empty)
    NumberState number;
    DateState date;
  };

  TableBuilder(const TableBuilder& from, Table& table, StringPool& strings, LoadReport& report);
  /// Converts `raw` and appends it to the slot's column; false (and a problem) when unreadable.
  bool append(Slot& slot, std::string_view raw, std::size_t line, std::size_t row);
  void append_missing(Slot& slot);
  /// Takes back what the first `slots` slots appended for `row`.
  void roll_back(std::size_t slots, std::size_t row);
  void decide_number(Slot& slot, io::DecimalMark mark);
  /// Fixes the column's order; the rows read month first so far are re-read when it is dmy.
  void decide_date(Slot& slot, io::DateOrder order, DateOrderBasis basis);
  /// finish(): orders for the slash-date columns no value decided, and the report's words.
  void decide_undecided_dates();
  void report_dates(const std::vector<std::string>& names);
  std::string slot_name(const Slot& slot, const std::vector<std::string>& names) const;
  void problem(std::size_t line, const Slot& slot, Message reason);

  Table& table_;
  StringPool& strings_;
  Conventions conventions_;
  LoadReport& report_;
  std::vector<Slot> slots_;
  bool need_price_or_total_ = false;
  // A fork: the decimal mark and date order of each slot when it was forked.
  std::vector<io::DecimalMark> forked_marks_;
  std::vector<io::DateOrder> forked_orders_;
  std::size_t quiet_skips_ =
      0;  // rows without a value their role needs (SourceRule::empty_skips_row)
  std::string quiet_skip_field_;
};

}  // namespace pulse::ingest
