#include "pulse/io/json_reader.h"

#include <utility>

#include "json_record_flattener.h"
#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/text/ascii.h"

namespace pulse::io {
namespace {

constexpr std::size_t kMaxProbeKey = 32;  // longer keys are neither `items` nor envelope keys

bool is_envelope_key(std::string_view key) {
  return key == "search_criteria" || key == "total_count";
}

// A record, array or wrapping object (`what`) still open at the end of the file.
Message truncated(const char* what, std::size_t line) {
  return Message(ids::kRowJsonTruncated, std::string("truncated JSON: ") + what +
                                             " opened on line " + std::to_string(line) +
                                             " is not closed")
      .param("what", what)
      .count("opened_line", line);
}

std::string describe_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7F) return std::string("'") + c + "'";
  static const char kHex[] = "0123456789ABCDEF";
  return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 0xF];
}

// The first byte from `at` on that a string scanner must look at: '"', '\\' or a line break.
std::size_t plain_string_end(std::string_view bytes, std::size_t at) {
  while (at < bytes.size()) {
    const char c = bytes[at];
    if (c == '"' || c == '\\' || c == '\n') break;
    ++at;
  }
  return at;
}

PulseError not_json(std::size_t line, char c) {
  return PulseError(ids::kJsonNotRecords, "line " + std::to_string(line) + ": not a JSON array, " +
                                              "object or NDJSON: found " + describe_byte(c) +
                                              " where '[' or '{' was expected");
}

}  // namespace

JsonReader::JsonReader(RecordSink& sink, JsonReaderOptions options)
    : sink_(sink),
      flat_(std::make_unique<JsonRecordFlattener>(
          columns_, column_index_,
          options.whole_record_object.empty() ? std::string() : options.whole_record_object + ".")),
      max_record_bytes_(options.max_record_bytes) {}

JsonReader::~JsonReader() = default;

void JsonReader::feed(std::string_view bytes) {
  if (bom_ < 3) skip_bom(bytes);
  chunk_ = bytes;
  seg_start_ = 0;
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    if (in_string_ && !escape_ && !capturing_key_) {
      at = plain_string_end(bytes, at);  // most bytes are string text: skip them in a tight loop
      if (at == bytes.size()) break;
    }
    const char c = bytes[at];
    scan_at_ = at;
    step(c, at);
    if (c == '\n') ++line_;
  }
  // The record goes on in the next chunk: keep its bytes (only the open record's).
  if (mode_ == Mode::kObject || mode_ == Mode::kElement) {
    pending_.append(bytes.data() + seg_start_, bytes.size() - seg_start_);
    if (pending_.size() > max_record_bytes_) throw_too_long();
  }
  chunk_ = {};
}

void JsonReader::finish() {
  if (bom_ > 0 && bom_ < 3) throw not_json(line_, '\xEF');
  switch (mode_) {
    case Mode::kObject:
      bad(record_line_, truncated("record", record_line_));
      break;
    case Mode::kElement:
      if (in_string_ || depth_ > array_depth_) {
        bad(record_line_, truncated("record", record_line_));
        break;
      }
      // The element is whole; only the array's `]` is missing.
      emit_record(pending_, record_line_);
      bad(array_line_, truncated("array", array_line_));
      break;
    case Mode::kArray:
      bad(array_line_, truncated("array", array_line_));
      break;
    case Mode::kWrapperTail:
      bad(wrapper_line_, truncated("object", wrapper_line_));
      break;
    case Mode::kTop:
    case Mode::kSkipLine:
      break;
  }
  pending_.clear();
  mode_ = Mode::kTop;
}

// The BOM may be split across chunks; bytes that start like one but are not are no JSON.
void JsonReader::skip_bom(std::string_view& bytes) {
  static const char kBom[] = "\xEF\xBB\xBF";
  while (bom_ < 3 && !bytes.empty()) {
    if (bytes.front() != kBom[bom_]) {
      if (bom_ > 0) throw not_json(line_, kBom[0]);
      bom_ = 3;
      return;
    }
    ++bom_;
    bytes.remove_prefix(1);
  }
}

void JsonReader::step(char c, std::size_t at) {
  switch (mode_) {
    case Mode::kTop:
      step_top(c, at);
      break;
    case Mode::kSkipLine:
      if (c == '\n') mode_ = Mode::kTop;
      break;
    case Mode::kObject:
      step_object(c, at);
      break;
    case Mode::kArray:
      step_array(c, at);
      break;
    case Mode::kElement:
      step_element(c, at);
      break;
    case Mode::kWrapperTail:
      step_tail(c);
      break;
  }
}

