// `b2b-pulse sql --dialect duckdb|postgres|spark|bigquery [--config workspace.json] [FILE...]`:
// the SQL that builds the summary tables (docs/summaries.md) where the data lives. Each file
// is read only as far as needed to detect its role and columns (its first MiB), so a file of
// any size is mapped the way `report` would map it.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "pulse/error_ids.h"
#include "pulse/report/engine.h"
#include "pulse/report/workspace_loader.h"
#include "pulse/summary/summary_sql.h"
#include "report_options.h"

namespace pulse::cli {
namespace {

constexpr std::size_t kHeadBytes = std::size_t{1} << 20;

/// The load report of the file's head: role, column mapping and date conventions.
LoadReport map_head(const std::string& path, const std::string& name,
                    const ingest::FileOptions& options) {
  report::Engine engine;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return engine.load_path(path, name, options);  // its "cannot open" report
  std::string head(kHeadBytes, '\0');
  head.resize(std::fread(head.data(), 1, head.size(), f));
  const bool whole = std::fgetc(f) == EOF;
  std::fclose(f);
  if (!whole)
    head.resize(head.rfind('\n') == std::string::npos ? head.size() : head.rfind('\n') + 1);
  engine.begin_file(name, options);
  engine.feed(head);
  return engine.finish_file();
}

}  // namespace

int run_sql(const Args& args) {
  const auto name = args.option("--dialect");
  const auto dialect = summary::dialect_from_name(name ? *name : "");
  if (!dialect) throw UsageError{"sql: --dialect duckdb|postgres|spark|bigquery is required"};
  config::Workspace ws;
  std::string base;
  if (!read_config_option(args, ws, base)) return 2;
  if (ws.files.empty() && args.files.empty()) throw UsageError{"no file to read"};

  std::vector<std::pair<std::string, config::WorkspaceFile>> files;
  for (const config::WorkspaceFile& f : ws.files)
    files.emplace_back(f.path.rfind('/', 0) == 0 ? f.path : base + "/" + f.path, f);
  for (const std::string& path : args.files) {
    config::WorkspaceFile f;
    f.path = report::base_name(path);
    files.emplace_back(path, f);
  }
  std::vector<summary::SqlSource> sources;
  bool any_orders = false;
  for (const auto& [path, file] : files) {
    const LoadReport load = map_head(path, file.path, file.options);
    if (load.refused()) {
      std::fprintf(stderr, "%s\n", load.error.c_str());
      continue;
    }
    const auto role = role_from_name(load.role);
    if (!role) continue;
    if (*role != Role::order_lines && *role != Role::orders && *role != Role::customers) {
      // Deals, reps, catalogs and prices are small: the page reads them as they are.
      std::fprintf(stderr, "%s: %s, read as it is beside the summaries (not in the SQL)\n",
                   file.path.c_str(), load.role.c_str());
      continue;
    }
    any_orders = any_orders || *role != Role::customers;
    sources.push_back(summary::sql_source(load, path));
  }
  if (!any_orders) {
    std::fprintf(stderr, "[%s] no order lines or orders among the files\n", ids::kCliNothingLoaded);
    return 1;
  }
  std::cout << summary::summary_sql(*dialect, sources, ws.settings);
  return 0;
}

}  // namespace pulse::cli
