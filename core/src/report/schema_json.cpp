#include "pulse/report/schema_json.h"

#include <cstdint>

#include "pulse/model/field.h"
#include "pulse/model/load_report.h"

namespace pulse::report {
namespace {

const char* kind_name(FieldKind kind) {
  switch (kind) {
    case FieldKind::date:
      return "date";
    case FieldKind::number:
      return "number";
    case FieldKind::text:
      break;
  }
  return "text";
}

void field_list(JsonWriter& w, const std::vector<Field>& fields) {
  w.begin_array();
  for (Field f : fields) w.value(field_name(f));
  w.end_array();
}

}  // namespace

void write_schema(JsonWriter& w) {
  w.begin_object();
  w.key("roles");
  w.begin_object();
  for (std::size_t r = 0; r < kRoleCount; ++r) {
    const RoleSpec& spec = role_spec(static_cast<Role>(r));
    w.key(role_name(spec.role));
    w.begin_object();
    w.key("fields"), field_list(w, spec.fields);
    w.key("required"), field_list(w, spec.required);
    w.end_object();
  }
  w.end_object();
  w.key("fields");
  w.begin_object();
  for (std::size_t f = 0; f < kFieldCount; ++f)
    w.key(field_name(static_cast<Field>(f))), w.value(kind_name(field_kind(static_cast<Field>(f))));
  w.end_object();
  w.key("problem_cap"), w.value(static_cast<std::uint64_t>(LoadReport::kMaxProblems));
  w.end_object();
}

}  // namespace pulse::report
