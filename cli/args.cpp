#include "args.h"

#include <algorithm>

namespace pulse::cli {

std::optional<std::string> Args::option(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

bool Args::flag(const std::string& name) const {
  return std::find(flags.begin(), flags.end(), name) != flags.end();
}

Args parse_args(int argc, char** argv, const std::vector<std::string>& valued,
                const std::vector<std::string>& switches) {
  Args args;
  if (argc < 2) throw UsageError{"no command given"};
  args.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string value;
      const auto eq = a.find('=');
      const bool inline_value = eq != std::string::npos;
      const std::string name = inline_value ? a.substr(0, eq) : a;
      if (std::find(switches.begin(), switches.end(), name) != switches.end()) {
        args.flags.push_back(name);
        continue;
      }
      if (std::find(valued.begin(), valued.end(), name) == valued.end())
        throw UsageError{"unknown option " + name};
      if (inline_value)
        value = a.substr(eq + 1);
      else if (i + 1 < argc)
        value = argv[++i];
      else
        throw UsageError{name + " needs a value"};
      args.options[name] = value;
    } else {
      args.files.push_back(a);
    }
  }
  return args;
}

}  // namespace pulse::cli
