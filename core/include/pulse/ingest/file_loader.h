#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pulse/ingest/column_mapper.h"
#include "pulse/ingest/table_builder.h"
#include "pulse/io/record_sink.h"
#include "pulse/io/text_encoding.h"
#include "pulse/model/dataset.h"

namespace pulse::ingest {

/// How to read one file: what the workspace fixed; the rest is detected.
struct FileOptions {
  MappingOverrides mapping;
  char delimiter = 0;  // 0 = detect
  Conventions conventions;
  std::size_t max_field_bytes = std::size_t{1} << 20;
  std::size_t expected_bytes = 0;            // the file's size when known: columns are sized once
  std::optional<io::TextEncoding> encoding;  // nullopt = detect (UTF-8, UTF-16, windows-1251/1252)
  std::string sheet;  // a workbook's sheet to read, by name; empty = the first visible sheet
  std::string
      container;  // "gzip" when the caller decompressed the bytes (the page): for the report
  // A decompression bomb stops the file (a partial load) once the inflated text passes both
  // bounds: more than max_inflated_bytes, and more than max_inflation_ratio times the
  // compressed bytes (read so far natively; expected_bytes when the caller decompresses).
  std::size_t max_inflated_bytes = std::size_t{1} << 30;
  std::size_t max_inflation_ratio = 100;
};

/// Loads one file into a Dataset from chunks of bytes, so a big file never has to sit in
/// memory whole:
///
///   FileLoader loader(dataset, "orders.csv", options);
///   while (n = read(buf)) loader.feed({buf, n});
///   const LoadReport& report = loader.finish();
///
/// Never throws for bad input: a refused file has report.error set (nothing of it is kept); a
/// file that stops after some rows (an oversized cell, a truncated gzip) keeps them and says
/// so in report.stopped and report.stopped_line; bad rows are in report.problems and the good
/// rows are loaded.
class FileLoader {
 public:
  FileLoader(Dataset& dataset, std::string file_name, FileOptions options = {});
  ~FileLoader();
  FileLoader(const FileLoader&) = delete;
  FileLoader& operator=(const FileLoader&) = delete;

  void feed(std::string_view bytes);
  const LoadReport& finish();
  std::size_t bytes_fed() const { return bytes_fed_; }
  /// False once the file was refused or stopped (or finished): whatever is fed from then on
  /// is ignored, so a caller that decompresses or downloads can stop doing so.
  bool wants_more() const { return !failed_ && !finished_; }

  /// A workbook given by its zip entries, for a caller that unzips it (the page, with fflate;
  /// natively feed() detects a zip and does the same from the buffered file). The loader asks
  /// for one entry at a time; the sheet, last, may come in chunks:
  ///
  ///   loader.begin_parts();
  ///   for (std::string name; !(name = loader.wanted_part()).empty();)
  ///     if (zip.has(name)) { loader.part_data(bytes); ...; loader.part_end(); }
  ///     else loader.part_missing();
  ///   loader.finish();
  void begin_parts();
  std::string wanted_part() const;  // "" when nothing more is wanted (or the file failed)
  void part_data(std::string_view bytes);
  void part_end();
  void part_missing();
  /// Rows the caller already split into cells (the page reads Parquet with hyparquet): no text,
  /// no delimiter, no encoding to detect. begin_rows() names the format for the report and the
  /// columns; each add_row() is one row, numbered from 1; then finish(). The cells go through
  /// the same sample, role detection, mapping, typing and problem reporting as a CSV's fields
  /// (the path a workbook's sheet takes); an empty cell is a missing value.
  void begin_rows(const std::string& format, const std::vector<std::string>& columns);
  void add_row(std::size_t row, const std::vector<std::string_view>& cells);
  /// The caller found the file unreadable (the page's gzip or zip decompression failed): the
  /// file is refused with `message` ("[pulse.ingest.003] ..."), rows read before it stay.
  void refuse(const std::string& message);

 private:
  class Pipeline;
  class Container;  // gzip and zip unwrapping, workbook parts (file_loader_containers.cpp)
  bool unwrap(std::string_view bytes);  // feed(): true when a container took the bytes
  void finish_container();
  io::RecordSink& start_records();  // a pipeline for rows that do not come from text
  void start(std::string_view head);
  /// Refuses (or, with rows kept, stops) the file: `message` starts with its id; `params` are
  /// its figures, named, which the report gives beside a stop's reason.
  void fail(const std::string& message, std::vector<MessageParam> params = {});
  void decode(std::string_view bytes);
  void check_inflation(std::size_t inflated_bytes);

  Dataset& dataset_;
  FileOptions options_;
  LoadReport report_;
  std::string head_;  // bytes kept until the format is known
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<io::Utf8Decoder> decoder_;  // file bytes -> UTF-8 for the pipeline
  std::size_t bytes_fed_ = 0;
  std::size_t inflated_ = 0;   // text bytes that came out of a gzip container
  std::size_t stop_line_ = 0;  // where reading was when an error stopped it
  std::unique_ptr<Container> container_;
  bool unwrapping_ = false;  // feeding what a container decompressed
  bool failed_ = false;
  std::vector<MessageParam> fail_params_;  // the figures of report_.error, for a stop
  bool finished_ = false;
};

/// Reads a file from disk in 1 MiB chunks through a FileLoader.
LoadReport load_path(Dataset& dataset, const std::string& path, const std::string& display_name,
                     const FileOptions& options = {});

}  // namespace pulse::ingest
