#pragma once

#include <cstddef>
#include <cstdint>

#include "pulse/io/date_parser.h"
#include "pulse/model/day.h"

namespace pulse::ingest {

/// How a slash-date column's day/month order was decided (docs/formats.md, "Day or month
/// first"). The report names it in conventions["date_order_basis"].
enum class DateOrderBasis : unsigned char {
  none,              // not decided yet
  value_over_12,     // a value such as 25/12/2024 or 12/25/2024 proves it
  workspace,         // the user fixed it (a workspace's date_format)
  other_column,      // another date column of the file, same shape, was decided
  row_order,         // the dates run forward in file order under one reading only
  step_size,         // consecutive dates are far closer under one reading (a day, not a month)
  file_conventions,  // nothing else tells; a decimal comma or ';' file leans to day first
  default_guess,     // nothing tells: month first (US), and the page says so
};

/// "value_over_12", "row_order", ...; "" for none.
const char* date_order_basis_name(DateOrderBasis basis);

/// What the ambiguous slash dates of one column (both parts 12 or less, so valid either way)
/// say about their order, gathered in file order in constant memory: each value is read
/// both ways, and each change between consecutive values is scored under both readings
/// (is it a step back? how many days?). Exports are usually sorted by date, and cover a
/// short period: under the right reading the dates tend to run forward in small steps, under
/// the wrong one they jump back at month ends and move a month at a time.
class DateOrderEvidence {
 public:
  /// The next ambiguous value of the column, in file order (repeats may be left out: a
  /// repeat is no change).
  void add(const io::DateScan& scan);

  struct Verdict {
    io::DateOrder order = io::DateOrder::unknown;  // unknown: the values do not tell
    DateOrderBasis basis = DateOrderBasis::none;   // row_order or step_size when they tell
    bool weak = false;  // told by fewer than kMinSteps changes: still worth a word to the user
  };
  /// Row order first, then step size (the rules and their margins are in the .cpp).
  Verdict verdict() const;

  /// Changes between consecutive values (a repeat is not one).
  std::uint64_t steps() const { return steps_; }
  /// Steps back in time under `order` (dmy or mdy).
  std::uint64_t backward(io::DateOrder order) const { return backward_[index(order)]; }
  /// Sum of the absolute day differences between consecutive values under `order`.
  std::int64_t distance(io::DateOrder order) const { return distance_[index(order)]; }

  static constexpr std::uint64_t kMinSteps = 6;

 private:
  static std::size_t index(io::DateOrder order) { return order == io::DateOrder::dmy ? 0 : 1; }

  Day previous_[2] = {kNoDay, kNoDay};  // the last value under dmy, under mdy
  std::uint64_t steps_ = 0;
  std::uint64_t backward_[2] = {0, 0};
  std::uint64_t backward_only_[2] = {0, 0};  // back under this reading, forward under the other
  std::int64_t distance_[2] = {0, 0};
};

}  // namespace pulse::ingest
