// Re-filter timings of the report engine (issue #14 point 5): one engine loads the files, makes
// a first report, then reports again with the period halved, the whole period, and a catalog
// chosen, RUNS times each, alternating; medians in ms. The engine's caches (joins, models,
// per-customer and per-SKU aggregates) are what a filter change reuses; a fresh engine per
// report is timed too, for comparison. Not a test: figures go to docs/performance.md.
//   pulse_refilter_bench RUNS [--only=half|catalog|gathered|cached|view:SECTIONS]
//   [--catalog-column=NAME] [--as-page] FILE...
// --as-page: the report as the page's engine writes it (its big lists kept apart, ASCII text).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/kpi/catalogs.h"
#include "pulse/kpi/scope.h"
#include "pulse/model/day.h"
#include "pulse/report/engine.h"
#include "pulse/report/report_sections.h"
#ifdef PULSE_HUGE_PAGES
#include "huge_pages.h"
#endif

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double least(const std::vector<double>& v) {
  return v.empty() ? 0 : *std::min_element(v.begin(), v.end());
}

// CPU time of the process (user + sys), steadier than wall time on a shared machine.
double cpu_ms() {
  return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

pulse::Day day_of(const std::string& iso) {
  return pulse::day_from_civil(std::stoi(iso.substr(0, 4)),
                               static_cast<unsigned>(std::stoi(iso.substr(5, 2))),
                               static_cast<unsigned>(std::stoi(iso.substr(8, 2))));
}

}  // namespace

