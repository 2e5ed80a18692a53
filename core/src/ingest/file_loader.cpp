#include "pulse/ingest/file_loader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <new>

#include "file_loader_container.h"
#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/error_message.h"
#include "pulse/ingest/header_synonyms.h"
#include "pulse/ingest/known_formats.h"
#include "pulse/ingest/parallel_csv.h"
#include "pulse/ingest/text_sniffer.h"
#include "pulse/io/csv_reader.h"
#include "pulse/io/json_reader.h"
#include "pulse/message_codes.h"

namespace pulse::ingest {
namespace {
constexpr std::size_t kSniffBytes = 64 * 1024;  // enough for the delimiter and the format
constexpr std::size_t kSampleRows = 1000;       // rows that decide role, columns, conventions
}  // namespace

/// Reader -> sample -> mapping -> typed columns, for one file.
class FileLoader::Pipeline : public io::RecordSink {
 public:
  Pipeline(LoadReport& report, StringPool& strings, const FileOptions& options, const Sniff& sniff)
      : report_(report), strings_(strings), options_(options) {
    Conventions& conv = options_.conventions;
    if (sniff.format == TextFormat::csv) {
      if (sniff.delimiter == ';' && conv.decimal == io::DecimalMark::unknown)
        conv.decimal_default = io::DecimalMark::comma;  // ';' files come from decimal-comma locales
      csv_ = std::make_unique<io::CsvReader>(
          *this, io::CsvOptions{sniff.delimiter, options.max_field_bytes});
    } else if (sniff.format == TextFormat::json) {
      json_ = std::make_unique<io::JsonReader>(*this, known_json_options());
    }  // TextFormat::records: the rows come from a workbook's sheet reader, not from text
  }

  void feed(std::string_view bytes) {
    if (csv_) {
      csv_->feed(bytes);
    } else if (json_) {
      // JSON lines end at LF, as the reader numbers them (CSV counts its own).
      const char* const end = bytes.data() + bytes.size();
      for (const char* p = bytes.data(); p < end; ++p) {
        p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        if (!p) break;
        ++json_newlines_;
      }
      if (!bytes.empty()) json_ends_line_ = bytes.back() == '\n';
      json_->feed(bytes);
    }
  }

  /// Physical lines read so far (a last line without a line break counts); a workbook's
  /// last row number.
  std::size_t lines() const {
    if (csv_) return csv_->lines();
    if (json_) return json_newlines_ + (json_ends_line_ ? 0 : 1);
    return last_line_;
  }

  /// Where reading is: the line of the row being read (CSV), else of the last record.
  std::size_t position_line() const { return csv_ ? csv_->row_line() : last_line_; }

  void finish() {
    if (csv_)
      csv_->finish();
    else if (json_)
      json_->finish();
    if (!builder_) decide();
    if (json_) note_named_columns_never_seen();
  }

  /// After a fatal error: decide the mapping from the rows sampled so far, so that the
  /// good rows before the error still load. Returns false when they cannot be mapped.
  bool salvage() {
    if (builder_) return true;
    if (sample_.rows.empty()) return false;
    try {
      decide();
    } catch (const PulseError&) {
      return false;
    }
    return true;
  }

  /// The rows built so far, when the mapping was decided.
  bool has_table() const { return builder_ != nullptr; }
  Table take_table() {
    builder_->finish(columns_);
    return std::move(table_);
  }

  void on_columns(const std::vector<std::string>& names) override {
    columns_ = names;
    if (builder_ && columns_.size() > report_.columns.size()) map_late_columns();
  }

  void on_record(std::size_t line, const std::vector<std::string_view>& fields) override {
    ++report_.rows_read;
    last_line_ = line;
    if (builder_) {
      add(line, fields);
      return;
    }
    sample_.rows.emplace_back(fields.begin(), fields.end());
    sample_lines_.push_back(line);
    if (sample_.rows.size() >= kSampleRows) decide();
  }

  void on_bad_record(std::size_t line, const Message& reason) override {
    ++report_.rows_read;
    ++report_.rows_skipped;
    report_.add_problem({report_.file, line, "", reason});
  }

