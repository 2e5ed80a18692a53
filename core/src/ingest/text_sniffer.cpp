#include "pulse/ingest/text_sniffer.h"

#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/io/csv_reader.h"

namespace pulse::ingest {
namespace {

std::string_view skip_bom_and_space(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  while (!head.empty() && (head.front() == ' ' || head.front() == '\t' || head.front() == '\r' ||
                           head.front() == '\n'))
    head.remove_prefix(1);
  return head;
}

std::string delimiter_label(char d) {
  if (d == '\t') return "tab";
  return std::string("'") + d + "'";
}

}  // namespace

bool looks_binary(std::string_view head) {
  // A NUL byte counts as one control byte among the others: a stray NUL in an otherwise good
  // table does not refuse the file (its row is reported and skipped, pulse.row.017); binary data
  // (images, executables, zeros) is full of them.
  std::size_t control = 0;
  const std::size_t n = head.size() < 4096 ? head.size() : 4096;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(head[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++control;
  }
  return n > 0 && control * 20 > n;  // more than 5% control bytes
}

Sniff sniff_text(std::string_view head, std::string_view file_name) {
  const std::string name(file_name);
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1F &&
      static_cast<unsigned char>(head[1]) == 0x8B)
    throw PulseError(ids::kGzipNotInflated, name + ": gzip-compressed file; decompress it first");
  if (head.substr(0, 4) == std::string_view("PK\x03\x04", 4))
    throw PulseError(ids::kZipGivenAsText,
                     name + ": a zip container (an Excel workbook?); save the sheet as CSV");
  // Parquet (what DuckDB, Spark and BigQuery export) is not read yet: say how to convert it.
  if (head.substr(0, 4) == "PAR1")
    throw PulseError(ids::kParquetNotRead,
                     name +
                         ": a Parquet file, which this version does not read; convert it to "
                         "CSV first, e.g. duckdb -c \"COPY (FROM '" +
                         name + "') TO '" + name + ".csv'\"");
  if (looks_binary(head))
    throw PulseError(ids::kBinaryFile, name + ": binary data, not a text table or JSON");
  const std::string_view text = skip_bom_and_space(head);
  if (text.empty()) throw PulseError(ids::kEmptyFile, name + ": the file is empty");

  Sniff sniff;
  if (text.front() == '[' || text.front() == '{') {
    sniff.format = TextFormat::json;
    sniff.description = "JSON";
    return sniff;
  }
  sniff.format = TextFormat::csv;
  sniff.delimiter = io::detect_delimiter(head);
  sniff.description = "CSV, " + delimiter_label(sniff.delimiter) + " delimited";
  return sniff;
}

}  // namespace pulse::ingest
