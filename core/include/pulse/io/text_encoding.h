#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "pulse/model/message.h"

namespace pulse::io {

/// The text encodings a file may come in. Everything past the decoder is UTF-8.
enum class TextEncoding : unsigned char { utf8, utf16le, utf16be, windows1251, windows1252 };

/// "utf-8", "utf-16le", "utf-16be", "windows-1251", "windows-1252".
std::string_view encoding_name(TextEncoding encoding);

/// Reads a name as a workspace writes it: "utf-8", "windows-1251" (or "cp1251"),
/// "windows-1252" (or "cp1252", "latin-1"), "utf-16" (little endian unless a byte order mark
/// says otherwise), "utf-16le", "utf-16be". Case-insensitive; nullopt for anything else.
std::optional<TextEncoding> encoding_from_name(std::string_view name);

/// What the first bytes of a file say about its encoding, and why, in words for the load
/// report ("1,204 bytes are not UTF-8 and read as Cyrillic letters").
struct EncodingGuess {
  TextEncoding encoding = TextEncoding::utf8;
  std::string reason;
  bool decided = true;  // false when the bytes were ASCII only: the first non-ASCII byte decides
  Message reason_code;  // `reason` with its pulse.encoding.* code and params, for the page
};

/// Decides the encoding from the head of a file, in this order:
///  1. a byte order mark: EF BB BF (UTF-8), FF FE (UTF-16LE: Excel's "Unicode text"), FE FF;
///  2. UTF-16 without a mark: nearly every second byte is zero;
///  3. valid UTF-8 (an incomplete sequence at the very end of the sample is fine; a few
///     stray bytes among many valid characters still read as UTF-8, the strays replaced);
///  4. otherwise a single-byte code page: windows-1251 when the non-ASCII bytes are mostly
///     letters that stand next to each other (Cyrillic words), windows-1252 when they sit
///     alone inside ASCII words (é ü ß in "Müller", € before a number).
/// Binary data (NUL bytes, gzip or zip signatures) is left as it is for the format check.
EncodingGuess detect_encoding(std::string_view head);

/// The encoding a workspace names ("set in the workspace", pulse.encoding.013).
EncodingGuess encoding_from_workspace(TextEncoding encoding);

/// Turns a file's bytes into valid UTF-8, chunk by chunk; a chunk may end inside a
/// multi-byte unit (the rest waits for the next chunk). Valid UTF-8 input is passed on as
/// the caller's own bytes, without a copy; anything else goes through an internal buffer.
/// Bytes that are not valid in the encoding become U+FFFD and are counted.
///
///   Utf8Decoder decoder(detect_encoding(head));
///   decoder.decode(chunk, [&](std::string_view utf8) { parser.feed(utf8); });
///   decoder.finish([&](std::string_view utf8) { parser.feed(utf8); });
///
/// A guess that is not `decided` (ASCII so far) is settled by detect_encoding() on the
/// kDecideBytes from the first non-ASCII byte on (fewer only when the file ends first); the
/// bytes from that one on wait until then, so the decision is the same however the chunks
/// fall (it used to be made from the rest of the current chunk: 3 bytes before a chunk edge
/// read a windows-1251 file as windows-1252). ASCII reads the same in every encoding here,
/// so nothing passed on before changes meaning.
class Utf8Decoder {
 public:
  using Output = std::function<void(std::string_view)>;
  static constexpr std::size_t kDecideBytes = 64 * 1024;  // as detect_encoding's head sample

  explicit Utf8Decoder(EncodingGuess guess);

  /// Calls `out` zero or more times with the UTF-8 text of `bytes`.
  void decode(std::string_view bytes, const Output& out);
  /// Ends the input: an incomplete unit left over becomes U+FFFD.
  void finish(const Output& out);

  TextEncoding encoding() const { return guess_.encoding; }
  const std::string& reason() const { return guess_.reason; }
  const Message& reason_code() const { return guess_.reason_code; }
  /// Units not valid in the encoding, each replaced by U+FFFD.
  std::size_t replaced() const { return replaced_; }

 private:
  void decode_ascii(std::string_view bytes, const Output& out);
  void settle(std::string_view tail, const Output& out);
  void decode_utf8(std::string_view bytes, const Output& out);
  void repair_utf8(std::string_view bytes, const Output& out);
  void decode_utf16(std::string_view bytes, const Output& out);
  void decode_single_byte(std::string_view bytes, const Output& out);
  void append_code_point(std::uint32_t cp);

  EncodingGuess guess_;
  std::string buffer_;  // converted text of the current chunk
  char carry_[4] = {};  // the start of a unit split by a chunk boundary
  std::size_t carry_size_ = 0;
  std::uint32_t high_surrogate_ = 0;  // UTF-16: waiting for its low half
  std::size_t replaced_ = 0;
  std::size_t bytes_seen_ = 0;
  bool at_start_ = true;   // UTF-16: a byte order mark is skipped
  std::string undecided_;  // ASCII head: the bytes from the first non-ASCII one, until enough
  std::size_t undecided_offset_ = 0;  // the file offset of that byte
};

/// Appends code point `cp` as UTF-8. Values that are no character (surrogates, beyond
/// U+10FFFF) become U+FFFD, so that the output is always valid UTF-8.
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace pulse::io
