#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "pulse/model/message.h"

namespace pulse {

/// An error that stops a whole operation (a file that cannot be loaded, a bad workspace).
/// `id` is stable, e.g. "pulse.ingest.102", so that people and scripts can look it up;
/// what() reads "[pulse.ingest.102] orders.csv:14: order_date: bad date '31/02/2024'".
class PulseError : public std::runtime_error {
 public:
  PulseError(std::string id, const std::string& message, std::vector<MessageParam> params = {})
      : std::runtime_error("[" + id + "] " + message),
        id_(std::move(id)),
        params_(std::move(params)) {}
  const std::string& id() const { return id_; }
  /// The figures inside the message, named, for a page that words the id in its language.
  const std::vector<MessageParam>& params() const { return params_; }

 private:
  std::string id_;
  std::vector<MessageParam> params_;
};

}  // namespace pulse
