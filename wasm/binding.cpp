// The engine's door to JavaScript (Embind): bytes in by chunks, one JSON document out.
// Every method catches: no C++ exception crosses into JS, a failure comes back as the value
// {"error": "[pulse.wasm.NNN] ..."} (or the engine's own "[pulse.config.NNN] ..."). wasm/pulse.js
// turns those values into thrown Errors; nothing else should call this class directly.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/config/settings.h"
#include "pulse/config/workspace.h"
#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/ingest/packed_rows.h"
#include "pulse/report/engine.h"
#include "pulse/report/json_writer.h"
#include "pulse/report/report_json.h"
#include "pulse/report/report_sections.h"
#include "pulse/report/schema_json.h"
#ifndef PULSE_WASM_WITHOUT_RANGES
#include "split_load.h"
#endif

namespace pulse::wasm {
namespace {

std::string error_json(const std::string& message) {
  report::JsonWriter w;
  w.begin_object();
  w.key("error"), w.value(message);
  w.end_object();
  return w.take();
}

/// Runs `body` and turns whatever it throws into an error document. PulseErrors keep their own
/// id. When even the message cannot be allocated the result is "" (pulse.js: out of memory).
template <typename Body>
std::string guarded(const char* call, Body&& body) noexcept {
  try {
    try {
      return body();
    } catch (const PulseError& e) {
      return error_json(e.what());
    } catch (const std::bad_alloc&) {
      return error_json("[" + std::string(ids::kWasmOutOfMemory) + "] " + call +
                        ": out of memory (WebAssembly stops at 4 GB)");
    } catch (const std::exception& e) {
      return error_json("[" + std::string(ids::kWasmUnexpected) + "] " + call + ": " + e.what());
    } catch (...) {
      return error_json("[" + std::string(ids::kWasmUnexpected) + "] " + call + ": unknown error");
    }
  } catch (...) {
    return {};
  }
}

/// Parses the JSON text of an options or settings object; "" means "all defaults".
nlohmann::json parse_object(const std::string& text, const char* what) {
  if (text.empty()) return nlohmann::json();
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    throw PulseError(ids::kWasmBadJson, std::string(what) + ": not valid JSON");
  return doc;
}

}  // namespace

/// One engine per instance. Methods returning a document give it or an error document;
/// the others give "" on success or an error document.
class PulseEngine {
 public:
  // The report in pure ASCII: a browser decodes and parses it about twice as fast as UTF-8 with
  // a few names past ASCII (docs/performance.md "The report as ASCII"); the value is the same.
  PulseEngine() { engine_.set_ascii_report(true); }

  /// `options_json`: a workspace "files" entry ({"role", "columns", "delimiter", "decimal",
  /// "date_format"}), or "" to detect everything. A file still open is finished first.
  std::string begin_file(const std::string& name, const std::string& options_json) {
    return guarded("beginFile", [&] {
      ingest::FileOptions options;
      const nlohmann::json entry = parse_object(options_json, "options");
      if (!entry.is_null()) options = config::file_options_from_json(entry, "options");
      open_ = false;
      engine_.begin_file(name, std::move(options));
      open_ = true;
      return std::string();
    });
  }

  /// `ptr` is where JS put `len` bytes with _malloc + HEAPU8.set; the engine copies what it
  /// keeps, so JS may reuse the buffer at once. Unsigned, so addresses above 2 GB survive.
  std::string feed(std::uintptr_t ptr, std::size_t len) {
    return guarded("feed", [&] {
      if (!open_) throw PulseError(ids::kWasmNoFileBegun, "feed: no file begun (call beginFile)");
      engine_.feed(std::string_view(reinterpret_cast<const char*>(ptr), len));
      return std::string();
    });
  }

  /// False once the file being loaded was refused or stopped: the engine ignores what is fed
  /// from then on, so JS stops reading and decompressing it (a gzip bomb refused as binary).
  bool wants_more() {
    ingest::FileLoader* loader = open_ ? engine_.loader() : nullptr;
    return loader != nullptr && loader->wants_more();
  }

