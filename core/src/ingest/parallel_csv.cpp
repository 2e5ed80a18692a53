#include "pulse/ingest/parallel_csv.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <ctime>
#include <exception>
#include <memory>
#include <new>
#include <vector>
#ifndef __EMSCRIPTEN__
#include <thread>
#endif

#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/ingest/column_mapper.h"
#include "pulse/ingest/table_builder.h"
#include "pulse/ingest/text_sniffer.h"
#include "pulse/io/csv_reader.h"
#include "pulse/io/record_boundaries.h"
#include "pulse/io/text_encoding.h"

namespace pulse::ingest {
namespace {

// As FileLoader decides them: the head that decides encoding and format, the sample rows
// that decide role and columns. Both must stay equal to FileLoader's for the same result.
constexpr std::size_t kSniffBytes = 64 * 1024;
constexpr std::size_t kSampleRows = 1000;
constexpr std::size_t kHeadStep = 64 * 1024;  // at most: the head is read in one stream by steps
constexpr std::size_t kReadBytes = std::size_t{1} << 20;

std::atomic<unsigned> g_load_threads{1};

// CPU time of the calling thread, in ms (0 where the platform has no such clock).
double thread_cpu_ms() {
#if defined(CLOCK_THREAD_CPUTIME_ID)
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
#else
  return 0;
#endif
}

// The parallel read cannot give FileLoader's result: the caller reads the file in one stream.
struct GiveUp {};

bool is_packed(std::string_view head) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(head[i]); };
  if (head.size() >= 2 && byte(0) == 0x1F && byte(1) == 0x8B) return true;  // gzip
  return head.substr(0, 2) == "PK";                                         // zip
}

// Where a reader's rows go: a range's fork while the range is parsed, the file's builder once
// the range is absorbed (its reader may still hold a row that the range's end cut).
struct Target {
  TableBuilder* builder = nullptr;
  LoadReport* report = nullptr;
  std::size_t quote_problems = 0;  // rows lost to an unterminated quote
};

void count_bad_row(Target& target, std::size_t line, const Message& reason) {
  LoadReport& r = *target.report;
  ++r.rows_read;
  ++r.rows_skipped;
  r.add_problem({r.file, line, "", reason});
  if (reason.code == ids::kRowQuoteSkipped || reason.code == ids::kRowQuoteAtEnd)
    ++target.quote_problems;
}

void add_row(Target& target, std::size_t line, const std::vector<std::string_view>& fields) {
  LoadReport& r = *target.report;
  ++r.rows_read;
  if (target.builder->add_row(line, fields))
    ++r.rows_loaded;
  else
    ++r.rows_skipped;
}

class Router : public io::RecordSink {
 public:
  explicit Router(Target* to) : target(to) {}
  void on_columns(const std::vector<std::string>&) override {}  // told in CsvOptions::header
  void on_record(std::size_t line, const std::vector<std::string_view>& fields) override {
    add_row(*target, line, fields);
  }
  void on_bad_record(std::size_t line, const Message& reason) override {
    count_bad_row(*target, line, reason);
  }
  Target* target;
};

// A CsvReader and the router its rows go through (none for the head's reader).
struct Reader {
  std::unique_ptr<Router> router;
  std::unique_ptr<io::CsvReader> csv;
};

// One range of a window, parsed on its own thread into its own table and pool.
struct Part {
  std::string_view bytes;
  Table table;
  StringPool strings;
  LoadReport report;
  std::unique_ptr<TableBuilder> builder;
  Target target;
  Reader reader;
  bool failed = false;
  double cpu_ms = 0;

  void parse() {
    const double t0 = thread_cpu_ms();
    try {
      reader.csv->feed(bytes);
    } catch (...) {  // an oversized field, out of memory: the file is read in one stream
      failed = true;
    }
    cpu_ms = thread_cpu_ms() - t0;
  }
};

class ParallelLoad : public io::RecordSink {
 public:
  ParallelLoad(Dataset& dataset, std::string name, const ByteSource& source, FileOptions options,
               const ParallelCsvOptions& parallel)
      : dataset_(dataset), source_(source), options_(std::move(options)), parallel_(parallel) {
    report_.file = std::move(name);
    parallel_.threads = std::max(1u, parallel_.threads);
    parallel_.range_bytes = std::max<std::size_t>(parallel_.range_bytes, 256);
    main_.report = &report_;
  }

