#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/config/settings.h"
#include "pulse/ingest/file_loader.h"
#include "pulse/kpi/customer_outlook.h"
#include "pulse/kpi/deals.h"
#include "pulse/kpi/facts.h"
#include "pulse/kpi/non_products.h"
#include "pulse/kpi/order_totals.h"
#include "pulse/kpi/product_points.h"
#include "pulse/model/dataset.h"
#include "pulse/report/kept_table.h"
#include "pulse/report/report_sections.h"
#include "pulse/summary/summary_writer.h"

namespace pulse::report {

/// The engine as the CLI and the browser use it: files in (whole or by chunks), one
/// SPEC §4 document out. Joins are computed once and reused while only filters change.
///
///   Engine engine;
///   engine.begin_file("orders.csv");
///   engine.feed(chunk); ...
///   engine.finish_file();
///   nlohmann::json doc = engine.report(settings);
class Engine {
 public:
  Engine();
  ~Engine();

  void begin_file(std::string name, ingest::FileOptions options = {});
  void feed(std::string_view bytes);
  /// Ends the file begun last and returns its load report (an error report when no file
  /// was begun).
  const LoadReport& finish_file();
  /// Drops the file begun last, unfinished: nothing of it stays loaded (a source that failed
  /// midway, a load the user cancelled).
  void abandon_file();
  /// Reads a whole file from disk in chunks.
  const LoadReport& load_path(const std::string& path, const std::string& display_name,
                              const ingest::FileOptions& options = {});

  /// The SPEC §4 document as JSON text: what the CLI prints and the browser receives. With
  /// `sections`, only those dashboards (and what they read) are computed and written: the same
  /// keys as in the whole report, with the same figures (report_sections.h).
  std::string report_text(const config::Settings& settings, Sections sections = Sections::all());
  /// Whether report_text writes every character past ASCII as a \u escape (the page's engine:
  /// a browser decodes and parses ASCII text about twice as fast, docs/performance.md "The
  /// report as ASCII"); the CLI writes UTF-8. The parsed document is the same either way.
  void set_ascii_report(bool ascii) { ascii_report_ = ascii; }
  /// Whether report_text keeps the big lists (customers' rows, products, open deals, deals)
  /// apart from its text (JsonWriter::keep_tables), to be read from kept_lists() until the next
  /// report: the page's worker sorts, searches and pages them, reading a few columns and the
  /// rows it shows. Not the SPEC form: the CLI writes rows.
  void set_keep_lists(bool keep) { keep_lists_ = keep; }
  /// The lists the last report kept (set_keep_lists), by the index its text gives ("kept").
  const std::vector<KeptTable>& kept_lists() const { return kept_lists_; }
  /// The same document as a tree (parsed from report_text), for tests and tools.
  nlohmann::json report(const config::Settings& settings, Sections sections = Sections::all());
  const Dataset& dataset() const { return dataset_; }
  /// Layer 1 of the loaded raw files as summary tables (docs/summaries.md), with the
  /// settings' status exclusion applied.
  std::vector<summary::SummaryFile> summaries(const config::Settings& settings);
  /// The file being loaded (nullptr when none): a workbook the caller unzips is given to it
  /// part by part (FileLoader::begin_parts).
  ingest::FileLoader* loader() { return loader_.get(); }
  /// Forgets every file.
  void clear();
  struct Dashboards;  // engine.cpp: the last report's dashboards
  /// The page's parallel load of a big CSV file (ingest::SteppedCsvLoad) reads into this
  /// dataset, the file begun before finished first; loaded() then checks and counts the file it
  /// added as finish_file() does.
  Dataset& dataset_to_load();
  const LoadReport& loaded();

 private:
  /// Refuses the file just loaded when it makes raw orders and order summaries count twice.
  void refuse_double_count();
  const kpi::Facts& facts_for(const config::Settings& settings);
  const kpi::DealFacts& deals_for(const config::Settings& settings);
  const kpi::CustomerOutlook& outlook_for(const kpi::Facts& facts, Day as_of,
                                          const config::Settings& settings);
  const kpi::ProductPoints& points_for(const kpi::Facts& facts, const config::Settings& settings);
  /// The facts' orders summed, from the second report without a catalog filter over them on
  /// (null before); called once by each such report, which it counts.
  const kpi::OrderTotals* order_totals_for(const kpi::Facts& facts);
  const std::vector<kpi::NonProductSuggestion>& suggestions_for(const kpi::Facts& facts);
  /// Forgets what was computed from the data (a file loaded or dropped).
  void drop_caches();

  Dataset dataset_;
  std::unique_ptr<ingest::FileLoader> loader_;
  LoadReport no_file_;  // what finish_file() returns when no file was begun
  std::optional<kpi::Facts> facts_;
  std::vector<std::string> facts_exclusions_;
  std::optional<kpi::DealFacts> deals_;
  std::vector<std::vector<std::string>> deals_key_;  // the status settings deals_ was built with
  std::optional<kpi::CustomerOutlook> outlook_;      // the return model, kept while filters change
  std::vector<double> outlook_key_;
  const kpi::Facts* outlook_facts_ = nullptr;
  // The last report's settings (as JSON text) and its dashboards, for the next report with the
  // same settings (the page's view first, then the whole report).
  std::unique_ptr<Dashboards> last_;
  std::string last_key_;
  // The longest report text so far: the next one reserves that much (JsonWriter::reserve).
  std::size_t text_bytes_hint_ = 0;
  bool ascii_report_ = false;
  bool keep_lists_ = false;
  std::vector<KeptTable> kept_lists_;
  // Each order's lines summed, kept while the filters change (the customers' profiles), and
  // the reports made over the facts they were (or will be) summed from.
  std::optional<kpi::OrderTotals> order_totals_;
  const kpi::Facts* order_totals_facts_ = nullptr;
  int reports_on_facts_ = 0;
  // The elasticity's price points of every product, kept while the period or catalog change.
  std::optional<kpi::ProductPoints> points_;
  const kpi::Facts* points_facts_ = nullptr;
  // The charges suggested as not products: from every line of the facts, whatever the filters.
  std::optional<std::vector<kpi::NonProductSuggestion>> suggestions_;
};

}  // namespace pulse::report
