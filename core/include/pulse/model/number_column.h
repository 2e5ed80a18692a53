#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "pulse/model/indexed_iterator.h"

namespace pulse {

/// The numbers of one column, 4 bytes a value while every value is a whole number that fits a
/// 32-bit integer (quantities, counts, line numbers: most order lines' quantity), 8 bytes (a
/// double) from the first value that is not, for good. Reads give the same double either way,
/// so a column reads alike however it is stored; only its memory differs (issue "Speed and
/// scale" 3: integral quantities as integers; docs/performance.md "Compact columns").
///
/// A missing value (NaN) is kept as the one integer no whole number takes (INT32_MIN); -0.0
/// widens the column, so that its sign survives as it would in a double.
class NumberColumn {
 public:
  double operator[](std::size_t i) const { return wide_ ? reals_[i] : from_int(ints_[i]); }
  std::size_t size() const { return wide_ ? reals_.size() : ints_.size(); }
  bool empty() const { return size() == 0; }
  using const_iterator = IndexedIterator<NumberColumn, double>;  // range-for, values decoded
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  /// Every value as a double, in order (a copy: for tests and small columns).
  std::vector<double> values() const { return {begin(), end()}; }

  /// True while the values are held as 32-bit integers.
  bool narrow() const { return !wide_; }
  /// The bytes the values' storage holds (its capacity), for the memory figures.
  std::size_t capacity_bytes() const {
    return ints_.capacity() * sizeof(std::int32_t) + reals_.capacity() * sizeof(double);
  }

  void reserve(std::size_t n) {
    if (wide_)
      reals_.reserve(n);
    else
      ints_.reserve(n);
  }

  void push_back(double v) {
    if (!wide_) {
      std::int32_t i;
      if (to_int(v, i)) {
        ints_.push_back(i);
        return;
      }
      widen(ints_.size() + 1);
    }
    reals_.push_back(v);
  }

  void pop_back() {
    if (wide_)
      reals_.pop_back();
    else
      ints_.pop_back();
  }

  /// Empties the column and makes it narrow again; both buffers keep their capacity (a range's
  /// columns are reused window after window).
  void clear() {
    ints_.clear();
    reals_.clear();
    wide_ = false;
  }

  /// n values: the ones kept, then missing ones.
  void resize(std::size_t n) {
    if (wide_)
      reals_.resize(n, std::numeric_limits<double>::quiet_NaN());
    else
      ints_.resize(n, kMissing);
  }

  void set(std::size_t i, double v) {
    if (!wide_) {
      std::int32_t n;
      if (to_int(v, n)) {
        ints_[i] = n;
        return;
      }
      widen(ints_.size());
    }
    reals_[i] = v;
  }

  /// Appends another column's values (a range's, in file order).
  void append(const NumberColumn& other) {
    if (!wide_ && !other.wide_) {
      ints_.insert(ints_.end(), other.ints_.begin(), other.ints_.end());
      return;
    }
    if (!wide_) widen(ints_.size() + other.size());
    reals_.reserve(reals_.size() + other.size());
    if (other.wide_) {
      reals_.insert(reals_.end(), other.reals_.begin(), other.reals_.end());
    } else {
      for (std::int32_t i : other.ints_) reals_.push_back(from_int(i));
    }
  }

  void swap(NumberColumn& other) noexcept {
    ints_.swap(other.ints_);
    reals_.swap(other.reals_);
    std::swap(wide_, other.wide_);
  }

  /// The stored form, for a byte image of the column (range_image.cpp) and its reading back.
  const std::vector<std::int32_t>& ints() const { return ints_; }
  const std::vector<double>& reals() const { return reals_; }
  void assign_ints(std::vector<std::int32_t> ints) {
    clear();
    ints_ = std::move(ints);
  }
  void assign_reals(std::vector<double> reals) {
    clear();
    reals_ = std::move(reals);
    wide_ = true;
  }

 private:
  static constexpr std::int32_t kMissing = std::numeric_limits<std::int32_t>::min();

  static double from_int(std::int32_t i) {
    return i == kMissing ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(i);
  }

  static bool to_int(double v, std::int32_t& out) {
    if (std::isnan(v)) {
      out = kMissing;
      return true;
    }
    // The range test first: converting a double outside int32 is undefined behaviour.
    if (!(v > -2147483648.0 && v < 2147483648.0)) return false;
    const auto i = static_cast<std::int32_t>(v);
    if (static_cast<double>(i) != v || (i == 0 && std::signbit(v))) return false;
    out = i;
    return true;
  }

  /// From here on the column is doubles: the integers are converted and their buffer freed.
  void widen(std::size_t at_least) {
    std::vector<double> reals;
    reals.reserve(std::max(at_least, ints_.capacity()));
    for (std::int32_t i : ints_) reals.push_back(from_int(i));
    reals_ = std::move(reals);
    std::vector<std::int32_t>().swap(ints_);
    wide_ = true;
  }

  std::vector<std::int32_t> ints_;
  std::vector<double> reals_;
  bool wide_ = false;
};

}  // namespace pulse
