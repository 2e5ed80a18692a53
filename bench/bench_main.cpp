// Times each stage of a report (ingest, joins, customers, catalogs, JSON) on the bundled
// samples and on the real Online Retail file, and prints medians. Not a test: figures go to
// docs/performance.md. usage: pulse_bench [RUNS] [FILE...]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "pulse/ingest/file_loader.h"
#include "pulse/ingest/parallel_csv.h"
#include "pulse/kpi/catalogs.h"
#include "pulse/kpi/customer_profiles.h"
#include "pulse/kpi/facts.h"
#include "pulse/kpi/scope.h"
#include "pulse/report/engine.h"
#ifdef PULSE_HUGE_PAGES
#include "huge_pages.h"
#endif

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Stages {
  std::vector<double> ingest, facts, customers, catalogs, full_report, refilter;
};

void bench_files(const std::string& label, const std::vector<std::string>& paths, int runs) {
  std::vector<std::string> contents;
  std::size_t bytes = 0;
  for (const std::string& p : paths) {
    contents.push_back(slurp(p));
    bytes += contents.back().size();
  }
  if (bytes == 0) {
    std::printf("%-28s (missing, skipped)\n", label.c_str());
    return;
  }
  Stages s;
  std::size_t rows = 0;
  for (int run = 0; run < runs; ++run) {
    pulse::report::Engine engine;
    auto t0 = Clock::now();
    for (std::size_t i = 0; i < paths.size(); ++i) {
      pulse::ingest::FileOptions options;
      options.expected_bytes = contents[i].size();  // as load_path and the page know it
      engine.begin_file(paths[i], options);
      const std::string& text = contents[i];
      for (std::size_t at = 0; at < text.size(); at += 1 << 20)
        engine.feed(std::string_view(text).substr(at, 1 << 20));
      rows += engine.finish_file().rows_loaded;
    }
    s.ingest.push_back(ms_since(t0));

    pulse::config::Settings settings;
    pulse::Dataset& ds = const_cast<pulse::Dataset&>(engine.dataset());
    t0 = Clock::now();
    const pulse::kpi::Facts facts = pulse::kpi::build_facts(ds, settings, ds.strings);
    s.facts.push_back(ms_since(t0));
    const auto scope =
        pulse::kpi::resolve_scope(settings, ds.strings, facts.first_day, facts.last_day);
    t0 = Clock::now();
    const auto customers = pulse::kpi::customer_profiles(facts, scope, settings, ds.strings);
    s.customers.push_back(ms_since(t0));
    t0 = Clock::now();
    const auto catalogs = pulse::kpi::catalog_report(facts, scope, settings, ds.strings);
    s.catalogs.push_back(ms_since(t0));

    t0 = Clock::now();
    const std::string doc = engine.report_text(settings);
    s.full_report.push_back(ms_since(t0));  // joins + every dashboard + JSON text
    settings.from = facts.last_day - 90;
    t0 = Clock::now();
    const std::string refiltered = engine.report_text(settings);
    s.refilter.push_back(ms_since(t0));  // joins cached: what a filter change costs
  }
  rows /= static_cast<std::size_t>(runs);
  const double mb = static_cast<double>(bytes) / 1e6;
  const double ingest = median(s.ingest);
  std::printf(
      "%-28s %7.1f MB %9zu rows | ingest %7.1f ms (%6.1f MB/s) | facts %6.1f | customers %6.1f | "
      "catalogs %6.1f | report+json %6.1f | refilter %6.1f | total %7.1f ms\n",
      label.c_str(), mb, rows, ingest, mb / (ingest / 1000.0), median(s.facts), median(s.customers),
      median(s.catalogs), median(s.full_report), median(s.refilter),
      ingest + median(s.full_report));
}

// What one loaded table holds in memory: its columns' buffers (capacity, as allocated) and
// the dataset's strings (text bytes, the id -> text views, the hash slots at most half full).
struct TableMemory {
  std::size_t columns = 0;
  std::size_t strings = 0;
};

