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
  /// A key written as a literal: its length is known here, so no strlen runs per key (a call
  /// per key in the page's engine; the lists' rows write hundreds of thousands).
  template <std::size_t N>
  void key(const char (&name)[N]) {
    key(std::string_view(name, N - 1));
  }

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

  /// A table: a list whose items are objects (rows). Written as an array of them, or with
  /// tables_as_columns(true) as one array per key: {"length": rows, "fields": {key: [each
  /// row's value]}}, plus "absent": {key: [row, ...]} when some rows lacked a key (null holds
  /// their place). A row's values may be anything; a table begun inside a row is an array.
  /// The page's engine writes its paged lists so (wasm/README.md "Lists as columns"): the keys,
  /// most of a list's bytes, once instead of once a row.
  void begin_table();
  void end_table();
  void tables_as_columns(bool columns) { columns_ = columns; }

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

  // A table written as columns: each column's values gather in a text of their own, which
  // takes out_'s place while a row writes that key (select_column swaps them, so no value is
  // copied twice); the document waits in the slot of the column being written.
  struct TableColumn {
    std::string name;
    std::string text;
    std::size_t size = 0;   // the first `size` bytes of text are the values
    std::size_t count = 0;  // rows that have a value (or a null for an absent key) so far
    std::vector<std::uint32_t> absent;
  };
  void begin_row();
  void end_row();
  void column_key(std::string_view name);
  void select_column(std::ptrdiff_t column);  // -1: the document
  void pad_column(TableColumn& column);       // nulls for the rows that lacked the key
  void write_table();

  std::string out_;
  std::size_t size_ = 0;
  bool ascii_ = false;
  std::vector<char> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;

  bool columns_ = false;
  bool in_table_ = false;  // a table is being gathered as columns
  bool in_row_ = false;
  std::size_t table_depth_ = 0;   // first_.size() outside the table's rows
  std::size_t inner_tables_ = 0;  // tables begun inside a row, written as arrays
  std::size_t rows_ = 0;
  std::vector<TableColumn> columns_of_table_;  // kept between tables (their texts freed)
  std::size_t column_count_ = 0;               // the current table's, in columns_of_table_
  std::size_t next_column_ = 0;                // where a row's next key usually is
  std::ptrdiff_t current_ = -1;                // the column whose values are in out_
};

}  // namespace pulse::report
