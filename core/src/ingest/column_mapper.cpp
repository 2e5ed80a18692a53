#include "pulse/ingest/column_mapper.h"

#include <algorithm>
#include <tuple>

#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/ingest/header_synonyms.h"
#include "pulse/ingest/known_formats.h"
#include "pulse/io/date_parser.h"
#include "pulse/io/number_parser.h"
#include "pulse/message_codes.h"
#include "pulse/text/ascii.h"
#include "pulse/util/sort_by.h"

namespace pulse::ingest {
namespace {

// A named column keeps its field while most values fit; the rest are reported as bad rows.
constexpr double kMinShapeShare = 0.5;

// Roles tried in this order when the workspace does not fix one: the more specific first.
constexpr Role kRolePriority[] = {Role::order_lines, Role::orders,         Role::deals,
                                  Role::deal_events, Role::catalog_prices, Role::sales_reps,
                                  Role::customers,   Role::catalogs};

std::string trim_lower(std::string_view s) {
  return text::ascii_lowercase(text::trim_spaces_and_tabs(s));
}

int find_column(const Sample& sample, const std::string& name) {
  for (std::size_t i = 0; i < sample.columns.size(); ++i)
    if (sample.columns[i] == name) return static_cast<int>(i);
  const std::string wanted = trim_lower(name);
  for (std::size_t i = 0; i < sample.columns.size(); ++i)
    if (trim_lower(sample.columns[i]) == wanted) return static_cast<int>(i);
  return kUnmapped;
}

std::string quoted(const std::string& s) {
  return "'" + s + "'";
}

/// The columns for a message: the first 20, then how many more (a 200,000-column header made
/// a 1.9 MB error message).
std::string column_list(const std::vector<std::string>& columns) {
  constexpr std::size_t kShown = 20;
  std::string out;
  for (std::size_t i = 0; i < columns.size() && i < kShown; ++i)
    out += (out.empty() ? "" : ", ") + quoted(columns[i]);
  if (columns.size() > kShown) out += " and " + std::to_string(columns.size() - kShown) + " more";
  return out;
}

// True when some column is named like `field` in the generic sense (roles other than `role`
// use it as an identity), e.g. a customers file must not have an order id column.
bool has_named_column(const std::vector<std::string>& norm, Role role, Field field) {
  for (const std::string& h : norm)
    if (h != "id" && synonym_rank(role, field, h)) return true;
  return false;
}

struct Candidate {
  int rank;
  std::size_t field_pos;
  int column;
  Field field;
};

// `named`: the columns whose normalized header is a synonym of anything (is_header_synonym),
// the only ones the synonym pass needs to look at.
ColumnMapping map_for_role(Role role, const Sample& sample, const std::vector<std::string>& norm,
                           const std::vector<std::size_t>& named,
                           const MappingOverrides& overrides) {
  ColumnMapping m;
  m.role = role;
  const RoleSpec& spec = role_spec(role);
  std::vector<bool> taken(sample.columns.size(), false);
  auto assign = [&](Field f, int col, Message reason) {
    m.column[static_cast<std::size_t>(f)] = col;
    m.reason[static_cast<std::size_t>(f)] = std::move(reason);
    if (col >= 0) taken[static_cast<std::size_t>(col)] = true;
  };

  for (const auto& [field, name] : overrides.columns) {
    if (std::find(spec.fields.begin(), spec.fields.end(), field) == spec.fields.end()) continue;
    const int col = find_column(sample, name);
    if (col == kUnmapped && awaits_named_column(overrides, role, field)) continue;
    if (col == kUnmapped) {
      const std::string known = column_list(sample.columns);
      throw PulseError(ids::kNamedColumnMissing,
                       "column " + quoted(name) + " named for " + std::string(field_name(field)) +
                           " is not in the file (columns: " + known + ")");
    }
    assign(field, col, Message(ids::kMappedByWorkspace, "set in the workspace"));
  }

  std::vector<Candidate> candidates;
  for (std::size_t pos = 0; pos < spec.fields.size(); ++pos) {
    const Field f = spec.fields[pos];
    if (m.has(f)) continue;
    for (std::size_t c : named) {
      if (taken[c]) continue;
      const auto rank = synonym_rank(role, f, norm[c]);
      if (!rank) continue;
      if (shape_share(sample, static_cast<int>(c), field_kind(f)) < kMinShapeShare) continue;
      candidates.push_back({*rank, pos, static_cast<int>(c), f});
    }
  }
  sort_by(candidates, [](const Candidate& a, const Candidate& b) {
    return std::tie(a.rank, a.field_pos, a.column) < std::tie(b.rank, b.field_pos, b.column);
  });
  for (const Candidate& c : candidates) {
    if (m.has(c.field) || taken[static_cast<std::size_t>(c.column)]) continue;
    const std::string& header = sample.columns[static_cast<std::size_t>(c.column)];
    assign(c.field, c.column,
           Message(ids::kMappedByHeader,
                   "header " + quoted(header) + " names " + std::string(field_name(c.field)))
               .param("header", header)
               .param("field", std::string(field_name(c.field))));
  }

  // Files that name things only by text: the name is the id (1C exports, spreadsheets).
  auto fall_back = [&](Field missing, Field from, const char* what) {
    const auto& fields = spec.fields;
    if (m.has(missing) || !m.has(from) ||
        std::find(fields.begin(), fields.end(), missing) == fields.end())
      return;
    assign(missing, m.at(from),
           Message(ids::kMappedAsIdFallback, std::string("no ") + what + " column: the " +
                                                 std::string(field_name(from)) +
                                                 " column serves as id")
               .param("field", std::string(field_name(missing)))
               .param("from", std::string(field_name(from))));
  };
  fall_back(Field::customer_id, Field::customer_name, "customer id");
  fall_back(Field::sku, Field::product_name, "SKU");

  // An orders file must have a date: take the first column that reads as dates.
  if (role == Role::orders && !m.has(Field::order_date)) {
    for (std::size_t c = 0; c < sample.columns.size(); ++c) {
      if (taken[c] || shape_share(sample, static_cast<int>(c), FieldKind::date) < 0.95) continue;
      bool any = false;
      for (const auto& row : sample.rows) any = any || (c < row.size() && !row[c].empty());
      if (!any) continue;
      assign(Field::order_date, static_cast<int>(c),
             Message(ids::kMappedByDateValues,
                     "values of " + quoted(sample.columns[c]) + " read as dates")
                 .param("header", sample.columns[c]));
      break;
    }
  }
  if (role == Role::order_lines && !m.has(Field::quantity))
    m.notes.push_back(
        Message(ids::kNoteNoQuantity, "no quantity column: each line counts as 1 unit"));
  return m;
}

std::vector<Field> missing_required(const ColumnMapping& m) {
  std::vector<Field> out;
  for (Field f : role_spec(m.role).required)
    if (!m.has(f)) out.push_back(f);
  if (m.role == Role::order_lines && !m.has(Field::unit_price) && !m.has(Field::line_total))
    out.push_back(Field::unit_price);
  return out;
}

// A quote or opportunity file: a deal id beside what only deals have (an expiry, a negotiated
// or original total, a close date). Orders may carry a quote id as a link, but not these.
bool looks_like_deals(const std::vector<std::string>& norm) {
  return has_named_column(norm, Role::deals, Field::deal_id) &&
         (has_named_column(norm, Role::deals, Field::expires_at) ||
          has_named_column(norm, Role::deals, Field::original_amount) ||
          has_named_column(norm, Role::deals, Field::closed_at));
}

// Conditions beyond the required fields that keep one role from being mistaken for another.
bool plausible(const ColumnMapping& m, const std::vector<std::string>& norm) {
  switch (m.role) {
    case Role::order_lines:
    case Role::orders:
      return !looks_like_deals(norm);
    case Role::deals:
      // A deal carries more than an id, a status and a date; else it is a status history.
      return m.has(Field::amount) || m.has(Field::original_amount) || m.has(Field::customer_id) ||
             m.has(Field::sales_rep) || m.has(Field::expires_at) || m.has(Field::closed_at) ||
             m.has(Field::order_id) || m.has(Field::product);
    case Role::deal_events:
      // A deals file has amounts, customers or reps; a history has none of them.
      return !has_named_column(norm, Role::deals, Field::amount) &&
             !has_named_column(norm, Role::deals, Field::customer_id);
    case Role::catalog_prices:
      return !has_named_column(norm, Role::order_lines, Field::order_id);
    case Role::sales_reps:
      return (m.has(Field::rep_name) || m.has(Field::manager) || m.has(Field::team)) &&
             !has_named_column(norm, Role::customers, Field::customer_id) &&
             !has_named_column(norm, Role::order_lines, Field::order_id) &&
             !has_named_column(norm, Role::deals, Field::deal_id);
    case Role::customers:
      return !has_named_column(norm, Role::order_lines, Field::order_id) &&
             !has_named_column(norm, Role::deals, Field::deal_id);
    case Role::catalogs:
      // Only a catalog and its name: anything about customers, orders or products is more.
      return !has_named_column(norm, Role::customers, Field::customer_id) &&
             !has_named_column(norm, Role::order_lines, Field::order_id) &&
             !has_named_column(norm, Role::order_lines, Field::sku) &&
             !has_named_column(norm, Role::deals, Field::deal_id);
    default:
      return true;
  }
}

std::string describe_missing(const ColumnMapping& m, const std::vector<Field>& missing) {
  std::string out = "as " + std::string(role_name(m.role)) + " it lacks ";
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (i) out += ", ";
    out += std::string(field_name(missing[i]));
    if (m.role == Role::order_lines && missing[i] == Field::unit_price) out += " or line_total";
  }
  return out;
}

}  // namespace

