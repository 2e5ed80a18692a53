// A table the writer kept apart (kept_table.h), read back as JSON: the rows a page shows, or
// one column a sort, a search or a summary reads.
#include "pulse/report/kept_table.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <string_view>

#include "pulse/report/json_writer.h"

namespace pulse::report {

void KeptColumn::write_value(JsonWriter& w, std::size_t k) const {
  if (numeric) {
    w.value(numbers[k]);  // NaN is written null
    return;
  }
  w.raw(text_at(k, text.size()));
}

std::string_view KeptColumn::text_at(std::size_t k, std::size_t end) const {
  const std::size_t stop = k + 1 < starts.size() ? starts[k + 1] - 1 : end;  // before the comma
  return std::string_view(text).substr(starts[k], stop - starts[k]);
}

namespace {

// The keys of `parent`'s objects (-1: of the rows) that row k had, each with its value.
void write_members(JsonWriter& w, const KeptTable& table, std::int32_t parent, std::size_t k) {
  w.begin_object();
  for (std::size_t j = 0; j < table.columns.size(); ++j) {
    const KeptColumn& c = table.columns[j];
    if (c.parent != parent) continue;
    // A row lacks the key when it is among the column's absent rows (ascending).
    if (!c.absent.empty() && std::binary_search(c.absent.begin(), c.absent.end(), k)) continue;
    w.key(c.name);
    write_kept_value(w, table, j, k);
  }
  w.end_object();
}

}  // namespace

void write_kept_value(JsonWriter& w, const KeptTable& table, std::size_t j, std::size_t k) {
  const KeptColumn& c = table.columns[j];
  if (c.object && !std::isnan(c.numbers[k]))
    write_members(w, table, static_cast<std::int32_t>(j), k);
  else
    c.write_value(w, k);
}

void write_kept_rows(JsonWriter& w, const KeptTable& table, const std::vector<std::uint32_t>& at) {
  w.begin_array();
  for (const std::uint32_t row : at) {
    if (row >= table.rows)
      throw std::out_of_range("a kept table has no row " + std::to_string(row));
    write_members(w, table, -1, row);
  }
  w.end_array();
}

void write_kept_column(JsonWriter& w, const KeptColumn& column) {
  w.begin_array();
  if (column.numeric) {
    for (const double v : column.numbers) w.value(v);
  } else if (!column.text.empty()) {
    w.raw(column.text);  // the values, comma-separated
  }
  w.end_array();
}

}  // namespace pulse::report
