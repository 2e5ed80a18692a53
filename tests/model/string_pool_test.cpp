#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "pulse/model/string_pool.h"

using pulse::StringPool;

TEST_CASE("string pool gives one id per distinct text and 0 for empty", "[model]") {
  StringPool pool;
  CHECK(pool.intern("") == pulse::kNoStr);
  const auto a = pool.intern("17850.0");
  const auto b = pool.intern("17850");
  CHECK(a != b);
  CHECK(pool.intern("17850.0") == a);  // ids are exact text, "17850.0" stays itself
  CHECK(pool.view(a) == "17850.0");
  CHECK(pool.find("17850") == b);
  CHECK(pool.find("nope") == pulse::kNoStr);
}

TEST_CASE("string pool keeps views valid while it grows", "[model]") {
  StringPool pool;
  std::vector<pulse::StrId> ids;
  for (int i = 0; i < 100000; ++i) ids.push_back(pool.intern("customer-" + std::to_string(i)));
  const std::string big(200000, 'x');  // larger than one storage block
  const auto big_id = pool.intern(big);
  for (int i = 0; i < 100000; i += 997) {
    CHECK(pool.view(ids[i]) == "customer-" + std::to_string(i));
    CHECK(pool.find("customer-" + std::to_string(i)) == ids[i]);
  }
  CHECK(pool.view(big_id) == big);
  CHECK(pool.size() == 100002);
}

TEST_CASE("string pool's hash reads a text's last bytes as a little-endian word", "[model]") {
  // The reference: the same FNV-1a over 8-byte words, the tail assembled byte by byte. The
  // pool reads the tail with two loads that may overlap (no variable-size copy): a byte lost or
  // doubled there would give other hashes (and many more equal ones) without failing a lookup.
  const auto reference = [](const std::string& text) {
    std::uint64_t h = 1469598103934665603ULL ^ text.size();
    std::size_t i = 0;
    const auto word = [&](std::size_t from, std::size_t n) {
      std::uint64_t w = 0;
      for (std::size_t k = 0; k < n; ++k)
        w |= std::uint64_t{static_cast<unsigned char>(text[from + k])} << (8 * k);
      return w;
    };
    for (; i + 8 <= text.size(); i += 8) {
      h = (h ^ word(i, 8)) * 1099511628211ULL;
      h ^= h >> 29;
    }
    h = (h ^ word(i, text.size() - i)) * 1099511628211ULL;
    h ^= h >> 32;
    h *= 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
  };
  std::string text;
  for (int n = 0; n <= 40; ++n) {
    INFO("length " << n);
    CHECK(StringPool::hash(text) == reference(text));
    text += static_cast<char>(0x80 + n * 7);  // bytes with the high bit set: no sign smears
  }
}
