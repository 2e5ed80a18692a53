#pragma once

#include <stdexcept>
#include <string>

namespace pulse {

/// An error that stops a whole operation (a file that cannot be loaded, a bad workspace).
/// `id` is stable, e.g. "pulse.ingest.102", so that people and scripts can look it up;
/// what() reads "[pulse.ingest.102] orders.csv:14: order_date: bad date '31/02/2024'".
class PulseError : public std::runtime_error {
 public:
  PulseError(std::string id, const std::string& message)
      : std::runtime_error("[" + id + "] " + message), id_(std::move(id)) {}
  const std::string& id() const { return id_; }

 private:
  std::string id_;
};

}  // namespace pulse
