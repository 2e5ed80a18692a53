#include "pulse/report/json_writer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>

#include "pulse/text/same_text.h"

namespace pulse::report {

void JsonWriter::make_room(std::size_t n) {
  out_.resize(std::max(out_.size() * 2, size_ + std::max<std::size_t>(n, 256)));
}

void JsonWriter::separate() {
  if (number_due_) column_to_text();  // a numeric column's row gives something else
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) put(',');
    first_.back() = false;
  }
}

void JsonWriter::begin_object() {
  if (in_table_ && !in_row_ && first_.size() == table_depth_) return begin_row();
  // A row's own key's value (not a key's of its object): the column may become an object column.
  if (number_due_ && first_.size() == table_depth_ + 1 && begin_object_value()) return;
  separate();
  put('{');
  first_.push_back(1);
}

void JsonWriter::end_object() {
  if (in_row_ && first_.size() == table_depth_ + 1) return end_row();
  if (object_column_ >= 0 && first_.size() == table_depth_ + 2) return end_object_value();
  put('}');
  first_.pop_back();
}

void JsonWriter::begin_array() {
  separate();
  put('[');
  first_.push_back(1);
}

void JsonWriter::end_array() {
  put(']');
  first_.pop_back();
}

void JsonWriter::key(std::string_view name) {
  if (in_row_ && (first_.size() == table_depth_ + 1 ||
                  (object_column_ >= 0 && first_.size() == table_depth_ + 2)))
    return column_key(name);
  separate();
  escape(name);
  put(':');
  after_key_ = true;
}

// A table row's key picks its column (json_writer_tables.cpp has the rest of the tables): here,
// with the per-value code, since it runs once per value of every row.
void JsonWriter::column_key(std::string_view name) {
  std::size_t j = next_column_;
  // A key of the row itself, or of the object column's object being written.
  const auto is = [&](const TableColumn& c) {
    return c.parent == object_column_ && text::same_text(c.name, name);
  };
  if (j >= column_count_ || !is(columns_of_table_[j])) {
    j = 0;
    while (j < column_count_ && !is(columns_of_table_[j])) ++j;
    if (j == column_count_) {  // a key no row had before: absent from the rows before this one
      if (column_count_ == columns_of_table_.size()) columns_of_table_.emplace_back();
      TableColumn& added = columns_of_table_[column_count_++];
      added = TableColumn();
      added.name.assign(name.data(), name.size());
      added.parent = static_cast<std::int32_t>(object_column_);
    }
  }
  TableColumn& c = columns_of_table_[j];
  if (c.count > rows_) throw std::logic_error("JsonWriter: a key written twice in one table row");
  next_column_ = j + 1;
  select_column(static_cast<std::ptrdiff_t>(j));
  if (c.count < rows_) pad_column(c);  // (a call only when some row lacked the key)
  ++c.count;
  after_key_ = true;  // the value that follows writes no comma of its own
  if (c.numeric) {
    number_due_ = true;
    return;
  }
  if (c.count > 1) put(',');
  c.starts.push_back(static_cast<std::uint32_t>(size_));
}

void JsonWriter::keep_number(double number) {
  TableColumn& c = columns_of_table_[static_cast<std::size_t>(current_)];
  if (c.object && std::isfinite(number)) {  // an object column's row gives a number: text
    column_to_text();
    after_key_ = false;
    put_number(number);
    return;
  }
  number_due_ = false;
  after_key_ = false;
  c.numbers.push_back(std::isfinite(number) ? number : std::numeric_limits<double>::quiet_NaN());
}

void JsonWriter::select_column(std::ptrdiff_t column) {
  if (current_ == column) return;
  if (current_ >= 0) {
    TableColumn& c = columns_of_table_[static_cast<std::size_t>(current_)];
    std::swap(out_, c.text);
    std::swap(size_, c.size);
  }
  current_ = column;
  if (column >= 0) {
    TableColumn& c = columns_of_table_[static_cast<std::size_t>(column)];
    std::swap(out_, c.text);
    std::swap(size_, c.size);
  }
}

void JsonWriter::value(std::string_view text) {
  separate();
  escape(text);
}

void JsonWriter::value(double number) {
  if (number_due_) return keep_number(number);
  separate();
  put_number(number);
}

void JsonWriter::put_number(double number) {
  if (!std::isfinite(number)) {
    put("null");
    return;
  }
  char buffer[64];
  // nlohmann's Grisu2 shortest round-trip form, the same text json::dump() writes.
  char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, number);
  put(buffer, static_cast<std::size_t>(end - buffer));
}

namespace {
// Integers up to 2^53 are exact as doubles: a table kept apart keeps them with its numbers.
constexpr std::uint64_t kExactInDouble = std::uint64_t{1} << 53;
}  // namespace