  std::optional<LoadReport> run() {
    try {
      if (!start()) return std::nullopt;
      read_head();
      read_windows();
      return finish();
    } catch (const GiveUp&) {
    } catch (const PulseError&) {
    } catch (const std::bad_alloc&) {
    }
    return std::nullopt;
  }

  // The head's reader: the sample decides the mapping, as FileLoader's pipeline does.
  void on_columns(const std::vector<std::string>& names) override { columns_ = names; }
  void on_record(std::size_t line, const std::vector<std::string_view>& fields) override {
    if (builder_) {
      add_row(main_, line, fields);
      return;
    }
    ++report_.rows_read;
    sample_.rows.emplace_back(fields.begin(), fields.end());
    sample_lines_.push_back(line);
    if (sample_.rows.size() >= kSampleRows) decide();
  }
  void on_bad_record(std::size_t line, const Message& reason) override {
    count_bad_row(main_, line, reason);
  }

 private:
  // Reads more of the file into buf_; false at its end.
  bool fill() {
    if (eof_) return false;
    const std::size_t old = buf_.size();
    buf_.resize(old + kReadBytes);
    const std::size_t n = source_(&buf_[old], kReadBytes);
    buf_.resize(old + n);
    bytes_total_ += n;
    if (n == 0) eof_ = true;
    return n > 0;
  }

  // Encoding and format from the head, as FileLoader::start decides them; false when the
  // file is no plain UTF-8 CSV.
  bool start() {
    while (buf_.size() < kSniffBytes && fill()) {
    }
    const std::string_view head = std::string_view(buf_).substr(0, kSniffBytes);
    if (is_packed(head)) return false;
    io::EncodingGuess guess;
    if (options_.encoding) {
      if (*options_.encoding != io::TextEncoding::utf8) return false;
      guess = {io::TextEncoding::utf8, "set in the workspace", true};
    } else {
      guess = io::detect_encoding(head);
    }
    if (guess.encoding != io::TextEncoding::utf8) return false;
    Sniff sniff = sniff_text(head, report_.file);  // throws for what is no text table
    if (sniff.format != TextFormat::csv) return false;
    if (options_.delimiter != 0) sniff.delimiter = options_.delimiter;
    report_.encoding = std::string(io::encoding_name(guess.encoding));
    report_.encoding_reason = guess.reason;
    report_.format = "csv";
    report_.delimiter = sniff.delimiter == '\t' ? "\\t" : std::string(1, sniff.delimiter);
    Conventions& conv = options_.conventions;
    if (sniff.delimiter == ';' && conv.decimal == io::DecimalMark::unknown)
      conv.decimal_default = io::DecimalMark::comma;
    csv_options_.delimiter = sniff.delimiter;
    csv_options_.max_field_bytes = options_.max_field_bytes;
    decoder_ = std::make_unique<io::Utf8Decoder>(guess);
    last_.csv = std::make_unique<io::CsvReader>(*this, csv_options_);
    return true;
  }

  // The bytes [pos_, pos_ + n) through the decoder (only to check that they are UTF-8) and
  // the reader that reads the file in one stream from here.
  void feed_last(std::size_t n) {
    const std::string_view bytes = std::string_view(buf_).substr(pos_, n);
    check_utf8(bytes);
    feed(last_, bytes);
    next_line_ += line_breaks(bytes);
    pos_ += n;
  }

  // Line breaks of the next bytes of the file: a CRLF split between two steps is one.
  std::size_t line_breaks(std::string_view bytes) {
    if (bytes.empty()) return 0;
    const bool lf_of_crlf = after_cr_ && bytes.front() == '\n';
    after_cr_ = bytes.back() == '\r';
    return io::count_line_breaks(bytes) - (lf_of_crlf ? 1 : 0);
  }

  void check_utf8(std::string_view bytes) {
    decoder_->decode(bytes, [](std::string_view) {});
  }

  static void feed(Reader& reader, std::string_view bytes) {
    try {
      reader.csv->feed(bytes);
    } catch (...) {
      throw GiveUp{};
    }
  }

  // Bytes the head is read by, and the look-ahead past a window's end.
  std::size_t step() const { return std::min(kHeadStep, parallel_.range_bytes); }

  std::size_t record_start(std::size_t from) const {
    return io::next_record_start(buf_, from, csv_options_.delimiter, columns_.size());
  }

  // The head in one stream, up to the first record start after the sample decided the mapping.
  void read_head() {
    const double t0 = thread_cpu_ms();
    read_head_bytes();
    stats_.head_cpu_ms += thread_cpu_ms() - t0;
  }

