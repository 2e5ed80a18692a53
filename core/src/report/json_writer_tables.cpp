// JsonWriter's tables kept apart from the document (json_writer.h, begin_table): their
// beginning, rows and end, apart from the writer's per-value code, since a report gathers at
// most four tables, and compiled for size in the page's engine (wasm/CMakeLists.txt). What runs
// once per value, picking a row's key's column (column_key, select_column) and keeping a number
// (keep_number), is in json_writer.cpp.
#include <algorithm>
#include <cmath>
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
  object_column_ = -1;
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
// value is something else: the numbers become text, and the value follows them. An object
// column's earlier objects are written whole from its members' columns, which then go.
void JsonWriter::column_to_text() {
  number_due_ = false;
  const auto j = static_cast<std::size_t>(current_);
  TableColumn& c = columns_of_table_[j];
  c.numeric = false;
  const std::size_t before = c.count - 1;  // the rows before this one
  for (std::size_t k = 0; k < before; ++k) {
    if (k > 0) put(',');
    c.starts.push_back(static_cast<std::uint32_t>(size_));
    if (c.object && !std::isnan(c.numbers[k]))
      put_members(j, k);
    else
      put_number(c.numbers[k]);
  }
  std::vector<double>().swap(c.numbers);
  if (before > 0) put(',');
  c.starts.push_back(static_cast<std::uint32_t>(size_));
  if (c.object) drop_members(j);
  c.object = false;
}

bool JsonWriter::begin_object_value() {
  TableColumn& c = columns_of_table_[static_cast<std::size_t>(current_)];
  // A column of numbers (not only nulls so far) takes the object as text.
  if (!c.object &&
      !std::all_of(c.numbers.begin(), c.numbers.end(), [](double v) { return std::isnan(v); }))
    return false;
  c.object = true;
  c.numbers.push_back(1);  // an object; its keys go to the member columns
  number_due_ = false;
  after_key_ = false;
  object_column_ = current_;
  first_.push_back(1);
  return true;
}

void JsonWriter::end_object_value() {
  // next_column_ stays after the object's last key: the row's next key usually comes next.
  first_.pop_back();
  object_column_ = -1;
}

// Row k's object of column j, from its members' columns (none is selected: j is), as text.
void JsonWriter::put_members(std::size_t j, std::size_t k) {
  put('{');
  bool first = true;
  for (std::size_t m = j + 1; m < column_count_; ++m) {
    const TableColumn& member = columns_of_table_[m];
    if (member.parent != static_cast<std::int32_t>(j) || k >= member.count ||
        std::binary_search(member.absent.begin(), member.absent.end(), k))
      continue;
    if (!first) put(',');
    first = false;
    escape(member.name);
    put(':');
    if (member.numeric)
      put_number(member.numbers[k]);
    else
      put(member.text_at(k, member.size));
  }
  put('}');
}

// Column j's members leave the table (they come after it); the parents after them move up.
void JsonWriter::drop_members(std::size_t j) {
  std::vector<std::int32_t> moved_to(column_count_, -1);
  std::size_t kept = 0;
  for (std::size_t m = 0; m < column_count_; ++m) {
    if (columns_of_table_[m].parent == static_cast<std::int32_t>(j)) continue;
    moved_to[m] = static_cast<std::int32_t>(kept);
    if (kept != m) columns_of_table_[kept] = std::move(columns_of_table_[m]);
    ++kept;
  }
  for (std::size_t m = kept; m < column_count_; ++m) columns_of_table_[m] = TableColumn();
  column_count_ = kept;
  for (std::size_t m = 0; m < kept; ++m) {
    TableColumn& c = columns_of_table_[m];
    if (c.parent >= 0) c.parent = moved_to[static_cast<std::size_t>(c.parent)];
  }
  next_column_ = j + 1;
}

// Whether row k's lack of column c's key is listed: a member's is not where its object is null.
bool JsonWriter::absent_listed(const TableColumn& c, std::uint32_t k) const {
  return c.parent < 0 ||
         !std::isnan(columns_of_table_[static_cast<std::size_t>(c.parent)].numbers[k]);
}

bool JsonWriter::listed_absent(std::size_t j) const {
  const TableColumn& c = columns_of_table_[j];
  return std::any_of(c.absent.begin(), c.absent.end(),
                     [&](std::uint32_t k) { return absent_listed(c, k); });
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
    any_absent = any_absent || listed_absent(j);
  }
  put(']');
  bool any_member = false;
  for (std::size_t j = 0; j < column_count_; ++j)
    any_member = any_member || columns_of_table_[j].parent >= 0;
  if (any_member) {
    put(",\"parents\":[");
    for (std::size_t j = 0; j < column_count_; ++j) {
      if (j > 0) put(',');
      if (columns_of_table_[j].parent < 0)
        put("-1");
      else
        put_digits(static_cast<std::uint64_t>(columns_of_table_[j].parent));
    }
    put(']');
  }
  if (any_absent) {
    // Per column, the rows that lacked its key; a member's leaves out the rows whose object
    // was null or absent (none of its keys is there).
    put(",\"absent\":[");
    for (std::size_t j = 0; j < column_count_; ++j) {
      const TableColumn& c = columns_of_table_[j];
      if (j > 0) put(',');
      put('[');
      bool first = true;
      for (const std::uint32_t k : c.absent) {
        if (!absent_listed(c, k)) continue;
        if (!first) put(',');
        first = false;
        put_digits(k);
      }
      put(']');
    }
    put(']');
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
