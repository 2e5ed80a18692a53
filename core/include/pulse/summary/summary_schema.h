#pragma once

#include <string_view>
#include <vector>

#include "pulse/model/field.h"

namespace pulse::summary {

/// One column of a summary table: its header, the canonical field the engine reads it as, and
/// what it holds (docs/summaries.md). The header names are distinct from raw exports' so that
/// a summary file is recognized by its header alone.
struct SummaryColumn {
  const char* header;
  Field field;
  const char* meaning;
};

/// Layer 1 of the engine: a table that adds up raw rows at a grain that keeps every figure of
/// the report exact under every filter (period, catalog, sales rep, customer). The C++ writer
/// (summary_writer.h), the reader (summary_facts.h), the recognizer (known formats) and the SQL
/// generator (summary_sql.h) all work from this one description.
struct SummaryTable {
  const char* name;  // file stem and SQL table name: "pulse_orders"
  Role role;
  const char* grain;
  std::vector<SummaryColumn> columns;
};

/// The four tables, in the order they are written and read: orders, order items, customers,
/// products.
const std::vector<SummaryTable>& summary_tables();
const SummaryTable& summary_table(Role role);

/// True for the roles of the summary tables.
bool is_summary_role(Role role);

}  // namespace pulse::summary
