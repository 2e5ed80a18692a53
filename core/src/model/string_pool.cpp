#include "pulse/model/string_pool.h"

#include <algorithm>
#include <cstring>

#include "pulse/text/same_text.h"

namespace pulse {
namespace {
constexpr std::size_t kBlockBytes = 1 << 16;
constexpr std::size_t kInitialSlots = 1 << 10;
constexpr std::uint64_t kIdMask = 0xFFFFFFFFu;
constexpr std::uint64_t kTagMask = ~kIdMask;
}  // namespace

StringPool::StringPool() {
  views_.emplace_back();  // id 0: the empty string
  slots_.assign(kInitialSlots, 0);
}

std::uint64_t StringPool::hash(std::string_view text) {
  return hash_inline(text);
}

StrId StringPool::find(std::string_view text) const {
  if (text.empty()) return kNoStr;
  const std::uint64_t h = hash(text);
  const std::uint64_t tag = h << 32;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (slot == 0) return kNoStr;
    if ((slot & kTagMask) == tag && text::same_text(views_[(slot & kIdMask) - 1], text))
      return static_cast<StrId>((slot & kIdMask) - 1);
  }
}

StrId StringPool::intern(std::string_view text) {
  return text.empty() ? kNoStr : intern(text, hash(text));
}

StrId StringPool::intern(std::string_view text, std::uint64_t h) {
  if (text.empty()) return kNoStr;
  const std::uint64_t tag = h << 32;
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (slot == 0) break;
    if ((slot & kTagMask) == tag && text::same_text(views_[(slot & kIdMask) - 1], text))
      return static_cast<StrId>((slot & kIdMask) - 1);
  }
  // New string: copy it into the current block (a fresh block when it does not fit).
  if (blocks_.empty() || block_used_ + text.size() > blocks_.back().size()) {
    blocks_.emplace_back(std::max(kBlockBytes, text.size()), '\0');
    block_used_ = 0;
  }
  char* dst = blocks_.back().data() + block_used_;
  std::memcpy(dst, text.data(), text.size());
  block_used_ += text.size();
  const StrId id = static_cast<StrId>(views_.size());
  views_.emplace_back(dst, text.size());
  slots_[i] = tag | (std::uint64_t{id} + 1);
  if (views_.size() * 2 > slots_.size()) grow();
  return id;
}

void StringPool::grow() {
  std::vector<std::uint64_t> slots(slots_.size() * 2, 0);
  const std::size_t mask = slots.size() - 1;
  for (StrId id = 1; id < views_.size(); ++id) {
    const std::uint64_t h = hash(views_[id]);
    std::size_t i = h & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = (h << 32) | (std::uint64_t{id} + 1);
  }
  slots_.swap(slots);
}

}  // namespace pulse
