#pragma once

#include <cstddef>
#include <iterator>

namespace pulse {

/// Reads a column's values in order through its operator[] (range-for over the compact
/// columns, whose values are decoded, not stored as such: NumberColumn, TextColumn).
template <class Column, class Value>
class IndexedIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = Value;
  using difference_type = std::ptrdiff_t;
  using pointer = const Value*;
  using reference = Value;

  IndexedIterator() = default;
  IndexedIterator(const Column* column, std::size_t i) : column_(column), i_(i) {}
  Value operator*() const { return (*column_)[i_]; }
  IndexedIterator& operator++() {
    ++i_;
    return *this;
  }
  IndexedIterator operator++(int) {
    IndexedIterator before = *this;
    ++i_;
    return before;
  }
  bool operator!=(const IndexedIterator& other) const { return i_ != other.i_; }
  bool operator==(const IndexedIterator& other) const { return i_ == other.i_; }

 private:
  const Column* column_ = nullptr;
  std::size_t i_ = 0;
};

}  // namespace pulse
