#pragma once

#include <string>

namespace pulse {

/// "[pulse.ingest.005] orders.csv: out of memory": an id (pulse/error_ids.h) before its message,
/// as PulseError::what() reads, for the errors a loader keeps as text ("error", "stopped").
inline std::string with_id(const std::string& id, const std::string& message) {
  return "[" + id + "] " + message;
}

}  // namespace pulse