 private:
  void decide() {
    sample_.columns = columns_;
    report_.columns = columns_;
    if (sample_.columns.empty())
      throw PulseError(json_ ? ids::kNoJsonObject : ids::kNoHeaderRow,
                       report_.file + (json_ ? ": no JSON object with fields" : ": no header row"));
    const ColumnMapping mapping = map_columns(sample_, overrides());
    report_.role = std::string(role_name(mapping.role));
    report_.recognized_as = mapping.recognized_as;
    report_.columns = columns_;
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (mapping.column[f] == kUnmapped) continue;
      const std::string name(field_name(static_cast<Field>(f)));
      report_.mapping[name] = columns_[static_cast<std::size_t>(mapping.column[f])];
      report_.mapping_reasons[name] = mapping.reason[f].text;
      report_.mapping_reason_codes[name] = mapping.reason[f];
    }
    report_.notes.insert(report_.notes.end(), mapping.notes.begin(), mapping.notes.end());
    table_.source = report_.file;
    builder_ =
        std::make_unique<TableBuilder>(table_, strings_, mapping, options_.conventions, report_);
    if (options_.expected_bytes > 0 && !sample_.rows.empty()) {
      // Rows to come, from the sample's bytes per row; 10% spare for longer rows later.
      std::size_t sample_bytes = 0;
      for (const auto& row : sample_.rows)
        for (const std::string& field : row) sample_bytes += field.size() + 1;
      const double per_row =
          static_cast<double>(sample_bytes) / static_cast<double>(sample_.rows.size());
      builder_->reserve(
          static_cast<std::size_t>(1.1 * static_cast<double>(options_.expected_bytes) / per_row));
    }
    std::vector<std::string_view> views;
    for (std::size_t i = 0; i < sample_.rows.size(); ++i) {
      views.assign(sample_.rows[i].begin(), sample_.rows[i].end());
      add(sample_lines_[i], views);
    }
    // A JSON file may show keys only further down: the sample stays to map them then.
    if (json_) kept_sample_ = std::move(sample_);
    mapping_ = mapping;
    decided_columns_ = columns_.size();
    sample_ = Sample{};
    sample_lines_.clear();
  }

  /// The workspace's mapping; in a JSON file a named key may first appear after the sample.
  MappingOverrides overrides() const {
    MappingOverrides o = options_.mapping;
    o.named_may_come_later = json_ != nullptr;
    return o;
  }

  /// A key the workspace names that never appeared in the whole file: its field stayed empty.
  void note_named_columns_never_seen() {
    const auto& fields = role_spec(mapping_.role).fields;
    for (const auto& [field, name] : options_.mapping.columns) {
      if (mapping_.has(field) || std::find(fields.begin(), fields.end(), field) == fields.end())
        continue;
      const std::string field_text(field_name(field));
      report_.notes.push_back(Message(ids::kNoteNamedColumnAbsent,
                                      "'" + name + "', named in the settings for " + field_text +
                                          ", is in none of the file's records: " + field_text +
                                          " stays empty")
                                  .param("column", name)
                                  .param("field", field_text));
    }
  }

  /// True when a key could feed a field the mapping lacks: a workspace column, a known
  /// export's source, a header synonym of the role's fields.
  bool could_map(const std::string& key) const {
    for (const auto& named : options_.mapping.columns)
      if (named.second == key) return true;
    if (names_known_source(key)) return true;
    const std::string norm = normalize_header(key);
    for (Field f : role_spec(mapping_.role).fields)
      if (!mapping_.has(f) && synonym_rank(mapping_.role, f, norm)) return true;
    return false;
  }

