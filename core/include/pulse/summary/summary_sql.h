#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pulse/config/settings.h"
#include "pulse/model/field.h"
#include "pulse/model/load_report.h"

namespace pulse::summary {

/// The SQL engines the summary tables can be built on.
enum class Dialect { duckdb, postgres, spark, bigquery };
std::optional<Dialect> dialect_from_name(std::string_view name);

/// One raw source as the engine mapped it: its role, where its rows are, and which of its
/// columns holds each canonical field (LoadReport::mapping).
struct SqlSource {
  Role role;
  std::string file;  // the file's path: DuckDB reads it directly; elsewhere its stem is a table
  std::map<Field, std::string> columns;
  std::map<Field, std::string> date_conventions;  // field -> "DD/MM/YYYY", "MM/DD/YYYY", ...
};

/// The source a file's load report describes (its role, mapping and date conventions), at
/// `path`. The role must be one the SQL reads: order_lines, orders or customers.
SqlSource sql_source(const LoadReport& load, const std::string& path);

/// Layer 1 as SQL in `dialect`: statements that create the summary tables of
/// summary_schema.h (same names, same columns, same grain) from the order lines, orders and
/// customers among `sources`, with the settings' excluded statuses. DuckDB reads the files
/// themselves (read_csv, every column as text, converted as the engine read it); the other
/// dialects read tables named after the files' stems ("order_lines.csv" -> order_lines), typed
/// as their loader made them. docs/summaries.md says where SQL and C++ can differ.
std::string summary_sql(Dialect dialect, const std::vector<SqlSource>& sources,
                        const config::Settings& settings);

}  // namespace pulse::summary
