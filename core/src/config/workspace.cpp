#include "pulse/config/workspace.h"

#include <nlohmann/json.hpp>

#include "pulse/error.h"
#include "pulse/error_ids.h"

namespace pulse::config {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& where, const std::string& why) {
  throw PulseError(ids::kWorkspaceBadEntry, where + ": " + why);
}

std::string string_or(const json& obj, const char* key, const std::string& fallback) {
  if (!obj.contains(key) || obj[key].is_null()) return fallback;
  if (!obj[key].is_string()) bad(key, "expected a string");
  return obj[key].get<std::string>();
}

}  // namespace

ingest::FileOptions file_options_from_json(const json& f, const std::string& where) {
  if (!f.is_object()) bad(where, "expected an object");
  ingest::FileOptions options;
  const std::string role = string_or(f, "role", "auto");
  if (role != "auto") {
    options.mapping.role = role_from_name(role);
    if (!options.mapping.role) bad(where + ".role", "unknown role '" + role + "'");
  }
  if (f.contains("expected_bytes") && f["expected_bytes"].is_number_unsigned())
    options.expected_bytes = f["expected_bytes"].get<std::size_t>();  // a sizing hint only
  if (f.contains("columns") && !f["columns"].is_null()) {
    if (!f["columns"].is_object()) bad(where + ".columns", "expected an object {field: column}");
    for (const auto& [key, value] : f["columns"].items()) {
      const auto field = field_from_name(key);
      if (!field) bad(where + ".columns", "unknown field '" + key + "'");
      if (!value.is_string()) bad(where + ".columns." + key, "expected a column name");
      options.mapping.columns[*field] = value.get<std::string>();
    }
  }
  const std::string delimiter = string_or(f, "delimiter", "auto");
  if (delimiter == "\\t" || delimiter == "tab")
    options.delimiter = '\t';
  else if (delimiter.size() == 1)
    options.delimiter = delimiter[0];
  else if (delimiter != "auto")
    bad(where + ".delimiter", "expected \"auto\" or one character");
  const std::string decimal = string_or(f, "decimal", "auto");
  if (decimal == "." || decimal == "dot")
    options.conventions.decimal = io::DecimalMark::dot;
  else if (decimal == "," || decimal == "comma")
    options.conventions.decimal = io::DecimalMark::comma;
  else if (decimal != "auto")
    bad(where + ".decimal", "expected \"auto\", \".\" or \",\"");
  const std::string encoding = string_or(f, "encoding", "auto");
  if (encoding != "auto") {
    options.encoding = io::encoding_from_name(encoding);
    if (!options.encoding)
      bad(where + ".encoding",
          "expected \"auto\", \"utf-8\", \"windows-1251\", \"windows-1252\" or \"utf-16\"");
  }
  options.sheet = string_or(f, "sheet", "");          // a workbook's sheet; empty = the first
  options.container = string_or(f, "container", "");  // set by pulse.js when it decompressed
  const std::string date = string_or(f, "date_format", "auto");
  if (date == "DD/MM/YYYY" || date == "dmy")
    options.conventions.date_order = io::DateOrder::dmy;
  else if (date == "MM/DD/YYYY" || date == "mdy")
    options.conventions.date_order = io::DateOrder::mdy;
  else if (date != "auto")
    bad(where + ".date_format", "expected \"auto\", \"DD/MM/YYYY\" or \"MM/DD/YYYY\"");
  return options;
}

Workspace workspace_from_json(const json& doc) {
  if (!doc.is_object()) throw PulseError(ids::kWorkspaceNotObject, "a workspace is a JSON object");
  Workspace ws;
  if (doc.contains("files")) {
    if (!doc["files"].is_array()) bad("files", "expected a list");
    for (std::size_t i = 0; i < doc["files"].size(); ++i) {
      const json& f = doc["files"][i];
      const std::string where = "files[" + std::to_string(i) + "]";
      if (!f.is_object()) bad(where, "expected an object");
      WorkspaceFile file;
      file.path = string_or(f, "path", "");
      if (file.path.empty()) bad(where + ".path", "missing");
      file.options = file_options_from_json(f, where);
      ws.files.push_back(std::move(file));
    }
  }
  if (doc.contains("settings")) ws.settings = config::settings_from_json(doc["settings"]);
  return ws;
}

}  // namespace pulse::config
