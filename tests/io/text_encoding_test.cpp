// Text encodings: detection from a file's head, the code page tables, and decoding split at
// every chunk boundary (multi-byte UTF-8 and UTF-16 units cut in two).
#include "pulse/io/text_encoding.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using pulse::io::detect_encoding;
using pulse::io::encoding_from_name;
using pulse::io::encoding_name;
using pulse::io::EncodingGuess;
using pulse::io::TextEncoding;
using pulse::io::Utf8Decoder;

namespace {

struct Decoded {
  std::string text;
  std::size_t replaced = 0;
  std::size_t calls = 0;
  TextEncoding encoding = TextEncoding::utf8;
  std::string reason;
};

// Decodes `bytes` in chunks of `chunk` bytes, or as two chunks split at `split` when given.
Decoded decode(const std::string& bytes, EncodingGuess guess, std::size_t chunk,
               std::size_t split = 0) {
  Decoded out;
  Utf8Decoder decoder(std::move(guess));
  const auto sink = [&](std::string_view s) {
    out.text.append(s);
    ++out.calls;
  };
  const std::string_view all(bytes);
  if (split > 0) {
    decoder.decode(all.substr(0, split), sink);
    decoder.decode(all.substr(split), sink);
  } else {
    for (std::size_t at = 0; at < all.size(); at += chunk)
      decoder.decode(all.substr(at, chunk), sink);
  }
  decoder.finish(sink);
  out.replaced = decoder.replaced();
  out.encoding = decoder.encoding();
  out.reason = decoder.reason();
  return out;
}

EncodingGuess fixed(TextEncoding e) {
  return {e, "test", true};
}

std::string utf8_of(std::uint32_t cp) {
  std::string out;
  pulse::io::append_utf8(out, cp);
  return out;
}

std::string utf16_bytes(const std::u16string& text, bool little) {
  std::string out;
  for (const char16_t u : text) {
    const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += little ? lo : hi;
    out += little ? hi : lo;
  }
  return out;
}

// Bytes 0x80..0xFF as Python's codecs read them (undefined bytes: U+FFFD).
constexpr std::uint32_t kExpected1251[128] = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,  // 80
    0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,  // 88
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90
    0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,  // 98
    0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,  // A0
    0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,  // A8
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,  // B0
    0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,  // B8
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,  // C0
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,  // C8
    0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,  // D0
    0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,  // D8
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,  // E0
    0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,  // E8
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,  // F0
    0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,  // F8
};
constexpr std::uint32_t kExpected1252[128] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,  // 88
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,  // 98
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,  // A0
    0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,  // A8
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,  // B0
    0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,  // B8
    0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,  // C0
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,  // C8
    0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7,  // D0
    0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,  // D8
    0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,  // E0
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,  // E8
    0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,  // F0
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,  // F8
};

}  // namespace

