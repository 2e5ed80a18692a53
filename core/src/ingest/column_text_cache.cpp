#include "pulse/ingest/column_text_cache.h"

#include <cstdint>

namespace pulse::ingest {
namespace {
constexpr std::size_t kInitialSlots = 1 << 8;
}  // namespace

ColumnTextCache::Entry* ColumnTextCache::add(std::string_view text, std::uint32_t tag,
                                             std::uint64_t h, StrId id) {
  if (text.size() > UINT32_MAX) return nullptr;
  if (size_ + 1 > kMaxTexts) {
    // Too many distinct texts for a small table: the pool alone serves the column from now on.
    clear();
    given_up_ = true;
    return nullptr;
  }
  if ((size_ + 1) * 2 > slots_.size()) {
    std::vector<Entry> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? kInitialSlots : old.size() * 2, Entry{});
    const std::size_t mask = slots_.size() - 1;
    for (const Entry& e : old) {
      if (e.id == kNoStr) continue;
      std::size_t i = StringPool::hash({e.data, e.size}) & mask;
      while (slots_[i].id != kNoStr) i = (i + 1) & mask;
      slots_[i] = e;
    }
  }
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  while (slots_[i].id != kNoStr) i = (i + 1) & mask;
  slots_[i] = Entry{text.data(), static_cast<std::uint32_t>(text.size()), tag, id, 0};
  ++size_;
  return &slots_[i];
}

}  // namespace pulse::ingest
