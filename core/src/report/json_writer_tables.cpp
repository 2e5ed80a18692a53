// JsonWriter's tables written as columns (json_writer.h, begin_table): their beginning, rows
// and end, apart from the writer's per-value code, since a report gathers at most four tables,
// and compiled for size in the page's engine (wasm/CMakeLists.txt). What runs once per value,
// picking a row's key's column (column_key, select_column), is in json_writer.cpp.
#include <string>

#include "pulse/report/json_writer.h"

namespace pulse::report {

void JsonWriter::begin_table() {
  if (!columns_ || in_table_) {
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
    if (column.count > 0) put(',');
    put("null");
    column.absent.push_back(static_cast<std::uint32_t>(column.count++));
  }
}

void JsonWriter::write_table() {
  for (std::size_t j = 0; j < column_count_; ++j) {
    select_column(static_cast<std::ptrdiff_t>(j));
    pad_column(columns_of_table_[j]);
  }
  select_column(-1);
  put("{\"length\":");
  put_digits(rows_);
  put(",\"fields\":{");
  bool any_absent = false;
  for (std::size_t j = 0; j < column_count_; ++j) {
    const TableColumn& c = columns_of_table_[j];
    if (j > 0) put(',');
    escape(c.name);
    put(":[");
    put(c.text.data(), c.size);
    put(']');
    any_absent = any_absent || !c.absent.empty();
  }
  put('}');
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
  // The columns' texts are in the document now: their memory goes back to the allocator for
  // the rest of the report (a page pays for every fresh page of memory it touches).
  for (std::size_t j = 0; j < column_count_; ++j) {
    TableColumn& c = columns_of_table_[j];
    std::string().swap(c.text);
    c.size = c.count = 0;
    c.absent.clear();
  }
  column_count_ = 0;
}

}  // namespace pulse::report
