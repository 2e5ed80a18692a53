#pragma once

#include "args.h"

namespace pulse::cli {

/// Exit codes: 0 a report was made, 1 nothing could be loaded, 2 usage error.
int run_report(const Args& args);
int run_inspect(const Args& args);
int run_summary(const Args& args);
int run_backtest(const Args& args);
int run_summarize(const Args& args);
int run_sql(const Args& args);

}  // namespace pulse::cli
