// b2b-pulse: the KPI engine on the command line. `report` prints the SPEC §4 JSON,
// `inspect` shows how each file is read.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <string>

#include "args.h"
#include "commands.h"
#include "huge_pages.h"
#include "pulse/error_ids.h"
#include "pulse/ingest/parallel_csv.h"
#include "pulse/report/schema_json.h"

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
    "  b2b-pulse summarize [--config workspace.json] [FILE...] --out DIR\n"
    "                   writes the summary tables (docs/summaries.md) as CSV into DIR\n"
    "  b2b-pulse sql --dialect duckdb|postgres|spark|bigquery [--config workspace.json]\n"
    "                   [FILE...]   prints the SQL that builds the same summary tables\n"
    "  b2b-pulse schema                               the roles and fields the engine reads "
    "(JSON)\n"
    "Files named on the command line are detected automatically (role, columns, formats).\n"
    "--threads N (any command): threads that read a big CSV file (default 1; see "
    "docs/performance.md).\n";

// Big CSV files are read in ranges on several threads (the same result as one stream).
void set_threads(const pulse::cli::Args& args) {
  // One by default: on the 2-core machine we measure on, two threads were slower than one (the
  // serial merge copies every value again; docs/performance.md "Parallel ingest and memory").
  unsigned threads = 1;
  if (const auto value = args.option("--threads")) {
    char* end = nullptr;
    const long n = std::strtol(value->c_str(), &end, 10);
    if (value->empty() || *end != '\0' || n < 1 || n > 256)
      throw pulse::cli::UsageError{"--threads: expected a number from 1 to 256, got '" + *value +
                                   "'"};
    threads = static_cast<unsigned>(n);
  }
  pulse::ingest::set_load_threads(threads == 0 ? 1 : threads);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace pulse::cli;
  restart_with_huge_pages(argv);  // before any work: glibc reads its tunables at start
  try {
    const Args args = parse_args(
        argc, argv,
        {"--config", "--as-of", "--from", "--to", "--catalog", "--rep", "--customer", "--cutoff",
         "--horizon", "--format", "--json", "--threads", "--out", "--dialect"},
        {"--pretty", "--help"});
    if (args.command == "--help" || args.command == "help" || args.flag("--help")) {
      std::fputs(kUsage, stdout);
      return 0;
    }
    set_threads(args);
    if (args.command == "schema") {
      pulse::report::JsonWriter w;
      pulse::report::write_schema(w);
      std::printf("%s\n", w.str().c_str());
      return 0;
    }
    if (args.command == "report") return run_report(args);
    if (args.command == "inspect") return run_inspect(args);
    if (args.command == "summary") return run_summary(args);
    if (args.command == "backtest") return run_backtest(args);
    if (args.command == "summarize") return run_summarize(args);
    if (args.command == "sql") return run_sql(args);
    throw UsageError{"unknown command '" + args.command + "'"};
  } catch (const UsageError& e) {
    std::fprintf(stderr, "[%s] %s\n%s", pulse::ids::kCliUsage, e.message.c_str(), kUsage);
    return 2;
  } catch (const std::bad_alloc&) {
    // Not a bug: the files need more memory than the process may have (a row-count limit, a
    // machine's memory, `ulimit -v`). Loads that run out keep their rows and say so themselves
    // (pulse.ingest.005); this is what runs out after them, in the report's own tables.
    std::fprintf(
        stderr,
        "[%s] out of memory: 'b2b-pulse %s' needs more memory than this process may use; use a "
        "machine with more memory, fewer or smaller files (a shorter period), or summary "
        "tables built where the data lives (docs/summaries.md)\n",
        pulse::ids::kCliOutOfMemory, argc > 1 ? argv[1] : "");
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "[%s] unexpected error: %s\n", pulse::ids::kCliUnexpected, e.what());
    return 1;
  }
}
