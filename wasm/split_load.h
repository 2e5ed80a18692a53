// The page's parallel load of a big CSV file, as JavaScript sees it (Embind): SplitLoad runs
// in the engine worker on its engine's dataset, RangeParserHandle in each helper worker with
// an engine of its own. The steps are ingest::SteppedCsvLoad's and ingest::RangeParser's
// (core/include/pulse/ingest/parallel_csv.h); wasm/pulse.js's loadFileInRanges drives them.
// Bytes cross as (address, length) of JS-filled wasm memory; binary results are returned as
// views of wasm memory that JS copies at once. A step that cannot go on answers false or "":
// JS then reads the file in one stream, and nothing of this load stays in the dataset.
#pragma once

#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pulse/ingest/parallel_csv.h"
#include "pulse/report/engine.h"

namespace pulse::wasm {

class SplitLoad {
 public:
  SplitLoad(report::Engine& engine, const std::string& name, const ingest::FileOptions& options,
            std::size_t range_bytes, unsigned ranges_per_window);

  bool give(std::uintptr_t ptr, std::size_t len);
  void end_of_file();
  bool head();
  double head_end() const;
  double wanted_offset() const;
  /// The next window's ranges as JSON [[begin, end, first_line], ...] ("[]" at the end of the
  /// file), or "" when the file must be read in one stream.
  std::string plan();
  /// The decisions the helpers parse under (a view: copy it before the next call).
  emscripten::val decisions();
  bool parse_first();
  /// An image of the window's next range (a copy is kept until join()).
  bool add_image(std::uintptr_t ptr, std::size_t len);
  bool join();
  /// The file's load report as JSON, or "" when the file must be read in one stream.
  std::string finish();

 private:
  report::Engine& engine_;
  ingest::SteppedCsvLoad steps_;
  std::string decisions_;
  std::vector<std::string> images_;
};

class RangeParserHandle {
 public:
  RangeParserHandle(const std::string& name, const std::string& options_json,
                    std::size_t range_bytes);
  bool head(std::uintptr_t ptr, std::size_t len, bool whole_file, double head_end);
  /// The range's image (a view: copy it before the next call); empty when it cannot be made.
  emscripten::val parse(std::uintptr_t decisions, std::size_t decisions_len, std::uintptr_t ptr,
                        std::size_t len, double first_line);

 private:
  std::unique_ptr<ingest::RangeParser> parser_;
  std::string image_;
};

/// The options of a workspace "files" entry as JSON ("" for none), as beginFile reads them.
ingest::FileOptions file_options_of(const std::string& options_json);

}  // namespace pulse::wasm
