#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "pulse/model/indexed_iterator.h"
#include "pulse/model/string_pool.h"

namespace pulse {

/// The string ids of one text column, 2 bytes a value while the column has at most 65,535
/// distinct texts (SKUs, product names, customers, countries, statuses: most columns of an order
/// export), through a dictionary of its own; 4-byte ids from the first text past that, for good
/// (order ids of a big file). Reads give the pool's id either way (issue "Speed and scale" 3:
/// dictionary codes sized to the column's cardinality; docs/performance.md "Compact columns").
///
/// The pool's ids cannot serve as the codes themselves: one pool holds every column's texts,
/// so a column of 4,000 SKUs has ids spread up to the pool's size.
class TextColumn {
 public:
  using const_iterator = IndexedIterator<TextColumn, StrId>;  // range-for, values decoded

  TextColumn() { clear(); }

  StrId operator[](std::size_t i) const { return wide_ ? ids_[i] : dict_[codes_[i]]; }
  std::size_t size() const { return wide_ ? ids_.size() : codes_.size(); }
  bool empty() const { return size() == 0; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }
  /// Every id, in order (a copy: for tests and small columns).
  std::vector<StrId> values() const { return {begin(), end()}; }

  /// True while the values are 2-byte codes into the column's own dictionary.
  bool narrow() const { return !wide_; }
  /// Distinct texts so far, the missing value (kNoStr) counted, while narrow.
  std::size_t distinct() const { return dict_.size(); }
  /// The bytes the column's storage holds (capacities), for the memory figures.
  std::size_t capacity_bytes() const;

  void reserve(std::size_t n);
  void push_back(StrId id) {
    if (!wide_) {
      const std::uint16_t code = code_of(id);
      if (code != kFull) {
        codes_.push_back(code);
        return;
      }
      widen(codes_.size() + 1);
    }
    ids_.push_back(id);
  }
  /// push_back(id) with a guess at its code, as a caller's own index of the column's texts
  /// last learnt it (ingest::ColumnTextCache): right, it saves the dictionary's probe; wrong
  /// (0, or the column cleared since), the probe runs and `code` learns the answer.
  void push_back(StrId id, std::uint16_t& code) {
    if (!wide_ && code < dict_.size() && dict_[code] == id) {
      codes_.push_back(code);
      last_id_ = id;
      last_code_ = code;
      return;
    }
    push_back(id);
    if (!wide_) code = last_code_;
  }
  void pop_back();
  /// Empties the column and makes it narrow again; the buffers keep their capacity (a range's
  /// columns are reused window after window).
  void clear();
  /// Every id becomes ids[id] (a range's pool merged into the file's): the dictionary is mapped,
  /// not the rows, while narrow. `ids` must map distinct ids to distinct ids.
  void remap(const std::vector<StrId>& ids);
  /// Appends `other`'s values (a range's, in file order), each id read through `ids` (the
  /// range's pool into this column's). While both are narrow and the codes fit, each of
  /// other's codes is looked up once and the rows are copied through a table of codes: a merge
  /// of a big file's ranges had spent most of its time looking every row up.
  void append(const TextColumn& other, const std::vector<StrId>& ids);

 private:
  static constexpr std::uint16_t kFull = 0xFFFF;  // no code left: widen
  static constexpr std::size_t kMaxCodes = 0xFFFF;

  /// The code of `id`, added to the dictionary when new; kFull when the dictionary is full.
  std::uint16_t code_of(StrId id) {
    if (id == kNoStr) return 0;
    // An order's lines repeat its order id, customer and country row after row: no probe.
    if (id == last_id_) return last_code_;
    last_id_ = id;
    last_code_ = find_or_add(id);
    return last_code_;
  }
  std::uint16_t find_or_add(StrId id) {
    std::size_t slot = hash(id) & (slots_.size() - 1);
    while (true) {
      const Slot& s = slots_[slot];
      if (s.id == id) return s.code;
      if (s.id == kNoStr) return add(id, slot);
      slot = (slot + 1) & (slots_.size() - 1);
    }
  }
  static std::size_t hash(StrId id) { return (id * 0x9E3779B1u) >> 7; }
  std::uint16_t add(StrId id, std::size_t slot);
  void rehash(std::size_t slots);
  /// From here on the column is ids: the codes are expanded, the dictionary freed.
  void widen(std::size_t at_least);

  struct Slot {
    StrId id = kNoStr;  // kNoStr: empty (the missing value is code 0, never in the table)
    std::uint16_t code = 0;
  };

  std::vector<StrId> dict_;           // code -> id; code 0 is kNoStr
  std::vector<std::uint16_t> codes_;  // while narrow
  std::vector<Slot> slots_;           // id -> code, open addressing, at most half full
  std::vector<StrId> ids_;            // once wide
  StrId last_id_ = kNoStr;            // the last id coded, and its code
  std::uint16_t last_code_ = 0;
  bool wide_ = false;
};

}  // namespace pulse
