#include "pulse/io/text_encoding.h"

#include <algorithm>
#include <cstring>

#include "pulse/message_codes.h"

namespace pulse::io {
namespace {

constexpr std::uint32_t kReplacement = 0xFFFD;

// Code points of bytes 0x80..0xFF; 0 marks a byte the code page leaves undefined.
constexpr std::uint16_t kWindows1251[128] = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,  // 80
    0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,  // 88
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90
    0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,  // 98
    0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,  // A0
    0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,  // A8
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,  // B0
    0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,  // B8
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,  // C0: А..Я
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F, 0x0420, 0x0421, 0x0422, 0x0423,
    0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,  // E0: а..я
    0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, 0x0440, 0x0441, 0x0442, 0x0443,
    0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
};

// 0xA0..0xFF are Latin-1 itself; only 0x80..0x9F differ.
constexpr std::uint16_t kWindows1252High[32] = {
    0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x017D, 0x0000,  // 88
    0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178,  // 98
};

std::uint32_t single_byte_code_point(TextEncoding encoding, unsigned char c) {
  if (c < 0x80) return c;
  if (encoding == TextEncoding::windows1251) return kWindows1251[c - 0x80];
  return c >= 0xA0 ? c : kWindows1252High[c - 0x80];
}

constexpr char kReplacementUtf8[] = "\xEF\xBF\xBD";

enum class Utf8 : unsigned char { valid, incomplete, invalid };

// The UTF-8 sequence at p[0] (a byte >= 0x80) with `avail` bytes available. Sets n to its
// length when valid, to the bytes seen when incomplete, and to the bytes to replace by one
// U+FFFD when invalid (the longest start of a valid sequence, at least 1).
Utf8 check_utf8(const unsigned char* p, std::size_t avail, std::size_t& n) {
  const unsigned char c = p[0];
  std::size_t length;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // beyond U+10FFFF
  } else {
    n = 1;
    return Utf8::invalid;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (k >= avail) {
      n = k;
      return Utf8::incomplete;
    }
    const unsigned char b = p[k];
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) {
      n = k;
      return Utf8::invalid;
    }
  }
  n = length;
  return Utf8::valid;
}

// Position of the first byte >= 0x80 at or after `i`, or size. 32 bytes per step on ASCII.
std::size_t skip_ascii(const unsigned char* p, std::size_t size, std::size_t i) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  while (i + 32 <= size) {
    std::uint64_t w[4];
    std::memcpy(w, p + i, sizeof w);
    if (((w[0] | w[1] | w[2] | w[3]) & kHigh) != 0) break;
    i += 32;
  }
  while (i < size && p[i] < 0x80) ++i;
  return i;
}

// Length of the longest prefix of valid UTF-8 (stops before an invalid or cut sequence).
std::size_t valid_utf8_prefix(const unsigned char* p, std::size_t size) {
  std::size_t i = 0;
  while (true) {
    i = skip_ascii(p, size, i);
    if (i == size) return i;
    std::size_t n;
    if (check_utf8(p + i, size - i, n) != Utf8::valid) return i;
    i += n;
  }
}

std::string with_thousands(std::size_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

bool is_cyrillic_1251(unsigned char c) {
  return c >= 0xC0 || c == 0xA8 || c == 0xB8;
}
bool is_ascii_letter(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
bool is_word_byte(unsigned char c) {
  return c >= 0x80 || is_ascii_letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '\'';
}

// The first word with a non-ASCII byte, decoded: the example a person recognizes.
std::string example_word(const unsigned char* p, std::size_t size, TextEncoding encoding) {
  std::size_t at = 0;
  while (at < size && p[at] < 0x80) ++at;
  if (at == size) return {};
  std::size_t begin = at, end = at;
  while (begin > 0 && at - begin < 20 && is_word_byte(p[begin - 1])) --begin;
  while (end < size && end - at < 20 && is_word_byte(p[end])) ++end;
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    const std::uint32_t cp = single_byte_code_point(encoding, p[i]);
    append_utf8(out, cp == 0 ? kReplacement : cp);
  }
  return out;
}

// A guess whose English reason is its message's text, so that the two never differ.
EncodingGuess guessed(TextEncoding encoding, Message why, bool decided = true) {
  EncodingGuess guess{encoding, why.text, decided, {}};
  guess.reason_code = std::move(why);
  return guess;
}

Message byte_order_mark(const char* mark, TextEncoding encoding, const char* text) {
  return Message(ids::kEncodingByteOrderMark, text)
      .param("mark", mark)
      .param("encoding", std::string(encoding_name(encoding)));
}

}  // namespace

