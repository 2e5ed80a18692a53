#include "pulse/model/text_column.h"

#include <algorithm>

namespace pulse {

std::size_t TextColumn::capacity_bytes() const {
  return dict_.capacity() * sizeof(StrId) + codes_.capacity() * sizeof(std::uint16_t) +
         slots_.capacity() * sizeof(Slot) + ids_.capacity() * sizeof(StrId);
}

void TextColumn::reserve(std::size_t n) {
  if (wide_)
    ids_.reserve(n);
  else
    codes_.reserve(n);
}

void TextColumn::pop_back() {
  // The popped value's code stays in the dictionary: a later value may take it again.
  if (wide_)
    ids_.pop_back();
  else
    codes_.pop_back();
}

void TextColumn::clear() {
  codes_.clear();
  ids_.clear();
  wide_ = false;
  last_id_ = kNoStr;
  dict_.assign(1, kNoStr);
  slots_.assign(16, Slot{});
}

void TextColumn::remap(const std::vector<StrId>& ids) {
  if (wide_) {
    for (StrId& id : ids_) id = ids[id];
    return;
  }
  for (StrId& id : dict_) id = ids[id];
  last_id_ = kNoStr;
  rehash(slots_.size());
}

std::uint16_t TextColumn::add(StrId id, std::size_t slot) {
  if (dict_.size() >= kMaxCodes) return kFull;
  const auto code = static_cast<std::uint16_t>(dict_.size());
  dict_.push_back(id);
  slots_[slot] = {id, code};
  // At most half full, so that a probe ends soon; 65,535 codes need 131,072 slots (768 KB).
  if (2 * dict_.size() > slots_.size()) rehash(2 * slots_.size());
  return code;
}

void TextColumn::rehash(std::size_t slots) {
  slots_.assign(slots, Slot{});
  for (std::size_t code = 1; code < dict_.size(); ++code) {
    std::size_t slot = hash(dict_[code]) & (slots - 1);
    while (slots_[slot].id != kNoStr) slot = (slot + 1) & (slots - 1);
    slots_[slot] = {dict_[code], static_cast<std::uint16_t>(code)};
  }
}

void TextColumn::append(const TextColumn& other, const std::vector<StrId>& ids) {
  // Room for every code of other's dictionary (its code 0, the missing value, is ours too).
  if (!wide_ && !other.wide_ && dict_.size() + other.dict_.size() - 1 <= kMaxCodes) {
    std::vector<std::uint16_t> code_of_other(other.dict_.size(), 0);
    for (std::size_t c = 1; c < other.dict_.size(); ++c)
      code_of_other[c] = code_of(ids[other.dict_[c]]);
    const std::size_t at = codes_.size();
    codes_.resize(at + other.codes_.size());
    for (std::size_t i = 0; i < other.codes_.size(); ++i)
      codes_[at + i] = code_of_other[other.codes_[i]];
    return;
  }
  // No reserve() here: it would allocate exactly this much, range after range (quadratic);
  // push_back grows the storage geometrically.
  for (const StrId id : other) push_back(ids[id]);
}

void TextColumn::widen(std::size_t at_least) {
  std::vector<StrId> ids;
  ids.reserve(std::max(at_least, codes_.capacity()));
  for (const std::uint16_t code : codes_) ids.push_back(dict_[code]);
  ids_ = std::move(ids);
  std::vector<std::uint16_t>().swap(codes_);
  std::vector<StrId>().swap(dict_);
  std::vector<Slot>().swap(slots_);
  wide_ = true;
}

}  // namespace pulse