  void read_head_bytes() {
    while (!builder_) {
      if (pos_ == buf_.size() && !fill()) return;
      feed_last(std::min(step(), buf_.size() - pos_));
    }
    for (int tries = 0; tries < 64 && !last_.csv->between_rows(); ++tries) {
      const std::size_t at = record_start(pos_);
      if (at == std::string_view::npos) {
        if (!fill()) return;
        continue;
      }
      feed_last(at - pos_);
    }
  }

  void decide() {
    sample_.columns = columns_;
    report_.columns = columns_;
    if (columns_.empty()) throw GiveUp{};  // FileLoader refuses it, with its message
    const ColumnMapping mapping = map_columns(sample_, options_.mapping);
    report_.role = std::string(role_name(mapping.role));
    report_.recognized_as = mapping.recognized_as;
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (mapping.column[f] == kUnmapped) continue;
      const std::string name(field_name(static_cast<Field>(f)));
      report_.mapping[name] = columns_[static_cast<std::size_t>(mapping.column[f])];
      report_.mapping_reasons[name] = mapping.reason[f];
    }
    report_.notes.insert(report_.notes.end(), mapping.notes.begin(), mapping.notes.end());
    table_.source = report_.file;
    builder_ =
        std::make_unique<TableBuilder>(table_, pool_, mapping, options_.conventions, report_);
    main_.builder = builder_.get();
    if (!sample_.rows.empty()) {
      std::size_t sample_bytes = 0;
      for (const auto& row : sample_.rows)
        for (const std::string& field : row) sample_bytes += field.size() + 1;
      bytes_per_row_ = static_cast<double>(sample_bytes) / static_cast<double>(sample_.rows.size());
      if (options_.expected_bytes > 0)
        builder_->reserve(static_cast<std::size_t>(
            1.1 * static_cast<double>(options_.expected_bytes) / bytes_per_row_));
    }
    std::vector<std::string_view> views;
    for (std::size_t i = 0; i < sample_.rows.size(); ++i) {
      views.assign(sample_.rows[i].begin(), sample_.rows[i].end());
      if (builder_->add_row(sample_lines_[i], views))
        ++report_.rows_loaded;
      else
        ++report_.rows_skipped;
    }
    sample_ = Sample{};
    sample_lines_.clear();
  }

  Reader new_reader(std::size_t first_line, Target* target) const {
    io::CsvOptions options = csv_options_;
    options.first_line = first_line;
    options.header = columns_;
    Reader reader;
    reader.router = std::make_unique<Router>(target);
    reader.csv = std::make_unique<io::CsvReader>(*reader.router, options);
    return reader;
  }

  // A part for range j of the window; the tables of the window before are reused, so that
  // their pages are not allocated and faulted in again for every window.
  std::unique_ptr<Part> make_part(std::size_t j, std::string_view bytes, std::size_t first_line) {
    if (spare_.size() <= j) spare_.resize(j + 1);
    std::unique_ptr<Part> part = std::move(spare_[j]);
    if (!part) {
      part = std::make_unique<Part>();
    } else {
      part->table.rows = 0;
      for (Column& column : part->table.columns) {
        column.text.clear();
        column.days.clear();
        column.numbers.clear();
      }
      part->strings = StringPool();
      part->report = LoadReport{};
      part->failed = false;
    }
    part->bytes = bytes;
    part->report.file = report_.file;
    part->builder = builder_->fork(part->table, part->strings, part->report);
    if (bytes_per_row_ > 0)
      part->builder->reserve(
          static_cast<std::size_t>(1.1 * static_cast<double>(bytes.size()) / bytes_per_row_));
    part->target.builder = part->builder.get();
    part->target.report = &part->report;
    part->reader = new_reader(first_line, &part->target);
    return part;
  }

  // The end of the next window: a record start near the end of the bytes read, or the end of
  // the file. npos when more bytes are needed.
  std::size_t window_end() {
    const std::size_t want = parallel_.threads * parallel_.range_bytes;
    // Some bytes past the window, to confirm its end by parsing ahead.
    while (buf_.size() - pos_ < want + step() && fill()) {
    }
    if (eof_ && buf_.size() - pos_ <= want + step()) return buf_.size();
    return record_start(pos_ + want - want / 8);
  }

  void read_windows() {
    if (!builder_) return;  // the file ended within the sample
    while (pos_ < buf_.size() || fill()) {
      std::size_t end = window_end();
      // No record start in the window's last eighth: take more (a row longer than that).
      for (std::size_t more = pos_ + parallel_.threads * parallel_.range_bytes;
           end == std::string_view::npos;) {
        while (buf_.size() - more < step() && fill()) {
        }
        if (eof_ && buf_.size() - more < step()) {
          end = buf_.size();
          break;
        }
        end = record_start(more);
        more = buf_.size() - step();  // nothing there: look further next time
      }
      read_window(end);
      buf_.erase(0, pos_);
      pos_ = 0;
    }
  }

  void read_window(std::size_t end) {
    // Ranges: about equal, each starting at a record start.
    std::vector<std::size_t> bounds{pos_};
    const std::size_t m = parallel_.threads;
    for (std::size_t j = 1; j < m; ++j) {
      const std::size_t at = record_start(pos_ + (end - pos_) * j / m);
      if (at != std::string_view::npos && at > bounds.back() && at < end) bounds.push_back(at);
    }
    bounds.push_back(end);
    const std::size_t ranges = bounds.size() - 1;
    std::vector<std::size_t> first_line(ranges);
    std::size_t line = next_line_;
    for (std::size_t j = 0; j < ranges; ++j) {
      first_line[j] = line;
      line += line_breaks(std::string_view(buf_).substr(bounds[j], bounds[j + 1] - bounds[j]));
    }
    // A reader inside a row goes on into the first range: no fork for it.
    const bool continue_first = !last_.csv->between_rows();
    std::vector<std::unique_ptr<Part>> parts(ranges);
    for (std::size_t j = continue_first ? 1 : 0; j < ranges; ++j)
      parts[j] = make_part(j, std::string_view(buf_).substr(bounds[j], bounds[j + 1] - bounds[j]),
                           first_line[j]);
    parse_parts(parts, std::string_view(buf_).substr(pos_, end - pos_));
    ++stats_.windows;
    const double merge_start = thread_cpu_ms();

    for (std::size_t j = 0; j < ranges; ++j) {
      const std::string_view bytes =
          std::string_view(buf_).substr(bounds[j], bounds[j + 1] - bounds[j]);
      Part* part = parts[j].get();
      if (!last_.csv->between_rows()) {
        feed(last_, bytes);  // the range before ended inside a row: its reader reads on
        ++stats_.ranges_continued;
      } else if (part && !part->failed && builder_->can_absorb(*part->builder)) {
        builder_->absorb(*part->builder, part->strings);
        report_.rows_read += part->report.rows_read;
        report_.rows_loaded += part->report.rows_loaded;
        report_.rows_skipped += part->report.rows_skipped;
        for (Problem& p : part->report.problems) report_.add_problem(std::move(p));
        main_.quote_problems += part->target.quote_problems;
        part->reader.router->target = &main_;
        last_ = std::move(part->reader);
        ++stats_.ranges_absorbed;
      } else {
        if (part && part->failed) throw GiveUp{};
        last_ = new_reader(first_line[j], &main_);  // a decision changed: this range again
        feed(last_, bytes);
        ++stats_.ranges_reread;
      }
      if (parts[j]) {
        parts[j]->builder.reset();
        spare_[j] = std::move(parts[j]);
      }
    }
    stats_.merge_cpu_ms += thread_cpu_ms() - merge_start;
    next_line_ = line;
    pos_ = end;
    if (main_.quote_problems >= io::CsvReader::kMaxQuoteRecoveries) throw GiveUp{};
  }

  // Parses the parts on threads (the first on this one, after the UTF-8 check of the window).
  void parse_parts(std::vector<std::unique_ptr<Part>>& parts, std::string_view window) {
#ifndef __EMSCRIPTEN__
    if (parallel_.threads > 1) {
      std::vector<std::thread> threads;
      for (std::size_t j = 1; j < parts.size(); ++j)
        if (parts[j]) threads.emplace_back([part = parts[j].get()] { part->parse(); });
      std::exception_ptr error;
      const double t0 = thread_cpu_ms();
      try {
        check_utf8(window);
      } catch (...) {
        error = std::current_exception();
      }
      const double check_ms = thread_cpu_ms() - t0;
      if (parts[0]) parts[0]->parse();
      for (std::thread& t : threads) t.join();
      if (error) std::rethrow_exception(error);
      count_parse(parts, check_ms);
      return;
    }
#endif
    const double t0 = thread_cpu_ms();
    check_utf8(window);
    const double check_ms = thread_cpu_ms() - t0;
    for (auto& part : parts)
      if (part) part->parse();
    count_parse(parts, check_ms);
  }

  // The first range shares its thread with the UTF-8 check.
  void count_parse(const std::vector<std::unique_ptr<Part>>& parts, double check_ms) {
    double slowest = check_ms + (parts[0] ? parts[0]->cpu_ms : 0);
    stats_.parse_cpu_ms += check_ms;
    for (const auto& part : parts) {
      if (!part) continue;
      stats_.parse_cpu_ms += part->cpu_ms;
      slowest = std::max(slowest, part->cpu_ms);
    }
    stats_.parse_critical_ms += slowest;
  }

  LoadReport finish() {
    const double t0 = thread_cpu_ms();
    try {
      last_.csv->finish();
    } catch (...) {
      throw GiveUp{};
    }
    if (!builder_) decide();
    decoder_->finish([](std::string_view) {});
    // Bytes that are not UTF-8 (replaced) or a head of ASCII that turned out another encoding:
    // FileLoader's reader sees other bytes than these.
    if (decoder_->encoding() != io::TextEncoding::utf8 || decoder_->replaced() > 0) throw GiveUp{};
    if (main_.quote_problems >= io::CsvReader::kMaxQuoteRecoveries) throw GiveUp{};
    report_.encoding = std::string(io::encoding_name(decoder_->encoding()));
    report_.encoding_reason = decoder_->reason();
    report_.lines = last_.csv->lines();
    builder_->finish(columns_);
    std::stable_sort(report_.problems.begin(), report_.problems.end(),
                     [](const Problem& a, const Problem& b) { return a.line < b.line; });
    // The file's own pool in first-seen order, into the dataset's: the ids interning row by
    // row would have given.
    std::vector<StrId> ids(pool_.size(), kNoStr);
    for (StrId id = 1; id < ids.size(); ++id) ids[id] = dataset_.strings.intern(pool_.view(id));
    for (Column& column : table_.columns)
      if (column.mapped && column.kind == FieldKind::text)
        for (StrId& id : column.text) id = ids[id];
    if (table_.rows > 0) dataset_.tables.push_back(std::move(table_));
    dataset_.loads.push_back(report_);
    stats_.merge_cpu_ms += thread_cpu_ms() - t0;
    if (parallel_.stats) *parallel_.stats = stats_;
    return report_;
  }

  Dataset& dataset_;
  const ByteSource& source_;
  FileOptions options_;
  ParallelCsvOptions parallel_;
  LoadReport report_;
  io::CsvOptions csv_options_;
  std::unique_ptr<io::Utf8Decoder> decoder_;
  std::string buf_;  // bytes read and not yet consumed, from pos_
  std::size_t pos_ = 0;
  std::size_t next_line_ = 1;  // the line at pos_
  bool after_cr_ = false;      // the bytes before pos_ end with a CR
  std::size_t bytes_total_ = 0;
  bool eof_ = false;
  std::vector<std::string> columns_;
  Sample sample_;
  std::vector<std::size_t> sample_lines_;
  double bytes_per_row_ = 0;
  StringPool pool_;  // the file's own ids, first-seen order; the dataset's at the end
  Table table_;
  std::unique_ptr<TableBuilder> builder_;
  Target main_;
  ParallelCsvStats stats_;
  std::vector<std::unique_ptr<Part>> spare_;  // the parts of the window before, for their tables
  Reader last_;  // the reader of the latest bytes; inside a row when a split was no record start
};

}  // namespace

void set_load_threads(unsigned threads) {
  g_load_threads = std::max(1u, threads);
}
unsigned load_threads() {
  return g_load_threads;
}

std::optional<LoadReport> load_csv_parallel(Dataset& dataset, const std::string& display_name,
                                            const ByteSource& source, const FileOptions& options,
                                            const ParallelCsvOptions& parallel) {
  ParallelLoad load(dataset, display_name, source, options, parallel);
  return load.run();
}

std::optional<LoadReport> load_csv_parallel(Dataset& dataset, const std::string& display_name,
                                            std::string_view text, const FileOptions& options,
                                            const ParallelCsvOptions& parallel) {
  std::size_t at = 0;
  const ByteSource source = [&](char* buffer, std::size_t size) {
    const std::size_t n = std::min(size, text.size() - at);
    if (n > 0) std::memcpy(buffer, text.data() + at, n);
    at += n;
    return n;
  };
  return load_csv_parallel(dataset, display_name, source, options, parallel);
}

}  // namespace pulse::ingest