  /// A workbook (.xlsx) that JS unzipped: after beginFile, beginParts(); then, while
  /// wantedPart() names an entry, give its bytes by partData() chunks and partEnd(), or
  /// partMissing() when the archive has no such entry; then finishFile(). The same reader as
  /// the CLI's (FileLoader's part API), so both read a workbook alike.
  std::string begin_parts() {
    return guarded("beginParts", [&] {
      loader("beginParts").begin_parts();
      return std::string();
    });
  }

  /// The zip entry wanted next, "" when none (or the file failed: finishFile says why).
  std::string wanted_part() {
    return guarded("wantedPart", [&] { return loader("wantedPart").wanted_part(); });
  }

  std::string part_data(std::uintptr_t ptr, std::size_t len) {
    return guarded("partData", [&] {
      loader("partData").part_data(std::string_view(reinterpret_cast<const char*>(ptr), len));
      return std::string();
    });
  }

  std::string part_end() {
    return guarded("partEnd", [&] {
      loader("partEnd").part_end();
      return std::string();
    });
  }

  std::string part_missing() {
    return guarded("partMissing", [&] {
      loader("partMissing").part_missing();
      return std::string();
    });
  }

  /// Rows JS already split into cells (the page reads Parquet): after beginFile,
  /// beginRows(format, columns as a JSON array of names), then addRows() for each batch packed
  /// as ingest/packed_rows.h describes, then finishFile(). Role detection, mapping, typing and
  /// problems are those of every other file (FileLoader::begin_rows).
  std::string begin_rows(const std::string& format, const std::string& columns_json) {
    return guarded("beginRows", [&] {
      const nlohmann::json names = parse_object(columns_json, "columns");
      if (!names.is_array())
        throw PulseError(ids::kWasmBadJson, "beginRows: columns must be a JSON array of names");
      std::vector<std::string> columns;
      for (const nlohmann::json& name : names)
        columns.push_back(name.is_string() ? name.get<std::string>() : name.dump());
      loader("beginRows").begin_rows(format, columns);
      row_columns_ = columns.size();
      return std::string();
    });
  }

  /// `ptr`/`len` as for feed(): `rows` rows of the columns given to beginRows, the first of them
  /// numbered `first_row` in the report.
  std::string add_rows(std::uintptr_t ptr, std::size_t len, std::size_t rows,
                       std::size_t first_row) {
    return guarded("addRows", [&] {
      ingest::add_packed_rows(loader("addRows"),
                              std::string_view(reinterpret_cast<const char*>(ptr), len), rows,
                              row_columns_, first_row);
      return std::string();
    });
  }

  /// addRows() with the cells column after column (ingest::CellOrder::by_column): the page's
  /// Parquet reader writes each column of a row group as it decodes it.
  std::string add_columns(std::uintptr_t ptr, std::size_t len, std::size_t rows,
                          std::size_t first_row) {
    return guarded("addColumns", [&] {
      ingest::add_packed_rows(loader("addColumns"),
                              std::string_view(reinterpret_cast<const char*>(ptr), len), rows,
                              row_columns_, first_row, ingest::CellOrder::by_column);
      return std::string();
    });
  }

  /// JS could not unpack the file (corrupt gzip or zip): finishFile() then refuses it with
  /// `message`, like the CLI does, so that it is listed in the report's "load" section.
  std::string refuse_file(const std::string& message) {
    return guarded("refuseFile", [&] {
      loader("refuseFile").refuse(message);
      return std::string();
    });
  }

  /// The file's load report (SPEC §4 "load" entry). A refused file is a report with "error"
  /// set; the good rows of a file with bad ones are loaded and the bad ones are in "problems".
  std::string finish_file() {
    return guarded("finishFile", [&] {
      if (!open_)
        throw PulseError(ids::kWasmNoFileBegun, "finishFile: no file begun (call beginFile)");
      open_ = false;  // even if finishing throws, the next file must start clean
      report::JsonWriter w;
      report::write_load(w, engine_.finish_file());
      return w.take();
    });
  }

