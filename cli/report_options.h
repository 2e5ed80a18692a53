#pragma once

#include <optional>
#include <string>

#include "args.h"
#include "pulse/config/settings.h"
#include "pulse/config/workspace.h"

namespace pulse::cli {

/// Loads the workspace (--config) and the named files, applies the scope options (--as-of,
/// --from, --to, --catalog, --rep, --customer) and writes the SPEC §4 document to `out`.
/// Returns the exit status: 0 report made, 1 nothing loaded, 2 bad workspace. Load errors
/// go to stderr, one line each with their id. Throws UsageError for bad options.
int make_report(const Args& args, std::string& out);

/// The workspace of --config (empty without one) and the folder its relative paths start from
/// ("." without one). False, after printing the error, when the workspace cannot be read.
bool read_config_option(const Args& args, config::Workspace& ws, std::string& base);
/// A YYYY-MM-DD option: nullopt when absent; UsageError when it cannot be read.
std::optional<Day> date_option(const Args& args, const std::string& name);
/// --catalog, --rep and --customer into the settings' filters.
void apply_filter_options(const Args& args, config::Settings& settings);

}  // namespace pulse::cli
