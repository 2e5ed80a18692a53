#include "pulse/summary/summary_schema.h"

#include <stdexcept>

namespace pulse::summary {

using F = Field;

const std::vector<SummaryTable>& summary_tables() {
  static const std::vector<SummaryTable> tables = {
      {"pulse_orders",
       Role::summary_orders,
       "one row per order id seen in an orders or order-lines file, counted or not",
       {{"order_id", F::order_id, "the order"},
        {"order_date", F::order_date, "its date (the header's, else its lines')"},
        {"quote_id", F::quote_id, "the quote it came from, when a file says (links deals)"},
        {"customer_id", F::customer_id, "the customer account, empty when none"},
        {"sales_rep", F::sales_rep, "the order's rep, else its customer's, else Unassigned"},
        {"counted", F::counted,
         "1: the order counts; 0: excluded by status or without date, kept for the period's "
         "extent and the deals' links"}}},
      {"pulse_order_items",
       Role::summary_items,
       "one row per line of a counted order (child items of bundles left out), in the order "
       "of the raw lines",
       {{"order_id", F::order_id, "the order (a counted row of pulse_orders)"},
        {"catalog", F::catalog,
         "the line's catalog name (its own, the order's, the customer's, All)"},
        {"sku", F::sku, "the SKU, empty for an order header without lines"},
        {"quantity", F::quantity, "units; empty when unknown (an order header)"},
        {"revenue", F::line_total, "line_total (else quantity x unit_price) minus discount"},
        {"cost", F::line_cost, "quantity x unit_cost; empty when unit_cost is unknown"},
        {"lines", F::line_count, "1 for an order line; 0 for an order header without lines"}}},
      {"pulse_customers",
       Role::summary_customers,
       "one row per customer account with a counted order",
       {{"customer_id", F::customer_id, "the customer account"},
        {"customer_name", F::customer_name, "the customers file's name, else the latest order's"},
        {"customer_catalog", F::catalog,
         "the customers file's catalog, else the latest order's first line's"},
        {"customer_rep", F::sales_rep, "the customers file's rep, else the latest order's"}}},
      {"pulse_products",
       Role::summary_products,
       "one row per catalog x SKU with a counted line",
       {{"product_catalog", F::catalog, "the catalog"},
        {"sku", F::sku, "the SKU"},
        {"product_name", F::product_name, "the latest name seen for the SKU"},
        {"category", F::category, "the latest category seen for the SKU"}}},
  };
  return tables;
}

const SummaryTable& summary_table(Role role) {
  for (const SummaryTable& t : summary_tables())
    if (t.role == role) return t;
  throw std::logic_error("not a summary role");
}

bool is_summary_role(Role role) {
  return role == Role::summary_orders || role == Role::summary_items ||
         role == Role::summary_customers || role == Role::summary_products;
}

}  // namespace pulse::summary