  /// The SPEC §4 document for `settings_json` (the workspace "settings" object, "" = defaults).
  /// `sections`: the dashboards to compute, comma-separated report keys ("" = all; the page
  /// asks for the one on screen first, report_sections.h).
  ///
  /// The document comes back as a Uint8Array over wasm memory (valid until the next call into
  /// the engine), which pulse.js decodes at once: Embind's std::string return would copy it
  /// into a new buffer and then scan it byte by byte in JS before decoding, which took about a
  /// third of a re-filter of the customers' view (its 3.9 MB of JSON; docs/performance.md
  /// "Re-filter: the report's JSON").
  ///
  /// `keep_lists`: the big lists kept in the engine (Engine::set_keep_lists), for the page's
  /// worker, which reads their columns and rows with keptColumn and keptRows until the next
  /// report; false gives the SPEC form.
  emscripten::val report(const std::string& settings_json, const std::string& sections,
                         bool keep_lists) {
    std::string().swap(document_);  // the last report's bytes are freed before this one is made
    engine_.set_keep_lists(keep_lists);
    document_ = guarded("report", [&] {
      if (open_)
        throw PulseError(ids::kWasmFileStillLoading,
                         "report: a file is still loading (call finishFile)");
      std::string_view unknown;
      const std::optional<report::Sections> asked = report::parse_sections(sections, &unknown);
      if (!asked)
        throw PulseError(ids::kWasmBadArgument,
                         "report: '" + std::string(unknown) +
                             "' is not a section (customers, catalogs, negotiations, sales_team, "
                             "attention, comparisons)");
      return engine_.report_text(
          config::settings_from_json(parse_object(settings_json, "settings")), *asked);
    });
    return bytes_of_document();
  }

  /// Column `column` of the list the last report kept as `table` (its "kept" and the index of
  /// the key in its "fields"): a Float64Array over wasm memory when every value is a number or
  /// null (NaN standing for null), else the values as a JSON array in UTF-8 bytes (a
  /// Uint8Array); either valid until the next call into the engine, so pulse.js copies or
  /// decodes it at once. An error document, as bytes, for a table or column there is not.
  emscripten::val kept_column(std::size_t table, std::size_t column) {
    const report::KeptColumn* found = nullptr;
    document_ = guarded("keptColumn", [&] {
      const report::KeptTable& kept = kept_table(table, "keptColumn");
      if (column >= kept.columns.size())
        throw PulseError(ids::kWasmBadArgument,
                         "keptColumn: the kept list has no column " + std::to_string(column));
      found = &kept.columns[column];
      if (found->numeric) return std::string();
      report::JsonWriter w;
      w.ascii_only(true);
      report::write_kept_column(w, *found);
      return w.take();
    });
    if (found && found->numeric)
      return emscripten::val(
          emscripten::typed_memory_view(found->numbers.size(), found->numbers.data()));
    return bytes_of_document();
  }

  /// Rows of the list the last report kept as `table`: `count` row numbers (32-bit) that JS put
  /// at `ptr` as it puts a file's bytes (feed), as the JSON array of their objects (the SPEC
  /// form's rows), in UTF-8 bytes as report() gives them.
  emscripten::val kept_rows(std::size_t table, std::uintptr_t ptr, std::size_t count) {
    document_ = guarded("keptRows", [&] {
      const report::KeptTable& kept = kept_table(table, "keptRows");
      std::vector<std::uint32_t> at(count);
      if (count > 0) std::memcpy(at.data(), reinterpret_cast<const void*>(ptr), count * 4);
      for (const std::uint32_t row : at)
        if (row >= kept.rows)
          throw PulseError(ids::kWasmBadArgument,
                           "keptRows: the kept list has no row " + std::to_string(row));
      report::JsonWriter w;
      w.ascii_only(true);
      report::write_kept_rows(w, kept, at);
      return w.take();
    });
    return bytes_of_document();
  }

