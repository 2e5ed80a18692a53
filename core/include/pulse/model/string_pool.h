#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace pulse {

/// Dense id of an interned string. 0 is the empty string, which stands for "missing".
using StrId = std::uint32_t;
constexpr StrId kNoStr = 0;

/// One dictionary for every text value of a dataset, so that joins across files
/// (order_id in lines and orders, customer_id in lines and customers) compare integers.
/// Values are trimmed by the caller; the pool stores them exactly as given.
class StringPool {
 public:
  StringPool();
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;
  StringPool(StringPool&&) = default;
  StringPool& operator=(StringPool&&) = default;

  /// The id of `text`, adding it when new. Empty text is kNoStr.
  StrId intern(std::string_view text);
  /// intern() with the text's hash() already computed (a caller's own index shares it).
  StrId intern(std::string_view text, std::uint64_t text_hash);
  /// The id of `text` when it is already in the pool, else kNoStr.
  StrId find(std::string_view text) const;
  std::string_view view(StrId id) const { return views_[id]; }
  std::size_t size() const { return views_.size(); }
  /// The hash the pool indexes texts by; its high half is free for a caller's tags.
  static std::uint64_t hash(std::string_view text);
  /// hash() inlined, for the one caller per cell of a load (a column's own index in front of
  /// the pool); everywhere else the call is smaller (inlined at every intern: +0.7 KB of wasm).
  static std::uint64_t hash_inline(std::string_view text) {
    // FNV-1a over 8-byte words then a final mix: fast on short ids, good enough spread.
    std::uint64_t h = 1469598103934665603ULL ^ text.size();
    const char* p = text.data();
    std::size_t n = text.size();
    while (n >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      h = (h ^ w) * 1099511628211ULL;
      h ^= h >> 29;
      p += 8;
      n -= 8;
    }
    h = (h ^ tail_word(p, n)) * 1099511628211ULL;
    h ^= h >> 32;
    h *= 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
  }

 private:
  /// The n < 8 bytes at p as a little-endian word, high bytes zero: what a memcpy of n bytes
  /// into a zeroed word gives, without the call a memcpy of variable size costs in WebAssembly
  /// (a memory.copy there). Two loads that may overlap: an overlapping byte is the same byte
  /// in both, so OR-ing them sets no bit twice.
  static std::uint64_t tail_word(const char* p, std::size_t n) {
    const auto byte = [p](std::size_t i) {
      return std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    };
    if (n >= 4) {
      std::uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      return std::uint64_t{lo} | (std::uint64_t{hi} << (8 * (n - 4)));
    }
    if (n == 0) return 0;
    return byte(0) | byte(n / 2) | byte(n - 1);
  }

  void grow();

  std::deque<std::string> blocks_;       // stable storage; views point into it
  std::vector<std::string_view> views_;  // id -> text
  // Open addressing; a slot packs the hash's low 32 bits (to skip most compares) above
  // id + 1 (0 = empty), so that a probe touches one cache line.
  std::vector<std::uint64_t> slots_;
  std::size_t block_used_ = 0;
};

}  // namespace pulse
