#pragma once

#include <string>

#include "args.h"

namespace pulse::cli {

/// Loads the workspace (--config) and the named files, applies the scope options (--as-of,
/// --from, --to, --catalog, --rep, --customer) and writes the SPEC §4 document to `out`.
/// Returns the exit status: 0 report made, 1 nothing loaded, 2 bad workspace. Load errors
/// go to stderr, one line each with their id. Throws UsageError for bad options.
int make_report(const Args& args, std::string& out);

}  // namespace pulse::cli
