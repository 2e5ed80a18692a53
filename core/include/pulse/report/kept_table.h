#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pulse::report {

class JsonWriter;

/// One key of a table the writer kept apart from its document (JsonWriter::keep_tables): every
/// row's value for that key, as the rows wrote them.
struct KeptColumn {
  std::string name;
  /// Every value a number or null: kept as doubles, NaN standing for null (a non-finite number
  /// is written null too). Otherwise each row's value is JSON text.
  bool numeric = true;
  std::vector<double> numbers;
  /// The values as JSON text, separated by commas; row k's begins at starts[k].
  std::string text;
  std::vector<std::uint32_t> starts;
  /// Rows that lacked the key (ascending): null holds their place above.
  std::vector<std::uint32_t> absent;

  /// Row k's value as JSON text (a number in the writer's shortest form, "null" for NaN).
  void write_value(JsonWriter& w, std::size_t k) const;
};

/// A table kept apart: its rows read column by column (the page's worker, which sorts, searches
/// and pages the big lists, wasm/README.md "Lists kept in the engine").
struct KeptTable {
  std::size_t rows = 0;
  std::vector<KeptColumn> columns;  // in the order the rows first wrote the keys
};

/// The rows at `at` (each < table.rows) as an array of objects, each with the keys its row had,
/// in the table's column order: the SPEC form's rows.
void write_kept_rows(JsonWriter& w, const KeptTable& table, const std::vector<std::uint32_t>& at);

/// A column that is not numeric as one JSON array of its values.
void write_kept_column(JsonWriter& w, const KeptColumn& column);

}  // namespace pulse::report