std::string_view encoding_name(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::utf8:
      return "utf-8";
    case TextEncoding::utf16le:
      return "utf-16le";
    case TextEncoding::utf16be:
      return "utf-16be";
    case TextEncoding::windows1251:
      return "windows-1251";
    case TextEncoding::windows1252:
      return "windows-1252";
  }
  return "utf-8";
}

std::optional<TextEncoding> encoding_from_name(std::string_view name) {
  std::string key;
  for (char c : name)
    if (c != '-' && c != '_' && c != ' ')
      key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (key == "utf8") return TextEncoding::utf8;
  if (key == "utf16" || key == "utf16le" || key == "unicode") return TextEncoding::utf16le;
  if (key == "utf16be") return TextEncoding::utf16be;
  if (key == "windows1251" || key == "cp1251") return TextEncoding::windows1251;
  if (key == "windows1252" || key == "cp1252" || key == "latin1" || key == "iso88591")
    return TextEncoding::windows1252;
  return std::nullopt;
}

EncodingGuess detect_encoding(std::string_view head) {
  const auto* p = reinterpret_cast<const unsigned char*>(head.data());
  const std::size_t size = head.size();
  const auto starts = [&](std::string_view prefix) {
    return head.substr(0, prefix.size()) == prefix;
  };
  if (starts("\xEF\xBB\xBF"))
    return guessed(TextEncoding::utf8,
                   byte_order_mark("EF BB BF", TextEncoding::utf8, "byte order mark EF BB BF"));
  if (starts("\xFF\xFE"))
    return guessed(TextEncoding::utf16le,
                   byte_order_mark("FF FE", TextEncoding::utf16le,
                                   "byte order mark FF FE (Excel's \"Unicode text\")"));
  if (starts("\xFE\xFF"))
    return guessed(TextEncoding::utf16be,
                   byte_order_mark("FE FF", TextEncoding::utf16be, "byte order mark FE FF"));
  if (starts("\x1F\x8B") || starts(std::string_view("PK\x03\x04", 4)))
    return guessed(TextEncoding::utf8,
                   Message(ids::kEncodingContainer, "not text (a compressed container)"));

  // UTF-16 without a mark: text of mostly ASCII has a zero in every other byte.
  const std::size_t pairs = std::min<std::size_t>(size, 4096) / 2;
  std::size_t zero_even = 0, zero_odd = 0;
  for (std::size_t i = 0; i < pairs; ++i) {
    zero_even += p[2 * i] == 0;
    zero_odd += p[2 * i + 1] == 0;
  }
  if (pairs >= 2 && zero_odd * 10 >= pairs * 9 && zero_even * 10 < pairs)
    return guessed(TextEncoding::utf16le,
                   Message(ids::kEncodingZeroBytes,
                           "no byte order mark, but every second byte is zero (UTF-16LE)")
                       .param("encoding", "utf-16le"));
  if (pairs >= 2 && zero_even * 10 >= pairs * 9 && zero_odd * 10 < pairs)
    return guessed(TextEncoding::utf16be,
                   Message(ids::kEncodingZeroBytes,
                           "no byte order mark, but every second byte is zero (UTF-16BE)")
                       .param("encoding", "utf-16be"));
  // Many NUL bytes: not text (the sniffer refuses the file as binary). A stray NUL in a text
  // file does not decide its encoding: the rest of the sample does, and the row that holds it is
  // reported when it is read (pulse.row.017).
  if (static_cast<std::size_t>(std::count(p, p + size, 0)) * 20 > size)
    return guessed(TextEncoding::utf8, Message(ids::kEncodingNulBytes, "not text (NUL bytes)"));

  std::size_t high = 0, characters = 0, invalid = 0;
  for (std::size_t i = skip_ascii(p, size, 0); i < size; i = skip_ascii(p, size, i)) {
    std::size_t n;
    const Utf8 state = check_utf8(p + i, size - i, n);
    if (state == Utf8::incomplete) break;  // cut by the end of the sample
    high += n;
    if (state == Utf8::valid)
      ++characters;
    else
      invalid += n;
    i += n;
  }
  if (size == 0)
    return guessed(TextEncoding::utf8, Message(ids::kEncodingNoBytes, "no bytes"), false);
  if (high == 0)
    return guessed(
        TextEncoding::utf8,
        Message(ids::kEncodingAsciiHead,
                "ASCII only in the first " + with_thousands(size) + " bytes: read as UTF-8")
            .count("bytes", size),
        false);
  if (invalid == 0)
    return guessed(TextEncoding::utf8,
                   Message(ids::kEncodingValidUtf8,
                           with_thousands(characters) +
                               (characters == 1 ? " non-ASCII character, valid UTF-8"
                                                : " non-ASCII characters, all valid UTF-8"))
                       .count("n", characters));
  if (characters >= 4 * invalid)
    return guessed(TextEncoding::utf8,
                   Message(ids::kEncodingStrayBytes,
                           with_thousands(characters) + " characters are valid UTF-8; " +
                               with_thousands(invalid) +
                               (invalid == 1 ? " stray byte is not and becomes U+FFFD"
                                             : " stray bytes are not and become U+FFFD"))
                       .count("n", characters)
                       .count("invalid", invalid));

  // A single-byte code page. Russian words are runs of letters 0xC0..0xFF; accented Latin
  // letters sit alone between ASCII letters.
  std::size_t cyrillic_runs = 0, beside_latin = 0;
  high = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const unsigned char c = p[i];
    if (c < 0x80) continue;
    ++high;
    const unsigned char before = i > 0 ? p[i - 1] : ' ';
    const unsigned char after = i + 1 < size ? p[i + 1] : ' ';
    if (is_cyrillic_1251(c) && (is_cyrillic_1251(before) || is_cyrillic_1251(after)))
      ++cyrillic_runs;
    if (is_ascii_letter(before) || is_ascii_letter(after)) ++beside_latin;
  }
  const bool cyrillic = cyrillic_runs * 2 > high && cyrillic_runs > beside_latin;
  const TextEncoding encoding = cyrillic ? TextEncoding::windows1251 : TextEncoding::windows1252;
  std::string reason =
      with_thousands(high) +
      (high == 1 ? " byte is not UTF-8 and reads as " : " bytes are not UTF-8 and read as ") +
      (cyrillic ? "Cyrillic letters" : "Western European letters and signs");
  const std::string example = example_word(p, size, encoding);
  if (!example.empty()) reason += " (\"" + example + "\")";
  return guessed(encoding, (cyrillic ? Message(ids::kEncodingCyrillic, reason)
                                     : Message(ids::kEncodingWestern, reason))
                               .count("n", high)
                               .param("example", example));
}