bool awaits_named_column(const MappingOverrides& overrides, Role role, Field field) {
  const auto& required = role_spec(role).required;
  return overrides.named_may_come_later &&
         std::find(required.begin(), required.end(), field) == required.end();
}

double shape_share(const Sample& sample, int column, FieldKind kind) {
  if (kind == FieldKind::text) return 1.0;
  std::size_t filled = 0;
  std::size_t ok = 0;
  for (const auto& row : sample.rows) {
    if (static_cast<std::size_t>(column) >= row.size() || row[column].empty()) continue;
    ++filled;
    const bool good =
        kind == FieldKind::date ? io::scan_date(row[column]).ok : io::scan_number(row[column]).ok;
    if (good) ++ok;
  }
  return filled == 0 ? 1.0 : static_cast<double>(ok) / static_cast<double>(filled);
}

ColumnMapping map_columns(const Sample& sample, const MappingOverrides& overrides) {
  if (auto known = map_known_format(sample, overrides)) return std::move(*known);
  std::vector<std::string> norm;
  norm.reserve(sample.columns.size());
  for (const std::string& c : sample.columns) norm.push_back(normalize_header(c));
  std::vector<std::size_t> named;
  for (std::size_t c = 0; c < norm.size(); ++c)
    if (is_header_synonym(norm[c])) named.push_back(c);

  if (overrides.role) {
    ColumnMapping m = map_for_role(*overrides.role, sample, norm, named, overrides);
    const auto missing = missing_required(m);
    if (!missing.empty()) throw PulseError(ids::kRoleFieldsMissing, describe_missing(m, missing));
    return m;
  }
  std::string closest;
  std::size_t fewest_missing = SIZE_MAX;
  for (Role role : kRolePriority) {
    ColumnMapping m = map_for_role(role, sample, norm, named, overrides);
    const auto missing = missing_required(m);
    if (missing.empty() && plausible(m, norm)) return m;
    if (!missing.empty() && missing.size() < fewest_missing) {
      fewest_missing = missing.size();
      closest = describe_missing(m, missing);
    }
  }
  const std::string columns = column_list(sample.columns);
  throw PulseError(ids::kNoRoleFits,
                   "no role fits the columns (" + columns + "); closest: " + closest +
                       " (order lines need order_id, sku and unit_price or line_total; orders "
                       "need order_id and order_date)");
}

}  // namespace pulse::ingest
