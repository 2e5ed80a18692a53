// Re-filter timings of the report engine (issue #14 point 5): one engine loads the files, makes
// a first report, then reports again with the period halved, the whole period, and a catalog
// chosen, RUNS times each, alternating; medians in ms. The engine's caches (joins, models,
// per-customer and per-SKU aggregates) are what a filter change reuses; a fresh engine per
// report is timed too, for comparison. Not a test: figures go to docs/performance.md.
//   pulse_refilter_bench RUNS [--only=half|catalog] [--catalog-column=NAME] FILE...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/model/day.h"
#include "pulse/report/engine.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
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
  if (argc < 3) {
    std::fprintf(
        stderr,
        "usage: pulse_refilter_bench RUNS [--only=half|catalog] [--catalog-column=NAME] FILE...\n");
    return 2;
  }
  const int runs = std::max(1, std::atoi(argv[1]));
  std::string only;
  std::vector<std::string> files;
  pulse::ingest::FileOptions options;
  for (int i = 2; i < argc; ++i) {
    if (std::strncmp(argv[i], "--only=", 7) == 0)
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
  const double first_ms = ms_since(t0);
  const std::string from = first["period"]["from"], to = first["period"]["to"];
  std::string catalog;  // the catalog with the most revenue but one: a real, smaller slice
  const auto& rows = first["catalogs"]["catalogs"];
  if (rows.is_array() && !rows.empty()) catalog = rows[rows.size() > 1 ? 1 : 0]["catalog"];

  pulse::config::Settings half = settings, whole = settings, one_catalog = settings;
  half.to = (day_of(from) + day_of(to)) / 2;
  whole.to = day_of(to);
  one_catalog.catalog = catalog;
  std::vector<double> half_ms, whole_ms, catalog_ms;
  for (int run = 0; run < runs; ++run) {
    if (only.empty() || only == "half") {
      t0 = Clock::now();
      engine.report_text(half);
      half_ms.push_back(ms_since(t0));
      t0 = Clock::now();
      engine.report_text(whole);
      whole_ms.push_back(ms_since(t0));
    }
    if (only.empty() || only == "catalog") {
      t0 = Clock::now();
      engine.report_text(one_catalog);
      catalog_ms.push_back(ms_since(t0));
    }
  }
  std::printf(
      "first report %.1f ms | period halved (to %s) %.1f ms | whole period %.1f ms | catalog "
      "'%s' %.1f ms (medians of %d)\n",
      first_ms, pulse::format_day(*half.to).c_str(), median(half_ms), median(whole_ms),
      catalog.c_str(), median(catalog_ms), runs);
  return 0;
}
