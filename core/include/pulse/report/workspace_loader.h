#pragma once

#include <cstddef>
#include <string>

#include "pulse/config/workspace.h"
#include "pulse/report/engine.h"

namespace pulse::report {

/// Loads every file of a workspace into the engine; relative paths are resolved against
/// `base_dir` (the workspace file's folder). Returns how many files loaded at least one row;
/// each file's outcome is in its load report.
std::size_t load_workspace(Engine& engine, const config::Workspace& workspace,
                           const std::string& base_dir);

/// Reads a workspace file (SPEC §5). Throws PulseError "pulse.config.*" naming the problem.
config::Workspace read_workspace_file(const std::string& path);

/// The folder of a path ("." when it has none), and its last component.
std::string folder_of(const std::string& path);
std::string base_name(const std::string& path);

}  // namespace pulse::report