  /// Drops the file being loaded, unfinished: nothing of it stays (a source that failed).
  std::string abandon_file() {
    return guarded("abandonFile", [&] {
      open_ = false;
      engine_.abandon_file();
      return std::string();
    });
  }

#ifndef PULSE_WASM_WITHOUT_RANGES
  // The parallel load's entry: a page that never turns it on runs the module built without
  // it (wasm/CMakeLists.txt, pulse_wasm_binding_lean), 13 KB lighter gzipped.
  /// A big plain CSV file whose ranges the page's helper workers parse (split_load.h): the
  /// load's steps, on this engine (a file still open is finished first). JS deletes the handle
  /// when done; null when it cannot start (JS then reads the file in one stream).
  SplitLoad* begin_split(const std::string& name, const std::string& options_json,
                         std::size_t range_bytes, unsigned ranges_per_window) {
    try {
      const ingest::FileOptions options = file_options_of(options_json);
      open_ = false;
      return new SplitLoad(engine_, name, options, range_bytes, ranges_per_window);
    } catch (...) {
      return nullptr;
    }
  }
#endif  // PULSE_WASM_WITHOUT_RANGES

  /// The roles and fields the engine reads (`b2b-pulse schema`), for the page's Data panel.
  std::string schema() {
    return guarded("schema", [] {
      report::JsonWriter w;
      report::write_schema(w);
      return w.take();
    });
  }

  /// Forgets every file, including one being loaded.
  std::string clear() {
    return guarded("clear", [&] {
      open_ = false;
      std::string().swap(document_);
      engine_.clear();
      return std::string();
    });
  }

 private:
  emscripten::val bytes_of_document() const {
    return emscripten::val(emscripten::typed_memory_view(
        document_.size(), reinterpret_cast<const unsigned char*>(document_.data())));
  }

  const report::KeptTable& kept_table(std::size_t table, const char* call) const {
    const std::vector<report::KeptTable>& kept = engine_.kept_lists();
    if (table >= kept.size())
      throw PulseError(
          ids::kWasmBadArgument,
          std::string(call) + ": the last report kept no list " + std::to_string(table));
    return kept[table];
  }

  ingest::FileLoader& loader(const char* call) {
    ingest::FileLoader* loader = open_ ? engine_.loader() : nullptr;
    if (!loader)
      throw PulseError(ids::kWasmNoFileBegun,
                       std::string(call) + ": no file begun (call beginFile)");
    return *loader;
  }

  report::Engine engine_;
  std::string
      document_;       // the last document shown to JS as bytes (a report, kept rows or a column)
  bool open_ = false;  // between beginFile and finishFile
  std::size_t row_columns_ = 0;  // the columns given to beginRows
};

}  // namespace pulse::wasm

EMSCRIPTEN_BINDINGS(pulse) {
  using pulse::wasm::PulseEngine;
  emscripten::class_<PulseEngine>("PulseEngine")
      .constructor<>()
      .function("beginFile", &PulseEngine::begin_file)
      .function("feed", &PulseEngine::feed)
      .function("wantsMore", &PulseEngine::wants_more)
      .function("finishFile", &PulseEngine::finish_file)
      .function("beginParts", &PulseEngine::begin_parts)
      .function("wantedPart", &PulseEngine::wanted_part)
      .function("partData", &PulseEngine::part_data)
      .function("partEnd", &PulseEngine::part_end)
      .function("partMissing", &PulseEngine::part_missing)
      .function("beginRows", &PulseEngine::begin_rows)
      .function("addRows", &PulseEngine::add_rows)
      .function("addColumns", &PulseEngine::add_columns)
      .function("refuseFile", &PulseEngine::refuse_file)
      .function("abandonFile", &PulseEngine::abandon_file)
#ifndef PULSE_WASM_WITHOUT_RANGES
      .function("beginSplit", &PulseEngine::begin_split, emscripten::allow_raw_pointers())
#endif
      .function("report", &PulseEngine::report)
      .function("keptColumn", &PulseEngine::kept_column)
      .function("keptRows", &PulseEngine::kept_rows, emscripten::allow_raw_pointers())
      .function("clear", &PulseEngine::clear)
      .function("schema", &PulseEngine::schema);
}
