#include "pulse/io/csv_reader.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/text/ascii.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace pulse::io {

namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";
constexpr std::size_t kBomSize = 3;
constexpr std::size_t kDetectRows = 20;
constexpr std::array<char, 4> kCandidates = {',', ';', '\t', '|'};

bool is_newline(char c) {
  return c == '\n' || c == '\r';
}

// Finds the delimiters, CRs and LFs of a block of bytes at once: SIMD where the target has it,
// else eight bytes in a 64-bit word. offset() gives the position of the lowest hit of a mask.
#if defined(__SSE2__)
struct StopScanner {
  static constexpr std::ptrdiff_t kBlock = 16;
  using Mask = unsigned;
  explicit StopScanner(char delimiter) : delimiter(_mm_set1_epi8(delimiter)) {}
  Mask operator()(const char* p) const {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hits =
        _mm_or_si128(_mm_cmpeq_epi8(bytes, delimiter),
                     _mm_or_si128(_mm_cmpeq_epi8(bytes, lf), _mm_cmpeq_epi8(bytes, cr)));
    return static_cast<Mask>(_mm_movemask_epi8(hits));
  }
  static int offset(Mask m) { return __builtin_ctz(m); }
  __m128i delimiter;
  __m128i lf = _mm_set1_epi8('\n');
  __m128i cr = _mm_set1_epi8('\r');
};
#elif defined(__wasm_simd128__)
struct StopScanner {
  static constexpr std::ptrdiff_t kBlock = 16;
  using Mask = std::uint32_t;
  explicit StopScanner(char delimiter) : delimiter(wasm_i8x16_splat(delimiter)) {}
  Mask operator()(const char* p) const {
    const v128_t bytes = wasm_v128_load(p);
    const v128_t hits =
        wasm_v128_or(wasm_i8x16_eq(bytes, delimiter),
                     wasm_v128_or(wasm_i8x16_eq(bytes, lf), wasm_i8x16_eq(bytes, cr)));
    return wasm_i8x16_bitmask(hits);
  }
  static int offset(Mask m) { return __builtin_ctz(m); }
  v128_t delimiter;
  v128_t lf = wasm_i8x16_splat('\n');
  v128_t cr = wasm_i8x16_splat('\r');
};
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
struct StopScanner {
  static constexpr std::ptrdiff_t kBlock = 8;
  using Mask = std::uint64_t;
  static constexpr Mask kOnes = 0x0101010101010101ULL;
  static constexpr Mask kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  explicit StopScanner(char delimiter) : delimiter(kOnes * static_cast<unsigned char>(delimiter)) {}
  // High bit set in exactly the bytes of `word` that equal the byte repeated in `pattern`.
  static Mask match(Mask word, Mask pattern) {
    const Mask x = word ^ pattern;
    return ~(((x & kLow7) + kLow7) | x | kLow7);
  }
  Mask operator()(const char* p) const {
    Mask word;
    std::memcpy(&word, p, sizeof word);
    return match(word, delimiter) | match(word, kOnes * '\n') | match(word, kOnes * '\r');
  }
  static int offset(Mask m) { return __builtin_ctzll(m) / 8; }
  Mask delimiter;
};
#else
struct StopScanner {  // no block scan: the byte loop does all the work
  static constexpr std::ptrdiff_t kBlock = 0;
  using Mask = unsigned;
  explicit StopScanner(char) {}
  Mask operator()(const char*) const { return 0; }
  static int offset(Mask) { return 0; }
};
#endif

std::string trim_spaces(std::string_view s) {
  return std::string(text::trim_spaces_and_tabs(s));
}

