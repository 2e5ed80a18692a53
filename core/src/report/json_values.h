#pragma once
// Values every report section writes the same way (private to core/src/report).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pulse/model/day.h"
#include "pulse/model/message.h"
#include "pulse/model/string_pool.h"
#include "pulse/report/json_writer.h"

namespace pulse::report {

/// "YYYY-MM-DD", or null for an unknown day.
inline void day_value(JsonWriter& w, Day d) {
  if (d == kNoDay) {
    w.null();
  } else {
    char text[kDayTextMax];
    w.value(std::string_view(text, static_cast<std::size_t>(write_day(d, text) - text)));
  }
}

/// The text of a pooled string, or null when it is missing.
inline void text_value(JsonWriter& w, const StringPool& s, StrId id) {
  if (id == kNoStr)
    w.null();
  else
    w.value(s.view(id));
}

inline void count_value(JsonWriter& w, const std::optional<std::int64_t>& n) {
  if (n)
    w.value(*n);
  else
    w.null();
}

/// A message's params as an object, {"value": "31/02/2024", "expected": 5}: counts as numbers.
inline void message_params(JsonWriter& w, const std::vector<MessageParam>& params) {
  w.begin_object();
  for (const MessageParam& p : params) {
    w.key(p.name);
    if (p.number)
      w.value(static_cast<std::uint64_t>(std::stoull(p.value)));
    else
      w.value(p.value);
  }
  w.end_object();
}

/// {"code": "pulse.note.001", "params": {...}, "text": "the English sentence"}.
inline void message_value(JsonWriter& w, const Message& m) {
  w.begin_object();
  w.key("code"), w.value(m.code);
  w.key("params"), message_params(w, m.params);
  w.key("text"), w.value(m.text);
  w.end_object();
}

}  // namespace pulse::report
