#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "pulse/error.h"
#include "pulse/ingest/workspace.h"
#include "pulse/io/date_parser.h"
#include "pulse/report/engine.h"

namespace pulse::cli {
namespace {

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string folder_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

ingest::Workspace read_workspace(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw PulseError("pulse.config.001", path + ": cannot open the workspace file");
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, false);
  if (doc.is_discarded()) throw PulseError("pulse.config.002", path + ": not valid JSON");
  try {
    return ingest::workspace_from_json(doc);
  } catch (const PulseError& e) {
    throw PulseError(e.id(), path + ": " + std::string(e.what()).substr(e.id().size() + 3));
  }
}

std::optional<Day> date_option(const Args& args, const std::string& name) {
  const auto value = args.option(name);
  if (!value) return std::nullopt;
  const auto day = io::parse_date(*value, io::DateOrder::unknown);
  if (!day) throw UsageError{name + ": cannot read the date '" + *value + "' (use YYYY-MM-DD)"};
  return day;
}

}  // namespace

int run_report(const Args& args) {
  ingest::Workspace ws;
  std::string base = ".";
  try {
    if (const auto config = args.option("--config")) {
      ws = read_workspace(*config);
      base = folder_of(*config);
    }
  } catch (const PulseError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  kpi::Settings& s = ws.settings;
  if (auto d = date_option(args, "--as-of")) s.as_of = d;
  if (auto d = date_option(args, "--from")) s.from = d;
  if (auto d = date_option(args, "--to")) s.to = d;
  if (auto v = args.option("--catalog")) s.catalog = v;
  if (auto v = args.option("--rep")) s.sales_rep = v;
  if (auto v = args.option("--customer")) s.customer = v;
  if (ws.files.empty() && args.files.empty()) throw UsageError{"no file to read"};

  report::Engine engine;
  std::size_t loaded = 0;
  auto load = [&](const std::string& path, const std::string& shown, const ingest::FileOptions& options) {
    const LoadReport& r = engine.load_path(path, shown, options);
    if (r.refused()) std::fprintf(stderr, "%s\n", r.error.c_str());
    if (r.rows_loaded > 0) ++loaded;
  };
  for (const ingest::WorkspaceFile& f : ws.files)
    load(f.path.rfind('/', 0) == 0 ? f.path : base + "/" + f.path, f.path, f.options);
  for (const std::string& path : args.files) load(path, base_name(path), {});

  if (args.flag("--pretty")) std::cout << nlohmann::json::parse(engine.report_text(s)).dump(2) << "\n";
  else std::cout << engine.report_text(s) << "\n";
  if (loaded == 0) {
    std::fprintf(stderr, "[pulse.cli.002] nothing could be loaded\n");
    return 1;
  }
  return 0;
}

}  // namespace pulse::cli