// Field count of each of the first rows of `head` split by `delim`, honouring quotes.
std::vector<std::size_t> field_counts(std::string_view head, char delim) {
  std::vector<std::size_t> counts;
  std::size_t fields = 1;
  bool in_quotes = false;
  bool at_field_start = true;
  bool row_has_bytes = false;
  for (std::size_t i = 0; i < head.size() && counts.size() < kDetectRows; ++i) {
    const char c = head[i];
    if (in_quotes) {
      if (c != '"') continue;
      if (i + 1 < head.size() && head[i + 1] == '"') {
        ++i;
      } else {
        in_quotes = false;
      }
    } else if (is_newline(c)) {
      // The LF of a CRLF makes an empty row, which is skipped like a blank line.
      if (row_has_bytes) counts.push_back(fields);
      fields = 1;
      at_field_start = true;
      row_has_bytes = false;
    } else {
      row_has_bytes = true;
      in_quotes = c == '"' && at_field_start;
      if (c == delim) ++fields;
      at_field_start = c == delim;
    }
  }
  // A cut-off last row would miscount; use it only when nothing else is there.
  if (counts.empty() && row_has_bytes) counts.push_back(fields);
  return counts;
}

struct DelimiterScore {
  std::size_t header_matches = 0;  // rows with the header's field count (> 1)
  std::size_t mode_rows = 0;       // rows with the most frequent field count (> 1)
  bool operator>(const DelimiterScore& o) const {
    if (header_matches != o.header_matches) return header_matches > o.header_matches;
    return mode_rows > o.mode_rows;
  }
};

DelimiterScore score(const std::vector<std::size_t>& counts) {
  DelimiterScore s;
  if (counts.empty()) return s;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[0] > 1 && counts[i] == counts[0]) ++s.header_matches;
    if (counts[i] <= 1) continue;
    std::size_t same = 0;
    for (std::size_t n : counts) same += n == counts[i];
    if (same > s.mode_rows) s.mode_rows = same;
  }
  return s;
}

}  // namespace

char detect_delimiter(std::string_view head) {
  if (head.substr(0, kBomSize) == kBom) head.remove_prefix(kBomSize);
  char best = ',';
  DelimiterScore best_score;
  // Strictly greater, so that ties keep the earlier candidate.
  for (char d : kCandidates) {
    const DelimiterScore s = score(field_counts(head, d));
    if (s > best_score) {
      best = d;
      best_score = s;
    }
  }
  return best;
}

CsvReader::CsvReader(RecordSink& sink, CsvOptions options)
    : sink_(sink), options_(std::move(options)) {
  line_ = row_line_ = options_.first_line;
  if (!options_.header.empty()) {  // a later part of a file: its header is known
    header_ = options_.header;
    have_header_ = true;
    at_file_start_ = false;
  }
  is_stop_[static_cast<unsigned char>(options_.delimiter)] = true;
  is_stop_[static_cast<unsigned char>('\n')] = true;
  is_stop_[static_cast<unsigned char>('\r')] = true;
}

void CsvReader::feed(std::string_view bytes) {
  if (at_file_start_) bytes = skip_bom(bytes);
  if (!bytes.empty()) parse(bytes.data(), bytes.data() + bytes.size());
}

// Eats a BOM at the start of the file, even when it arrives one byte per chunk.
std::string_view CsvReader::skip_bom(std::string_view bytes) {
  while (!bytes.empty() && bom_probe_.size() < kBomSize &&
         bytes.front() == kBom[bom_probe_.size()]) {
    bom_probe_.push_back(bytes.front());
    bytes.remove_prefix(1);
  }
  if (bom_probe_.size() < kBomSize && bytes.empty()) return bytes;  // may still be a BOM
  at_file_start_ = false;
  if (bom_probe_.size() < kBomSize && !bom_probe_.empty()) {
    // Not a BOM after all: the probed bytes are data.
    const std::string probe = std::move(bom_probe_);
    parse(probe.data(), probe.data() + probe.size());
  }
  bom_probe_.clear();
  return bytes;
}

