#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "pulse/model/day.h"
#include "pulse/model/indexed_iterator.h"

namespace pulse {

/// The dates of one column, 2 bytes a value while every date lies within 89 years either side
/// of the column's first (an export's order dates span a few years), 4 bytes (a Day) from the
/// first that does not, for good. Reads give the same Day either way; only the memory differs
/// (issue "Speed and scale" 3: dates as day numbers; docs/performance.md "Prices as scaled
/// integers, dates as 16-bit offsets"). A missing date (kNoDay) is kept as INT16_MIN.
class DayColumn {
 public:
  Day operator[](std::size_t i) const { return wide_ ? days_[i] : from_offset(offsets_[i]); }
  std::size_t size() const { return wide_ ? days_.size() : offsets_.size(); }
  bool empty() const { return size() == 0; }
  using const_iterator = IndexedIterator<DayColumn, Day>;
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  /// Every date, in order (a copy: for a range's image and for tests).
  std::vector<Day> values() const { return {begin(), end()}; }
  /// True while the dates are held as 16-bit offsets.
  bool narrow() const { return !wide_; }
  std::size_t capacity_bytes() const {
    return offsets_.capacity() * sizeof(std::int16_t) + days_.capacity() * sizeof(Day);
  }

  void reserve(std::size_t n) {
    if (wide_)
      days_.reserve(n);
    else
      offsets_.reserve(n);
  }

  void push_back(Day d) {
    if (!wide_) {
      std::int16_t o;
      if (to_offset(d, o)) {
        offsets_.push_back(o);
        return;
      }
      widen(offsets_.size() + 1);
    }
    days_.push_back(d);
  }

  void set(std::size_t i, Day d) {
    if (!wide_) {
      std::int16_t o;
      if (to_offset(d, o)) {
        offsets_[i] = o;
        return;
      }
      widen(offsets_.size());
    }
    days_[i] = d;
  }

  void pop_back() {
    if (wide_)
      days_.pop_back();
    else
      offsets_.pop_back();
  }

  /// Empties the column and makes it narrow again, its first date not yet seen; both buffers
  /// keep their capacity (a range's columns are reused window after window).
  void clear() {
    offsets_.clear();
    days_.clear();
    wide_ = false;
    has_base_ = false;
    base_ = 0;
  }

  /// Appends another column's dates (a range's, in file order).
  void append(const DayColumn& other);
  /// The column holding exactly `days`.
  void assign(const std::vector<Day>& days);

  friend bool operator==(const DayColumn& a, const DayColumn& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  friend bool operator!=(const DayColumn& a, const DayColumn& b) { return !(a == b); }

 private:
  static constexpr std::int16_t kMissing = std::numeric_limits<std::int16_t>::min();
  static constexpr Day kReach = std::numeric_limits<std::int16_t>::max();

  Day from_offset(std::int16_t o) const { return o == kMissing ? kNoDay : base_ + o; }

  bool to_offset(Day d, std::int16_t& out) {
    if (d == kNoDay) {
      out = kMissing;
      return true;
    }
    if (!has_base_) {
      base_ = d;
      has_base_ = true;
    }
    // In 64 bits: a Day far from the base must not overflow the difference.
    const std::int64_t delta = static_cast<std::int64_t>(d) - base_;
    if (delta < -kReach || delta > kReach) return false;
    out = static_cast<std::int16_t>(delta);
    return true;
  }

  /// From here on the column is Days: the offsets are converted and their buffer freed.
  void widen(std::size_t at_least);

  std::vector<std::int16_t> offsets_;
  std::vector<Day> days_;
  Day base_ = 0;  // the column's first date: offsets count from it
  bool has_base_ = false;
  bool wide_ = false;
};

}  // namespace pulse
