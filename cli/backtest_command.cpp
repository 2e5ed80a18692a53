// `b2b-pulse backtest`: cuts the data at a past day, computes the forward-looking figures as of
// that day and scores them against what happened after it (docs/backtest.md). Text for people
// by default; the JSON document with --format json, or into a file with --json FILE.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "pulse/config/workspace.h"
#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/ingest/file_loader.h"
#include "pulse/io/date_parser.h"
#include "pulse/report/backtest.h"
#include "pulse/report/workspace_loader.h"
#include "report_options.h"

namespace pulse::cli {
namespace {

using nlohmann::json;

Day cutoff_option(const Args& args) {
  const auto day = date_option(args, "--cutoff");
  if (!day) throw UsageError{"backtest needs --cutoff DATE (the last day the forecast may see)"};
  return *day;
}

int horizon_option(const Args& args, int fallback) {
  const auto value = args.option("--horizon");
  if (!value) return fallback;
  std::size_t used = 0;
  int days = 0;
  try {
    days = std::stoi(*value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != value->size() || days < 1 || days > 3650)
    throw UsageError{"--horizon: expected a whole number of days from 1 to 3650, not '" + *value +
                     "'"};
  return days;
}

std::string fixed(const json& v, int decimals = 3) {
  if (!v.is_number()) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v.get<double>());
  return buf;
}

std::string count(const json& v) {
  return v.is_number() ? std::to_string(v.get<long long>()) : "-";
}

void print_probability(const char* name, const json& score) {
  std::printf("  %-24s AUC %s  Brier %s  (n %s, null %s)\n", name, fixed(score["auc"]).c_str(),
              fixed(score["brier"]).c_str(), count(score["n"]).c_str(),
              count(score["null"]).c_str());
  for (const json& bin : score["calibration"])
    std::printf("      p %s..%s: predicted %s, actual %s (%s)\n", fixed(bin["p_min"]).c_str(),
                fixed(bin["p_max"]).c_str(), fixed(bin["mean_predicted"]).c_str(),
                fixed(bin["observed_share"]).c_str(), count(bin["count"]).c_str());
}

void print_text(const json& doc) {
  std::printf("Backtest at cutoff %s, horizon %s days (truth: %s to %s)\n",
              doc["cutoff"].get<std::string>().c_str(), count(doc["horizon_days"]).c_str(),
              doc["truth_window"]["from"].get<std::string>().c_str(),
              doc["truth_window"]["to"].get<std::string>().c_str());
  const json& c = doc["customers"];
  std::printf("\nCUSTOMERS: will they order in the horizon?\n");
  if (c.contains("unavailable")) {
    std::printf("  %s\n", c["unavailable"].get<std::string>().c_str());
  } else {
    std::printf("  %s scored, %s ordered (base rate %s); status unknown: %s%%\n",
                count(c["scored"]).c_str(), count(c["ordered"]).c_str(),
                fixed(c["base_rate"]).c_str(),
                fixed(json(c["status_unknown_share"].get<double>() * 100), 1).c_str());
    print_probability("p_order_next", c["p_order_next"]);
    const json& b = c["baselines"];
    for (const char* name : {"overdue_ratio", "days_since_last_order", "orders"})
      std::printf("  %-24s AUC %s  (ranking)\n", name, fixed(b[name]["auc"]).c_str());
    std::printf("  %-24s Brier %s  (p = %s)\n", "constant", fixed(b["constant"]["brier"]).c_str(),
                fixed(b["constant"]["p"]).c_str());
  }
  const json& d = doc["deals"];
  std::printf("\nDEALS: will the open deals be won?\n");
  if (d.contains("unavailable")) {
    std::printf("  %s\n", d["unavailable"].get<std::string>().c_str());
  } else {
    std::printf(
        "  %s open at the cutoff: %s decided (%s won, share %s), %s still open at the end\n",
        count(d["open_at_cutoff"]).c_str(), count(d["scored"]).c_str(), count(d["won"]).c_str(),
        fixed(d["final_won_share"]).c_str(), count(d["still_open"]).c_str());
    print_probability("aalen_johansen", d["win_probability"]["aalen_johansen"]);
    print_probability("closed_share", d["win_probability"]["closed_share"]);
    std::printf("  %-24s Brier %s  (p = %s)\n", "constant", fixed(d["constant"]["brier"]).c_str(),
                fixed(d["constant"]["p"]).c_str());
  }
  for (const json& w : doc["warnings"]) std::printf("warning: %s\n", w.get<std::string>().c_str());
}

}  // namespace

int run_backtest(const Args& args) {
  const Day cutoff = cutoff_option(args);
  const std::string format = args.option("--format").value_or("text");
  if (format != "text" && format != "json")
    throw UsageError{"--format: expected text or json, not '" + format + "'"};
  config::Workspace ws;
  std::string base;
  if (!read_config_option(args, ws, base)) return 2;
  const int horizon = horizon_option(args, ws.settings.horizon_days);
  if (const auto from = date_option(args, "--from")) ws.settings.from = from;
  apply_filter_options(args, ws.settings);
  if (ws.files.empty() && args.files.empty()) throw UsageError{"no file to read"};

  // Loaded straight into a Dataset: the backtest builds its own facts from it.
  Dataset dataset;
  std::size_t loaded = 0;
  for (const config::WorkspaceFile& f : ws.files) {
    const std::string path = f.path.rfind('/', 0) == 0 ? f.path : base + "/" + f.path;
    if (ingest::load_path(dataset, path, f.path, f.options).rows_loaded > 0) ++loaded;
  }
  for (const std::string& path : args.files)
    if (ingest::load_path(dataset, path, report::base_name(path), {}).rows_loaded > 0) ++loaded;
  for (const LoadReport& r : dataset.loads)
    if (r.refused()) std::fprintf(stderr, "%s\n", r.error.c_str());
  if (loaded == 0) {
    std::fprintf(stderr, "[%s] nothing could be loaded\n", ids::kCliNothingLoaded);
    return 1;
  }

  const json doc =
      report::backtest_json(report::run_backtest(dataset, ws.settings, cutoff, horizon));
  if (const auto file = args.option("--json")) {
    std::ofstream out(*file);
    out << doc.dump(2) << "\n";
    if (!out) {
      std::fprintf(stderr, "[%s] %s: cannot write the file\n", ids::kCliCannotWrite, file->c_str());
      return 1;
    }
  }
  if (format == "json")
    std::cout << doc.dump(2) << "\n";
  else
    print_text(doc);
  return 0;
}

}  // namespace pulse::cli
