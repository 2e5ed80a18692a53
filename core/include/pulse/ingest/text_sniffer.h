#pragma once

#include <string>
#include <string_view>

namespace pulse::ingest {

// records: rows given one by one by a reader that is not text (a workbook's sheet).
enum class TextFormat : unsigned char { csv, json, records };

/// What the first bytes of a file say about how to read it.
struct Sniff {
  TextFormat format = TextFormat::csv;
  char delimiter = ',';     // for csv
  std::string description;  // "CSV, ';' delimited" — for inspect and the load report
};

/// Decides the format from the head of a file (after a UTF-8 BOM). Throws PulseError for
/// what cannot be read as text: empty ("pulse.ingest.001"), binary ("pulse.ingest.002"),
/// gzip or zip/xlsx containers ("pulse.ingest.003").
Sniff sniff_text(std::string_view head, std::string_view file_name);

/// True when the bytes contain NUL or many control characters (not text).
bool looks_binary(std::string_view head);

}  // namespace pulse::ingest
