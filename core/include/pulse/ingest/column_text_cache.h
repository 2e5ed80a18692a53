#pragma once
// One text column's own index of the texts it has seen, in front of the dataset's StringPool
// while loading. The pool holds every column's texts in one table: for a big export that table
// is tens of megabytes (a million order numbers), so every lookup of a SKU or a product name
// missed the processor's caches two or three times (the slot, the id's text, its bytes), and
// interning was a quarter of the native load of the 2.18 GB file. A column of a few thousand
// SKUs fits its own small table, which stays in cache; only a text new to the column reaches
// the pool. The ids are the pool's, so the result is the same as interning every cell.
//
// A column with more distinct texts than kMaxTexts (order numbers) would only double its
// lookups: the cache gives up on it and every cell goes to the pool, as before.

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "pulse/model/string_pool.h"
#include "pulse/text/same_text.h"

namespace pulse::ingest {

class ColumnTextCache {
 public:
  /// Distinct texts a column may have for the cache to keep serving it. Texts of 4 GiB or more
  /// are not kept (no cell is that long; the entry's size is 32 bits).
  static constexpr std::size_t kMaxTexts = 1 << 14;

  ColumnTextCache() = default;
  /// A copy starts empty: the entries are ids of one pool and views into its bytes, and a copy
  /// is made for a builder of another pool (a parallel load's range).
  ColumnTextCache(const ColumnTextCache&) {}
  ColumnTextCache& operator=(const ColumnTextCache&) {
    clear();
    return *this;
  }
  ColumnTextCache(ColumnTextCache&&) = default;
  ColumnTextCache& operator=(ColumnTextCache&&) = default;

  /// What intern() found: the pool's id, and where the column's code for it may be remembered
  /// (TextColumn::push_back's hint), valid until the next call.
  struct Found {
    StrId id;
    std::uint16_t& code;
  };

  /// What intern() gives for a text that holds a NUL byte: never a pool id.
  static constexpr StrId kRefused = ~StrId{0};

  /// The pool's id of `text` (kNoStr when empty), interning it there when the column has not seen
  /// it; kRefused, and nothing interned, for a text with a NUL byte (binary data in a text file).
  /// Only a text new to the column is searched for one: the texts it knows were searched when
  /// they came, so the repeats of a SKU or a name cost no scan.
  Found intern(std::string_view text, StringPool& pool) {
    if (text.empty()) return {kNoStr, no_code_};
    if (given_up_) {
      // A column past kMaxTexts (order numbers): its texts are mostly new, so each is searched.
      if (holds_nul(text)) return {kRefused, no_code_};
      return {pool.intern(text), no_code_};
    }
    const std::uint64_t h = StringPool::hash_inline(text);
    const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
    if (!slots_.empty()) {
      const std::size_t mask = slots_.size() - 1;
      for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        Entry& e = slots_[i];
        if (e.id == kNoStr) break;
        if (e.tag == tag && text::same_text({e.data, e.size}, text)) return {e.id, e.code};
      }
    }
    if (holds_nul(text)) return {kRefused, no_code_};
    const StrId id = pool.intern(text, h);
    Entry* added = add(pool.view(id), tag, h, id);
    return {id, added ? added->code : no_code_};
  }

  void clear() {
    slots_.clear();
    slots_.shrink_to_fit();
    size_ = 0;
    given_up_ = false;
  }

 private:
  static bool holds_nul(std::string_view text) {
    return std::memchr(text.data(), 0, text.size()) != nullptr;
  }

  struct Entry {
    const char* data = nullptr;  // the pool's bytes, stable while the pool lives
    std::uint32_t size = 0;
    std::uint32_t tag = 0;   // the hash's high half: most probes end without touching the bytes
    StrId id = kNoStr;       // kNoStr: an empty slot
    std::uint16_t code = 0;  // the column's code for it, as TextColumn last gave it (a hint)
  };

  /// The new entry, or null when the cache gave up on the column.
  Entry* add(std::string_view text, std::uint32_t tag, std::uint64_t h, StrId id);

  std::vector<Entry> slots_;  // open addressing, at most half full; a power of two
  std::size_t size_ = 0;
  bool given_up_ = false;
  std::uint16_t no_code_ = 0;  // the hint of a text the cache does not keep (never right)
};

}  // namespace pulse::ingest
