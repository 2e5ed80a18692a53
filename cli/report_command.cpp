#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "pulse/config/workspace.h"
#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/io/date_parser.h"
#include "pulse/report/engine.h"
#include "pulse/report/workspace_loader.h"
#include "report_options.h"

namespace pulse::cli {
std::optional<Day> date_option(const Args& args, const std::string& name) {
  const auto value = args.option(name);
  if (!value) return std::nullopt;
  const auto day = io::parse_date(*value, io::DateOrder::unknown);
  if (!day) throw UsageError{name + ": cannot read the date '" + *value + "' (use YYYY-MM-DD)"};
  return day;
}

bool read_config_option(const Args& args, config::Workspace& ws, std::string& base) {
  base = ".";
  try {
    if (const auto config = args.option("--config")) {
      ws = report::read_workspace_file(*config);
      base = report::folder_of(*config);
    }
  } catch (const PulseError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return false;
  }
  return true;
}

void apply_filter_options(const Args& args, config::Settings& s) {
  if (auto v = args.option("--catalog")) s.catalog = v;
  if (auto v = args.option("--rep")) s.sales_rep = v;
  if (auto v = args.option("--customer")) s.customer = v;
}

int make_report(const Args& args, std::string& out) {
  config::Workspace ws;
  std::string base;
  if (!read_config_option(args, ws, base)) return 2;
  config::Settings& s = ws.settings;
  if (auto d = date_option(args, "--as-of")) s.as_of = d;
  if (auto d = date_option(args, "--from")) s.from = d;
  if (auto d = date_option(args, "--to")) s.to = d;
  apply_filter_options(args, s);
  if (ws.files.empty() && args.files.empty()) throw UsageError{"no file to read"};

  report::Engine engine;
  std::size_t loaded = report::load_workspace(engine, ws, base);
  // Files named on the command line are relative to where the command runs.
  for (const std::string& path : args.files)
    if (engine.load_path(path, report::base_name(path)).rows_loaded > 0) ++loaded;
  for (const LoadReport& r : engine.dataset().loads) {
    if (r.refused()) std::fprintf(stderr, "%s\n", r.error.c_str());
    // A partial load is not a refusal: the rows before the stop are in the report.
    if (r.partial())
      std::fprintf(stderr, "%s: %zu rows loaded, then stopped at line %zu: %s\n", r.file.c_str(),
                   r.rows_loaded, r.stopped_line, r.stopped.c_str());
  }

  out = engine.report_text(s);
  if (loaded == 0) {
    std::fprintf(stderr, "[%s] nothing could be loaded\n", ids::kCliNothingLoaded);
    return 1;
  }
  return 0;
}

int run_report(const Args& args) {
  std::string text;
  const int status = make_report(args, text);
  if (text.empty()) return status;
  if (args.flag("--pretty"))
    std::cout << nlohmann::json::parse(text).dump(2) << "\n";
  else
    std::cout << text << "\n";
  return status;
}

}  // namespace pulse::cli