void CsvReader::parse(const char* p, const char* end) {
  pending_ = p;
  quote_raw_from_ = p;  // a quote opened in an earlier chunk goes on here
  for (;;) {
    parse_states(p, end);
    // A "" closing the chunk can take a quoted field one byte past the limit, where no
    // on_quoted() looked: recover here, as on_quoted() does mid-chunk, while the bytes to cut
    // at are still in this chunk; else the same bytes in other chunks recover or stop (the
    // fuzzer's csv_reader harness found a file refused in 1-16 byte chunks, read whole).
    if (state_ != State::quoted || logical(end) - field_begin_ <= options_.max_field_bytes ||
        !can_recover())
      break;
    p = on_quoted(end, end);
  }
  if (state_ == State::row_start || state_ == State::after_cr || state_ == State::skip_line) return;
  if (state_ == State::quoted || state_ == State::quote_in_quoted)
    quote_raw_.append(quote_raw_from_, static_cast<std::size_t>(end - quote_raw_from_));
  // The chunk goes away: keep the row's bytes, but never more than one field's limit.
  if (state_ == State::unquoted || state_ == State::quoted) check_field(logical(end));
  flush(end);
}

void CsvReader::parse_states(const char* p, const char* end) {
  while (p < end) {
    switch (state_) {
      case State::row_start:
        p = on_row_start(p);
        break;
      case State::field_start:
        p = on_field_start(p);
        break;
      case State::unquoted:
        p = on_unquoted(p, end);
        break;
      case State::quoted:
        p = on_quoted(p, end);
        break;
      case State::quote_in_quoted:
        p = on_quote_in_quoted(p);
        break;
      case State::after_cr:
        state_ = State::row_start;
        if (*p == '\n') ++p;
        break;
      case State::skip_line:
        p = on_skip_line(p, end);
        break;
    }
  }
}

const char* CsvReader::on_row_start(const char* p) {
  if (is_newline(*p)) {  // a blank line
    ++line_;
    state_ = *p == '\r' ? State::after_cr : State::row_start;
    return p + 1;
  }
  row_line_ = line_;
  pending_ = p;  // row_ is empty between rows
  state_ = State::field_start;
  return p;
}

const char* CsvReader::on_field_start(const char* p) {
  if (*p != '"') {
    field_begin_ = logical(p);
    state_ = State::unquoted;
    return p;
  }
  flush(p);
  pending_ = p + 1;  // the opening quote is not part of the value
  field_begin_ = row_.size();
  quote_line_ = line_;
  quote_raw_.clear();
  quote_raw_from_ = p + 1;
  prev_cr_ = false;
  state_ = State::quoted;
  return p + 1;
}

// Hot loop: runs through the plain fields of a row a block at a time without going back to the
// state switch, with the parser's state in locals. A quote inside an unquoted field is kept
// literally (lenient, like Excel).
const char* CsvReader::on_unquoted(const char* p, const char* end) {
  const char delimiter = options_.delimiter;
  const std::size_t limit = options_.max_field_bytes;
  const std::size_t flushed = row_.size();
  const char* const origin = pending_;
  std::size_t begin = field_begin_;
  const char* resume = end;
  // Closes the field at `stop`; false when the row ends or a quoted field follows.
  const auto close_field = [&](const char* stop) {
    const std::size_t field_end = flushed + static_cast<std::size_t>(stop - origin);
    if (field_end - begin > limit) throw_field_too_long();
    spans_.push_back({begin, field_end});
    if (*stop != delimiter) {
      resume = end_row(stop);
      return false;
    }
    resume = stop + 1;
    if (resume == end || *resume == '"') {
      state_ = State::field_start;
      return false;
    }
    begin = field_end + 1;
    return true;
  };
  const StopScanner scan(delimiter);
  for (; StopScanner::kBlock > 0 && end - p >= StopScanner::kBlock; p += StopScanner::kBlock) {
    for (StopScanner::Mask hits = scan(p); hits != 0; hits &= hits - 1) {
      if (!close_field(p + StopScanner::offset(hits))) return resume;
    }
  }
  for (; p < end; ++p) {
    if (is_stop_[static_cast<unsigned char>(*p)] && !close_field(p)) return resume;
  }
  field_begin_ = begin;  // the field goes on in the next chunk
  return end;
}

