#pragma once

#include <cstddef>
#include <string_view>

namespace pulse::io {

/// Physical line breaks in `text` as CsvReader counts lines: CR, LF and CRLF are one each.
/// Quotes do not matter (a newline inside a quoted field is a line too), so the line where a
/// part of a file starts is 1 + the breaks before it.
std::size_t count_line_breaks(std::string_view text);

/// Where a record starts at or after `from` in CSV text whose rows have `fields` fields:
/// just past a line break (never between the CR and the LF of a CRLF). A line break inside a
/// quoted field is no record start, and a split there would break a row in two, so each
/// candidate is confirmed by parsing ahead from it, with the reader's own rules (a quote opens
/// a field only at its start, "" is a quote), up to kConfirmRows rows: all of them must have
/// the header's field count. Candidates are tried in order (at most kMaxCandidates); when none
/// is confirmed the first one is returned — the loader verifies every join anyway (the reader
/// of the range before must end exactly there, between two rows) and reads on sequentially
/// when a guess was wrong. Returns npos when `text` has no line break after `from`, or only a
/// CR at its very end (an LF may follow in bytes not given).
std::size_t next_record_start(std::string_view text, std::size_t from, char delimiter,
                              std::size_t fields);

constexpr std::size_t kConfirmRows = 4;
constexpr std::size_t kMaxCandidates = 64;

}  // namespace pulse::io
