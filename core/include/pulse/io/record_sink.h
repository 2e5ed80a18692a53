#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pulse/model/message.h"

namespace pulse::io {

/// Receives the rows of a text table (CSV) or a JSON file, format-independent.
/// Field views are valid only during the call.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  /// The column names known so far. Called before the first record, and again whenever a
  /// JSON file shows new keys (columns are only ever appended, so positions stay stable).
  virtual void on_columns(const std::vector<std::string>& names) = 0;
  /// One row. `fields` may be shorter than the columns (a JSON object without some keys);
  /// a missing field is an empty value. `line` is the 1-based line where the row starts.
  virtual void on_record(std::size_t line, const std::vector<std::string_view>& fields) = 0;
  /// A row that could not be read at all (wrong field count, broken JSON object): `reason`
  /// carries a pulse.row.* code (pulse/error_ids.h), its params and the English sentence.
  virtual void on_bad_record(std::size_t line, const Message& reason) = 0;
};

}  // namespace pulse::io
