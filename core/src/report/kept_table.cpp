// A table the writer kept apart (kept_table.h), read back as JSON: the rows a page shows, or
// one column a sort, a search or a summary reads.
#include "pulse/report/kept_table.h"

#include <algorithm>
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
  const std::size_t end = k + 1 < starts.size() ? starts[k + 1] - 1 : text.size();
  w.raw(std::string_view(text).substr(starts[k], end - starts[k]));
}

void write_kept_rows(JsonWriter& w, const KeptTable& table, const std::vector<std::uint32_t>& at) {
  w.begin_array();
  for (const std::uint32_t row : at) {
    if (row >= table.rows)
      throw std::out_of_range("a kept table has no row " + std::to_string(row));
    w.begin_object();
    for (const KeptColumn& c : table.columns) {
      // A row lacks the key when it is among the column's absent rows (ascending).
      if (!c.absent.empty() && std::binary_search(c.absent.begin(), c.absent.end(), row)) continue;
      w.key(c.name);
      c.write_value(w, row);
    }
    w.end_object();
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
