// JsonWriter's tables kept apart from the document (json_writer.h, begin_table): their
// beginning, rows and end, apart from the writer's per-value code, since a report gathers at
// most four tables, and compiled for size in the page's engine (wasm/CMakeLists.txt). What runs
// once per value, picking a row's key's column (column_key, select_column) and keeping a number
// (keep_number), is in json_writer.cpp.
#include <limits>
#include <string>
#include <utility>

#include "pulse/report/json_writer.h"

namespace pulse::report {

void JsonWriter::begin_table() {
  if (!keep_ || in_table_) {
    if (in_table_) ++inner_tables_;
    begin_array();
    return;
  }
  separate();
  in_table_ = true;
  table_depth_ = first_.size();
  rows_ = 0;
  column_count_ = 0;
  next_column_ = 0;
}

void JsonWriter::end_table() {
  if (!in_table_ || inner_tables_ > 0) {
    if (inner_tables_ > 0) --inner_tables_;
    end_array();
    return;
  }
  in_table_ = false;
  write_table();
}

void JsonWriter::begin_row() {
  in_row_ = true;
  first_.push_back(1);
  next_column_ = 0;
}

void JsonWriter::end_row() {
  select_column(-1);
  first_.pop_back();
  in_row_ = false;
  ++rows_;
}

void JsonWriter::pad_column(TableColumn& column) {
  while (column.count < rows_) {
    column.absent.push_back(static_cast<std::uint32_t>(column.count++));
    if (column.numeric) {
      column.numbers.push_back(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    if (column.count > 1) put(',');
    column.starts.push_back(static_cast<std::uint32_t>(size_));
    put("null");
  }
}

// The column being written (selected: its text is out_) held numbers so far, and this row's
// value is something else: the numbers become text, and the value follows them.
void JsonWriter::column_to_text() {
  number_due_ = false;
  TableColumn& c = columns_of_table_[static_cast<std::size_t>(current_)];
  c.numeric = false;
  const std::size_t before = c.count - 1;  // the rows before this one
  for (std::size_t k = 0; k < before; ++k) {
    if (k > 0) put(',');
    c.starts.push_back(static_cast<std::uint32_t>(size_));
    put_number(c.numbers[k]);
  }
  std::vector<double>().swap(c.numbers);
  if (before > 0) put(',');
  c.starts.push_back(static_cast<std::uint32_t>(size_));
}

void JsonWriter::write_table() {
  for (std::size_t j = 0; j < column_count_; ++j) {
    select_column(static_cast<std::ptrdiff_t>(j));
    pad_column(columns_of_table_[j]);
  }
  select_column(-1);
  put("{\"length\":");
  put_digits(rows_);
  put(",\"kept\":");
  put_digits(kept_.size());
  put(",\"fields\":[");
  bool any_absent = false;
  for (std::size_t j = 0; j < column_count_; ++j) {
    if (j > 0) put(',');
    escape(columns_of_table_[j].name);
    any_absent = any_absent || !columns_of_table_[j].absent.empty();
  }
  put(']');
  if (any_absent) {
    put(",\"absent\":{");
    bool first = true;
    for (std::size_t j = 0; j < column_count_; ++j) {
      const TableColumn& c = columns_of_table_[j];
      if (c.absent.empty()) continue;
      if (!first) put(',');
      first = false;
      escape(c.name);
      put(":[");
      for (std::size_t k = 0; k < c.absent.size(); ++k) {
        if (k > 0) put(',');
        put_digits(c.absent[k]);
      }
      put(']');
    }
    put('}');
  }
  put('}');
  // The columns move to the kept table; the writer's slots start the next table afresh.
  KeptTable& table = kept_.emplace_back();
  table.rows = rows_;
  table.columns.reserve(column_count_);
  for (std::size_t j = 0; j < column_count_; ++j) {
    TableColumn& c = columns_of_table_[j];
    c.text.resize(c.size);
    table.columns.push_back(std::move(static_cast<KeptColumn&>(c)));
    c = TableColumn();
  }
  column_count_ = 0;
}

}  // namespace pulse::report
