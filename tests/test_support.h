#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pulse/io/record_sink.h"
#include "pulse/model/number_column.h"

namespace pulse::test {

/// A RecordSink that keeps everything it is given, for assertions.
struct CollectingSink : io::RecordSink {
  struct Row {
    std::size_t line;
    std::vector<std::string> fields;
  };
  struct Bad {
    std::size_t line;
    std::string reason;  // the English text
    std::string code;    // pulse.row.*
    std::vector<MessageParam> params;
  };
  std::vector<std::string> columns;
  std::vector<Row> rows;
  std::vector<Bad> bad;
  int column_updates = 0;

  void on_columns(const std::vector<std::string>& names) override;
  void on_record(std::size_t line, const std::vector<std::string_view>& fields) override;
  void on_bad_record(std::size_t line, const Message& reason) override;
};

/// Splits `text` into chunks of `chunk` bytes (the last may be shorter) and calls
/// feed(chunk) for each, so that readers are tested with boundaries everywhere.
template <class Reader>
void feed_in_chunks(Reader& reader, std::string_view text, std::size_t chunk) {
  for (std::size_t at = 0; at < text.size(); at += chunk) reader.feed(text.substr(at, chunk));
  reader.finish();
}

/// Absolute path of a file in the repository or in the shared datasets' folder: ../shared
/// beside the repository, or $PULSE_SHARED_DIR when set. That folder is optional: the tests
/// that read it skip themselves when it is absent (PULSE_SKIP_WITHOUT_DATASET).
/// The same values bit for bit, stored the same way (both 32-bit integers or both doubles).
bool same_bits(const NumberColumn& a, const NumberColumn& b);

std::string source_path(const std::string& relative);
std::string shared_path(const std::string& relative);
bool has_shared(const std::string& relative);
std::string read_file(const std::string& path);

/// Ends the current test case, passing with a warning, when shared_path(relative) is absent
/// (a fresh clone without ../shared).
#define PULSE_SKIP_WITHOUT_DATASET(relative)                                        \
  do {                                                                              \
    if (!::pulse::test::has_shared(relative)) {                                     \
      WARN("skipped: dataset not found: " << ::pulse::test::shared_path(relative)); \
      return;                                                                       \
    }                                                                               \
  } while (false)

}  // namespace pulse::test
