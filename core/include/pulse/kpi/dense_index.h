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

}  // namespace pulse::kpi