EncodingGuess encoding_from_workspace(TextEncoding encoding) {
  return guessed(encoding, Message(ids::kEncodingByWorkspace, "set in the workspace"));
}

Utf8Decoder::Utf8Decoder(EncodingGuess guess) : guess_(std::move(guess)) {}

void Utf8Decoder::append_code_point(std::uint32_t cp) {
  append_utf8(buffer_, cp);
}

void Utf8Decoder::decode(std::string_view bytes, const Output& out) {
  if (bytes.empty()) return;
  switch (guess_.encoding) {
    case TextEncoding::utf8:
      guess_.decided ? decode_utf8(bytes, out) : decode_ascii(bytes, out);
      break;
    case TextEncoding::utf16le:
    case TextEncoding::utf16be:
      decode_utf16(bytes, out);
      break;
    case TextEncoding::windows1251:
    case TextEncoding::windows1252:
      decode_single_byte(bytes, out);
      break;
  }
  bytes_seen_ += bytes.size();
}

void Utf8Decoder::finish(const Output& out) {
  if (!undecided_.empty()) {  // the file ended before kDecideBytes after its first non-ASCII byte
    const std::string tail = std::move(undecided_);
    undecided_.clear();
    settle(tail, out);
  }
  if (guess_.encoding == TextEncoding::utf8 && !guess_.decided && bytes_seen_ > 0)
    guess_ = guessed(TextEncoding::utf8,
                     Message(ids::kEncodingAllAscii, "all " + with_thousands(bytes_seen_) +
                                                         " bytes are ASCII: read as UTF-8")
                         .count("bytes", bytes_seen_),
                     false);
  std::size_t pending = carry_size_ > 0 ? 1 : 0;
  if (high_surrogate_ != 0) ++pending;
  carry_size_ = 0;
  high_surrogate_ = 0;
  for (std::size_t i = 0; i < pending; ++i) out(kReplacementUtf8);
  replaced_ += pending;
}

