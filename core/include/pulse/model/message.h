#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace pulse {

/// A named value inside a message ("value": "31/02/2024"), so that a page can word the message
/// in its own language; `number` says it is a count (JSON number; plural forms are chosen by it).
struct MessageParam {
  std::string name;
  std::string value;
  bool number = false;
};

/// A message with a stable code (pulse/error_ids.h, docs/errors.md), its parameters, and the
/// English sentence the CLI and logs print.
struct Message {
  std::string code;
  std::vector<MessageParam> params;
  std::string text;

  Message() = default;
  Message(std::string code_, std::string text_) : code(std::move(code_)), text(std::move(text_)) {}

  Message& param(std::string name, std::string value) {
    params.push_back({std::move(name), std::move(value), false});
    return *this;
  }
  Message& count(std::string name, std::size_t n) {
    params.push_back({std::move(name), std::to_string(n), true});
    return *this;
  }
};

inline bool operator==(const MessageParam& a, const MessageParam& b) {
  return a.name == b.name && a.value == b.value && a.number == b.number;
}
inline bool operator==(const Message& a, const Message& b) {
  return a.code == b.code && a.params == b.params && a.text == b.text;
}

}  // namespace pulse
