#pragma once
// Equality of two short texts (a table's cells) without a call into the C library: in
// WebAssembly the C library's memcmp is a loop over single bytes (musl's), which made the
// comparisons behind interning a sixth of the load's time there; this compares 8 bytes at a
// time, and natively inlines to a few loads instead of a call. Header only: called per cell.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace pulse::text {

inline bool same_text(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n >= 8) {
    std::uint64_t x, y;
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      std::memcpy(&x, p + i, 8);
      std::memcpy(&y, q + i, 8);
      if (x != y) return false;
    }
    // The last 8 bytes, overlapping what was compared when n is not a multiple of 8.
    std::memcpy(&x, p + n - 8, 8);
    std::memcpy(&y, q + n - 8, 8);
    return x == y;
  }
  if (n >= 4) {
    std::uint32_t x, y, u, v;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, q, 4);
    std::memcpy(&u, p + n - 4, 4);
    std::memcpy(&v, q + n - 4, 4);
    return x == y && u == v;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] != q[i]) return false;
  return true;
}

}  // namespace pulse::text
