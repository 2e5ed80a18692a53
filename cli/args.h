#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pulse::cli {

/// A usage error: the CLI prints it with the usage text and exits 2.
struct UsageError {
  std::string message;
};

/// `--name value` options and positional arguments, as given.
struct Args {
  std::string command;
  std::map<std::string, std::string> options;
  std::vector<std::string> flags;
  std::vector<std::string> files;

  std::optional<std::string> option(const std::string& name) const;
  bool flag(const std::string& name) const;
};

/// Parses argv; `valued` lists options that take a value, `switches` those that do not.
/// Throws UsageError for an unknown option or a missing value.
Args parse_args(int argc, char** argv, const std::vector<std::string>& valued,
                const std::vector<std::string>& switches);

}  // namespace pulse::cli