const char* CsvReader::on_quoted(const char* p, const char* end) {
  const void* hit = std::memchr(p, '"', static_cast<std::size_t>(end - p));
  const char* q = hit ? static_cast<const char*>(hit) : end;
  count_lines(p, q);
  if (logical(q) - field_begin_ > options_.max_field_bytes && can_recover()) {
    // Only the bytes up to the limit are needed to find the line after the opening quote.
    const char* cut = q - (logical(q) - field_begin_ - options_.max_field_bytes);
    std::string raw = std::move(quote_raw_);
    raw.append(quote_raw_from_, static_cast<std::size_t>(cut - quote_raw_from_));
    recover_quote(
        raw, "no closing quote within " + std::to_string(options_.max_field_bytes) + " bytes; ");
    // The rest of this chunk follows what the re-scan left.
    if (state_ == State::row_start || state_ == State::after_cr || state_ == State::skip_line) {
      row_.clear();
    }
    pending_ = cut;
    quote_raw_from_ = cut;
    return cut;
  }
  check_field(logical(q));
  if (q == end) return q;
  flush(q);
  pending_ = q + 1;  // drop the quote; if it is the first of "", the second one is kept
  state_ = State::quote_in_quoted;
  return q + 1;
}

const char* CsvReader::on_quote_in_quoted(const char* p) {
  const char c = *p;
  if (c == '"') {  // "" stands for one quote, which is already pending
    prev_cr_ = false;
    state_ = State::quoted;
    return p + 1;
  }
  if (c != options_.delimiter && !is_newline(c)) {
    // Lenient: text between a closing quote and the delimiter ("ab"c) is appended (abc).
    state_ = State::unquoted;
    return p;
  }
  spans_.push_back({field_begin_, logical(p)});
  if (c != options_.delimiter) return end_row(p);
  state_ = State::field_start;
  return p + 1;
}

const char* CsvReader::on_skip_line(const char* p, const char* end) {
  for (; p < end; ++p) {
    if (!is_newline(*p)) continue;
    ++line_;
    state_ = *p == '\r' ? State::after_cr : State::row_start;
    return p + 1;
  }
  return end;
}

// The row of an unterminated quote is bad; the bytes after the quote are read again from the
// line after the one that opened it. `raw_tail` holds the original bytes after the quote.
void CsvReader::recover_quote(std::string_view raw_tail, const std::string& why) {
  ++recoveries_;
  std::string where;
  const std::size_t field = spans_.size();
  if (have_header_ && field < header_.size()) where = " in column '" + header_[field] + "'";
  if (have_header_) ++rows_read_;
  Message reason(ids::kRowQuoteSkipped, "unterminated quote opened on line " +
                                            std::to_string(quote_line_) + where + ": " + why +
                                            "the row is skipped, reading resumes on line " +
                                            std::to_string(quote_line_ + 1));
  reason.count("quote_line", quote_line_).count("resume_line", quote_line_ + 1);
  if (!where.empty()) reason.param("column", header_[field]);
  sink_.on_bad_record(row_line_, reason);
  row_.clear();
  spans_.clear();
  quote_raw_.clear();
  line_ = quote_line_;
  prev_cr_ = false;
  state_ = State::skip_line;
  const std::string tail(raw_tail);  // parse() may keep pointers into it until it returns
  if (!tail.empty()) parse(tail.data(), tail.data() + tail.size());
}

const char* CsvReader::end_row(const char* newline) {
  const char* base = pending_;
  if (!row_.empty()) {
    flush(newline);
    base = row_.data();
  }
  emit_row(base);
  row_.clear();
  ++line_;
  state_ = *newline == '\r' ? State::after_cr : State::row_start;
  return newline + 1;
}

