// See split_load.h. Every method catches: no C++ exception crosses into JS, and a load that
// fails here is read again in one stream, where its errors are reported as for any file.
#include "split_load.h"

#include <emscripten/bind.h>

#include <new>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pulse/config/workspace.h"
#include "pulse/report/json_writer.h"
#include "pulse/report/report_json.h"

namespace pulse::wasm {
namespace {

std::string_view bytes_at(std::uintptr_t ptr, std::size_t len) {
  return {reinterpret_cast<const char*>(ptr), len};
}

emscripten::val view_of(const std::string& bytes) {
  return emscripten::val(emscripten::typed_memory_view(
      bytes.size(), reinterpret_cast<const unsigned char*>(bytes.data())));
}

template <typename Body, typename Result>
Result guarded(Body&& body, Result failed) noexcept {
  try {
    return body();
  } catch (...) {  // out of memory above all: the file is read in one stream, or says why
    return failed;
  }
}

}  // namespace

ingest::FileOptions file_options_of(const std::string& options_json) {
  if (options_json.empty()) return {};
  const nlohmann::json entry = nlohmann::json::parse(options_json, nullptr, false);
  if (entry.is_discarded() || entry.is_null()) return {};
  return config::file_options_from_json(entry, "options");
}

SplitLoad::SplitLoad(report::Engine& engine, const std::string& name,
                     const ingest::FileOptions& options, std::size_t range_bytes,
                     unsigned ranges_per_window)
    : engine_(engine),
      steps_(engine.dataset_to_load(), name, options, range_bytes, ranges_per_window) {}

bool SplitLoad::give(std::uintptr_t ptr, std::size_t len) {
  return guarded(
      [&] {
        steps_.give(bytes_at(ptr, len));
        return true;
      },
      false);
}

void SplitLoad::end_of_file() {
  steps_.end_of_file();
}

bool SplitLoad::head() {
  return guarded([&] { return steps_.head(); }, false);
}

double SplitLoad::head_end() const {
  return static_cast<double>(steps_.head_end());
}

double SplitLoad::wanted_offset() const {
  return static_cast<double>(steps_.wanted_offset());
}

std::string SplitLoad::plan() {
  return guarded(
      [&] {
        const auto ranges = steps_.plan();
        if (!ranges) return std::string();
        report::JsonWriter w;
        w.begin_array();
        for (const ingest::SteppedCsvLoad::Range& r : *ranges) {
          w.begin_array();
          w.value(static_cast<double>(r.begin));
          w.value(static_cast<double>(r.end));
          w.value(static_cast<double>(r.first_line));
          w.end_array();
        }
        w.end_array();
        images_.clear();
        return w.take();
      },
      std::string());
}

emscripten::val SplitLoad::decisions() {
  decisions_ = steps_.decisions();
  return view_of(decisions_);
}

bool SplitLoad::parse_first() {
  return guarded([&] { return steps_.parse_first(); }, false);
}

bool SplitLoad::add_image(std::uintptr_t ptr, std::size_t len) {
  return guarded(
      [&] {
        images_.emplace_back(bytes_at(ptr, len));
        return true;
      },
      false);
}

bool SplitLoad::join() {
  return guarded(
      [&] {
        const std::vector<std::string_view> views(images_.begin(), images_.end());
        const bool joined = steps_.join(views);
        images_.clear();
        return joined;
      },
      false);
}

std::string SplitLoad::finish() {
  return guarded(
      [&] {
        if (!steps_.finish()) return std::string();
        report::JsonWriter w;
        report::write_load(w, engine_.loaded());
        return w.take();
      },
      std::string());
}

RangeParserHandle::RangeParserHandle(const std::string& name, const std::string& options_json,
                                     std::size_t range_bytes)
    : parser_(std::make_unique<ingest::RangeParser>(name, file_options_of(options_json),
                                                    range_bytes)) {}

bool RangeParserHandle::head(std::uintptr_t ptr, std::size_t len, bool whole_file,
                             double head_end) {
  return guarded(
      [&] {
        return parser_->head(bytes_at(ptr, len), whole_file, static_cast<std::size_t>(head_end));
      },
      false);
}

emscripten::val RangeParserHandle::parse(std::uintptr_t decisions, std::size_t decisions_len,
                                         std::uintptr_t ptr, std::size_t len, double first_line) {
  image_ = guarded(
      [&] {
        return parser_->parse(bytes_at(decisions, decisions_len), bytes_at(ptr, len),
                              static_cast<std::size_t>(first_line));
      },
      std::string());
  return view_of(image_);
}

}  // namespace pulse::wasm

EMSCRIPTEN_BINDINGS(pulse_split) {
  using pulse::wasm::RangeParserHandle;
  using pulse::wasm::SplitLoad;
  emscripten::class_<SplitLoad>("PulseSplitLoad")
      .function("give", &SplitLoad::give)
      .function("endOfFile", &SplitLoad::end_of_file)
      .function("head", &SplitLoad::head)
      .function("headEnd", &SplitLoad::head_end)
      .function("wantedOffset", &SplitLoad::wanted_offset)
      .function("plan", &SplitLoad::plan)
      .function("decisions", &SplitLoad::decisions)
      .function("parseFirst", &SplitLoad::parse_first)
      .function("addImage", &SplitLoad::add_image)
      .function("join", &SplitLoad::join)
      .function("finish", &SplitLoad::finish);
  emscripten::class_<RangeParserHandle>("PulseRangeParser")
      .constructor<std::string, std::string, std::size_t>()
      .function("head", &RangeParserHandle::head)
      .function("parse", &RangeParserHandle::parse);
}
