#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
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
  /// An object column: each row's value was an object (1 among the numbers) or null (NaN), and
  /// its keys are the table's columns whose `parent` is this column's index, so that a sort or
  /// a summary reads one field of every row's object without the rest (a product's elasticity).
  bool object = false;
  /// The object column this is a key of, or -1 for a key of the rows themselves.
  std::int32_t parent = -1;

  /// Row k's value as JSON text (a number in the writer's shortest form, "null" for NaN).
  void write_value(JsonWriter& w, std::size_t k) const;
  /// Row k's value of a text column, its values being text[0, end) (the writer's column still
  /// being written holds more bytes than its values).
  std::string_view text_at(std::size_t k, std::size_t end) const;
};

/// A table kept apart: its rows read column by column (the page's worker, which sorts, searches
/// and pages the big lists, wasm/README.md "Lists kept in the engine").
struct KeptTable {
  std::size_t rows = 0;
  std::vector<KeptColumn> columns;  // in the order the rows first wrote the keys
};

/// The rows at `at` (each < table.rows) as an array of objects, each with the keys its row had,
/// in the table's column order (an object column's value with the keys it had): the SPEC
/// form's rows.
void write_kept_rows(JsonWriter& w, const KeptTable& table, const std::vector<std::uint32_t>& at);

/// A column that is not numeric as one JSON array of its values.
void write_kept_column(JsonWriter& w, const KeptColumn& column);

/// Row k's value of column j as JSON text: for an object column, the object its row had.
void write_kept_value(JsonWriter& w, const KeptTable& table, std::size_t j, std::size_t k);

}  // namespace pulse::report
