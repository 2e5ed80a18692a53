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
#include "pulse/ingest/range_image.h"
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
// SteppedCsvLoad: the first range of a window (the engine's own) relative to the helpers'.
constexpr double kEngineRangeShare = 0.4;

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
  bool remote = false;              // parsed in another engine: its reader stayed there
  bool remote_between_rows = true;  // that reader ended between two rows
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

}  // namespace

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
    return attempt([&] {
      if (!start()) return std::optional<LoadReport>();
      read_head();
      read_windows();
      return std::optional<LoadReport>(finish());
    });
  }

  // Runs a step; nullopt when the file cannot be read here exactly like FileLoader reads it.
  template <typename Step>
  auto attempt(Step&& step) -> decltype(step()) {
    try {
      return step();
    } catch (const GiveUp&) {
    } catch (const PulseError&) {
    } catch (const std::bad_alloc&) {
    }
    return {};
  }

  // Steps for a load whose ranges are parsed elsewhere (SteppedCsvLoad, RangeParser).
  bool head() {
    return attempt([&] {
             if (!start()) return std::optional<bool>();
             read_head();
             return std::optional<bool>(builder_ != nullptr && last_.csv->between_rows());
           })
        .value_or(false);
  }
  std::size_t offset() const { return base_ + pos_; }
  std::size_t wanted_offset() const {
    return base_ + pos_ + parallel_.threads * parallel_.range_bytes + step() +
           parallel_.range_bytes;
  }
  std::optional<std::vector<SteppedCsvLoad::Range>> plan() {
    return attempt([&] {
      std::vector<SteppedCsvLoad::Range> ranges;
      if (!plan_window()) return std::optional<std::vector<SteppedCsvLoad::Range>>(ranges);
      for (std::size_t j = 0; j + 1 < bounds_.size(); ++j)
        ranges.push_back({base_ + bounds_[j], base_ + bounds_[j + 1], first_line_[j]});
      return std::optional<std::vector<SteppedCsvLoad::Range>>(ranges);
    });
  }
  std::string decisions() const {
    FlatWriter out;
    builder_->write_decisions(out);
    return out.take();
  }
  bool parse_first() {
    return attempt([&] {
             parse_window(false);
             return std::optional<bool>(true);
           })
        .value_or(false);
  }
  bool join(const std::vector<std::string_view>& images) {
    return attempt([&] {
             take_images(images);
             join_window();
             return std::optional<bool>(true);
           })
        .value_or(false);
  }
  std::optional<LoadReport> finish_stepped() {
    return attempt([&] { return std::optional<LoadReport>(finish()); });
  }

  ParallelCsvStats stats() const { return stats_; }
  void set_first_share(double share) { first_share_ = share; }

  // A helper's range: parsed under the file's decisions into a fork, as an image.
  std::string parse_range(std::string_view decisions, std::string_view bytes,
                          std::size_t first_line) {
    FlatReader in(decisions);
    if (!builder_ || !builder_->adopt_decisions(in) || !in.at_end()) return {};
    std::unique_ptr<Part> part = make_part(0, bytes, first_line);
    part->parse();
    const RangeEnd end{part->target.quote_problems, part->reader.csv->between_rows(), part->failed};
    std::string image =
        write_range_image(*part->builder, part->table, part->strings, part->report, end);
    part->builder.reset();
    spare_[0] = std::move(part);  // its table's pages serve the next range
    return image;
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
      guess = io::encoding_from_workspace(io::TextEncoding::utf8);
    } else {
      guess = io::detect_encoding(head);
    }
    if (guess.encoding != io::TextEncoding::utf8) return false;
    Sniff sniff = sniff_text(head, report_.file);  // throws for what is no text table
    if (sniff.format != TextFormat::csv) return false;
    if (options_.delimiter != 0) sniff.delimiter = options_.delimiter;
    report_.encoding = std::string(io::encoding_name(guess.encoding));
    report_.encoding_reason = guess.reason;
    report_.encoding_reason_code = guess.reason_code;
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
      report_.mapping_reasons[name] = mapping.reason[f].text;
      report_.mapping_reason_codes[name] = mapping.reason[f];
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
    while (plan_window()) {
      parse_window(true);
      join_window();
    }
  }

  // The next window's ranges (bounds_, first_line_); false at the end of the file.
  bool plan_window() {
    if (pos_ > 0) {
      buf_.erase(0, pos_);
      base_ += pos_;
      pos_ = 0;
    }
    if (pos_ == buf_.size() && !fill()) return false;
    {
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
      // Ranges: about equal (the first one first_share_ of the others), each starting at a
      // record start.
      bounds_.assign(1, pos_);
      const std::size_t m = parallel_.threads;
      for (std::size_t j = 1; j < m; ++j) {
        const std::size_t split =
            first_share_ == 1.0
                ? (end - pos_) * j / m
                : static_cast<std::size_t>(static_cast<double>(end - pos_) *
                                           (first_share_ + static_cast<double>(j - 1)) /
                                           (first_share_ + static_cast<double>(m - 1)));
        const std::size_t at = record_start(pos_ + split);
        if (at != std::string_view::npos && at > bounds_.back() && at < end) bounds_.push_back(at);
      }
      bounds_.push_back(end);
    }
    const std::size_t ranges = bounds_.size() - 1;
    first_line_.assign(ranges + 1, next_line_);
    for (std::size_t j = 0; j < ranges; ++j)
      first_line_[j + 1] = first_line_[j] + line_breaks(range_bytes(j));
    parts_.clear();
    parts_.resize(ranges);
    return true;
  }

  std::string_view range_bytes(std::size_t j) const {
    return std::string_view(buf_).substr(bounds_[j], bounds_[j + 1] - bounds_[j]);
  }

  // Parses the window's ranges here (all, or the first only when the others are parsed
  // elsewhere) after checking that the window is UTF-8. A reader inside a row goes on into
  // the first range: no fork for it.
  void parse_window(bool all) {
    const bool continue_first = !last_.csv->between_rows();
    const std::size_t ranges = all ? parts_.size() : std::min<std::size_t>(parts_.size(), 1);
    for (std::size_t j = continue_first ? 1 : 0; j < ranges; ++j)
      parts_[j] = make_part(j, range_bytes(j), first_line_[j]);
    parse_parts(parts_, std::string_view(buf_).substr(pos_, bounds_.back() - pos_));
    ++stats_.windows;
  }

  // The images of ranges 1.. parsed elsewhere, as parts; an image that does not read leaves
  // its range to be read again here.
  void take_images(const std::vector<std::string_view>& images) {
    for (std::size_t j = 1; j < parts_.size(); ++j) {
      if (j > images.size() || images[j - 1].empty()) continue;
      std::unique_ptr<Part> part = make_part(j, range_bytes(j), first_line_[j]);
      RangeEnd end;
      if (!read_range_image(images[j - 1], *part->builder, part->table, part->strings, part->report,
                            end))
        continue;
      part->remote = true;
      part->remote_between_rows = end.between_rows;
      part->failed = end.failed;
      part->target.quote_problems = end.quote_problems;
      parts_[j] = std::move(part);
    }
  }

  // Absorbs the window's ranges in file order, or reads them here in one stream.
  void join_window() {
    const double merge_start = thread_cpu_ms();
    const std::size_t ranges = parts_.size();
    for (std::size_t j = 0; j < ranges; ++j) {
      const std::string_view bytes = range_bytes(j);
      Part* part = parts_[j].get();
      // A range parsed elsewhere is whole only when its reader ended between two rows: that
      // reader cannot read on into the next range here.
      const bool whole = part && !part->failed && (!part->remote || part->remote_between_rows);
      if (!last_.csv->between_rows()) {
        feed(last_, bytes);  // the range before ended inside a row: its reader reads on
        ++stats_.ranges_continued;
      } else if (whole && builder_->can_absorb(*part->builder)) {
        builder_->absorb(*part->builder, part->strings);
        report_.rows_read += part->report.rows_read;
        report_.rows_loaded += part->report.rows_loaded;
        report_.rows_skipped += part->report.rows_skipped;
        for (Problem& p : part->report.problems) report_.add_problem(std::move(p));
        main_.quote_problems += part->target.quote_problems;
        if (part->remote) {
          last_ = new_reader(first_line_[j + 1], &main_);
        } else {
          part->reader.router->target = &main_;
          last_ = std::move(part->reader);
        }
        ++stats_.ranges_absorbed;
      } else {
        if (part && part->failed) throw GiveUp{};
        // A decision changed, or the range's own reader ended inside a row: this range again.
        last_ = new_reader(first_line_[j], &main_);
        feed(last_, bytes);
        ++stats_.ranges_reread;
      }
      if (parts_[j]) {
        parts_[j]->builder.reset();
        spare_[j] = std::move(parts_[j]);
      }
    }
    stats_.merge_cpu_ms += thread_cpu_ms() - merge_start;
    next_line_ = first_line_.back();
    pos_ = bounds_.back();
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
    report_.encoding_reason_code = decoder_->reason_code();
    report_.lines = last_.csv->lines();
    builder_->finish(columns_);
    report_.sort_problems_by_line();
    // The file's own pool in first-seen order, into the dataset's: the ids interning row by
    // row would have given.
    std::vector<StrId> ids(pool_.size(), kNoStr);
    for (StrId id = 1; id < ids.size(); ++id) ids[id] = dataset_.strings.intern(pool_.view(id));
    for (Column& column : table_.columns)
      if (column.mapped && column.kind == FieldKind::text) column.text.remap(ids);
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
  double first_share_ = 1.0;  // the first range's size, relative to the others'
  std::size_t base_ = 0;      // the file offset of buf_[0]
  // The window being read: its ranges' bounds in buf_, the line each starts on (and the line
  // after the window), their parts.
  std::vector<std::size_t> bounds_;
  std::vector<std::size_t> first_line_;
  std::vector<std::unique_ptr<Part>> parts_;
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

SteppedCsvLoad::SteppedCsvLoad(Dataset& dataset, const std::string& display_name,
                               const FileOptions& options, std::size_t range_bytes,
                               unsigned ranges_per_window) {
  // The loader pulls what was given; it must never run dry before the end of the file (the
  // caller gives up to wanted_offset()): a load that does stops, and the file is read in one
  // stream.
  source_ = [this](char* buffer, std::size_t size) -> std::size_t {
    const std::size_t n = std::min(size, queued_.size() - taken_);
    if (n == 0 && !ended_) throw GiveUp{};
    std::memcpy(buffer, queued_.data() + taken_, n);
    taken_ += n;
    if (taken_ == queued_.size()) {
      queued_.clear();
      taken_ = 0;
    }
    return n;
  };
  ParallelCsvOptions parallel;
  parallel.threads = ranges_per_window;
  parallel.range_bytes = range_bytes;
  load_ = std::make_unique<ParallelLoad>(dataset, display_name, source_, options, parallel);
  // The engine parses the first range of each window while the helpers parse theirs, and
  // then absorbs them all, checks the window's UTF-8, takes its bytes in: a smaller first
  // range keeps it from making the helpers wait.
  if (ranges_per_window > 1) load_->set_first_share(kEngineRangeShare);
}

SteppedCsvLoad::~SteppedCsvLoad() = default;

void SteppedCsvLoad::give(std::string_view bytes) {
  queued_.append(bytes);
}
void SteppedCsvLoad::end_of_file() {
  ended_ = true;
}
bool SteppedCsvLoad::head() {
  return load_->head();
}
std::size_t SteppedCsvLoad::head_end() const {
  return load_->offset();
}
std::size_t SteppedCsvLoad::wanted_offset() const {
  return load_->wanted_offset();
}
std::optional<std::vector<SteppedCsvLoad::Range>> SteppedCsvLoad::plan() {
  return load_->plan();
}
std::string SteppedCsvLoad::decisions() const {
  return load_->decisions();
}
bool SteppedCsvLoad::parse_first() {
  return load_->parse_first();
}
bool SteppedCsvLoad::join(const std::vector<std::string_view>& images) {
  return load_->join(images);
}
std::optional<LoadReport> SteppedCsvLoad::finish() {
  return load_->finish_stepped();
}
ParallelCsvStats SteppedCsvLoad::stats() const {
  return load_->stats();
}

RangeParser::RangeParser(const std::string& display_name, const FileOptions& options,
                         std::size_t range_bytes)
    : steps_(unused_, display_name, options, range_bytes, 1) {}

RangeParser::~RangeParser() = default;

bool RangeParser::head(std::string_view head, bool whole_file, std::size_t head_end) {
  steps_.give(head);
  if (whole_file) steps_.end_of_file();
  return steps_.head() && steps_.head_end() == head_end;
}

std::string RangeParser::parse(std::string_view decisions, std::string_view bytes,
                               std::size_t first_line) {
  return steps_.load_->parse_range(decisions, bytes, first_line);
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
