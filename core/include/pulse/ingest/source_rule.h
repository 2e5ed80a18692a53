#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pulse/text/ascii.h"

namespace pulse::ingest {

/// One place a value can come from: a column, optionally joined with a second one by a space
/// (first + last name), or a value inside the column's JSON text.
struct SourceColumn {
  int column = -1;
  int joined = -1;       // a second column appended after a space
  std::string json_key;  // dotted key inside the column's JSON text ("status.new_value")
};

/// How a field is read when one column is not the whole story. Exports spread one fact over
/// several columns: a Magento order names its company only when it is a B2B order (else the
/// buyer's e-mail says who bought), an admin user's name is first + last name, a quote
/// history row keeps the status change inside JSON text (`log_data`).
struct SourceRule {
  std::vector<SourceColumn>
      alternatives;              // read in order until one gives a value; empty = the mapped column
  bool empty_skips_row = false;  // a row without it is not a row of this role: skipped quietly

  bool plain() const {
    return alternatives.size() <= 1 && (alternatives.empty() || (alternatives[0].joined < 0 &&
                                                                 alternatives[0].json_key.empty()));
  }
};

/// A field's value without the spaces, tabs and line breaks around it (as every value is
/// read). Inline: the table builder calls it for every field of every row.
inline std::string_view trim_value(std::string_view s) {
  return text::trim_ascii_space(s);
}

/// The value of a field under `rule` (its alternatives in order). `scratch` holds text that
/// had to be assembled; the view points into `fields` or into `scratch`.
std::string_view read_source(const std::vector<std::string_view>& fields, const SourceRule& rule,
                             std::string& scratch);

/// The value at `dotted_key` in a JSON object text ("status.new_value" of
/// {"status": {"old_value": "created", "new_value": "submitted_by_customer"}}), as text;
/// empty when the text is not JSON or has no such key.
std::string json_value_at(std::string_view json_text, std::string_view dotted_key);

}  // namespace pulse::ingest
