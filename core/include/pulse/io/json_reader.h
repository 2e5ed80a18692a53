#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pulse/io/record_sink.h"

namespace pulse::io {

class JsonRecordFlattener;  // one record's text into rows (json_record_flattener.h)

struct JsonReaderOptions {
  /// A record longer than this throws PulseError "pulse.json.002" naming its line (a bracket
  /// left open would otherwise hold the rest of the file in memory).
  std::size_t max_record_bytes = std::size_t{64} << 20;
  /// The dotted path of a nested object ("a.b": the record's "a" holds object "b") whose
  /// presence keeps a record one row even when it has an `items` array: the items are then
  /// not rows of their own. Empty: none. The reader knows no format; the known formats set it
  /// (ingest::known_json_options: a Magento cart that is a negotiable quote is one deal).
  std::string whole_record_object;
};

/// Push reader for the JSON shapes of SPEC §2, fed in chunks like CsvReader:
/// - an array of flat objects: `[{...}, {...}]`
/// - an object with an `items` array (Magento REST search results):
///   `{"items": [...], "total_count": N}`
/// - NDJSON: one object per line.
/// Each record object is found by a streaming scan (depth and string state carried across
/// chunks), then parsed on its own, so memory holds one object at a time.
///
/// A record becomes one row: scalar values as text (numbers as written, true/false,
/// null = empty), nested objects flattened with dots ("extension_attributes.company_id"),
/// other arrays dropped. A record with a nested `items` array of objects (a Magento order)
/// becomes one row per item: the order's own fields plus the item's fields prefixed
/// "items." ("items.sku"); an order with an empty items array gives no row.
/// (JsonReaderOptions::whole_record_object names an exception.)
/// A record that is not valid JSON or not an object goes to on_bad_record; reading goes on.
/// Text that is not one of the shapes throws PulseError "pulse.json.001".
///
/// A top-level object is read as an `items` wrapper when its `items` array comes before any
/// key other than `search_criteria` and `total_count`; otherwise it is one record (a Magento
/// order lists many keys before its `items`). In a top-level object, a raw line break inside a
/// string or a `{` opening a line where no value may start ends the record as bad, so one
/// broken NDJSON line does not swallow the next. A file that ends inside a record reports it
/// as "truncated JSON: record opened on line N is not closed" (an unclosed array or wrapper
/// with no partial record: "array" / "object" in place of "record").
class JsonReader {
 public:
  explicit JsonReader(RecordSink& sink, JsonReaderOptions options = {});
  ~JsonReader();  // out of line: JsonRecordFlattener is private to io/
  void feed(std::string_view bytes);
  void finish();
  std::size_t rows_read() const { return rows_read_; }  // rows delivered + bad records

 private:
  enum class Mode : unsigned char {
    kTop,          // between top-level values
    kSkipLine,     // after unexpected top-level text, up to the end of its line
    kObject,       // inside a top-level object: a record, or a wrapper until `items` shows
    kArray,        // inside an array of records, between elements
    kElement,      // inside one element of an array of records
    kWrapperTail,  // inside a wrapper object, after its `items` array
  };

  void skip_bom(std::string_view& bytes);
  void step(char c, std::size_t at);
  void step_top(char c, std::size_t at);
  void step_object(char c, std::size_t at);
  void object_string_byte(char c);
  bool probe_wrapper(char c);
  void step_array(char c, std::size_t at);
  void step_element(char c, std::size_t at);
  void step_tail(char c);
  void skip_string_byte(char c);
  bool value_allowed() const;
  void start_object(std::size_t at);
  void start_array(bool wrapper);
  void close_array();
  void end_record(std::size_t end);
  void check_length(std::size_t end) const;
  [[noreturn]] void throw_too_long() const;
  void emit_record(std::string_view text, std::size_t line);
  void drop_columns(std::size_t keep);
  void bad(std::size_t line, const Message& reason);

  RecordSink& sink_;
  std::unique_ptr<JsonRecordFlattener> flat_;
  std::vector<std::string> columns_;
  std::unordered_map<std::string, std::size_t> column_index_;
  std::size_t announced_ = static_cast<std::size_t>(-1);  // columns_.size() last announced
  std::size_t rows_read_ = 0;
  // Scanner state, carried across chunks.
  std::string pending_;  // bytes of the record being scanned, from earlier chunks
  std::size_t max_record_bytes_;
  std::string_view chunk_;     // the chunk being scanned (only during feed)
  std::size_t seg_start_ = 0;  // where the current record's bytes start in chunk_
  std::size_t scan_at_ = 0;    // the byte being scanned in chunk_
  Mode mode_ = Mode::kTop;
  int bom_ = 0;  // BOM bytes matched so far; 3 once the BOM is past or absent
  std::size_t line_ = 1;
  std::size_t depth_ = 0;        // open brackets, from the top level
  std::size_t array_depth_ = 0;  // depth_ inside the array whose elements are records
  bool in_string_ = false;
  bool escape_ = false;
  bool seen_value_ = false;  // a top-level value started (later junk is a bad line, not a throw)
  bool in_wrapper_ = false;  // the array of records is the `items` of a wrapper object
  std::size_t record_line_ = 0;
  std::size_t array_line_ = 0;
  std::size_t wrapper_line_ = 0;
  // Top-level object only: enough grammar to spot NDJSON line breaks and an `items` wrapper.
  std::string kinds_;       // open brackets of the record
  char last_token_ = 0;     // last byte outside strings that was not white space
  bool line_start_ = true;  // nothing but white space so far on this line
  bool probe_ = false;      // still undecided between record and wrapper
  bool capturing_key_ = false;
  bool expect_items_ = false;
  std::string key_probe_;
};

}  // namespace pulse::io
