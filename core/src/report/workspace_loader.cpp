#include "pulse/report/workspace_loader.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "pulse/error.h"
#include "pulse/error_ids.h"

namespace pulse::report {

std::string folder_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::size_t load_workspace(Engine& engine, const config::Workspace& workspace,
                           const std::string& base_dir) {
  std::size_t loaded = 0;
  for (const config::WorkspaceFile& f : workspace.files) {
    const std::string path = f.path.rfind('/', 0) == 0 ? f.path : base_dir + "/" + f.path;
    if (engine.load_path(path, f.path, f.options).rows_loaded > 0) ++loaded;
  }
  return loaded;
}

config::Workspace read_workspace_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw PulseError(ids::kWorkspaceCannotOpen, path + ": cannot open the workspace file");
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, false);
  if (doc.is_discarded()) throw PulseError(ids::kWorkspaceNotJson, path + ": not valid JSON");
  try {
    return config::workspace_from_json(doc);
  } catch (const PulseError& e) {
    // Name the file in front of the message, keeping the error's own id.
    throw PulseError(e.id(), path + ": " + std::string(e.what()).substr(e.id().size() + 3));
  }
}

}  // namespace pulse::report
