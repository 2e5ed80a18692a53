#pragma once
// A RecordSink that writes what it receives into one string, to compare two reads.

#include <string>

#include "pulse/io/record_sink.h"

namespace pulse::fuzz {

struct RecordingSink : io::RecordSink {
  std::string log;
  void on_columns(const std::vector<std::string>& names) override {
    log += "C";
    for (const auto& n : names) log += "|" + n;
    log += "\n";
  }
  void on_record(std::size_t line, const std::vector<std::string_view>& fields) override {
    log += "R" + std::to_string(line);
    for (auto f : fields) {
      log += "|";
      log.append(f);
    }
    log += "\n";
  }
  void on_bad_record(std::size_t line, const Message& reason) override {
    log += "B" + std::to_string(line) + "|" + reason.text + "\n";
  }
};

}  // namespace pulse::fuzz
