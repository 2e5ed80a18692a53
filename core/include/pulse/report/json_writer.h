#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pulse::report {

/// Appends JSON text to a string as it is written: no document tree, so a report of a
/// million rows costs one pass and one buffer. Commas are placed by the writer.
///
///   JsonWriter w;
///   w.begin_object();
///   w.key("revenue"); w.value(12.5);
///   w.key("margin"); w.value(std::optional<double>{});  // null
///   w.end_object();
///
/// Doubles are written in the shortest form that reads back exactly; NaN and infinities
/// become null. Text is escaped; bytes that are not valid UTF-8 become U+FFFD, so the output
/// is always valid JSON whatever the input files held. With ascii_only(true) every character
/// past ASCII is written as a \u escape (a surrogate pair past U+FFFF): the same JSON value
/// in pure ASCII text.
class JsonWriter {
 public:
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);

  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(double number);
  void value(std::int64_t number);
  void value(std::uint64_t number);
  void value(int number) { value(static_cast<std::int64_t>(number)); }
  void value(bool flag);
  void value(const std::optional<double>& number);
  void null();
  /// Inserts text that already is one JSON value.
  void raw(std::string_view json);

  void ascii_only(bool ascii) { ascii_ = ascii; }

  /// Room for `bytes` of text up front (a report about as long as the last one), so that the
  /// text is not copied each time it doubles.
  void reserve(std::size_t bytes) { out_.reserve(bytes); }
  /// The text written so far.
  const std::string& str() {
    out_.resize(size_);
    return out_;
  }
  std::string take() {
    out_.resize(size_);
    size_ = 0;
    return std::move(out_);
  }

 private:
  void separate();
  void escape(std::string_view text);

  // The text is written through these rather than std::string's push_back and append, which
  // libc++ keeps out of line (a call per comma and quote: a tenth of a customers' re-filter in
  // wasm). out_ is sized ahead; its first size_ bytes are the text.
  void put(char c) {
    if (size_ == out_.size()) make_room(1);
    out_[size_++] = c;
  }
  void put(const char* bytes, std::size_t n) {
    if (out_.size() - size_ < n) make_room(n);
    std::memcpy(&out_[size_], bytes, n);
    size_ += n;
  }
  void put(std::string_view text) { put(text.data(), text.size()); }
  void put_digits(std::uint64_t number);
  void make_room(std::size_t n);

  void put_code_point(std::string_view utf8);
  void put_u_escape(unsigned unit);

  std::string out_;
  std::size_t size_ = 0;
  bool ascii_ = false;
  std::vector<char> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace pulse::report
