#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "pulse/model/string_pool.h"

namespace pulse::kpi {

/// Numbers string ids densely in first-seen order (orders, customers, deals, reps), backed by
/// a vector over the string pool so that each join lookup is one array read.
class DenseIndex {
 public:
  static constexpr std::uint32_t kMissing = std::numeric_limits<std::uint32_t>::max();

  explicit DenseIndex(std::size_t pool_size) : index_(pool_size, kMissing) {}

  /// The dense index of `id`, or kMissing.
  std::uint32_t find(StrId id) const { return index_[id]; }
  /// The dense index of `id`, numbering it when new; `added` tells which.
  std::uint32_t get(StrId id, bool& added) {
    added = index_[id] == kMissing;
    if (added) {
      index_[id] = static_cast<std::uint32_t>(ids_.size());
      ids_.push_back(id);
    }
    return index_[id];
  }
  std::uint32_t get(StrId id) {
    bool added;
    return get(id, added);
  }
  /// Dense index -> string id.
  const std::vector<StrId>& ids() const { return ids_; }

 private:
  std::vector<std::uint32_t> index_;
  std::vector<StrId> ids_;
};

/// Numbers pairs of 32-bit ids (catalog x SKU) densely in first-seen order: a flat table with
/// linear probing, one cache line per lookup, for the one lookup every order line makes.
class PairIndex {
 public:
  PairIndex() : keys_(kInitial, kEmpty), values_(kInitial, 0) {}

  /// The dense index of (a, b), numbering it when new; `added` tells which.
  std::uint32_t get(std::uint32_t a, std::uint32_t b, bool& added) {
    const std::uint64_t key = (std::uint64_t{a} << 32) | b;
    std::size_t i = slot(key);
    for (; keys_[i] != kEmpty; i = (i + 1) & (keys_.size() - 1))
      if (keys_[i] == key) {
        added = false;
        return values_[i];
      }
    added = true;
    keys_[i] = key;
    values_[i] = count_++;
    if (count_ * 2 > keys_.size()) grow();
    return count_ - 1;
  }

 private:
  static constexpr std::size_t kInitial = 1024;
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};  // no real pair: ids stay < 2^32 - 1

  std::size_t slot(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & (keys_.size() - 1);
  }
  void grow() {
    std::vector<std::uint64_t> keys(keys_.size() * 2, kEmpty);
    std::vector<std::uint32_t> values(keys.size(), 0);
    keys_.swap(keys);
    values_.swap(values);
    for (std::size_t j = 0; j < keys.size(); ++j) {
      if (keys[j] == kEmpty) continue;
      std::size_t i = slot(keys[j]);
      while (keys_[i] != kEmpty) i = (i + 1) & (keys_.size() - 1);
      keys_[i] = keys[j];
      values_[i] = values[j];
    }
  }

  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> values_;
  std::uint32_t count_ = 0;
};

}  // namespace pulse::kpi
