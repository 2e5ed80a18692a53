// Encoding detection and decoding: any bytes, any chunking. The output must be valid UTF-8
// and the same text, encoding and reason as a whole read.
#include <string>

#include "fuzz_input.h"
#include "pulse/io/text_encoding.h"

namespace {

struct Decoded {
  std::string text, reason;
  pulse::io::TextEncoding encoding;
  bool operator==(const Decoded& o) const {
    return text == o.text && reason == o.reason && encoding == o.encoding;
  }
};

Decoded decode(std::string_view data, const std::vector<std::string_view>& chunks) {
  pulse::io::Utf8Decoder decoder(pulse::io::detect_encoding(data.substr(0, 64 * 1024)));
  Decoded d;
  const auto out = [&](std::string_view utf8) { d.text.append(utf8); };
  if (chunks.empty()) decoder.decode(data, out);
  for (std::string_view c : chunks) decoder.decode(c, out);
  decoder.finish(out);
  d.reason = decoder.reason();
  d.encoding = decoder.encoding();
  return d;
}

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80         ? 1
                          : (c >> 5) == 6  ? 2
                          : (c >> 4) == 14 ? 3
                          : (c >> 3) == 30 ? 4
                                           : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const pulse::fuzz::Chunking input(bytes, size);
  const Decoded whole = decode(input.data, {});
  pulse::fuzz::expect_same(valid_utf8(whole.text), "Utf8Decoder output is not valid UTF-8");
  pulse::fuzz::expect_same(decode(input.data, input.chunks()) == whole, "Utf8Decoder");
  return 0;
}
