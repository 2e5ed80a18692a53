#pragma once
// One JSON record (an object whose bytes JsonReader framed) turned into rows of columns.
// Private to io/: JsonReader is its only user.

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/model/message.h"

namespace pulse::io {

/// Flattens one record into fields while nlohmann parses it (SAX), so that numbers keep their
/// source text and no DOM is built: scalars as text, nested objects as dotted names
/// ("extension_attributes.company_id"), other arrays dropped; a record with an `items` array
/// of objects (an order) becomes one row per item, the item's fields prefixed "items.".
/// New keys are appended to the reader's columns at once; the reader takes them back when
/// the record gives no row.
class JsonRecordFlattener {
 public:
  using Json = nlohmann::json;
  using string_t = Json::string_t;

  /// `whole_record_prefix`: "a.b." names an object whose presence keeps the record one row
  /// whatever its `items` hold (see JsonReaderOptions::whole_record_object); "" for none.
  JsonRecordFlattener(std::vector<std::string>& columns,
                      std::unordered_map<std::string, std::size_t>& index,
                      std::string whole_record_prefix)
      : columns_(columns),
        index_(index),
        whole_record_prefix_(std::move(whole_record_prefix)),
        whole_record_depth_(
            whole_record_prefix_.empty()
                ? 0
                : 1 + static_cast<std::size_t>(std::count(whole_record_prefix_.begin(),
                                                          whole_record_prefix_.end(), '.'))) {}

  bool parse(std::string_view text);
  Message reason() const;  // why the last parse failed: pulse.row.014 or pulse.row.015

  // An order with an `items` array of objects gives a row per item; an empty one gives none.
  std::size_t row_count() const {
    if (whole_record_) return 1;
    if (item_count_ > 0) return item_count_;
    return has_items_ && !items_had_scalars_ ? 0 : 1;
  }

  template <class Deliver>
  void for_each_row(std::size_t width, Deliver deliver) {
    row_.assign(width, std::string_view());
    parent_.apply(row_);
    if (item_count_ == 0 || whole_record_) {
      deliver(row_);
      return;
    }
    base_ = row_;
    for (std::size_t i = 0; i < item_count_; ++i) {
      row_ = base_;
      items_[i].apply(row_);
      deliver(row_);
    }
  }

  // SAX interface.
  bool null() { return put(std::string_view()); }
  bool boolean(bool value) {
    return put(value ? std::string_view("true") : std::string_view("false"));
  }
  bool number_integer(Json::number_integer_t value) { return put_integer(value); }
  bool number_unsigned(Json::number_unsigned_t value) { return put_integer(value); }
  bool number_float(Json::number_float_t value, const string_t& text);
  bool string(string_t& value) { return put(value); }
  bool binary(Json::binary_t& /*value*/) { return true; }
  bool key(string_t& value) {
    key_ = value;
    return true;
  }
  bool start_object(std::size_t elements);
  bool end_object();
  bool start_array(std::size_t elements);
  bool end_array();
  bool parse_error(std::size_t position, const std::string& last_token,
                   const Json::exception& error);

 private:
  // (column, text) pairs whose strings keep their capacity from record to record.
  struct FieldList {
    std::vector<std::pair<std::size_t, std::string>> slots;
    std::size_t size = 0;

    std::string& add(std::size_t column) {
      if (size == slots.size()) slots.emplace_back();
      auto& slot = slots[size++];
      slot.first = column;
      slot.second.clear();
      return slot.second;
    }
    void apply(std::vector<std::string_view>& row) const {
      for (std::size_t i = 0; i < size; ++i) row[slots[i].first] = slots[i].second;
    }
  };
  enum class Kind : unsigned char { kObject, kItems };
  struct Frame {
    Kind kind;
    std::size_t prefix_size;  // prefix_ and in_item_ to restore when the frame closes
    bool in_item;
  };

  void reset();
  std::string* value_slot();
  std::size_t column(const std::string& name);
  bool put(std::string_view text) {
    std::string* out = value_slot();
    if (out != nullptr) out->assign(text.data(), text.size());
    return out != nullptr || !not_object_;
  }
  template <class Int>
  bool put_integer(Int value) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return put(std::string_view(buffer, static_cast<std::size_t>(result.ptr - buffer)));
  }

  std::vector<std::string>& columns_;
  std::unordered_map<std::string, std::size_t>& index_;
  std::string whole_record_prefix_;
  std::size_t whole_record_depth_;  // frames open when the marker object starts; 0: no marker
  FieldList parent_;
  std::vector<FieldList> items_;
  std::size_t item_count_ = 0;
  bool has_items_ = false;
  bool items_had_scalars_ = false;
  bool not_object_ = false;
  bool whole_record_ = false;  // the marker object was seen: its items are not rows
  std::string error_;
  std::vector<Frame> frames_;
  std::size_t skip_ = 0;  // depth inside a dropped array
  bool in_item_ = false;
  std::string prefix_;  // "a.b." for fields of nested objects
  std::string key_;
  std::string name_;
  char decimal_point_ = '.';
  std::vector<std::string_view> row_;
  std::vector<std::string_view> base_;
};

}  // namespace pulse::io
