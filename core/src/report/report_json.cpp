#include "pulse/report/report_json.h"

namespace pulse::report {
namespace {

using nlohmann::json;

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json day_json(Day d) { return d == kNoDay ? json(nullptr) : json(format_day(d)); }
json text_json(const StringPool& s, StrId id) { return id == kNoStr ? json(nullptr) : json(std::string(s.view(id))); }

json elasticity_json(const std::optional<kpi::Elasticity>& e) {
  if (!e) return nullptr;
  return json{{"slope", e->slope}, {"std_error", e->std_error}, {"r2", opt(e->r2)}, {"n", e->n}, {"class", e->klass}};
}

}  // namespace

json unavailable(const std::string& why) { return json{{"unavailable", why}}; }

json load_to_json(const LoadReport& load) {
  json problems = json::array();
  for (const Problem& p : load.problems) problems.push_back(p.to_string());
  return json{{"file", load.file},
              {"role", load.role.empty() ? json(nullptr) : json(load.role)},
              {"format", load.format.empty() ? json(nullptr) : json(load.format)},
              {"delimiter", load.delimiter.empty() ? json(nullptr) : json(load.delimiter)},
              {"rows_read", load.rows_read},
              {"rows_loaded", load.rows_loaded},
              {"rows_skipped", load.rows_skipped},
              {"problems", problems},
              {"mapping", load.mapping},
              {"mapping_reasons", load.mapping_reasons},
              {"conventions", load.conventions},
              {"notes", load.notes},
              {"error", load.error.empty() ? json(nullptr) : json(load.error)}};
}

json customers_to_json(const kpi::CustomerReport& r, const kpi::Facts& facts, const StringPool& s) {
  json counts = json::object();
  for (std::size_t i = 0; i < kpi::kCustomerStatusCount; ++i)
    counts[kpi::status_name(static_cast<kpi::CustomerStatus>(i))] = r.summary.status_counts[i];
  const kpi::CustomerSummary& sum = r.summary;
  json summary = {{"customers", sum.customers},
                  {"orders", sum.orders},
                  {"revenue", sum.revenue},
                  {"units", opt(sum.units)},
                  {"aov", opt(sum.aov)},
                  {"margin", opt(sum.margin)},
                  {"margin_pct", opt(sum.margin_pct)},
                  {"unattributed_revenue", sum.unattributed_revenue},
                  {"repeat_customers", sum.repeat_customers},
                  {"repeat_rate", opt(sum.repeat_rate)},
                  {"status_counts", counts}};
  json monthly = json::array();
  for (const kpi::CustomerMonth& m : r.monthly)
    monthly.push_back({{"month", format_month(m.month)},
                       {"revenue", m.revenue},
                       {"orders", m.orders},
                       {"active_customers", m.active_customers}});
  json rows = json::array();
  for (const kpi::CustomerRow& row : r.rows) {
    const std::size_t c = row.customer;
    rows.push_back({{"customer_id", text_json(s, facts.customer_id[c])},
                    {"customer_name", text_json(s, facts.customer_name[c])},
                    {"catalog", text_json(s, facts.customer_catalog[c])},
                    {"sales_rep", text_json(s, facts.customer_rep[c])},
                    {"orders", row.orders},
                    {"units", opt(row.units)},
                    {"revenue", row.revenue},
                    {"aov", opt(row.aov)},
                    {"margin", opt(row.margin)},
                    {"margin_pct", opt(row.margin_pct)},
                    {"first_order", day_json(row.first_order)},
                    {"last_order", day_json(row.last_order)},
                    {"days_since_last_order", row.days_since_last_order},
                    {"median_interval_days", opt(row.median_interval_days)},
                    {"expected_next_order", day_json(row.expected_next_order)},
                    {"overdue_ratio", opt(row.overdue_ratio)},
                    {"status", kpi::status_name(row.status)},
                    {"rfm", row.rfm.empty() ? json(nullptr) : json(row.rfm)}});
  }
  return json{{"summary", summary}, {"monthly", monthly}, {"rows", rows}};
}

json catalogs_to_json(const kpi::CatalogReport& r, const kpi::Facts& facts, const StringPool& s) {
  json catalogs = json::array();
  for (const kpi::CatalogRow& c : r.catalogs)
    catalogs.push_back({{"catalog", text_json(s, facts.catalogs[c.catalog])},
                        {"revenue", c.revenue},
                        {"orders", c.orders},
                        {"customers", c.customers},
                        {"units", c.units},
                        {"aov", opt(c.aov)},
                        {"skus", c.skus},
                        {"revenue_share", opt(c.revenue_share)},
                        {"margin", opt(c.margin)},
                        {"margin_pct", opt(c.margin_pct)}});
  json products = json::array();
  for (const kpi::ProductRow& p : r.products) {
    const auto& prod = facts.products[p.product];
    products.push_back({{"catalog", text_json(s, facts.catalogs[prod.catalog])},
                        {"sku", text_json(s, prod.sku)},
                        {"product_name", text_json(s, prod.name)},
                        {"units", p.units},
                        {"revenue", p.revenue},
                        {"orders", p.orders},
                        {"customers", p.customers},
                        {"avg_price", opt(p.avg_price)},
                        {"revenue_share", opt(p.revenue_share)},
                        {"margin", opt(p.margin)},
                        {"margin_pct", opt(p.margin_pct)},
                        {"abc", std::string(1, p.abc)},
                        {"elasticity", elasticity_json(p.elasticity)}});
  }
  json candidates = json::array();
  for (const kpi::DiscountCandidate& d : r.discount_candidates) {
    const kpi::ProductRow& p = r.products[d.product_row];
    const auto& prod = facts.products[p.product];
    candidates.push_back({{"catalog", text_json(s, facts.catalogs[prod.catalog])},
                          {"sku", text_json(s, prod.sku)},
                          {"product_name", text_json(s, prod.name)},
                          {"revenue", p.revenue},
                          {"units", p.units},
                          {"avg_price", opt(p.avg_price)},
                          {"margin", opt(p.margin)},
                          {"margin_pct", opt(p.margin_pct)},
                          {"elasticity", elasticity_json(p.elasticity)},
                          {"projected_units_change_pct", d.projected_units_change_pct},
                          {"projected_revenue_change", d.projected_revenue_change},
                          {"projected_margin_change", opt(d.projected_margin_change)}});
  }
  return json{{"catalogs", catalogs}, {"products", products}, {"discount_candidates", candidates}};
}

}  // namespace pulse::report