  /// Keys first seen after the mapping was decided (JSON records differ in their keys): the
  /// report lists them, and those that name a field still unmapped are read from now on (the
  /// rows before have no value for it). The mapping is worked out again on the kept sample
  /// with the new columns; only new fields on new columns are taken, the rest stays.
  void map_late_columns() {
    const std::size_t first_new = report_.columns.size();
    report_.columns = columns_;
    if (!json_ || late_remaps_ >= kMaxLateRemaps) return;
    bool worth = false;
    for (std::size_t i = first_new; i < columns_.size() && !worth; ++i)
      worth = could_map(columns_[i]);
    if (!worth) return;
    ++late_remaps_;
    kept_sample_.columns = columns_;
    ColumnMapping again;
    try {
      again = map_columns(kept_sample_, overrides());
    } catch (const PulseError&) {
      return;
    }
    if (again.role != mapping_.role) return;
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      const Field field = static_cast<Field>(f);
      if (mapping_.has(field) || !again.has(field)) continue;
      const int column = again.at(field);
      if (static_cast<std::size_t>(column) < decided_columns_)
        continue;  // an old column: as decided
      builder_->add_late_field(field, column, again.rule[f]);
      mapping_.column[f] = column;
      const std::string name(field_name(field));
      report_.mapping[name] = columns_[static_cast<std::size_t>(column)];
      report_.mapping_reasons[name] = again.reason[f].text;
      report_.mapping_reason_codes[name] = again.reason[f];
      const std::string& header = columns_[static_cast<std::size_t>(column)];
      report_.notes.push_back(
          Message(ids::kNoteLateColumn, "'" + header + "' first appears after line " +
                                            std::to_string(last_line_) + ": read as " + name +
                                            " from there; the rows before it have none")
              .param("column", header)
              .count("line", last_line_)
              .param("field", name));
    }
  }

  void add(std::size_t line, const std::vector<std::string_view>& fields) {
    if (builder_->add_row(line, fields))
      ++report_.rows_loaded;
    else
      ++report_.rows_skipped;
  }

  LoadReport& report_;
  StringPool& strings_;
  FileOptions options_;
  std::unique_ptr<io::CsvReader> csv_;
  std::unique_ptr<io::JsonReader> json_;
  std::vector<std::string> columns_;
  Sample sample_;
  std::vector<std::size_t> sample_lines_;
  Table table_;
  std::unique_ptr<TableBuilder> builder_;
  ColumnMapping mapping_;            // as decided, plus the fields of late keys
  std::size_t decided_columns_ = 0;  // columns when the mapping was decided
  Sample kept_sample_;               // JSON: the sample, to map late keys
  std::size_t last_line_ = 0;        // line of the last record
  std::size_t late_remaps_ = 0;
  std::size_t json_newlines_ = 0;
  bool json_ends_line_ = true;                       // no bytes yet: no line begun
  static constexpr std::size_t kMaxLateRemaps = 64;  // keys that differ in every record
};

FileLoader::FileLoader(Dataset& dataset, std::string file_name, FileOptions options)
    : dataset_(dataset), options_(std::move(options)) {
  report_.file = std::move(file_name);
}

FileLoader::~FileLoader() = default;

void FileLoader::fail(const std::string& message, std::vector<MessageParam> params) {
  failed_ = true;
  report_.error = message;
  fail_params_ = std::move(params);
  if (pipeline_) stop_line_ = pipeline_->position_line();
}

/// Decides the encoding and the format from the head of the file and feeds the head on.
void FileLoader::start(std::string_view head) {
  io::EncodingGuess guess;
  if (options_.encoding) {
    guess = io::encoding_from_workspace(*options_.encoding);
    if (guess.encoding == io::TextEncoding::utf16le && head.substr(0, 2) == "\xFE\xFF")
      guess.encoding = io::TextEncoding::utf16be;  // "utf-16": the byte order mark says which
  } else {
    guess = io::detect_encoding(
        head.substr(0, kSniffBytes));  // the same sample however the bytes arrive
  }
  decoder_ = std::make_unique<io::Utf8Decoder>(guess);
  report_.encoding = std::string(io::encoding_name(guess.encoding));
  report_.encoding_reason = guess.reason;
  report_.encoding_reason_code = guess.reason_code;
  // UTF-16 is sniffed as text; other bytes as they are, so that binary data stays binary.
  // The sample is capped like the encoding's: the head is as long as the chunks that came
  // (64 KiB by small chunks, 4 MiB from the page), and the delimiter must not depend on that.
  // 64 KiB of UTF-16 (a byte order mark aside) decodes to at least 32 KiB - 1 of UTF-8.
  const bool utf16 =
      guess.encoding == io::TextEncoding::utf16le || guess.encoding == io::TextEncoding::utf16be;
  std::string text;  // UTF-16 only: the decoded head, sniffed before the pipeline exists
  if (utf16) decoder_->decode(head, [&](std::string_view utf8) { text.append(utf8); });
  Sniff sniff = sniff_text(
      utf16 ? std::string_view(text).substr(0, kSniffBytes / 2 - 2) : head.substr(0, kSniffBytes),
      report_.file);
  if (options_.delimiter != 0) sniff.delimiter = options_.delimiter;
  report_.format = sniff.format == TextFormat::json ? "json" : "csv";
  if (sniff.format == TextFormat::csv)
    report_.delimiter = sniff.delimiter == '\t' ? "\\t" : std::string(1, sniff.delimiter);
  pipeline_ = std::make_unique<Pipeline>(report_, dataset_.strings, options_, sniff);
  // Any other encoding is decoded straight into the pipeline, as every later chunk is: a
  // copy of a head of a whole chunk (4 MiB) costs fresh memory, which the page pays most for.
  if (utf16)
    pipeline_->feed(text);
  else
    decode(head);
}

