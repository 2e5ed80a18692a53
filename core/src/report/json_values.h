#pragma once
// Values every report section writes the same way (private to core/src/report).

#include <cstdint>
#include <optional>

#include "pulse/model/day.h"
#include "pulse/model/string_pool.h"
#include "pulse/report/json_writer.h"

namespace pulse::report {

/// "YYYY-MM-DD", or null for an unknown day.
inline void day_value(JsonWriter& w, Day d) {
  if (d == kNoDay)
    w.null();
  else
    w.value(format_day(d));
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

}  // namespace pulse::report
