// b2b-pulse: the KPI engine on the command line. `report` prints the SPEC §4 JSON,
// `inspect` shows how each file is read.
#include <cstdio>
#include <exception>
#include <string>

#include "args.h"
#include "commands.h"

namespace {

const char* kUsage =
    "usage:\n"
    "  b2b-pulse report [--config workspace.json] [--as-of D] [--from D] [--to D]\n"
    "                   [--catalog X] [--rep X] [--customer X] [--pretty] [FILE...]\n"
    "  b2b-pulse summary [same options as report]   the report as text, for people\n"
    "  b2b-pulse inspect FILE...                      how each file is read, and why\n"
    "  b2b-pulse backtest --cutoff D [--horizon DAYS] [--format text|json] [--json FILE]\n"
    "                   [--config workspace.json] [--from D] [--catalog X] [--rep X]\n"
    "                   [--customer X] [FILE...]\n"
    "                   cuts the data at D and scores the forecasts against what came after\n"
    "Files named on the command line are detected automatically (role, columns, formats).\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace pulse::cli;
  try {
    const Args args = parse_args(argc, argv,
                                 {"--config", "--as-of", "--from", "--to", "--catalog", "--rep",
                                  "--customer", "--cutoff", "--horizon", "--format", "--json"},
                                 {"--pretty", "--help"});
    if (args.command == "--help" || args.command == "help" || args.flag("--help")) {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (args.command == "report") return run_report(args);
    if (args.command == "inspect") return run_inspect(args);
    if (args.command == "summary") return run_summary(args);
    if (args.command == "backtest") return run_backtest(args);
    throw UsageError{"unknown command '" + args.command + "'"};
  } catch (const UsageError& e) {
    std::fprintf(stderr, "[pulse.cli.001] %s\n%s", e.message.c_str(), kUsage);
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "[pulse.cli.999] unexpected error: %s\n", e.what());
    return 1;
  }
}