void FileLoader::decode(std::string_view bytes) {
  decoder_->decode(bytes, [this](std::string_view utf8) { pipeline_->feed(utf8); });
}

/// Natively, while a gzip container inflates, bytes_fed_ holds the compressed bytes read so
/// far; the page decompresses itself and passes the compressed file's size (expected_bytes).
void FileLoader::check_inflation(std::size_t inflated_bytes) {
  inflated_ += inflated_bytes;
  const std::size_t compressed = unwrapping_ ? bytes_fed_ : options_.expected_bytes;
  if (inflated_ <= options_.max_inflated_bytes || compressed == 0 ||
      inflated_ <= options_.max_inflation_ratio * compressed)
    return;
  const std::size_t limit = options_.max_inflated_bytes;
  const std::string size = limit >= (std::size_t{1} << 20) ? std::to_string(limit >> 20) + " MiB"
                                                           : std::to_string(limit) + " bytes";
  fail(with_id(ids::kInflationLimit, report_.file) + ": the gzip data inflates to more than " +
           size + ", over " + std::to_string(options_.max_inflation_ratio) +
           " times its compressed size (a decompression bomb?): reading stopped there",
       {{"limit_bytes", std::to_string(limit), true},
        {"ratio", std::to_string(options_.max_inflation_ratio), true}});
}

void FileLoader::feed(std::string_view bytes) {
  if (failed_ || finished_) return;
  if (!unwrapping_ && unwrap(bytes)) return;  // gzip and zip (file_loader_containers.cpp)
  if (unwrapping_ || options_.container == "gzip") {
    check_inflation(bytes.size());
    if (failed_) return;
  }
  bytes_fed_ += bytes.size();
  try {
    if (!pipeline_) {
      if (head_.empty() && bytes.size() >= kSniffBytes) {  // the head in one chunk: no copy
        start(bytes);
        return;
      }
      head_.append(bytes);
      if (head_.size() < kSniffBytes) return;
      const std::string head = std::move(head_);
      head_.clear();
      start(head);
      return;
    }
    decode(bytes);
  } catch (const PulseError& e) {
    fail(e.what(), e.params());
  } catch (const std::bad_alloc&) {
    fail(with_id(ids::kOutOfMemory, report_.file) + ": out of memory after " +
             std::to_string(report_.rows_read) +
             " rows; the file is larger than this machine can hold",
         {{"rows", std::to_string(report_.rows_read), true}});
  }
}

