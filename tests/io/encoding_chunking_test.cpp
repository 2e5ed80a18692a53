// The encoding decided after an ASCII head must not depend on where the chunks end: a
// windows-1251 file whose first Cyrillic byte fell a few bytes before a chunk edge was read
// as windows-1252 (decided from those few bytes alone).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pulse/io/text_encoding.h"

using namespace pulse::io;

namespace {

struct Decoded {
  std::string text;
  TextEncoding encoding;
  std::string reason;
};

Decoded decode(const std::string& bytes, const std::vector<std::size_t>& cuts) {
  Utf8Decoder decoder(detect_encoding(std::string_view(bytes).substr(0, 64 * 1024)));
  Decoded d;
  const auto out = [&](std::string_view utf8) { d.text.append(utf8); };
  std::size_t at = 0;
  for (std::size_t cut : cuts) {
    decoder.decode(std::string_view(bytes).substr(at, cut - at), out);
    at = cut;
  }
  decoder.decode(std::string_view(bytes).substr(at), out);
  decoder.finish(out);
  d.encoding = decoder.encoding();
  d.reason = decoder.reason();
  return d;
}

/// 70,000 bytes of ASCII rows, then rows with Russian names in windows-1251; the first
/// non-ASCII byte is a one-letter word.
std::string late_cyrillic_1251() {
  std::string text = "id,name,city\n";
  for (int i = 0; text.size() < 70000; ++i) text += std::to_string(i) + ",Smith,London\n";
  // "Иванов", "Москва", "Пётр", "Екатеринбург" in windows-1251
  const std::string ivanov = "\xC8\xE2\xE0\xED\xEE\xE2", moskva = "\xCC\xEE\xF1\xEA\xE2\xE0",
                    petr = "\xCF\xB8\xF2\xF0",
                    ekb = "\xC5\xEA\xE0\xF2\xE5\xF0\xE8\xED\xE1\xF3\xF0\xE3";
  text +=
      "90,Smith \xE8 Jones,London\n";  // "и" (and) alone between Latin words: no telling on its own
  for (int i = 0; i < 50; ++i)
    text +=
        "9" + std::to_string(i) + "," + ivanov + " " + petr + "," + (i % 2 ? moskva : ekb) + "\n";
  return text;
}

}  // namespace

TEST_CASE("encoding after an ASCII head: the same text whatever the chunking", "[io][encoding]") {
  const std::string bytes = late_cyrillic_1251();
  const std::size_t first_high = bytes.find('\xE8');
  const Decoded whole = decode(bytes, {});
  CHECK(whole.encoding == TextEncoding::windows1251);
  CHECK(whole.text.find("\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD\xD0\xBE\xD0\xB2") !=
        std::string::npos);  // Иванов
  CHECK(whole.reason == "ASCII only in the first " + std::to_string(first_high / 1000) + "," +
                            std::to_string(first_high % 1000 + 1000).substr(1) +
                            " bytes, then read as windows-1251");
  for (std::size_t cut = first_high - 4; cut <= first_high + 16; ++cut) {
    INFO("cut at " << cut << " (first non-ASCII byte at " << first_high << ")");
    const Decoded split = decode(bytes, {cut});
    CHECK(split.encoding == whole.encoding);
    CHECK(split.reason == whole.reason);
    CHECK(split.text == whole.text);
  }
  // Small chunks all the way through the undecided stretch.
  std::vector<std::size_t> cuts;
  for (std::size_t at = first_high - 100; at < bytes.size(); at += 7) cuts.push_back(at);
  CHECK(decode(bytes, cuts).text == whole.text);
}
