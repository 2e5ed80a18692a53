#include "sample_files.h"

#include <algorithm>
#include <fstream>
#include <tuple>

#include "csv_writer.h"

namespace samplegen {

bool WriteSalesReps(const World& world, const std::string& path) {
  CsvWriter csv(path);
  csv.Row({"sales_rep", "rep_name", "manager", "team"});
  for (const SalesRep& rep : world.reps) csv.Row({rep.id, rep.name, rep.manager, rep.team});
  return csv.Close();
}

bool WriteCatalogPrices(const World& world, const std::string& path) {
  CsvWriter csv(path);
  csv.Row({"catalog", "sku", "price", "list_price"});
  for (size_t c = 0; c < world.catalogs.size(); ++c) {
    for (size_t p = 0; p < world.products.size(); ++p) {
      csv.Row({world.catalogs[c].name, world.products[p].sku,
               FormatCents(world.CatalogPriceCents(static_cast<int>(c), static_cast<int>(p))),
               FormatCents(world.products[p].list_cents)});
    }
  }
  return csv.Close();
}

bool WriteCustomers(const World& world, const std::string& path) {
  CsvWriter csv(path);
  csv.Row(
      {"customer_id", "customer_name", "catalog", "sales_rep", "segment", "region", "created_at"});
  for (const Company& company : world.companies) {
    csv.Row({company.id, company.name, world.catalogs[company.catalog].name,
             world.reps[company.rep].id, company.segment, company.region,
             FormatDay(company.created_at)});
  }
  return csv.Close();
}

bool WriteOrders(const World& world, const std::vector<Order>& orders, const std::string& path) {
  CsvWriter csv(path);
  csv.Row({"order_id", "order_date", "customer_id", "status", "sales_rep", "currency"});
  for (const Order& order : orders) {
    const Company& company = world.companies[order.company];
    csv.Row({order.id, FormatDay(order.date), company.id, StatusName(order.status),
             world.reps[company.rep].id, "EUR"});
  }
  return csv.Close();
}

bool WriteOrderLines(const World& world, const std::vector<Order>& orders,
                     const std::string& path) {
  CsvWriter csv(path);
  csv.Row({"order_id", "sku", "product_name", "category", "quantity", "unit_price", "discount",
           "unit_cost"});
  for (const Order& order : orders) {
    for (const OrderLine& line : order.lines) {
      const Product& product = world.products[line.product];
      csv.Row({order.id, product.sku, product.name, world.categories[product.category],
               std::to_string(line.quantity), FormatCents(line.unit_price_cents),
               FormatCents(line.discount_cents), FormatCents(line.unit_cost_cents)});
    }
  }
  return csv.Close();
}

bool WriteQuotes(const World& world, const std::vector<Quote>& quotes, const std::string& path) {
  CsvWriter csv(path);
  csv.Row({"quote_id", "quote_name", "customer_id", "sales_rep", "status", "created_at",
           "updated_at", "expires_at", "original_total", "negotiated_total", "order_id"});
  for (const Quote& q : quotes) {
    const Company& company = world.companies[q.company];
    csv.Row({q.id, q.name, company.id, world.reps[company.rep].id, q.status, FormatStamp(q.created),
             FormatStamp(q.updated), FormatStamp(q.expires), FormatCents(q.original_cents),
             FormatCents(q.negotiated_cents), q.order_id});
  }
  return csv.Close();
}

bool WriteQuoteHistory(const std::vector<Quote>& quotes, const std::string& path) {
  // (time, quote index, event index): quote ids grow with the index, so ties sort by id.
  std::vector<std::tuple<Stamp, size_t, size_t>> rows;
  for (size_t q = 0; q < quotes.size(); ++q) {
    for (size_t e = 0; e < quotes[q].events.size(); ++e) {
      rows.emplace_back(quotes[q].events[e].time, q, e);
    }
  }
  std::sort(rows.begin(), rows.end());
  CsvWriter csv(path);
  csv.Row({"quote_id", "created_at", "status"});
  for (const auto& [time, q, e] : rows) {
    csv.Row({quotes[q].id, FormatStamp(time), quotes[q].events[e].status});
  }
  return csv.Close();
}

bool WriteWorkspace(const std::string& path) {
  static const char kWorkspace[] = R"({
  "files": [
    {"path": "orders.csv", "role": "orders", "columns": {},
     "delimiter": "auto", "decimal": "auto", "date_format": "auto"},
    {"path": "order_lines.csv", "role": "order_lines", "columns": {},
     "delimiter": "auto", "decimal": "auto", "date_format": "auto"},
    {"path": "customers.csv", "role": "customers", "columns": {},
     "delimiter": "auto", "decimal": "auto", "date_format": "auto"},
    {"path": "sales_reps.csv", "role": "sales_reps", "columns": {},
     "delimiter": "auto", "decimal": "auto", "date_format": "auto"},
    {"path": "catalog_prices.csv", "role": "catalog_prices", "columns": {},
     "delimiter": "auto", "decimal": "auto", "date_format": "auto"},
    {"path": "quotes.csv", "role": "deals",
     "columns": {"deal_id": "quote_id", "amount": "negotiated_total",
                 "original_amount": "original_total"},
     "delimiter": "auto", "decimal": "auto", "date_format": "auto"},
    {"path": "quote_history.csv", "role": "deal_events",
     "columns": {"deal_id": "quote_id", "timestamp": "created_at"},
     "delimiter": "auto", "decimal": "auto", "date_format": "auto"}
  ],
  "settings": {
    "as_of": null, "from": null, "to": null, "catalog": null, "sales_rep": null,
    "excluded_statuses": ["canceled", "cancelled", "closed", "fraud", "unavailable"],
    "won_statuses": ["ordered", "won", "closed won"],
    "lost_statuses": ["declined", "expired", "closed", "lost", "closed lost"],
    "stage_order": ["created", "draft_by_admin", "processing_by_admin", "submitted_by_admin",
                    "processing_by_customer", "submitted_by_customer"],
    "elasticity_period": "week",
    "status_thresholds": [1.0, 1.5, 3.0]
  }
}
)";
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(kWorkspace, sizeof kWorkspace - 1);
  out.close();
  return !out.fail();
}

}  // namespace samplegen