void JsonReader::step_top(char c, std::size_t at) {
  if (text::is_ascii_space(c)) return;
  if (c == '{') {
    start_object(at);
  } else if (c == '[') {
    array_line_ = line_;
    depth_ = 1;
    start_array(false);
  } else if (!seen_value_) {
    throw not_json(line_, c);
  } else {
    // Junk between NDJSON records loses a line, not the file.
    const std::string byte = describe_byte(c);
    bad(line_, Message(ids::kRowJsonUnexpected, "not a JSON object: unexpected " + byte)
                   .param("byte", byte));
    mode_ = Mode::kSkipLine;
  }
}

void JsonReader::start_object(std::size_t at) {
  seen_value_ = true;
  mode_ = Mode::kObject;
  record_line_ = line_;
  seg_start_ = at;
  pending_.clear();
  depth_ = 1;
  kinds_.assign(1, '{');
  last_token_ = '{';
  line_start_ = false;
  in_string_ = escape_ = false;
  probe_ = true;
  capturing_key_ = expect_items_ = false;
}

void JsonReader::start_array(bool wrapper) {
  seen_value_ = true;
  mode_ = Mode::kArray;
  in_wrapper_ = wrapper;
  array_depth_ = depth_;
  in_string_ = escape_ = false;
}

void JsonReader::close_array() {
  --depth_;
  mode_ = in_wrapper_ ? Mode::kWrapperTail : Mode::kTop;
}

void JsonReader::step_object(char c, std::size_t at) {
  if (in_string_) {
    object_string_byte(c);
    return;
  }
  if (text::is_ascii_space(c)) {
    if (c == '\n') line_start_ = true;
    return;
  }
  const bool at_line_start = line_start_;
  line_start_ = false;
  if (depth_ == 1 && probe_ && probe_wrapper(c)) return;
  switch (c) {
    case '"':
      in_string_ = true;
      capturing_key_ = probe_ && depth_ == 1 && (last_token_ == '{' || last_token_ == ',');
      if (capturing_key_) key_probe_.clear();
      return;  // last_token_ is set when the string closes
    case '{':
      if (at_line_start && !value_allowed()) {
        // An NDJSON line that never closed: the next line's record starts here.
        check_length(at);
        bad(record_line_,
            Message(ids::kRowJsonNotClosed,
                    "invalid JSON: record is not closed before the next one on line " +
                        std::to_string(line_))
                .count("next_line", line_));
        start_object(at);
        return;
      }
      [[fallthrough]];
    case '[':
      ++depth_;
      kinds_.push_back(c);
      break;
    case '}':
    case ']':
      if (!kinds_.empty()) kinds_.pop_back();
      if (--depth_ == 0) {
        end_record(at + 1);
        mode_ = Mode::kTop;
        return;
      }
      break;
    default:
      break;
  }
  last_token_ = c;
}

void JsonReader::object_string_byte(char c) {
  if (c == '\n') {
    // JSON strings cannot hold a raw line break: this NDJSON line is broken.
    check_length(scan_at_);
    bad(record_line_, Message(ids::kRowJsonLineBreak, "invalid JSON: line break inside a string"));
    pending_.clear();
    in_string_ = escape_ = capturing_key_ = false;
    depth_ = 0;
    mode_ = Mode::kTop;
    return;
  }
  if (escape_) {
    escape_ = false;
  } else if (c == '\\') {
    escape_ = true;
  } else if (c == '"') {
    in_string_ = false;
    last_token_ = '"';
    if (!capturing_key_) return;
    capturing_key_ = false;
    if (key_probe_ == "items") {
      expect_items_ = true;
    } else if (!is_envelope_key(key_probe_)) {
      probe_ = false;  // a record's own key: this object is a record
    }
    return;
  }
  if (capturing_key_ && key_probe_.size() <= kMaxProbeKey) key_probe_.push_back(c);
}

// At depth 1 of an undecided object: `"items": [` turns it into a wrapper (returns true).
bool JsonReader::probe_wrapper(char c) {
  if (!expect_items_ || c == ':') return false;
  expect_items_ = false;
  if (c != '[' || last_token_ != ':') {
    probe_ = false;  // `items` is not an array: a record like any other
    return false;
  }
  probe_ = false;
  pending_.clear();  // the envelope read so far is not wanted
  wrapper_line_ = record_line_;
  array_line_ = line_;
  depth_ = 2;
  start_array(true);
  return true;
}

