#include "pulse/ingest/known_formats.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "pulse/error.h"
#include "pulse/message_codes.h"
#include "pulse/summary/summary_schema.h"

namespace pulse::ingest {
namespace {

using F = Field;

/// Where a field comes from, best first. A source is a column name as the export writes it
/// (JSON paths flattened with dots), "a + b" for two columns joined by a space, or
/// "column#key.path" for a value inside the column's JSON text.
struct FieldSources {
  Field field;
  std::vector<const char*> sources;
};

struct KnownFormat {
  const char* name;
  Role role;
  std::vector<const char*> signature;  // all present ("a|b": either): it is this export
  std::vector<const char*> absent;     // none present (to tell two similar exports apart)
  std::vector<FieldSources> fields;
  Field skip_rows_without = Field::count_;  // a row without it is not a row of the role
  const char* note = nullptr;
};

/// What a REST order says about itself, with or without its items.
std::vector<FieldSources> magento_order_fields(std::vector<FieldSources> more) {
  std::vector<FieldSources> fields = {
      {F::order_id, {"increment_id"}},
      {F::order_date, {"created_at"}},
      {F::customer_id,
       {"extension_attributes.company_order_attributes.company_id", "customer_email"}},
      {F::customer_name,
       {"extension_attributes.company_order_attributes.company_name",
        "customer_firstname + customer_lastname", "customer_email"}},
      {F::catalog, {"customer_group_id"}},
      {F::status, {"status", "state"}},
      {F::currency, {"base_currency_code"}},
      {F::quote_id, {"quote_id"}}};
  fields.insert(fields.end(), more.begin(), more.end());
  return fields;
}

/// The summary tables (docs/summaries.md) are known exports of B2B Pulse itself: every
/// column of the table is its signature, each column read as its own field.
std::vector<KnownFormat> with_summary_tables(std::vector<KnownFormat> formats) {
  for (const summary::SummaryTable& table : summary::summary_tables()) {
    KnownFormat format;
    format.name = table.name;
    format.role = table.role;
    for (const summary::SummaryColumn& column : table.columns) {
      format.signature.push_back(column.header);
      format.fields.push_back({column.field, {column.header}});
    }
    format.note = "a B2B Pulse summary table (docs/summaries.md): read as it was written";
    formats.push_back(std::move(format));
  }
  return formats;
}

const std::vector<KnownFormat>& formats() {
  static const std::vector<KnownFormat> all = with_summary_tables({
      {"Magento REST orders (GET /V1/orders)",
       Role::order_lines,
       {"increment_id", "base_grand_total", "items.sku"},
       {},
       magento_order_fields({{F::sku, {"items.sku"}},
                             {F::product_name, {"items.name"}},
                             {F::quantity, {"items.qty_ordered"}},
                             {F::unit_price, {"items.base_price"}},
                             {F::line_total, {"items.base_row_total"}},
                             {F::discount, {"items.base_discount_amount"}},
                             {F::unit_cost, {"items.base_cost"}},
                             {F::parent_item_id, {"items.parent_item_id"}}}),
       F::count_,
       "amounts in the base currency (base_*), each item's discount subtracted; the company "
       "(company_order_attributes) is the customer, else the buyer's e-mail; the customer group "
       "is the shared catalog"},
      {"Magento REST orders without items (GET /V1/orders)",
       Role::orders,
       {"increment_id", "base_grand_total"},
       {},
       magento_order_fields({{F::order_total, {"base_grand_total"}}}),
       F::count_,
       "order totals in the base currency (base_grand_total, with tax and shipping); no items: "
       "the catalog dashboard needs the orders with their items"},
      {"Magento REST companies (GET /V1/company/)",
       Role::customers,
       {"company_name", "sales_representative_id", "customer_group_id"},
       {},
       {{F::customer_id, {"id", "entity_id"}},
        {F::customer_name, {"company_name", "legal_name"}},
        {F::catalog, {"customer_group_id"}},
        {F::sales_rep, {"sales_representative_id"}},
        {F::region, {"country_id", "city"}}},
       F::count_,
       "each company is a customer with its shared catalog (customer group) and sales rep"},
      {"Magento REST customers (GET /V1/customers/search)",
       Role::customers,
       {"email", "group_id", "extension_attributes.company_attributes.company_id"},
       {},
       {{F::customer_id, {"email"}},
        {F::company_id, {"extension_attributes.company_attributes.company_id"}},
        {F::customer_name, {"firstname + lastname"}},
        {F::catalog, {"group_id"}}},
       F::count_,
       "each buyer belongs to its company: orders without company attributes count for the "
       "company"},
      {"Magento REST shared catalogs (GET /V1/sharedCatalog/)",
       Role::catalogs,
       {"customer_group_id", "name", "type"},
       {"company_name"},
       {{F::catalog, {"customer_group_id"}}, {F::catalog_name, {"name"}}},
       F::count_,
       "catalog names for customer groups: orders and companies name their catalog by group id"},
      {"Magento REST negotiable quotes (carts with extension_attributes.negotiable_quote)",
       Role::deals,
       {"extension_attributes.negotiable_quote.status"},
       {},
       {{F::deal_id, {"id", "extension_attributes.negotiable_quote.quote_id"}},
        {F::created_at, {"created_at"}},
        {F::updated_at, {"updated_at"}},
        {F::status, {"extension_attributes.negotiable_quote.status"}},
        {F::amount,
         {"extension_attributes.negotiable_quote.base_negotiated_total_price",
          "extension_attributes.negotiable_quote.base_original_total_price"}},
        {F::original_amount, {"extension_attributes.negotiable_quote.base_original_total_price"}},
        {F::expires_at, {"extension_attributes.negotiable_quote.expiration_period"}},
        {F::customer_id,
         {"customer.extension_attributes.company_attributes.company_id", "customer.email"}},
        {F::product, {"extension_attributes.negotiable_quote.quote_name"}}},
       F::count_,
       "one deal per quote (its cart items are not order lines); amounts in the base currency, "
       "the negotiated total when there is one, else the original; the buyer's company is the "
       "customer"},
      {"Magento negotiable quote history (log_data)",
       Role::deal_events,
       {"quote_id", "log_data|log_data.status.new_value"},
       {},
       {{F::deal_id, {"quote_id"}},
        {F::timestamp, {"created_at"}},
        // log_data as a JSON object is flattened by the reader; as JSON text it is read inside.
        {F::status, {"log_data.status.new_value", "log_data#status.new_value"}}},
       F::status,
       "the status is the new value of the status change in log_data; entries that change only "
       "prices or comments are not status events"},
      {"Magento admin users",
       Role::sales_reps,
       {"user_id", "firstname", "lastname"},
       {},
       {{F::sales_rep, {"user_id"}}, {F::rep_name, {"firstname + lastname", "username"}}},
       F::count_,
       "admin users are the sales reps companies name (sales_representative_id)"},
      {"Magento admin orders grid (CSV export)",
       Role::orders,
       {"ID", "Purchase Date", "Grand Total (Base)"},
       {},
       {{F::order_id, {"ID"}},
        {F::order_date, {"Purchase Date"}},
        {F::customer_id, {"Company", "Company Name", "Customer Email", "Bill-to Name"}},
        {F::customer_name, {"Company", "Company Name", "Customer Name", "Bill-to Name"}},
        {F::status, {"Status"}},
        {F::order_total, {"Grand Total (Base)"}},
        {F::catalog, {"Customer Group"}}},
       F::count_,
       "the grid has order totals but no items: customer profiles work from it, the catalog "
       "dashboard needs the REST orders with items; statuses are the grid's labels"},
      {"Magento admin negotiable quotes grid (CSV export)",
       Role::deals,
       {"ID", "Created Date", "Status", "Quote Total (Base)"},
       {},
       {{F::deal_id, {"ID"}},
        {F::created_at, {"Created Date"}},
        {F::updated_at, {"Last Updated"}},
        {F::customer_id, {"Company", "Submitted By"}},
        {F::sales_rep, {"Sales Rep"}},
        {F::amount, {"Quote Total (Negotiated)", "Quote Total (Base)"}},
        {F::original_amount, {"Quote Total (Base)"}},
        {F::status, {"Status"}},
        {F::product, {"Name"}}},
       F::count_,
       "statuses are the grid's labels (Ordered is won; Declined, Expired, Closed are lost)"},
  });
  return all;
}

std::string fold(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

class Columns {
 public:
  explicit Columns(const Sample& sample) : names_(sample.columns) {
    for (const std::string& c : names_) folded_.push_back(fold(c));
  }
  int find(std::string_view name) const {
    const std::string wanted = fold(name);
    for (std::size_t i = 0; i < folded_.size(); ++i)
      if (folded_[i] == wanted) return static_cast<int>(i);
    return kUnmapped;
  }
  const std::string& name(int column) const { return names_[static_cast<std::size_t>(column)]; }

  /// "a + b" and "column#key" resolved against the file; nullopt when a column is missing.
  std::optional<SourceColumn> resolve(std::string_view source) const {
    SourceColumn out;
    const std::size_t hash = source.find('#');
    if (hash != std::string_view::npos) {
      out.json_key = std::string(source.substr(hash + 1));
      source = source.substr(0, hash);
    }
    const std::size_t plus = source.find(" + ");
    out.column = find(source.substr(0, plus));
    if (out.column == kUnmapped) return std::nullopt;
    if (plus != std::string_view::npos) {
      out.joined = find(source.substr(plus + 3));
      if (out.joined == kUnmapped) return std::nullopt;
    }
    return out;
  }

  std::string describe(const SourceColumn& s) const {
    std::string out = "'" + name(s.column) + "'";
    if (s.joined >= 0) out += " + '" + name(s.joined) + "'";
    if (!s.json_key.empty()) out += " (" + s.json_key + " inside)";
    return out;
  }

  // The same without English words, for the message's `source` param, which the page shows in
  // its own language: 'column#key.path' for a value inside the column's JSON text (the notation
  // of the formats table), alternatives joined by " | ".
  std::string notation(const SourceColumn& s) const {
    std::string out = "'" + name(s.column) + "'";
    if (s.joined >= 0) out += " + '" + name(s.joined) + "'";
    if (!s.json_key.empty()) out += "#" + s.json_key;
    return out;
  }

 private:
  const std::vector<std::string>& names_;
  std::vector<std::string> folded_;
};

bool matches(const KnownFormat& format, const Columns& columns) {
  for (std::string_view c : format.signature) {
    bool any = false;
    for (std::size_t at = 0; !any && at <= c.size();) {
      const std::size_t bar = std::min(c.find('|', at), c.size());
      any = columns.find(c.substr(at, bar - at)) != kUnmapped;
      at = bar + 1;
    }
    if (!any) return false;
  }
  for (const char* c : format.absent)
    if (columns.find(c) != kUnmapped) return false;
  return true;
}

ColumnMapping map_as(const KnownFormat& format, const Columns& columns) {
  ColumnMapping m;
  m.role = format.role;
  m.recognized_as = format.name;
  for (const FieldSources& fs : format.fields) {
    SourceRule rule;
    for (const char* source : fs.sources)
      if (auto resolved = columns.resolve(source)) rule.alternatives.push_back(*resolved);
    if (rule.alternatives.empty()) continue;
    const std::size_t f = static_cast<std::size_t>(fs.field);
    m.column[f] = rule.alternatives.front().column;
    std::string source = columns.describe(rule.alternatives[0]);
    std::string notation = columns.notation(rule.alternatives[0]);
    for (std::size_t i = 1; i < rule.alternatives.size(); ++i) {
      source += ", else " + columns.describe(rule.alternatives[i]);
      notation += " | " + columns.notation(rule.alternatives[i]);
    }
    m.reason[f] =
        Message(ids::kMappedByKnownExport, "as the recognized export writes it: " + source)
            .param("source", notation);
    rule.empty_skips_row = fs.field == format.skip_rows_without;
    if (!rule.plain() || rule.empty_skips_row) m.rule[f] = std::move(rule);
  }
  m.notes.push_back(Message(ids::kNoteSummaryTable, format.note));
  return m;
}

bool has_required(const ColumnMapping& m) {
  for (Field f : role_spec(m.role).required)
    if (!m.has(f)) return false;
  return m.role != Role::order_lines || m.has(Field::unit_price) || m.has(Field::line_total);
}

}  // namespace

std::optional<ColumnMapping> map_known_format(const Sample& sample,
                                              const MappingOverrides& overrides) {
  const Columns columns(sample);
  for (const KnownFormat& format : formats()) {
    if (overrides.role && *overrides.role != format.role) continue;
    if (!matches(format, columns)) continue;
    ColumnMapping m = map_as(format, columns);
    if (!has_required(m)) continue;
    // The workspace's columns win over the recognized ones.
    for (const auto& [field, name] : overrides.columns) {
      const RoleSpec& spec = role_spec(m.role);
      if (std::find(spec.fields.begin(), spec.fields.end(), field) == spec.fields.end()) continue;
      const int col = columns.find(name);
      const std::size_t f = static_cast<std::size_t>(field);
      if (col == kUnmapped && awaits_named_column(overrides, m.role, field)) {
        // Not the format's own source either: the workspace's column, when it comes.
        m.column[f] = kUnmapped;
        m.rule[f] = SourceRule{};
        m.reason[f] = Message{};
        continue;
      }
      if (col == kUnmapped) return std::nullopt;  // the generic mapper names the error
      m.column[f] = col;
      m.rule[f] = SourceRule{};
      m.reason[f] = Message(ids::kMappedByWorkspace, "set in the workspace");
    }
    return m;
  }
  return std::nullopt;
}

bool names_known_source(std::string_view column) {
  for (const KnownFormat& format : formats()) {
    for (const FieldSources& field : format.fields) {
      for (std::string_view source : field.sources) {
        source = source.substr(0, source.find('#'));  // "column#key.path": the column
        const std::size_t plus = source.find(" + ");
        if (source.substr(0, plus) == column) return true;
        if (plus != std::string_view::npos && source.substr(plus + 3) == column) return true;
      }
    }
  }
  return false;
}

io::JsonReaderOptions known_json_options() {
  io::JsonReaderOptions options;
  options.whole_record_object = "extension_attributes.negotiable_quote";
  return options;
}

}  // namespace pulse::ingest