const LoadReport& FileLoader::finish() {
  if (finished_) return report_;
  if (container_) finish_container();  // the rest of a gzip stream; a workbook's rows
  if (failed_ && !pipeline_ && !head_.empty() && container_ &&
      container_->kind == Container::Kind::gzip) {
    // A gzip stream that broke before 64 KiB of text came out (a truncated download): what
    // did come out is read as far as its last whole line, like a stream that broke later.
    const std::string head = std::move(head_);
    head_.clear();
    try {
      start(head);
      stop_line_ = pipeline_->position_line();
    } catch (const PulseError&) {  // not a table after all: the gzip error stands
    } catch (const std::bad_alloc&) {
    }
  }
  try {
    if (!failed_ && !pipeline_) {
      const std::string head = std::move(head_);
      head_.clear();
      start(head);
    }
    if (!failed_) {
      // No decoder: the rows came from a workbook's sheet, not from text.
      if (decoder_) decoder_->finish([this](std::string_view utf8) { pipeline_->feed(utf8); });
      pipeline_->finish();
    }
  } catch (const PulseError& e) {
    fail(e.what(), e.params());
  } catch (const std::bad_alloc&) {
    fail(with_id(ids::kOutOfMemory, report_.file) + ": out of memory");
  }
  finished_ = true;
  if (decoder_) {
    // ASCII-only heads are decided by the first non-ASCII byte, later in the file.
    report_.encoding = std::string(io::encoding_name(decoder_->encoding()));
    report_.encoding_reason = decoder_->reason();
    report_.encoding_reason_code = decoder_->reason_code();
    if (const std::size_t n = decoder_->replaced(); n > 0)
      report_.notes.push_back(
          Message(ids::kNoteBadEncoding,
                  std::to_string(n) + (n == 1 ? " byte sequence is" : " byte sequences are") +
                      " not valid " + report_.encoding + ": shown as U+FFFD (\xEF\xBF\xBD)")
              .count("n", n)
              .param("encoding", report_.encoding));
  }
  // Rows read before a fatal error stay loaded: the report says where reading stopped.
  if (pipeline_ && failed_) pipeline_->salvage();
  if (pipeline_) report_.lines = pipeline_->lines();
  if (pipeline_ && pipeline_->has_table()) {
    Table table = pipeline_->take_table();
    if (table.rows > 0) dataset_.tables.push_back(std::move(table));
  }
  // Rows kept, then an error: a partial load, not a refusal (which keeps nothing).
  if (report_.refused() && report_.rows_loaded > 0) {
    report_.stopped = std::move(report_.error);
    report_.stopped_params = std::move(fail_params_);
    report_.error.clear();
    report_.stopped_line = stop_line_;
  }
  report_.sort_problems_by_line();
  if (report_.refused() && report_.rows_loaded == 0) {
    report_.role.clear();
    report_.rows_skipped = report_.rows_read;  // nothing of a refused file is loaded
  }
  pipeline_.reset();
  dataset_.loads.push_back(report_);
  return report_;
}

io::RecordSink& FileLoader::start_records() {
  Sniff sniff;
  sniff.format = TextFormat::records;
  pipeline_ = std::make_unique<Pipeline>(report_, dataset_.strings, options_, sniff);
  return *pipeline_;
}

void FileLoader::begin_rows(const std::string& format, const std::vector<std::string>& columns) {
  if (failed_ || finished_) return;
  if (pipeline_) {
    fail(report_.file + ": begin_rows() after the file's rows began");
    return;
  }
  report_.format = format;
  start_records().on_columns(columns);
}

void FileLoader::add_row(std::size_t row, const std::vector<std::string_view>& cells) {
  if (failed_ || finished_) return;
  if (!pipeline_) {
    fail(report_.file + ": add_row() before begin_rows()");
    return;
  }
  try {
    pipeline_->on_record(row, cells);
  } catch (const PulseError& e) {
    fail(e.what());
  } catch (const std::bad_alloc&) {
    fail(with_id(ids::kOutOfMemory, report_.file) + ": out of memory after " +
         std::to_string(report_.rows_read) + " rows");
  }
}

LoadReport load_path(Dataset& dataset, const std::string& path, const std::string& display_name,
                     const FileOptions& options) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    LoadReport report;
    report.file = display_name;
    report.error =
        with_id(ids::kCannotOpen, display_name) + ": cannot open: " + std::strerror(errno);
    dataset.loads.push_back(report);
    return report;
  }
  FileOptions sized = options;
  if (std::fseek(file, 0, SEEK_END) == 0) {
    const long size = std::ftell(file);
    if (size > 0) sized.expected_bytes = static_cast<std::size_t>(size);
    std::rewind(file);
  }
  if (load_threads() > 1 && sized.expected_bytes >= kParallelMinBytes) {
    // A big plain CSV file in ranges on several threads (parallel_csv.h), with the same result;
    // anything else that file turns out to be is read below, from its start again.
    ParallelCsvOptions parallel;
    parallel.threads = load_threads();
    const ByteSource source = [file](char* to, std::size_t n) {
      return std::fread(to, 1, n, file);
    };
    if (auto report = load_csv_parallel(dataset, display_name, source, sized, parallel)) {
      std::fclose(file);
      return *report;
    }
    std::rewind(file);
  }
  FileLoader loader(dataset, display_name, sized);
  std::vector<char> buffer(std::size_t{1} << 20);
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file)) > 0)
    loader.feed({buffer.data(), n});
  std::fclose(file);
  return loader.finish();
}

}  // namespace pulse::ingest