TEST_CASE("encoding: detection from the head of a file", "[io][encoding]") {
  struct Case {
    const char* name;
    std::string head;
    TextEncoding expected;
    bool decided;
    const char* reason;  // a substring of the reason
  };
  const std::string cyrillic_1251 =
      "\xCD\xEE\xEC\xE5\xF0;\xC4\xE0\xF2\xE0;\xCA\xEE\xED\xF2\xF0\xE0\xE3\xE5\xED\xF2\n"
      "1;15.01.2024;\xCE\xCE\xCE \"\xD0\xEE\xEC\xE0\xF8\xEA\xE0\"\n";  // Номер;Дата;Контрагент
  const std::string german_1252 =
      "Rechnung;Kunde;Preis\n1;M\xFCller Stra\xDF"
      "e;10,50 \x80\n2;Caf\xE9 L\xF6"
      "ffler;3 \x80\n";
  std::string mostly_utf8;
  for (int i = 0; i < 20; ++i) mostly_utf8 += "\xD0\x9A\xD0\xBE\xD0\xBD;";  // "Кон;" x 20
  mostly_utf8 += "\xFF;";                                                   // one stray byte
  const std::vector<Case> cases = {
      {"empty", "", TextEncoding::utf8, false, ""},
      {"ASCII only: undecided", "order_id,sku\n1,A\n", TextEncoding::utf8, false,
       "ASCII only in the first 17 bytes"},
      {"UTF-8 byte order mark", "\xEF\xBB\xBFid;x\n", TextEncoding::utf8, true,
       "byte order mark EF BB BF"},
      {"UTF-16LE byte order mark (Excel Unicode text)", std::string("\xFF\xFEi\0d\0", 6),
       TextEncoding::utf16le, true, "FF FE"},
      {"UTF-16BE byte order mark", std::string("\xFE\xFF\0i\0d", 6), TextEncoding::utf16be, true,
       "FE FF"},
      {"UTF-16LE without a mark", std::string("i\0d\0\t\0x\0\n\0", 10), TextEncoding::utf16le, true,
       "every second byte is zero"},
      {"UTF-16BE without a mark", std::string("\0i\0d\0\t\0x\0\n", 10), TextEncoding::utf16be, true,
       "every second byte is zero"},
      {"valid UTF-8 Cyrillic", "\xD0\x9D\xD0\xBE\xD0\xBC\xD0\xB5\xD1\x80;x\n", TextEncoding::utf8,
       true, "5 non-ASCII characters, all valid UTF-8"},
      {"valid UTF-8 cut at the very end", "\xD0\x9D\xD0\xBE\xE2\x82", TextEncoding::utf8, true,
       "all valid UTF-8"},
      {"windows-1251 Russian", cyrillic_1251, TextEncoding::windows1251, true,
       "bytes are not UTF-8 and read as Cyrillic letters "
       "(\"\xD0\x9D\xD0\xBE\xD0\xBC\xD0\xB5\xD1\x80\")"},
      {"windows-1252 German and euro", german_1252, TextEncoding::windows1252, true,
       "6 bytes are not UTF-8 and read as Western European letters and signs (\"M\xC3\xBCller\")"},
      {"UTF-8 with one stray byte", mostly_utf8, TextEncoding::utf8, true,
       "60 characters are valid UTF-8; 1 stray byte is not"},
      {"gzip is left for the format check", "\x1F\x8B\x08\x00\x00", TextEncoding::utf8, true,
       "not text"},
      {"NUL bytes are left for the format check", std::string("ab\0\0\0cd\x90\x91", 9),
       TextEncoding::utf8, true, "not text"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      const EncodingGuess guess = detect_encoding(c.head);
      CHECK(encoding_name(guess.encoding) == encoding_name(c.expected));
      CHECK(guess.decided == c.decided);
      CHECK_THAT(guess.reason, Catch::Contains(c.reason));
    }
  }
}

TEST_CASE("encoding: names as a workspace writes them", "[io][encoding]") {
  CHECK(encoding_from_name("auto") == std::nullopt);
  CHECK(encoding_from_name("UTF-8") == TextEncoding::utf8);
  CHECK(encoding_from_name("utf8") == TextEncoding::utf8);
  CHECK(encoding_from_name("windows-1251") == TextEncoding::windows1251);
  CHECK(encoding_from_name("CP1251") == TextEncoding::windows1251);
  CHECK(encoding_from_name("windows-1252") == TextEncoding::windows1252);
  CHECK(encoding_from_name("latin-1") == TextEncoding::windows1252);
  CHECK(encoding_from_name("utf-16") == TextEncoding::utf16le);
  CHECK(encoding_from_name("utf-16be") == TextEncoding::utf16be);
  CHECK(encoding_from_name("koi8-r") == std::nullopt);
  for (TextEncoding e : {TextEncoding::utf8, TextEncoding::utf16le, TextEncoding::utf16be,
                         TextEncoding::windows1251, TextEncoding::windows1252})
    CHECK(encoding_from_name(encoding_name(e)) == e);
}

