#pragma once
// What every harness does with libFuzzer's bytes: cut them into chunks whose sizes come from
// the input itself (so that the fuzzer explores chunk edges as it explores content), and
// check that a chunked read gives what a whole read gives.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace pulse::fuzz {

/// The first byte of the input picks the chunking; the rest is the data. Chunk sizes follow
/// a small xorshift sequence seeded by that byte: 1..16 bytes, 1..4 KiB, or the whole input.
struct Chunking {
  std::string_view data;
  std::uint32_t seed = 0;

  Chunking(const std::uint8_t* bytes, std::size_t size) {
    if (size > 0) {
      seed = bytes[0];
      data = std::string_view(reinterpret_cast<const char*>(bytes) + 1, size - 1);
    }
  }

  std::vector<std::string_view> chunks() const {
    std::vector<std::string_view> out;
    std::uint32_t x = seed * 2654435761u + 1;
    const std::uint32_t kind = seed % 3;
    for (std::size_t at = 0; at < data.size();) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      std::size_t n = kind == 0 ? 1 + x % 16 : kind == 1 ? 1 + x % 4096 : data.size();
      if (n > data.size() - at) n = data.size() - at;
      out.push_back(data.substr(at, n));
      at += n;
    }
    return out;
  }
};

/// A difference between a whole read and a chunked one is a bug: stop with a message.
inline void expect_same(bool same, const char* what) {
  if (same) return;
  std::fprintf(stderr, "chunked read differs from whole read: %s\n", what);
  std::abort();
}

}  // namespace pulse::fuzz
