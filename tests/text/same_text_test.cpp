#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "pulse/text/same_text.h"

using pulse::text::same_text;

TEST_CASE("same_text agrees with == at every length and every differing byte", "[text]") {
  // Lengths across the byte, 4-byte and 8-byte paths and the overlapping last word; each text
  // is compared with an equal copy at another address and with one byte changed at each place.
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string a;
    for (std::size_t i = 0; i < n; ++i) a.push_back(static_cast<char>('a' + (i * 7) % 26));
    const std::string b = a;  // another buffer: compared by content, not address
    CHECK(same_text(a, b));
    for (std::size_t at = 0; at < n; ++at) {
      std::string c = a;
      c[at] = static_cast<char>(c[at] ^ 0x20);
      INFO("length " << n << ", byte " << at);
      CHECK_FALSE(same_text(a, c));
      CHECK_FALSE(same_text(c, a));
    }
    if (n > 0) {
      CHECK_FALSE(same_text(a, std::string_view(a).substr(0, n - 1)));  // a prefix is not equal
      if (n > 1)  // the text shifted by one byte against itself
        CHECK_FALSE(same_text(std::string_view(a).substr(1), std::string_view(a).substr(0, n - 1)));
    }
  }
}

TEST_CASE("same_text compares bytes past ASCII and NUL as bytes", "[text]") {
  CHECK(same_text(std::string_view("\0x\xD0\x9F", 4), std::string_view("\0x\xD0\x9F", 4)));
  CHECK_FALSE(same_text(std::string_view("\0x\xD0\x9F", 4), std::string_view("\0x\xD0\x9E", 4)));
  CHECK(same_text({}, ""));
}
