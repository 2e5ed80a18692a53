// Minimal RFC 4180 writer: comma delimiter, LF line ends, quotes only where needed.
#ifndef B2B_PULSE_SAMPLES_GENERATOR_CSV_WRITER_H_
#define B2B_PULSE_SAMPLES_GENERATOR_CSV_WRITER_H_

#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <string>
#include <string_view>

namespace samplegen {

// "12.30", "-4.05": two decimals from integer cents, no locale involved.
std::string FormatCents(int64_t cents);

// The field as it must appear in the file: quoted (with "" for ") if it holds a comma,
// quote, CR or LF, or starts/ends with a space, else unchanged.
std::string CsvField(std::string_view value);

class CsvWriter {
 public:
  // Opens in binary mode so no platform turns LF into CRLF.
  explicit CsvWriter(const std::string& path);
  bool ok() const { return static_cast<bool>(out_); }

  void Row(std::initializer_list<std::string> fields);
  // Flushes and reports whether every write succeeded.
  bool Close();

 private:
  std::ofstream out_;
  std::string buffer_;
};

}  // namespace samplegen

#endif  // B2B_PULSE_SAMPLES_GENERATOR_CSV_WRITER_H_
