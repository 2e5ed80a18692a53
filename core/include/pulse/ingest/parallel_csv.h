#pragma once

#include <cstddef>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

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

}  // namespace pulse::ingest
