#include "csv_writer.h"

#include <cstdio>
#include <cstdlib>

namespace samplegen {

std::string FormatCents(int64_t cents) {
  const long long abs = std::llabs(static_cast<long long>(cents));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", cents < 0 ? "-" : "", abs / 100, abs % 100);
  return buf;
}

std::string CsvField(std::string_view value) {
  const bool needs_quotes = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                            (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!needs_quotes) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

CsvWriter::CsvWriter(const std::string& path) : out_(path, std::ios::binary | std::ios::trunc) {}

void CsvWriter::Row(std::initializer_list<std::string> fields) {
  buffer_.clear();
  bool first = true;
  for (const std::string& field : fields) {
    if (!first) buffer_ += ',';
    buffer_ += CsvField(field);
    first = false;
  }
  buffer_ += '\n';
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
}

bool CsvWriter::Close() {
  out_.flush();
  const bool good = static_cast<bool>(out_);
  out_.close();
  return good && !out_.fail();
}

}  // namespace samplegen
