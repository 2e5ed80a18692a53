#pragma once

#include <cstddef>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pulse/ingest/file_loader.h"
#include "pulse/model/dataset.h"
#include "pulse/model/load_report.h"

namespace pulse::ingest {

/// What a parallel load did, for tests and the benchmark. CPU times are per thread
/// (CLOCK_THREAD_CPUTIME_ID), so that a busy machine does not blur them: the critical path
/// is what a load takes with a free core per thread.
struct ParallelCsvStats {
  std::size_t windows = 0;
  std::size_t ranges_absorbed = 0;  // parsed on their own and appended as they were
  std::size_t ranges_continued =
      0;                          // their split was no record start: read on by the reader before
  std::size_t ranges_reread = 0;  // a decision they assumed had changed: read again in one stream
  double head_cpu_ms = 0;         // the head, in one stream
  double parse_cpu_ms = 0;        // all ranges' parsing, summed over threads
  double parse_critical_ms = 0;   // per window the slowest range (or the UTF-8 check), summed
  double merge_cpu_ms = 0;        // absorbing the ranges and reading the rest, in file order
};

/// How a big CSV file is read on several threads.
struct ParallelCsvOptions {
  unsigned threads = 2;                            // ranges parsed at once (1: one after another)
  std::size_t range_bytes = std::size_t{8} << 20;  // bytes per range; tests force a few KiB
  ParallelCsvStats* stats = nullptr;               // filled when given
};

/// Files at least this big are read in parallel by load_path when load_threads() > 1.
constexpr std::size_t kParallelMinBytes = std::size_t{8} << 20;

/// Threads load_path uses for a big CSV file: 1 (the default) reads every file in one stream.
/// The command line sets it (--threads, default the number of cores); a process-wide setting
/// because it is about the machine, not about a file.
void set_load_threads(unsigned threads);
unsigned load_threads();

/// Gives up to `size` bytes of the file into `buffer`; 0 at the end.
using ByteSource = std::function<std::size_t(char* buffer, std::size_t size)>;

/// Loads a plain UTF-8 CSV file split into byte ranges that are parsed and typed on several
/// threads, with the same result as FileLoader reading it in one stream: the same table (rows
/// in file order, text ids in first-seen order), the same load report (counts, problems with
/// their file-wide line numbers, mapping, conventions, notes).
///
/// The head of the file decides everything first, in one stream: encoding, format, delimiter,
/// header, the sample rows that decide role and columns. Then windows of threads × range_bytes
/// are split at record starts (io::next_record_start) and each range is parsed by its own
/// CsvReader (told its first line and the header) into a TableBuilder fork with its own string
/// pool. Ranges are absorbed in file order; a range is exact only when its reader starts where
/// the previous one ended between two rows, and the decisions it assumed still hold
/// (TableBuilder::can_absorb). Otherwise it is read again in one stream on the calling thread:
/// a reader that ended inside a row (a quoted line break at the split) goes on into the next
/// range; a decision made in an earlier range (a decimal comma) re-reads the range from the
/// builder's true state. The speculation follows Ge et al., "Speculative Distributed CSV Data
/// Parsing for Big Data Analytics", SIGMOD 2019.
///
/// Returns nullopt, and leaves the dataset untouched, when the file is not one this reads
/// exactly like FileLoader: not UTF-8 throughout (a byte that is not, or a head that decides
/// another encoding), JSON, gzip or zip, a file that stops with an error, a file of 100 or
/// more unterminated quotes. The caller then reads it in one stream (the bytes again).
std::optional<LoadReport> load_csv_parallel(Dataset& dataset, const std::string& display_name,
                                            const ByteSource& source, const FileOptions& options,
                                            const ParallelCsvOptions& parallel);

/// The same from text in memory (tests, benchmarks).
std::optional<LoadReport> load_csv_parallel(Dataset& dataset, const std::string& display_name,
                                            std::string_view text, const FileOptions& options,
                                            const ParallelCsvOptions& parallel);

class ParallelLoad;  // parallel_csv.cpp

/// The same load driven step by step, for the page: its engine worker reads the head and
/// absorbs the ranges, helper workers (each with its own engine, RangeParser) parse all
/// ranges of a window but the first, which the engine parses itself meanwhile. No memory is
/// shared: a helper reads its range from the file and posts back a range image
/// (range_image.h). The result is load_csv_parallel's, which is FileLoader's; a range whose
/// image does not fit, whose reader ended inside a row, or that assumed a decision made since
/// is read again here in one stream, as the native loader does.
///
/// Steps: give() the file's first bytes (kParallelHeadBytes, or all of a shorter file, then
/// end_of_file()) and head(); then, while plan() gives ranges: give() bytes up to
/// wanted_offset(), plan(), post ranges 1.. with decisions() to the helpers, parse_first(),
/// join() their images in order; at the end of the file, end_of_file() before plan(), then
/// finish(). A step that returns false or nullopt means the file must be read in one stream
/// (from its start); nothing of it reached the dataset.
class SteppedCsvLoad {
 public:
  struct Range {
    std::size_t begin = 0;  // file offsets
    std::size_t end = 0;
    std::size_t first_line = 1;
  };

  SteppedCsvLoad(Dataset& dataset, const std::string& display_name, const FileOptions& options,
                 std::size_t range_bytes, unsigned ranges_per_window);
  ~SteppedCsvLoad();

  void give(std::string_view bytes);
  void end_of_file();
  bool head();
  /// The file offset where the head ended (where the first window starts).
  std::size_t head_end() const;
  /// The file offset up to which bytes must have been given before the next plan().
  std::size_t wanted_offset() const;
  /// The next window's ranges; empty at the end of the file; nullopt: read in one stream.
  std::optional<std::vector<Range>> plan();
  /// The decimal marks and date orders decided so far: the helpers parse under them.
  std::string decisions() const;
  bool parse_first();
  /// One image per range after the first, in order ("" for a range a helper could not parse).
  bool join(const std::vector<std::string_view>& images);
  std::optional<LoadReport> finish();
  ParallelCsvStats stats() const;

 private:
  friend class RangeParser;
  std::string queued_;  // given and not yet taken by the loader
  std::size_t taken_ = 0;
  bool ended_ = false;
  ByteSource source_;
  std::unique_ptr<ParallelLoad> load_;
};

/// A helper worker's part of a SteppedCsvLoad: reads the same head as the engine (the same
/// bytes, so the same decisions and the same head end), then parses ranges into images.
class RangeParser {
 public:
  /// The engine's name, options and range_bytes (the head is read by steps of its size).
  RangeParser(const std::string& display_name, const FileOptions& options, std::size_t range_bytes);
  ~RangeParser();
  /// `head`: the bytes the engine's head() was given; `whole_file` when that was all of it.
  /// False when the head does not decide what the engine's did (then no range is parsed).
  bool head(std::string_view head, bool whole_file, std::size_t head_end);
  /// The image of `bytes`, starting on `first_line`, parsed under `decisions`; "" when they
  /// do not fit the head read here.
  std::string parse(std::string_view decisions, std::string_view bytes, std::size_t first_line);

 private:
  Dataset unused_;  // the loader's dataset: a helper never finishes a file
  SteppedCsvLoad steps_;
};

/// Bytes of a file given to SteppedCsvLoad::head() and RangeParser::head(): the head that
/// decides the mapping reads about a thousand rows.
constexpr std::size_t kParallelHeadBytes = std::size_t{4} << 20;

}  // namespace pulse::ingest