TableMemory table_memory(const pulse::Dataset& ds) {
  TableMemory m;
  for (const pulse::Table& t : ds.tables)
    for (const pulse::Column& c : t.columns)
      m.columns += c.text.capacity_bytes() + c.days.capacity_bytes() + c.numbers.capacity_bytes();
  std::size_t slots = 1024;
  while (slots < 2 * ds.strings.size()) slots *= 2;
  m.strings = slots * 8 + ds.strings.size() * sizeof(std::string_view);
  for (pulse::StrId id = 0; id < ds.strings.size(); ++id) m.strings += ds.strings.view(id).size();
  return m;
}

// load_path (the command line's way in) with 1 and 2 threads, alternating, and the memory the
// loaded table takes per line.
void bench_parallel_ingest(const std::string& path, int runs) {
  if (slurp(path).empty()) {
    std::printf("parallel ingest: %s missing, skipped\n", path.c_str());
    return;
  }
  std::vector<double> one, two;
  std::size_t lines = 0;
  TableMemory memory;
  for (int run = 0; run < runs; ++run) {
    for (unsigned threads : {1u, 2u}) {
      pulse::ingest::set_load_threads(threads);
      pulse::Dataset ds;
      const auto t0 = Clock::now();
      const pulse::LoadReport r = pulse::ingest::load_path(ds, path, "file");
      (threads == 1 ? one : two).push_back(ms_since(t0));
      lines = r.rows_loaded;
      memory = table_memory(ds);
    }
  }
  pulse::ingest::set_load_threads(1);
  // Thread CPU times of one parallel load: what it takes with a free core per thread, however
  // busy the machine is.
  pulse::ingest::ParallelCsvStats stats;
  {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    pulse::ingest::FileOptions options;
    options.expected_bytes = slurp(path).size();
    pulse::ingest::ParallelCsvOptions parallel;
    parallel.stats = &stats;
    const pulse::ingest::ByteSource source = [file](char* to, std::size_t n) {
      return std::fread(to, 1, n, file);
    };
    pulse::Dataset ds;
    pulse::ingest::load_csv_parallel(ds, "file", source, options, parallel);
    std::fclose(file);
  }
  std::printf(
      "  2 threads, CPU ms: head %.1f | ranges %.1f (critical path %.1f) | merge %.1f | %zu "
      "windows, "
      "%zu ranges absorbed, %zu continued, %zu read again\n",
      stats.head_cpu_ms, stats.parse_cpu_ms, stats.parse_critical_ms, stats.merge_cpu_ms,
      stats.windows, stats.ranges_absorbed, stats.ranges_continued, stats.ranges_reread);
  const double per_line = lines ? 1.0 / static_cast<double>(lines) : 0;
  std::printf(
      "load_path %-18s %9zu rows | 1 thread %7.1f ms | 2 threads %7.1f ms | table %5.1f B/line "
      "(columns %5.1f + strings %5.1f)\n",
      path.substr(path.find_last_of('/') + 1).c_str(), lines, median(one), median(two),
      static_cast<double>(memory.columns + memory.strings) * per_line,
      static_cast<double>(memory.columns) * per_line,
      static_cast<double>(memory.strings) * per_line);
}

}  // namespace

int main(int argc, char** argv) {
#ifdef PULSE_HUGE_PAGES
  pulse::cli::restart_with_huge_pages(argv);  // as the CLI does (PULSE_HUGE_PAGES=0: not)
#endif
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 7;
  const std::string root = PULSE_SOURCE_DIR;
  std::printf("medians of %d runs, one core\n", runs);
  if (argc > 2) {
    std::vector<std::string> files(argv + 2, argv + argc);
    bench_files("given files", files, runs);
    for (const std::string& f : files) bench_parallel_ingest(f, runs);
    return 0;
  }
  bench_files("samples (5 files)",
              {root + "/samples/orders.csv", root + "/samples/order_lines.csv",
               root + "/samples/customers.csv", root + "/samples/sales_reps.csv",
               root + "/samples/catalog_prices.csv"},
              runs);
  bench_files("online_retail.csv", {root + "/../shared/datasets/online-retail/online_retail.csv"},
              runs);
  bench_parallel_ingest(root + "/../shared/datasets/online-retail/online_retail.csv", runs);
  return 0;
}