int main(int argc, char** argv) {
#ifdef PULSE_HUGE_PAGES
  pulse::cli::restart_with_huge_pages(argv);  // as the CLI does (PULSE_HUGE_PAGES=0: not)
#endif
  if (argc < 3) {
    std::fprintf(
        stderr,
        "usage: pulse_refilter_bench RUNS [--only=half|catalog|gathered|cached|view:SECTIONS] "
        "[--catalog-column=NAME] [--as-page] FILE...\n");
    return 2;
  }
  const int runs = std::max(1, std::atoi(argv[1]));
  std::string only;
  std::vector<std::string> files;
  pulse::ingest::FileOptions options;
  bool as_page = false;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--as-page") == 0)
      as_page = true;
    else if (std::strncmp(argv[i], "--only=", 7) == 0)
      only = argv[i] + 7;
    else if (std::strncmp(argv[i], "--catalog-column=", 17) == 0)
      options.mapping.columns[pulse::Field::catalog] = argv[i] + 17;  // Online Retail's Country
    else
      files.push_back(argv[i]);
  }
  pulse::report::Engine engine;
  for (const std::string& f : files) engine.load_path(f, f, options);
  pulse::config::Settings settings;
  auto t0 = Clock::now();
  const nlohmann::json first = nlohmann::json::parse(engine.report_text(settings));
  engine.set_keep_lists(as_page);
  engine.set_ascii_report(as_page);
  const double first_ms = ms_since(t0);
  const std::string from = first["period"]["from"], to = first["period"]["to"];
  std::string catalog;  // the catalog with the most revenue but one: a real, smaller slice
  const auto& rows = first["catalogs"]["catalogs"];
  if (rows.is_array() && !rows.empty()) catalog = rows[rows.size() > 1 ? 1 : 0]["catalog"];

  pulse::config::Settings half = settings, whole = settings, one_catalog = settings;
  half.to = (day_of(from) + day_of(to)) / 2;
  whole.to = day_of(to);
  one_catalog.catalog = catalog;
  std::vector<double> half_ms, whole_ms, catalog_ms, half_cpu, whole_cpu, catalog_cpu;
  for (int run = 0; run < runs; ++run) {
    if (only.empty() || only == "half") {
      double c0 = cpu_ms();
      t0 = Clock::now();
      engine.report_text(half);
      half_ms.push_back(ms_since(t0));
      half_cpu.push_back(cpu_ms() - c0);
      c0 = cpu_ms();
      t0 = Clock::now();
      engine.report_text(whole);
      whole_ms.push_back(ms_since(t0));
      whole_cpu.push_back(cpu_ms() - c0);
    }
    if (only.empty() || only == "catalog") {
      // Alone, the catalog's report would be the same settings run after run, which the engine
      // answers from its last report: the whole period comes in between, as a person's filter
      // toggles (without --only the period's reports do).
      if (only == "catalog") engine.report_text(whole);
      const double c0 = cpu_ms();
      t0 = Clock::now();
      engine.report_text(one_catalog);
      catalog_ms.push_back(ms_since(t0));
      catalog_cpu.push_back(cpu_ms() - c0);
    }
  }
  // --only=view:SECTIONS: the sections of one view alone, the period halved and whole in turn
  // (each a new scope, so nothing is reused), for a profiler to see what that view costs.
  if (only.rfind("view:", 0) == 0) {
    const auto sections = pulse::report::parse_sections(only.substr(5));
    if (!sections) {
      std::fprintf(stderr, "unknown sections in %s\n", only.c_str());
      return 2;
    }
    std::vector<double> cpu;
    for (int run = 0; run < runs; ++run) {
      const double c0 = cpu_ms();
      engine.report_text(half, *sections);
      engine.report_text(whole, *sections);
      cpu.push_back((cpu_ms() - c0) / 2);
    }
    std::printf("sections '%s', one report: CPU %.1f ms (min %.1f), median of %d pairs\n",
                only.c_str() + 5, median(cpu), least(cpu), runs);
    return 0;
  }
  // Before and after, alternating in this run: the catalogs over the half period with the price
  // points gathered from the lines (as before the cache) and with the engine's cached ones; the
  // whole report against the sections of one view.
  if (only.empty() || only == "gathered" || only == "cached") {
    const pulse::Dataset& ds = engine.dataset();
    pulse::StringPool& strings = const_cast<pulse::StringPool&>(ds.strings);
    const pulse::kpi::Facts facts = pulse::kpi::build_facts(ds, settings, strings);
    const pulse::kpi::Scope scope =
        pulse::kpi::resolve_scope(half, strings, facts.first_day, facts.last_day);
    const pulse::kpi::ProductPoints points = pulse::kpi::product_points(facts, false);
    std::vector<double> gathered_cpu, cached_cpu;
    std::map<std::string, std::vector<double>> then_whole;
    std::vector<std::pair<const char*, std::vector<double>>> views = {
        {"", {}}, {"customers,comparisons", {}}, {"catalogs,customers", {}}, {"attention", {}}};
    for (int run = 0; run < runs; ++run) {
      // --only=gathered or cached: one of the two alone (a process of its own, for a profiler).
      double c0 = cpu_ms();
      if (only != "cached") pulse::kpi::catalog_report(facts, scope, half, strings);
      gathered_cpu.push_back(cpu_ms() - c0);
      c0 = cpu_ms();
      if (only != "gathered") pulse::kpi::catalog_report(facts, scope, half, strings, &points);
      cached_cpu.push_back(cpu_ms() - c0);
      if (!only.empty()) continue;
      for (auto& [list, cpu] : views) {
        // Another scope first, so that the view's report computes its dashboards afresh; then,
        // as the page does, the whole report with the same settings (it reuses them).
        engine.report_text(whole);
        c0 = cpu_ms();
        engine.report_text(half, *pulse::report::parse_sections(list));
        cpu.push_back(cpu_ms() - c0);
        c0 = cpu_ms();
        if (*list) engine.report_text(half);
        then_whole[list].push_back(cpu_ms() - c0);
      }
    }
    // Medians and minima: on a shared machine the minimum is the run least disturbed.
    std::printf(
        "catalogs over the half period, CPU ms: points gathered %.1f (min %.1f) | cached %.1f "
        "(min %.1f)\n",
        median(gathered_cpu), least(gathered_cpu), median(cached_cpu), least(cached_cpu));
    for (const auto& [list, cpu] : views)
      std::printf(
          "report over the half period, sections '%s': CPU %.1f ms (min %.1f), then the whole "
          "report %.1f ms (min %.1f)\n",
          *list ? list : "(all)", median(cpu), least(cpu), median(then_whole[list]),
          least(then_whole[list]));
  }
  std::printf(
      "first report %.1f ms | period halved (to %s) %.1f ms (CPU %.1f) | whole period %.1f ms "
      "(CPU %.1f) | catalog '%s' %.1f ms (CPU %.1f) (medians of %d)\n",
      first_ms, pulse::format_day(*half.to).c_str(), median(half_ms), median(half_cpu),
      median(whole_ms), median(whole_cpu), catalog.c_str(), median(catalog_ms), median(catalog_cpu),
      runs);
  return 0;
}
