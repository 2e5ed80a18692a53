#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pulse/report/kept_table.h"

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
  /// keep_tables(true) kept apart from the document, column by column (take_kept_tables),
  /// the document holding {"length": rows, "kept": the table's index among those kept,
  /// "fields": [each key, in the order the rows first wrote them]}, plus "absent": {key: [row,
  /// ...]} when some rows lacked a key. A row's values may be anything; a table begun inside a
  /// row is an array. The page's engine keeps its big lists so (wasm/README.md "Lists kept in
  /// the engine"): the worker reads the few columns a sort, a search or a summary needs, and
  /// the rows of the page it shows, so the rest is never written as text nor parsed.
  void begin_table();
  void end_table();
  void keep_tables(bool keep) { keep_ = keep; }
  /// The tables kept so far, in the order they were written; the writer forgets them.
  std::vector<KeptTable> take_kept_tables() { return std::move(kept_); }

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
  void put_number(double number);
  void make_room(std::size_t n);

  void put_code_point(std::string_view utf8);
  void put_u_escape(unsigned unit);

  // A table kept apart: each column's values gather in a text of their own, which takes out_'s
  // place while a row writes that key (select_column swaps them, so no value is copied twice);
  // the document waits in the slot of the column being written. A column stays numeric (its
  // values as doubles, never written as text) until a row gives it something else.
  struct TableColumn : KeptColumn {
    std::size_t size = 0;   // the first `size` bytes of text are the values
    std::size_t count = 0;  // rows that have a value (or a null for an absent key) so far
  };
  void begin_row();
  void end_row();
  void column_key(std::string_view name);
  void select_column(std::ptrdiff_t column);  // -1: the document
  void pad_column(TableColumn& column);       // nulls for the rows that lacked the key
  // A number for the numeric column whose key was just written; and that column turned to text
  // when its row's value is something else (its numbers written as text first).
  void keep_number(double number);
  void column_to_text();
  // A row's value that is an object, for a column whose values so far were objects or nulls:
  // its keys become columns of their own (KeptColumn::object); false when the column must
  // turn to text instead. The object's end; an object column turned to text writes each
  // earlier row's object from those columns (put_members) and drops them (drop_members).
  bool begin_object_value();
  void end_object_value();
  void put_members(std::size_t column, std::size_t row);
  void drop_members(std::size_t column);
  bool absent_listed(const TableColumn& column, std::uint32_t row) const;
  bool listed_absent(std::size_t column) const;  // some row's lack of the key is listed
  void write_table();

  std::string out_;
  std::size_t size_ = 0;
  bool ascii_ = false;
  std::vector<char> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;

  bool keep_ = false;
  bool in_table_ = false;    // a table is being gathered as columns
  bool number_due_ = false;  // a numeric column's key was written: its value may be a number
  bool in_row_ = false;
  std::size_t table_depth_ = 0;   // first_.size() outside the table's rows
  std::size_t inner_tables_ = 0;  // tables begun inside a row, written as arrays
  std::size_t rows_ = 0;
  std::vector<TableColumn> columns_of_table_;  // kept between tables (their texts freed)
  std::size_t column_count_ = 0;               // the current table's, in columns_of_table_
  std::size_t next_column_ = 0;                // where a row's next key usually is
  std::ptrdiff_t current_ = -1;                // the column whose values are in out_
  std::ptrdiff_t object_column_ = -1;          // the object column whose object is being written
  std::vector<KeptTable> kept_;
};

}  // namespace pulse::report
