#include "pulse/io/record_boundaries.h"

#include <cstring>
#include <string>

namespace pulse::io {
namespace {

constexpr std::size_t kNone = std::string_view::npos;

// The position just past the line break that starts at `at` (CRLF is one break); kNone when
// it is a CR at the end of the text, whose LF may be in the next bytes.
std::size_t past_break(std::string_view text, std::size_t at) {
  if (text[at] == '\n') return at + 1;
  if (at + 1 >= text.size()) return kNone;
  return text[at + 1] == '\n' ? at + 2 : at + 1;
}

// Parses up to kConfirmRows rows from `at` (assumed to be a record start) like CsvReader
// does, and says whether every complete one has `fields` fields (extra empty fields at the
// end are allowed, as the reader allows them). Needs one complete row at least.
bool rows_fit(std::string_view text, std::size_t at, char delimiter, std::size_t fields) {
  std::size_t rows = 0;
  std::size_t count = 1;
  std::size_t empty_tail = 0;  // fields at the end of the row that are empty so far
  bool field_empty = true;
  bool at_field_start = true;
  bool in_quotes = false;
  bool row_has_bytes = false;
  for (std::size_t i = at; i < text.size() && rows < kConfirmRows; ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c != '"') continue;
      if (i + 1 < text.size() && text[i + 1] == '"') {
        ++i;
      } else {
        in_quotes = false;
      }
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (row_has_bytes) {
        if (field_empty) ++empty_tail;
        const bool fits = count == fields || (count > fields && empty_tail >= count - fields);
        if (!fits) return false;
        ++rows;
      }
      count = 1;
      empty_tail = 0;
      field_empty = true;
      at_field_start = true;
      row_has_bytes = false;
      continue;
    }
    row_has_bytes = true;
    if (c == delimiter) {
      empty_tail = field_empty ? empty_tail + 1 : 0;
      ++count;
      field_empty = true;
      at_field_start = true;
      continue;
    }
    if (c == '"' && at_field_start) in_quotes = true;
    field_empty = false;
    at_field_start = false;
  }
  return rows > 0;
}

}  // namespace

std::size_t count_line_breaks(std::string_view text) {
  std::size_t breaks = 0;
  const char* p = text.data();
  const std::size_t n = text.size();
  // Branch-free so that the compiler vectorizes it: every CR and LF, less the CRLF pairs.
  for (std::size_t i = 0; i < n; ++i) breaks += (p[i] == '\n') + (p[i] == '\r');
  for (std::size_t i = 0; i + 1 < n; ++i) breaks -= (p[i] == '\r') & (p[i + 1] == '\n');
  return breaks;
}

std::size_t next_record_start(std::string_view text, std::size_t from, char delimiter,
                              std::size_t fields) {
  std::size_t first = kNone;
  std::size_t tried = 0;
  for (std::size_t i = from; i < text.size() && tried < kMaxCandidates; ++i) {
    const char c = text[i];
    if (c != '\n' && c != '\r') continue;
    const std::size_t start = past_break(text, i);
    if (start == kNone) break;
    if (first == kNone) first = start;
    if (rows_fit(text, start, delimiter, fields)) return start;
    ++tried;
    i = start - 1;
  }
  return first;
}

}  // namespace pulse::io
