#pragma once

#include <string>

namespace pulse {

/// "[pulse.ingest.005] orders.csv: out of memory": an id (pulse/error_ids.h) before its message,
/// as PulseError::what() reads, for the errors a loader keeps as text ("error", "stopped").
inline std::string with_id(const std::string& id, const std::string& message) {
  return "[" + id + "] " + message;
}

/// The id a message from with_id() or PulseError::what() starts with ("pulse.csv.003"), or ""
/// when it starts with none.
inline std::string id_of(const std::string& message) {
  if (message.size() < 3 || message[0] != '[') return "";
  const std::size_t close = message.find(']');
  return close == std::string::npos ? "" : message.substr(1, close - 1);
}

}  // namespace pulse
