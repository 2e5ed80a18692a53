#include "json_record_flattener.h"

#include <clocale>

#include "pulse/error_ids.h"

namespace pulse::io {
namespace {

// nlohmann's messages start with "[json.exception...] parse error at line 1, column 9: ";
// positions inside one record would only mislead next to the file line.
std::string plain_message(std::string_view what) {
  if (!what.empty() && what.front() == '[') {
    const std::size_t close = what.find("] ");
    if (close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  if (what.rfind("parse error", 0) == 0) {
    const std::size_t colon = what.find(": ");
    if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
  }
  std::string message(what);
  // The "last read" token may hold broken UTF-8, which must not reach a JSON report.
  for (char& c : message) c = static_cast<unsigned char>(c) >= 0x80 ? '?' : c;
  return message;
}

}  // namespace

bool JsonRecordFlattener::parse(std::string_view text) {
  reset();
  decimal_point_ = *std::localeconv()->decimal_point;
  const bool ok = Json::sax_parse(text.data(), text.data() + text.size(), this);
  return ok && !not_object_;
}

Message JsonRecordFlattener::reason() const {
  if (not_object_) return Message(ids::kRowJsonNotObject, "not a JSON object");
  if (error_.empty()) return Message(ids::kRowJsonInvalid, "invalid JSON");
  // The parser's detail is English either way: a param the page may show beside its own words.
  return Message(ids::kRowJsonInvalid, "invalid JSON: " + error_).param("detail", error_);
}

bool JsonRecordFlattener::number_float(Json::number_float_t /*value*/, const string_t& text) {
  std::string* out = value_slot();
  if (out == nullptr) return !not_object_;
  *out = text;
  // The lexer writes the locale's decimal point into the text; the source had '.'.
  if (decimal_point_ != '.') {
    for (char& c : *out) c = c == decimal_point_ ? '.' : c;
  }
  return true;
}

bool JsonRecordFlattener::parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                                      const Json::exception& error) {
  error_ = plain_message(error.what());
  return false;
}

void JsonRecordFlattener::reset() {
  parent_.size = 0;
  item_count_ = 0;
  has_items_ = false;
  items_had_scalars_ = false;
  not_object_ = false;
  whole_record_ = false;
  error_.clear();
  frames_.clear();
  skip_ = 0;
  in_item_ = false;
  prefix_.clear();
  key_.clear();
}

// Where a scalar goes: null inside a dropped array, in the items array itself, or at the root.
std::string* JsonRecordFlattener::value_slot() {
  if (skip_ > 0) return nullptr;
  if (frames_.empty()) {
    not_object_ = true;
    return nullptr;
  }
  if (frames_.back().kind == Kind::kItems) {
    items_had_scalars_ = true;
    return nullptr;
  }
  name_.assign(prefix_).append(key_);
  FieldList& target = in_item_ ? items_[item_count_ - 1] : parent_;
  return &target.add(column(name_));
}

std::size_t JsonRecordFlattener::column(const std::string& name) {
  const auto found = index_.find(name);
  if (found != index_.end()) return found->second;
  columns_.push_back(name);
  index_.emplace(name, columns_.size() - 1);
  return columns_.size() - 1;
}

bool JsonRecordFlattener::start_object(std::size_t /*elements*/) {
  if (skip_ > 0) {
    ++skip_;
    return true;
  }
  frames_.push_back({Kind::kObject, prefix_.size(), in_item_});
  if (frames_.size() == 1) return true;  // the record itself
  if (frames_[frames_.size() - 2].kind == Kind::kItems) {
    if (item_count_ == items_.size()) items_.emplace_back();
    items_[item_count_++].size = 0;
    in_item_ = true;
    prefix_ = "items.";
    return true;
  }
  prefix_.append(key_).push_back('.');
  // The marker's own depth (a record's "a.b" object is frame 3), so that a key holding a dot
  // ({"a.b": {...}}) is not taken for it.
  if (!in_item_ && frames_.size() == whole_record_depth_ && prefix_ == whole_record_prefix_)
    whole_record_ = true;
  return true;
}

bool JsonRecordFlattener::end_object() {
  if (skip_ > 0) {
    --skip_;
    return true;
  }
  prefix_.resize(frames_.back().prefix_size);
  in_item_ = frames_.back().in_item;
  frames_.pop_back();
  return true;
}

bool JsonRecordFlattener::start_array(std::size_t /*elements*/) {
  if (skip_ > 0) {
    ++skip_;
    return true;
  }
  if (frames_.empty()) {
    not_object_ = true;
    return false;
  }
  if (frames_.size() == 1 && key_ == "items") {
    has_items_ = true;
    frames_.push_back({Kind::kItems, prefix_.size(), in_item_});
    return true;
  }
  skip_ = 1;  // other arrays are dropped
  return true;
}

bool JsonRecordFlattener::end_array() {
  if (skip_ > 0) {
    --skip_;
    return true;
  }
  frames_.pop_back();
  return true;
}

}  // namespace pulse::io
