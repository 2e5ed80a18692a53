#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "pulse/model/day.h"
#include "pulse/model/day_column.h"
#include "pulse/model/field.h"
#include "pulse/model/number_column.h"
#include "pulse/model/string_pool.h"
#include "pulse/model/text_column.h"

namespace pulse {

/// One field of a loaded file, stored by kind: only the vector of its kind is used.
/// Missing values are kNoStr, kNoDay or NaN.
struct Column {
  FieldKind kind = FieldKind::text;
  bool mapped = false;
  TextColumn text;       // 2 bytes a value while the column has at most 65,535 distinct texts
  DayColumn days;        // 2 bytes a value while the dates lie within 89 years of the first
  NumberColumn numbers;  // 4 bytes a value while every value is a decimal of up to 4 places
};

/// The rows of one loaded file in columnar form, indexed by canonical field.
struct Table {
  Role role = Role::order_lines;
  std::string source;  // file name as the user gave it
  std::size_t rows = 0;
  // A vector, not a std::array: the array's constructor was 40 unrolled column constructors,
  // each with its unwinding, 7.5 KB of the page's wasm; one loop does the same.
  std::vector<Column> columns = std::vector<Column>(kFieldCount);

  bool has(Field f) const { return columns[static_cast<std::size_t>(f)].mapped; }
  Column& column(Field f) { return columns[static_cast<std::size_t>(f)]; }
  const Column& column(Field f) const { return columns[static_cast<std::size_t>(f)]; }
  const TextColumn& text(Field f) const { return column(f).text; }
  const DayColumn& days(Field f) const { return column(f).days; }
  const NumberColumn& numbers(Field f) const { return column(f).numbers; }

  // One value, or the missing value when the field is not mapped in this file.
  StrId text_at(Field f, std::size_t row) const { return has(f) ? text(f)[row] : kNoStr; }
  Day day_at(Field f, std::size_t row) const { return has(f) ? days(f)[row] : kNoDay; }
  double number_at(Field f, std::size_t row) const {
    return has(f) ? numbers(f)[row] : std::numeric_limits<double>::quiet_NaN();
  }
};

}  // namespace pulse
