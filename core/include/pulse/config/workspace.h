#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pulse/config/settings.h"
#include "pulse/ingest/file_loader.h"

namespace pulse::config {

/// One file of a workspace: where it is and how to read it.
struct WorkspaceFile {
  std::string path;  // as written; resolved against the workspace's folder by the CLI
  ingest::FileOptions options;
};

/// The mapping and settings a user made (SPEC §5), saved and loaded as one JSON document.
struct Workspace {
  std::vector<WorkspaceFile> files;
  config::Settings settings;
};

/// Throws PulseError "pulse.config.*" naming what is wrong.
Workspace workspace_from_json(const nlohmann::json& doc);

/// How to read one file, from a workspace "files" entry ({"role", "columns", "delimiter",
/// "decimal", "date_format", "encoding"}; "path" is ignored). `where` names the entry in errors.
ingest::FileOptions file_options_from_json(const nlohmann::json& entry,
                                           const std::string& where = "file");

}  // namespace pulse::config
