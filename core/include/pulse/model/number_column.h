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

/// The numbers of one column, 4 bytes a value while every value is a decimal of at most
/// kMaxScale places whose digits fit a 32-bit integer (quantities, counts, prices in cents:
/// most order lines' quantity and unit price), 8 bytes (a double) from the first value that is
/// not, for good. Reads give the same double either way, so a column reads alike however it is
/// stored; only its memory differs (issue "Speed and scale" 3; docs/performance.md "Compact
/// columns" and "Prices as scaled integers").
///
/// A narrow column keeps m for the value m / 10^scale, one scale for the whole column. That
/// quotient of two exact integers, divided in IEEE double arithmetic, is the double nearest to
/// the decimal, which is what reading the decimal's text gave: so "2.55" is kept as 255 and
/// read back as the same bits. Each value is checked when it comes (m / 10^scale == v, or the
/// column rescales or widens), so nothing rests on that argument alone. A value with more
/// places raises the scale and multiplies the kept digits (a few times per column at most).
///
/// A missing value (NaN) is kept as the one integer no whole number takes (INT32_MIN); -0.0
/// widens the column, so that its sign survives as it would in a double.
class NumberColumn {
 public:
  double operator[](std::size_t i) const { return wide_ ? reals_[i] : from_int(ints_[i], scale_); }
  std::size_t size() const { return wide_ ? reals_.size() : ints_.size(); }
  bool empty() const { return size() == 0; }
  using const_iterator = IndexedIterator<NumberColumn, double>;  // range-for, values decoded
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  /// Every value as a double, in order (a copy: for tests and small columns).
  std::vector<double> values() const { return {begin(), end()}; }

  /// True while the values are held as 32-bit integers.
  bool narrow() const { return !wide_; }
  /// The decimal places of a narrow column's integers (value = integer / 10^scale).
  unsigned scale() const { return scale_; }
  static constexpr unsigned kMaxScale = 4;
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
      if (to_int(v, scale_, i) || rescale_for(v, i)) {
        ints_.push_back(i);
        return;
      }
      widen(ints_.size() + 1);
    }
    reals_.push_back(v);
  }

  /// push_back(value) for a value the reader knows to be exactly units / 10^places, correctly
  /// rounded (io::NumberScan's plain decimals): the column ends the same, but a narrow column
  /// whose scale covers `places` stores units * 10^(scale - places) without working the integer
  /// back out of the double (a rounding, a division and a compare per cell of a load). That
  /// integer over 10^scale is the same rational as units / 10^places, so it reads back as the
  /// same double, and it is the integer push_back() would find.
  void push_decimal(std::int64_t units, int places, double value) {
    if (!wide_ && places >= 0 && places <= static_cast<int>(scale_) && units > -kLimit &&
        units < kLimit && !(units == 0 && std::signbit(value))) {
      const std::int64_t i = units * kPow10Int[scale_ - static_cast<unsigned>(places)];
      if (i > -kLimit && i < kLimit) {
        ints_.push_back(static_cast<std::int32_t>(i));
        return;
      }
    }
    push_back(value);
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
    scale_ = 0;
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
      if (to_int(v, scale_, n) || rescale_for(v, n)) {
        ints_[i] = n;
        return;
      }
      widen(ints_.size());
    }
    reals_[i] = v;
  }

  /// Appends another column's values (a range's, in file order).
  void append(const NumberColumn& other);

  void swap(NumberColumn& other) noexcept {
    ints_.swap(other.ints_);
    reals_.swap(other.reals_);
    std::swap(wide_, other.wide_);
    std::swap(scale_, other.scale_);
  }

  /// The stored form, for a byte image of the column (range_image.cpp) and its reading back.
  const std::vector<std::int32_t>& ints() const { return ints_; }
  const std::vector<double>& reals() const { return reals_; }
  /// False (and nothing assigned) for a scale past kMaxScale.
  bool assign_ints(std::vector<std::int32_t> ints, unsigned scale) {
    if (scale > kMaxScale) return false;
    clear();
    ints_ = std::move(ints);
    scale_ = scale;
    return true;
  }
  void assign_reals(std::vector<double> reals) {
    clear();
    reals_ = std::move(reals);
    wide_ = true;
  }

 private:
  static constexpr std::int32_t kMissing = std::numeric_limits<std::int32_t>::min();
  static constexpr std::int64_t kLimit = std::int64_t{1} << 31;  // |integer| kept is below it

  static constexpr double kPow10[kMaxScale + 1] = {1.0, 10.0, 100.0, 1000.0, 10000.0};
  static constexpr std::int32_t kPow10Int[kMaxScale + 1] = {1, 10, 100, 1000, 10000};

  static double from_int(std::int32_t i, unsigned scale) {
    if (i == kMissing) return std::numeric_limits<double>::quiet_NaN();
    const auto d = static_cast<double>(i);
    return scale == 0 ? d : d / kPow10[scale];
  }

  /// v as the integer m with m / 10^scale == v, if there is one in int32 (not INT32_MIN).
  static bool to_int(double v, unsigned scale, std::int32_t& out) {
    if (std::isnan(v)) {
      out = kMissing;
      return true;
    }
    const double x = scale == 0 ? v : std::nearbyint(v * kPow10[scale]);
    // The range test first: converting a double outside int32 is undefined behaviour.
    if (!(x > -2147483648.0 && x < 2147483648.0)) return false;
    const auto i = static_cast<std::int32_t>(x);
    if (from_int(i, scale) != v || (i == 0 && std::signbit(v))) return false;
    out = i;
    return true;
  }

  /// Whether every kept integer, at `scale` (>= the column's), still fits an int32.
  bool fits_scale(unsigned scale) const;

  /// The column at `scale` (>= its own), its integers multiplied; false (nothing changed) when
  /// one would not fit.
  bool rescale(unsigned scale);

  /// A value with more decimal places than the column's scale: the smallest scale that holds
  /// it and every kept value, taken; false when none does (the column then widens). Out of line
  /// with the other rare paths: the column is inlined wherever numbers are read or pushed.
  bool rescale_for(double v, std::int32_t& out);

  /// From here on the column is doubles: the integers are converted and their buffer freed.
  void widen(std::size_t at_least);

  std::vector<std::int32_t> ints_;
  std::vector<double> reals_;
  bool wide_ = false;
  unsigned scale_ = 0;  // a narrow column's decimal places
};

}  // namespace pulse