TEST_CASE("encoding: code page tables, every byte 0x80..0xFF", "[io][encoding]") {
  for (const auto& [encoding, expected] : {std::pair{TextEncoding::windows1251, kExpected1251},
                                           std::pair{TextEncoding::windows1252, kExpected1252}}) {
    std::size_t undefined = 0;
    for (unsigned b = 0x80; b <= 0xFF; ++b) {
      const Decoded d = decode(std::string(1, static_cast<char>(b)), fixed(encoding), 1);
      INFO(encoding_name(encoding) << " byte " << std::hex << b);
      CHECK(d.text == utf8_of(expected[b - 0x80]));
      CHECK(d.replaced == (expected[b - 0x80] == 0xFFFD ? 1u : 0u));
      undefined += expected[b - 0x80] == 0xFFFD;
    }
    CHECK(undefined == (encoding == TextEncoding::windows1251 ? 1u : 5u));
  }
  // Spot checks a reader can verify by eye.
  const auto one = [](TextEncoding e, unsigned char b) {
    return decode(std::string(1, static_cast<char>(b)), fixed(e), 1).text;
  };
  CHECK(one(TextEncoding::windows1251, 0xC0) == "\xD0\x90");      // А
  CHECK(one(TextEncoding::windows1251, 0xFF) == "\xD1\x8F");      // я
  CHECK(one(TextEncoding::windows1251, 0xA8) == "\xD0\x81");      // Ё
  CHECK(one(TextEncoding::windows1251, 0xB8) == "\xD1\x91");      // ё
  CHECK(one(TextEncoding::windows1251, 0xB9) == "\xE2\x84\x96");  // №
  CHECK(one(TextEncoding::windows1251, 0x88) == "\xE2\x82\xAC");  // €
  CHECK(one(TextEncoding::windows1251, 0xA0) == "\xC2\xA0");      // no-break space
  CHECK(one(TextEncoding::windows1251, 0x98) == "\xEF\xBF\xBD");  // undefined
  CHECK(one(TextEncoding::windows1252, 0x80) == "\xE2\x82\xAC");  // €
  CHECK(one(TextEncoding::windows1252, 0xFC) == "\xC3\xBC");      // ü
  CHECK(one(TextEncoding::windows1252, 0xDF) == "\xC3\x9F");      // ß
  CHECK(one(TextEncoding::windows1252, 0x81) == "\xEF\xBF\xBD");  // undefined
}

TEST_CASE("encoding: every chunk split gives the same text", "[io][encoding]") {
  // "Ёж € 𝄞 ok": 2-, 3- and 4-byte UTF-8; a surrogate pair in UTF-16.
  const std::string text = "\xD0\x81\xD0\xB6 \xE2\x82\xAC \xF0\x9D\x84\x9E ok\n";
  const std::u16string text16 = u"\u0401\u0436 \u20AC \U0001D11E ok\n";
  struct Case {
    const char* name;
    std::string bytes;
    EncodingGuess guess;
    std::string expected;
    std::size_t replaced;
  };
  const std::vector<Case> cases = {
      {"UTF-8", text, fixed(TextEncoding::utf8), text, 0},
      {"UTF-8 with a byte order mark (kept for the readers)", "\xEF\xBB\xBF" + text,
       fixed(TextEncoding::utf8), "\xEF\xBB\xBF" + text, 0},
      {"UTF-16LE with its byte order mark", utf16_bytes(u"\uFEFF" + text16, true),
       fixed(TextEncoding::utf16le), text, 0},
      {"UTF-16BE with its byte order mark", utf16_bytes(u"\uFEFF" + text16, false),
       fixed(TextEncoding::utf16be), text, 0},
      {"windows-1251", "\xA8\xE6 \x88 ok\n", fixed(TextEncoding::windows1251),
       "\xD0\x81\xD0\xB6 \xE2\x82\xAC ok\n", 0},
      {"UTF-8: a lone lead byte",
       "a\xD0"
       "b\xD0\x81",
       fixed(TextEncoding::utf8),
       "a\xEF\xBF\xBD"
       "b\xD0\x81",
       1},
      {"UTF-8: a cut 4-byte sequence is one U+FFFD",
       "\xF0\x9D\x84"
       "A",
       fixed(TextEncoding::utf8),
       "\xEF\xBF\xBD"
       "A",
       1},
      {"UTF-8: cut at the end of the file", "ok\xE2\x82", fixed(TextEncoding::utf8),
       "ok\xEF\xBF\xBD", 1},
      {"UTF-8: overlong and surrogate forms", "\xC0\xAF\xED\xA0\x80", fixed(TextEncoding::utf8),
       "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 5},
      {"UTF-16LE: lone surrogates and an odd last byte",
       utf16_bytes(u"\xD800"
                   u"A\xDC00",
                   true) +
           "x",
       fixed(TextEncoding::utf16le),
       "\xEF\xBF\xBD"
       "A\xEF\xBF\xBD\xEF\xBF\xBD",
       3},
      {"ASCII, then windows-1252 later in the file",
       "id;name\n1;ok\n2;M\xFC"
       "ller\n",
       detect_encoding("id;name\n"),
       "id;name\n1;ok\n2;M\xC3\xBC"
       "ller\n",
       0},
      {"ASCII, then windows-1251 later in the file", "id;name\n1;\xD0\xEE\xEC\xE0\xF8\xEA\xE0\n",
       detect_encoding("id;name\n"),
       "id;name\n1;\xD0\xA0\xD0\xBE\xD0\xBC\xD0\xB0\xD1\x88\xD0\xBA\xD0\xB0\n", 0},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      for (std::size_t split = 1; split < c.bytes.size(); ++split) {
        INFO("split at byte " << split);
        const Decoded d = decode(c.bytes, c.guess, 0, split);
        CHECK(d.text == c.expected);
        CHECK(d.replaced == c.replaced);
      }
      for (std::size_t chunk = 1; chunk <= 4; ++chunk) {
        INFO("chunks of " << chunk << " bytes");
        CHECK(decode(c.bytes, c.guess, chunk).text == c.expected);
      }
    }
  }
}

