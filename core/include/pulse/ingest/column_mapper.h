#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pulse/ingest/source_rule.h"
#include "pulse/model/field.h"
#include "pulse/model/message.h"

namespace pulse::ingest {

constexpr int kUnmapped = -1;

/// Which source column feeds each canonical field, and why.
struct ColumnMapping {
  Role role = Role::order_lines;
  std::array<int, kFieldCount> column{};       // source column index or kUnmapped
  std::array<Message, kFieldCount> reason{};   // a pulse.mapping.* code, params, English text
  std::array<SourceRule, kFieldCount> rule{};  // more than one column, or a value inside one
  std::vector<Message> notes;  // e.g. pulse.note.001, "no quantity column: each line counts 1 unit"
  std::string recognized_as;   // a known export, e.g. "Magento REST orders (GET /V1/orders)"

  ColumnMapping() { column.fill(kUnmapped); }
  bool has(Field f) const { return column[static_cast<std::size_t>(f)] != kUnmapped; }
  int at(Field f) const { return column[static_cast<std::size_t>(f)]; }
};

/// A few rows of a file, kept to decide roles, columns and conventions.
struct Sample {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

/// What the user fixed in the workspace (SPEC §5); everything else is detected.
struct MappingOverrides {
  std::optional<Role> role;
  std::map<Field, std::string> columns;  // field -> source column name
  // A JSON file's keys appear with its records: a named column missing from the sample may
  // still come further down. Then an optional field waits for it (left unmapped now, mapped
  // when the key appears); a required one is still an error, since the role needs it now.
  bool named_may_come_later = false;
};

/// True when `field`, named in the overrides but absent from the sample, may be left to come
/// later (see MappingOverrides::named_may_come_later) instead of refusing the file.
bool awaits_named_column(const MappingOverrides& overrides, Role role, Field field);

/// Detects the role and the column of every field from headers and values, honouring the
/// overrides. Throws PulseError "pulse.ingest.101" when no role fits (the message names
/// the missing fields of the closest role) and "pulse.ingest.102" when an override names a
/// column that does not exist.
ColumnMapping map_columns(const Sample& sample, const MappingOverrides& overrides);

/// The share of the sample's non-empty values in `column` that read as `kind`.
double shape_share(const Sample& sample, int column, FieldKind kind);

}  // namespace pulse::ingest