void CsvReader::flush(const char* upto) {
  row_.append(pending_, static_cast<std::size_t>(upto - pending_));
  pending_ = upto;
}

void CsvReader::check_field(std::size_t end) const {
  if (end - field_begin_ > options_.max_field_bytes) throw_field_too_long();
}

void CsvReader::throw_field_too_long() const {
  throw PulseError(ids::kCsvFieldTooLong,
                   "line " + std::to_string(row_line_) + ": field longer than " +
                       std::to_string(options_.max_field_bytes) + " bytes (a quote left open?)",
                   {{"limit_bytes", std::to_string(options_.max_field_bytes), true}});
}

// Newlines inside quotes still advance the physical line: CR, LF or CRLF.
void CsvReader::count_lines(const char* p, const char* end) {
  for (; p < end; ++p) {
    const char c = *p;
    if (c == '\r' || (c == '\n' && !prev_cr_)) ++line_;
    prev_cr_ = c == '\r';
  }
}

void CsvReader::emit_row(const char* base) {
  if (!have_header_) {
    emit_header(base);
    spans_.clear();
    return;
  }
  ++rows_read_;
  const std::size_t want = header_.size();
  std::size_t found = spans_.size();
  // Extra fields that are all empty (a trailing delimiter) are dropped.
  while (found > want && spans_[found - 1].begin == spans_[found - 1].end) --found;
  if (found != want) {
    sink_.on_bad_record(row_line_, Message(ids::kRowFieldCount, "expected " + std::to_string(want) +
                                                                    " fields, found " +
                                                                    std::to_string(spans_.size()))
                                       .count("expected", want)
                                       .count("found", spans_.size()));
    spans_.clear();
    return;
  }
  views_.resize(want);
  for (std::size_t i = 0; i < want; ++i) {
    views_[i] = std::string_view(base + spans_[i].begin, spans_[i].end - spans_[i].begin);
  }
  spans_.clear();
  sink_.on_record(row_line_, views_);
}

void CsvReader::emit_header(const char* base) {
  header_.clear();
  for (const Span& s : spans_) {
    header_.push_back(trim_spaces({base + s.begin, s.end - s.begin}));
    if (header_.back().empty()) header_.back() = "column_" + std::to_string(header_.size());
  }
  have_header_ = true;
  sink_.on_columns(header_);
}

std::size_t CsvReader::lines() const {
  const bool between_lines = state_ == State::row_start || state_ == State::after_cr;
  return between_lines ? line_ - 1 : line_;
}

void CsvReader::finish() {
  if (at_file_start_ && !bom_probe_.empty()) {
    // A file shorter than a BOM that starts like one: those bytes are data.
    const std::string probe = std::move(bom_probe_);
    bom_probe_.clear();
    at_file_start_ = false;
    parse(probe.data(), probe.data() + probe.size());
  }
  // Every byte of the open row is in row_ now (parse() flushes at the end of each chunk).
  while (state_ == State::quoted && can_recover()) {
    const std::string raw = std::move(quote_raw_);
    recover_quote(raw, "");
  }
  switch (state_) {
    case State::row_start:
    case State::after_cr:
    case State::skip_line:
      break;
    case State::quoted:
      if (have_header_) ++rows_read_;
      sink_.on_bad_record(
          row_line_, Message(ids::kRowQuoteAtEnd,
                             "unterminated quote opened on line " + std::to_string(quote_line_))
                         .count("quote_line", quote_line_));
      break;
    case State::field_start:  // the file ends with a delimiter: one more empty field
      field_begin_ = row_.size();
      [[fallthrough]];
    case State::unquoted:
    case State::quote_in_quoted:
      spans_.push_back({field_begin_, row_.size()});
      emit_row(row_.data());
      break;
  }
  row_.clear();
  spans_.clear();
  if (state_ != State::row_start && state_ != State::after_cr)
    ++line_;  // a last line without a newline
  state_ = State::row_start;
}

}  // namespace pulse::io