void JsonWriter::value(std::int64_t number) {
  if (number_due_ && number >= -static_cast<std::int64_t>(kExactInDouble) &&
      number <= static_cast<std::int64_t>(kExactInDouble))
    return keep_number(static_cast<double>(number));
  separate();
  if (number < 0) {
    put('-');
    // The magnitude as unsigned: -INT64_MIN does not fit a signed 64-bit integer.
    put_digits(0 - static_cast<std::uint64_t>(number));
  } else {
    put_digits(static_cast<std::uint64_t>(number));
  }
}

void JsonWriter::value(std::uint64_t number) {
  if (number_due_ && number <= kExactInDouble) return keep_number(static_cast<double>(number));
  separate();
  put_digits(number);
}

void JsonWriter::put_digits(std::uint64_t number) {
  char digits[20];
  char* at = digits + sizeof digits;
  do {
    *--at = static_cast<char>('0' + number % 10);
    number /= 10;
  } while (number > 0);
  put(at, static_cast<std::size_t>(digits + sizeof digits - at));
}

void JsonWriter::value(bool flag) {
  separate();
  put(flag ? std::string_view("true") : std::string_view("false"));
}

void JsonWriter::value(const std::optional<double>& number) {
  if (number)
    value(*number);
  else
    null();
}

void JsonWriter::null() {
  if (number_due_) return keep_number(std::numeric_limits<double>::quiet_NaN());
  separate();
  put("null");
}

void JsonWriter::raw(std::string_view json) {
  separate();
  put(json);
}

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not valid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  std::size_t n;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    n = 3;
  else if (c >= 0xF0 && c <= 0xF4)
    n = 4;
  else
    return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  if (c == 0xE0 && byte(i + 1) < 0xA0) return 0;  // overlong
  if (c == 0xED && byte(i + 1) > 0x9F) return 0;  // surrogates
  if (c == 0xF0 && byte(i + 1) < 0x90) return 0;  // overlong
  if (c == 0xF4 && byte(i + 1) > 0x8F) return 0;  // beyond U+10FFFF
  return n;
}

// Bytes that cannot be copied as they are: controls, '"', '\\' and non-ASCII (checked as UTF-8).
struct SpecialBytes {
  bool table[256] = {};
  constexpr SpecialBytes() {
    for (int c = 0; c < 0x20; ++c) table[c] = true;
    for (int c = 0x80; c < 0x100; ++c) table[c] = true;
    table[static_cast<unsigned char>('"')] = true;
    table[static_cast<unsigned char>('\\')] = true;
  }
};
constexpr SpecialBytes kSpecial;

}  // namespace

void JsonWriter::escape(std::string_view text) {
  put('"');
  std::size_t plain = 0;  // start of the run of bytes copied as they are
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (!kSpecial.table[c]) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const std::size_t n = utf8_length(text, i);
      if (n > 0) {
        if (ascii_) {
          put(text.data() + plain, i - plain);
          put_code_point(text.substr(i, n));
          plain = i + n;
        }
        i += n;
        continue;
      }
    }
    put(text.data() + plain, i - plain);
    switch (c) {
      case '"':
        put("\\\"");
        break;
      case '\\':
        put("\\\\");
        break;
      case '\n':
        put("\\n");
        break;
      case '\r':
        put("\\r");
        break;
      case '\t':
        put("\\t");
        break;
      case '\b':
        put("\\b");
        break;
      case '\f':
        put("\\f");
        break;
      default:
        if (c < 0x20)
          put_u_escape(c);
        else if (ascii_)
          put_u_escape(0xFFFD);  // U+FFFD for a byte that is not UTF-8
        else
          put("\xEF\xBF\xBD");
    }
    ++i;
    plain = i;
  }
  put(text.data() + plain, text.size() - plain);
  put('"');
}

void JsonWriter::put_u_escape(unsigned unit) {
  static const char* kHex = "0123456789abcdef";
  const char text[6] = {'\\',
                        'u',
                        kHex[(unit >> 12) & 0xF],
                        kHex[(unit >> 8) & 0xF],
                        kHex[(unit >> 4) & 0xF],
                        kHex[unit & 0xF]};
  put(text, sizeof text);
}

// One valid UTF-8 sequence (utf8_length checked it) as its \u escape, or a surrogate pair.
void JsonWriter::put_code_point(std::string_view utf8) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(utf8[k]) & 0x3Fu; };
  const auto lead = static_cast<unsigned char>(utf8[0]);
  unsigned cp;
  if (utf8.size() == 2)
    cp = ((lead & 0x1Fu) << 6) | byte(1);
  else if (utf8.size() == 3)
    cp = ((lead & 0x0Fu) << 12) | (byte(1) << 6) | byte(2);
  else
    cp = ((lead & 0x07u) << 18) | (byte(1) << 12) | (byte(2) << 6) | byte(3);
  if (cp < 0x10000) {
    put_u_escape(cp);
  } else {
    cp -= 0x10000;
    put_u_escape(0xD800 + (cp >> 10));
    put_u_escape(0xDC00 + (cp & 0x3FF));
  }
}

}  // namespace pulse::report
