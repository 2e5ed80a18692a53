#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace pulse {

/// Indices (into a list of products, of catalogs...) one per row, 2 bytes a row while every
/// index is below 65,536, 4 bytes from the first that is not, for good. Reads give the index
/// either way. The facts' line products use it: a file of 24 M lines has some thousands of
/// products, and 2 bytes a line are 48 MB of a browser's memory (docs/performance.md "Compact
/// columns").
class IndexColumn {
 public:
  std::uint32_t operator[](std::size_t i) const { return wide_ ? wide_values_[i] : narrow_[i]; }
  std::size_t size() const { return wide_ ? wide_values_.size() : narrow_.size(); }
  bool empty() const { return size() == 0; }
  bool narrow() const { return !wide_; }
  std::size_t capacity_bytes() const {
    return narrow_.capacity() * sizeof(std::uint16_t) +
           wide_values_.capacity() * sizeof(std::uint32_t);
  }

  void reserve(std::size_t n) {
    if (wide_)
      wide_values_.reserve(n);
    else
      narrow_.reserve(n);
  }
  /// n indices: the ones kept, then zeros.
  void resize(std::size_t n) {
    if (wide_)
      wide_values_.resize(n, 0);
    else
      narrow_.resize(n, 0);
  }
  void push_back(std::uint32_t v) {
    if (!wide_) {
      if (v <= kNarrowMax) {
        narrow_.push_back(static_cast<std::uint16_t>(v));
        return;
      }
      widen(narrow_.size() + 1);
    }
    wide_values_.push_back(v);
  }
  void set(std::size_t i, std::uint32_t v) {
    if (!wide_) {
      if (v <= kNarrowMax) {
        narrow_[i] = static_cast<std::uint16_t>(v);
        return;
      }
      widen(narrow_.size());
    }
    wide_values_[i] = v;
  }

 private:
  static constexpr std::uint32_t kNarrowMax = 0xFFFF;

  void widen(std::size_t at_least) {
    std::vector<std::uint32_t> wide;
    wide.reserve(std::max(at_least, narrow_.capacity()));
    wide.assign(narrow_.begin(), narrow_.end());
    wide_values_ = std::move(wide);
    std::vector<std::uint16_t>().swap(narrow_);
    wide_ = true;
  }

  std::vector<std::uint16_t> narrow_;
  std::vector<std::uint32_t> wide_values_;
  bool wide_ = false;
};

}  // namespace pulse