bool JsonReader::value_allowed() const {
  if (last_token_ == ':' || last_token_ == '[') return true;
  return last_token_ == ',' && !kinds_.empty() && kinds_.back() == '[';
}

void JsonReader::step_array(char c, std::size_t at) {
  if (text::is_ascii_space(c) || c == ',') return;
  if (c == ']' || c == '}') {
    close_array();
    return;
  }
  mode_ = Mode::kElement;
  record_line_ = line_;
  seg_start_ = at;
  pending_.clear();
  step_element(c, at);
}

// An element runs to the next ',' or ']' at the array's depth, whatever it holds.
void JsonReader::step_element(char c, std::size_t at) {
  if (in_string_) {
    skip_string_byte(c);
    return;
  }
  switch (c) {
    case '"':
      in_string_ = true;
      break;
    case '{':
    case '[':
      ++depth_;
      break;
    case '}':
    case ']':
      if (depth_ > array_depth_) {
        --depth_;
        break;
      }
      end_record(at);
      close_array();
      break;
    case ',':
      if (depth_ == array_depth_) {
        end_record(at);
        mode_ = Mode::kArray;
      }
      break;
    default:
      break;
  }
}

void JsonReader::step_tail(char c) {
  if (in_string_) {
    skip_string_byte(c);
  } else if (c == '"') {
    in_string_ = true;
  } else if (c == '{' || c == '[') {
    ++depth_;
  } else if ((c == '}' || c == ']') && --depth_ == 0) {
    mode_ = Mode::kTop;
  }
}

void JsonReader::skip_string_byte(char c) {
  if (escape_) {
    escape_ = false;
  } else if (c == '\\') {
    escape_ = true;
  } else if (c == '"') {
    in_string_ = false;
  }
}

// The record's bytes are pending_ plus chunk_[seg_start_, end); most records lie in one chunk.
void JsonReader::end_record(std::size_t end) {
  const std::string_view tail = chunk_.substr(seg_start_, end - seg_start_);
  // The limit holds for the whole record, not only for the part carried across chunks: a
  // record that came in one chunk was let through where the same bytes in small chunks
  // stopped the file (found by fuzz/json_reader_fuzz.cpp).
  check_length(end);
  if (pending_.empty()) {
    emit_record(tail, record_line_);
  } else {
    pending_.append(tail.data(), tail.size());
    emit_record(pending_, record_line_);
    pending_.clear();
  }
}

// A record that ends at `end` of the chunk (well formed or not) was longer than the limit:
// the same verdict as the check on the bytes carried at a chunk's end, however they came.
void JsonReader::check_length(std::size_t end) const {
  if (pending_.size() + (end - seg_start_) > max_record_bytes_) throw_too_long();
}

void JsonReader::throw_too_long() const {
  throw PulseError(ids::kJsonRecordTooLong,
                   "line " + std::to_string(record_line_) + ": a JSON record longer than " +
                       std::to_string(max_record_bytes_) + " bytes (a bracket left open?)",
                   {{"limit_bytes", std::to_string(max_record_bytes_), true}});
}

void JsonReader::emit_record(std::string_view text, std::size_t line) {
  while (!text.empty() && text::is_ascii_space(text.back())) text.remove_suffix(1);
  const std::size_t known = columns_.size();
  if (!flat_->parse(text)) {
    drop_columns(known);
    bad(line, flat_->reason());
    return;
  }
  if (flat_->row_count() == 0) {
    drop_columns(known);  // columns are the keys of rows delivered
    return;
  }
  if (announced_ != columns_.size()) {
    sink_.on_columns(columns_);
    announced_ = columns_.size();
  }
  flat_->for_each_row(columns_.size(), [&](const std::vector<std::string_view>& row) {
    sink_.on_record(line, row);
    ++rows_read_;
  });
}

void JsonReader::drop_columns(std::size_t keep) {
  for (std::size_t i = keep; i < columns_.size(); ++i) column_index_.erase(columns_[i]);
  columns_.resize(keep);
}

void JsonReader::bad(std::size_t line, const Message& reason) {
  sink_.on_bad_record(line, reason);
  ++rows_read_;
}

}  // namespace pulse::io