void Utf8Decoder::decode_ascii(std::string_view bytes, const Output& out) {
  if (!undecided_.empty()) {  // waiting for enough bytes after the first non-ASCII one
    undecided_.append(bytes);
    if (undecided_.size() >= kDecideBytes) {
      const std::string tail = std::move(undecided_);
      undecided_.clear();
      settle(tail, out);
    }
    return;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t first_high = skip_ascii(p, bytes.size(), 0);
  if (first_high == bytes.size()) {
    out(bytes);
    return;
  }
  // What came before the first non-ASCII byte is ASCII in every case.
  if (first_high > 0) out(bytes.substr(0, first_high));
  undecided_offset_ = bytes_seen_ + first_high;
  bytes.remove_prefix(first_high);
  if (bytes.size() >= kDecideBytes)
    settle(bytes, out);
  else
    undecided_.assign(bytes);
}

// Decides from the first kDecideBytes from the first non-ASCII byte on (fewer only at the end
// of the file): the same sample however the chunks fell.
void Utf8Decoder::settle(std::string_view tail, const Output& out) {
  EncodingGuess later = detect_encoding(tail.substr(0, kDecideBytes));
  if (!later.decided || later.encoding == TextEncoding::utf16le ||
      later.encoding == TextEncoding::utf16be)
    later = {
        TextEncoding::utf8, "", true, {}};  // an incomplete UTF-8 start at the end: U+FFFD then
  const std::string offset = with_thousands(undecided_offset_);
  guess_.encoding = later.encoding;
  guess_.decided = true;
  // The reason names no counts: they would depend on where the chunks happen to end.
  guess_.reason = "ASCII only in the first " + offset + " bytes, then " +
                  (guess_.encoding == TextEncoding::utf8
                       ? std::string("valid UTF-8")
                       : "read as " + std::string(encoding_name(guess_.encoding)));
  guess_.reason_code = Message(ids::kEncodingAsciiThen, guess_.reason)
                           .count("bytes", undecided_offset_)
                           .param("encoding", std::string(encoding_name(guess_.encoding)));
  if (guess_.encoding == TextEncoding::utf8)
    decode_utf8(tail, out);
  else
    decode_single_byte(tail, out);
}

void Utf8Decoder::decode_utf8(std::string_view bytes, const Output& out) {
  if (carry_size_ > 0) {
    // Finish the sequence the previous chunk cut.
    unsigned char unit[4];
    std::memcpy(unit, carry_, carry_size_);
    const std::size_t take = std::min<std::size_t>(4 - carry_size_, bytes.size());
    std::memcpy(unit + carry_size_, bytes.data(), take);
    std::size_t n;
    const Utf8 state = check_utf8(unit, carry_size_ + take, n);
    if (state == Utf8::incomplete) {  // still cut: the chunk was tiny
      std::memcpy(carry_ + carry_size_, bytes.data(), take);
      carry_size_ += take;
      return;
    }
    if (state == Utf8::valid) {
      out(std::string_view(reinterpret_cast<const char*>(unit), n));
    } else {
      out(kReplacementUtf8);
      ++replaced_;
    }
    bytes.remove_prefix(n > carry_size_ ? n - carry_size_ : 0);
    carry_size_ = 0;
    if (bytes.empty()) return;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t valid = valid_utf8_prefix(p, bytes.size());
  if (valid == bytes.size()) {
    out(bytes);  // the fast path: the caller's bytes, no copy
    return;
  }
  if (valid > 0) out(bytes.substr(0, valid));
  std::size_t n;
  if (check_utf8(p + valid, bytes.size() - valid, n) == Utf8::incomplete) {
    std::memcpy(carry_, p + valid, n);
    carry_size_ = n;
    return;
  }
  repair_utf8(bytes.substr(valid), out);
}

void Utf8Decoder::repair_utf8(std::string_view bytes, const Output& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  buffer_.clear();
  buffer_.reserve(bytes.size() + 16);
  for (std::size_t i = 0; i < bytes.size();) {
    if (p[i] < 0x80) {
      buffer_ += static_cast<char>(p[i++]);
      continue;
    }
    std::size_t n;
    const Utf8 state = check_utf8(p + i, bytes.size() - i, n);
    if (state == Utf8::valid) {
      buffer_.append(bytes.data() + i, n);
    } else if (state == Utf8::incomplete) {
      std::memcpy(carry_, p + i, n);
      carry_size_ = n;
    } else {
      buffer_ += kReplacementUtf8;
      ++replaced_;
    }
    i += n;
  }
  if (!buffer_.empty()) out(buffer_);
}

void Utf8Decoder::decode_utf16(std::string_view bytes, const Output& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const bool little = guess_.encoding == TextEncoding::utf16le;
  buffer_.clear();
  buffer_.reserve(bytes.size() + bytes.size() / 2);
  const auto unit_of = [little](unsigned char a, unsigned char b) -> std::uint32_t {
    return little ? (static_cast<std::uint32_t>(b) << 8 | a)
                  : (static_cast<std::uint32_t>(a) << 8 | b);
  };
  const auto take = [this](std::uint32_t u) {
    if (at_start_) {
      at_start_ = false;
      if (u == 0xFEFF) return;  // the byte order mark is not text
    }
    if (high_surrogate_ != 0) {
      if (u >= 0xDC00 && u <= 0xDFFF) {
        append_code_point(0x10000 + ((high_surrogate_ - 0xD800) << 10) + (u - 0xDC00));
        high_surrogate_ = 0;
        return;
      }
      append_code_point(kReplacement);  // a high half without its low half
      ++replaced_;
      high_surrogate_ = 0;
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
      high_surrogate_ = u;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      append_code_point(kReplacement);
      ++replaced_;
    } else {
      append_code_point(u);
    }
  };
  std::size_t i = 0;
  if (carry_size_ == 1) {
    take(unit_of(static_cast<unsigned char>(carry_[0]), p[0]));
    carry_size_ = 0;
    i = 1;
  }
  for (; i + 1 < bytes.size(); i += 2) take(unit_of(p[i], p[i + 1]));
  if (i < bytes.size()) {
    carry_[0] = static_cast<char>(p[i]);
    carry_size_ = 1;
  }
  if (!buffer_.empty()) out(buffer_);
}

void Utf8Decoder::decode_single_byte(std::string_view bytes, const Output& out) {
  buffer_.clear();
  buffer_.reserve(bytes.size() * 2);
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      buffer_ += ch;
      continue;
    }
    const std::uint32_t cp = single_byte_code_point(guess_.encoding, c);
    if (cp == 0) ++replaced_;
    append_code_point(cp == 0 ? kReplacement : cp);
  }
  if (!buffer_.empty()) out(buffer_);
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace pulse::io