TEST_CASE("encoding: the first non-ASCII byte settles an ASCII head, and the reason says where",
          "[io][encoding]") {
  const Decoded latin = decode(
      "id;name\n1;M\xFC"
      "ller\n",
      detect_encoding("id;name\n"), 8);
  CHECK(latin.encoding == TextEncoding::windows1252);
  // No counts after the offset: they would depend on where the chunks end.
  CHECK(latin.reason == "ASCII only in the first 11 bytes, then read as windows-1252");
  const Decoded utf8 = decode(
      "id;name\n1;M\xC3\xBC"
      "ller\n",
      detect_encoding("id;name\n"), 8);
  CHECK(utf8.encoding == TextEncoding::utf8);
  CHECK(utf8.reason == "ASCII only in the first 11 bytes, then valid UTF-8");
  const Decoded ascii = decode("id;name\n1;x\n", detect_encoding("id;name\n1;x\n"), 4);
  CHECK(ascii.encoding == TextEncoding::utf8);
  CHECK(ascii.reason == "all 12 bytes are ASCII: read as UTF-8");
}

TEST_CASE("encoding: the reason's code and params match its English text", "[io][encoding]") {
  const EncodingGuess cyrillic = detect_encoding("name\n\xCF\xF0\xE8\xE2\xE5\xF2\n");
  CHECK(cyrillic.reason_code.code == "pulse.encoding.009");
  CHECK(cyrillic.reason_code.text == cyrillic.reason);
  REQUIRE(cyrillic.reason_code.params.size() == 2);
  CHECK((cyrillic.reason_code.params[0] == pulse::MessageParam{"n", "6", true}));

  Utf8Decoder decoder(detect_encoding("id;name\n"));
  const auto ignore = [](std::string_view) {};
  decoder.decode("id;name\n1;x\n", ignore);
  decoder.finish(ignore);
  CHECK(decoder.reason_code().code == "pulse.encoding.011");
  CHECK(decoder.reason_code().text == "all 12 bytes are ASCII: read as UTF-8");
  REQUIRE(decoder.reason_code().params.size() == 1);
  CHECK((decoder.reason_code().params[0] == pulse::MessageParam{"bytes", "12", true}));

  const EncodingGuess workspace = encoding_from_workspace(TextEncoding::windows1251);
  CHECK(workspace.reason_code.code == "pulse.encoding.013");
  CHECK(workspace.reason == "set in the workspace");
}

TEST_CASE("encoding: valid UTF-8 is passed on without a copy", "[io][encoding]") {
  const std::string chunk =
      "order_id;\xD0\x9A\xD0\xBE\xD0\xBD\xD1\x82\xD1\x80\xD0\xB0\xD0\xB3\xD0\xB5\xD0\xBD\xD1\x82\n";
  Utf8Decoder decoder(fixed(TextEncoding::utf8));
  std::vector<std::string_view> pieces;
  decoder.decode(chunk, [&](std::string_view s) { pieces.push_back(s); });
  REQUIRE(pieces.size() == 1);
  CHECK(pieces[0].data() == chunk.data());
  CHECK(pieces[0].size() == chunk.size());
}
