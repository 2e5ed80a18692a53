// `b2b-pulse summarize [--config workspace.json] [FILE...] --out DIR`: layer 1 of the engine
// written as the summary tables of docs/summaries.md (CSV), from the raw files read with the
// workspace's mapping and settings, as `report` reads them. A report made from DIR's files
// equals the report made from the raw files.
#include <sys/stat.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "commands.h"
#include "pulse/error_ids.h"
#include "pulse/report/engine.h"
#include "pulse/report/workspace_loader.h"
#include "pulse/summary/summary_facts.h"
#include "report_options.h"

namespace pulse::cli {

int run_summarize(const Args& args) {
  const auto out_dir = args.option("--out");
  if (!out_dir || out_dir->empty()) throw UsageError{"summarize: --out DIR is required"};
  config::Workspace ws;
  std::string base;
  if (!read_config_option(args, ws, base)) return 2;
  if (ws.files.empty() && args.files.empty()) throw UsageError{"no file to read"};

  report::Engine engine;
  std::size_t loaded = report::load_workspace(engine, ws, base);
  for (const std::string& path : args.files)
    if (engine.load_path(path, report::base_name(path)).rows_loaded > 0) ++loaded;
  for (const LoadReport& r : engine.dataset().loads)
    if (r.refused()) std::fprintf(stderr, "%s\n", r.error.c_str());
  if (loaded == 0) {
    std::fprintf(stderr, "[%s] nothing could be loaded\n", ids::kCliNothingLoaded);
    return 1;
  }
  if (summary::has_order_summaries(engine.dataset())) {
    // Summaries of summaries would drop the excluded orders' statuses twice: say so instead.
    std::fprintf(stderr, "[%s] summarize reads raw order files; these are summary tables already\n",
                 ids::kCliUsage);
    return 2;
  }
  if (::mkdir(out_dir->c_str(), 0777) != 0 && errno != EEXIST) {
    std::fprintf(stderr, "[%s] %s: cannot create the folder: %s\n", ids::kCliCannotWrite,
                 out_dir->c_str(), std::strerror(errno));
    return 1;
  }
  for (const summary::SummaryFile& file : engine.summaries(ws.settings)) {
    const std::string path = *out_dir + "/" + file.name;
    std::FILE* f = std::fopen(path.c_str(), "wb");
    const bool ok = f && std::fwrite(file.csv.data(), 1, file.csv.size(), f) == file.csv.size();
    if (f && std::fclose(f) != 0 && ok) {
      std::fprintf(stderr, "[%s] %s: cannot write\n", ids::kCliCannotWrite, path.c_str());
      return 1;
    }
    if (!ok) {
      std::fprintf(stderr, "[%s] %s: cannot write: %s\n", ids::kCliCannotWrite, path.c_str(),
                   std::strerror(errno));
      return 1;
    }
    std::printf("%s: %zu rows, %zu bytes\n", path.c_str(), file.rows, file.csv.size());
  }
  return 0;
}

}  // namespace pulse::cli
