#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pulse/io/record_sink.h"

namespace pulse::io {

struct CsvOptions {
  char delimiter = ',';
  std::size_t max_field_bytes = std::size_t{1} << 20;  // a longer field stops the file
  // A reader for a later part of a file (parallel loading): the bytes start at a record on
  // line `first_line`, after the file's header, which is given here (no BOM, no header row).
  std::size_t first_line = 1;
  std::vector<std::string> header = {};
};

/// Picks the delimiter among ',' ';' '\t' '|' from the first lines of a file: the one that
/// splits the most lines (outside quotes) into the same number (> 1) of fields.
char detect_delimiter(std::string_view head);

/// Push parser for RFC 4180 text: quoted fields with delimiters, "" and newlines inside,
/// CRLF or LF (or a lone CR), a UTF-8 BOM at the start. Bytes may arrive in chunks split
/// anywhere, even inside a quote or a CRLF pair. The first row is the header.
///
///   CsvReader reader(sink, {';'});
///   while (n = read(buf)) reader.feed({buf, n});
///   reader.finish();
///
/// Rows whose field count differs from the header's are passed to on_bad_record (a row with
/// extra fields that are all empty is accepted). Blank lines are skipped.
///
/// A quote that is never closed (the file ends inside it, or it runs past max_field_bytes)
/// costs its row only: the row goes to on_bad_record ("unterminated quote opened on line N in
/// column 'c': ..."), and reading goes back to the line after the one that opened the quote,
/// re-scanning the original bytes kept since the quote (at most max_field_bytes of them).
/// Without this, one stray quote swallowed the rest of the file into a single field. After
/// kMaxQuoteRecoveries such rows the reader stops recovering (a file of stray quotes would be
/// re-scanned once per quote) and behaves as before: the row runs to the end, or the limit
/// throws.
///
/// An unquoted field longer than max_field_bytes throws PulseError "pulse.csv.003" naming
/// the line; rows before it have already been delivered.
class CsvReader {
 public:
  CsvReader(RecordSink& sink, CsvOptions options);
  void feed(std::string_view bytes);
  void finish();
  // Data rows, bad ones included; not the header.
  std::size_t rows_read() const { return rows_read_; }
  // Physical lines read so far (CR, LF or CRLF each end one; a last line without one counts).
  std::size_t lines() const;
  // The line where the row being read (or the last one) starts.
  std::size_t row_line() const { return row_line_; }
  // Between two rows: the bytes fed so far end at a record boundary, no quote open.
  bool between_rows() const { return state_ == State::row_start || state_ == State::after_cr; }
  static constexpr std::size_t kMaxQuoteRecoveries = 100;

 private:
  // row_start: between rows; after_cr: a row ended with CR, an LF may follow.
  enum class State : unsigned char {
    row_start,
    field_start,
    unquoted,
    quoted,
    quote_in_quoted,
    after_cr,
    skip_line  // after an unterminated quote: the rest of the line that opened it
  };
  struct Span {
    std::size_t begin;
    std::size_t end;
  };

  std::string_view skip_bom(std::string_view bytes);
  void parse(const char* p, const char* end);
  void parse_states(const char* p, const char* end);  // the state machine over [p, end)
  const char* on_row_start(const char* p);
  const char* on_field_start(const char* p);
  const char* on_unquoted(const char* p, const char* end);
  const char* on_quoted(const char* p, const char* end);
  const char* on_quote_in_quoted(const char* p);
  const char* on_skip_line(const char* p, const char* end);
  bool can_recover() const { return recoveries_ < kMaxQuoteRecoveries; }
  void recover_quote(std::string_view raw_tail, const std::string& why);
  const char* end_row(const char* newline);
  void flush(const char* upto);
  void check_field(std::size_t end) const;
  [[noreturn]] void throw_field_too_long() const;
  void count_lines(const char* p, const char* end);
  void emit_row(const char* base);
  void emit_header(const char* base);
  std::size_t logical(const char* p) const {
    return row_.size() + static_cast<std::size_t>(p - pending_);
  }

  RecordSink& sink_;
  CsvOptions options_;
  bool is_stop_[256] = {};  // delimiter, CR, LF: bytes that end an unquoted run
  State state_ = State::row_start;
  bool at_file_start_ = true;  // to skip a BOM
  std::string bom_probe_;      // BOM bytes split across chunks
  // The current row is row_ followed by the not yet copied bytes [pending_, p) of the chunk;
  // field spans are offsets into that logical buffer.
  std::string row_;
  const char* pending_ = nullptr;
  std::vector<Span> spans_;
  std::vector<std::string_view> views_;
  std::vector<std::string> header_;
  bool have_header_ = false;
  bool prev_cr_ = false;  // last byte inside quotes was CR (CRLF is one line)
  std::size_t field_begin_ = 0;
  std::size_t line_ = 1;        // current physical line
  std::size_t row_line_ = 1;    // line where the current row started
  std::size_t quote_line_ = 0;  // line where the open quote started
  std::size_t rows_read_ = 0;
  // The original bytes after the open quote (row_ holds them unescaped): quote_raw_ from
  // earlier chunks, then the current chunk from quote_raw_from_.
  std::string quote_raw_;
  const char* quote_raw_from_ = nullptr;
  std::size_t recoveries_ = 0;
};

}  // namespace pulse::io
