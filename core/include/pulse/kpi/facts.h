#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "pulse/config/settings.h"
#include "pulse/model/dataset.h"
#include "pulse/model/index_column.h"
#include "pulse/model/message.h"
#include "pulse/model/number_column.h"

namespace pulse::kpi {

constexpr std::int32_t kNone = -1;

/// Orders and their lines after the joins and the status exclusion of SPEC §2/§3, grouped so
/// that every dashboard is one pass: customers own contiguous runs of orders, orders own
/// contiguous runs of lines. Built once per dataset and exclusion list; filters and period
/// are applied by the dashboards.
struct Facts {
  // Orders, grouped by customer (orders without a customer last).
  std::vector<StrId> order_id;
  std::vector<Day> order_day;
  std::vector<std::int32_t> order_customer;     // dense customer index or kNone
  std::vector<std::uint32_t> order_rep;         // index into reps
  std::vector<std::uint32_t> order_line_begin;  // lines of order o: [begin[o], begin[o + 1])

  // Lines, grouped by order. A line's SKU and catalog are its product's (sku_of, catalog_of):
  // not kept per line, 8 bytes a line saved.
  IndexColumn line_product;  // index into products (catalog x SKU): 2 bytes a line below 65,536
  // NaN when units are unknown (orders without lines); 4 bytes a line while whole numbers.
  NumberColumn line_quantity;
  std::vector<double> line_revenue;
  // NaN when unknown; empty when no loaded table has a unit cost (has_cost false), 8 bytes a
  // line saved: read it with cost_of().
  std::vector<double> line_cost;

  // Customers: orders of customer c are [customer_order_begin[c], customer_order_begin[c + 1]).
  std::vector<StrId> customer_id;
  std::vector<StrId> customer_name;
  std::vector<StrId> customer_catalog;  // the customers file's, else the latest order's
  std::vector<StrId> customer_rep;
  std::vector<std::uint32_t> customer_order_begin;

  std::vector<StrId> catalogs;  // catalog names ("All" when nothing says)
  std::vector<StrId> reps;      // rep ids ("Unassigned" when nothing says)
  struct Product {
    std::uint32_t catalog;
    StrId sku;
    StrId name;
    StrId category = kNoStr;  // the latest category seen on its lines (the discount groups)
  };
  std::vector<Product> products;

  bool has_lines = false;  // line items were loaded (not only order headers)
  bool has_cost = false;   // unit_cost is mapped
  Day first_day = kNoDay;  // over every loaded order date, excluded or not
  Day last_day = kNoDay;
  std::vector<Message> warnings;  // joins that left data out: pulse.warning.* codes, said plainly

  double cost_of(std::size_t line) const {
    return line_cost.empty() ? std::numeric_limits<double>::quiet_NaN() : line_cost[line];
  }
  StrId sku_of(std::size_t line) const { return products[line_product[line]].sku; }
  std::uint32_t catalog_of(std::size_t line) const {  // index into catalogs
    return products[line_product[line]].catalog;
  }
  std::size_t line_count() const { return line_product.size(); }
  std::size_t order_count() const { return order_id.size(); }
  std::size_t customer_count() const { return customer_id.size(); }
  std::size_t orders_without_customer_begin() const { return customer_order_begin.back(); }
};

/// Joins order lines, orders and customers (SPEC §2): a line takes date, customer, status,
/// catalog and rep from its order when it has none; catalog falls back to the customer's,
/// then "All"; rep to the customer's, then "Unassigned". Orders whose status is excluded
/// are dropped. Without order lines, each order becomes one line worth its order_total.
/// Each line is written once, at its place (grouped by customer, then order, file order within
/// an order): no copy of the lines is made (docs/performance.md "Lines placed as read").
Facts build_facts(const Dataset& dataset, const config::Settings& settings, StringPool& strings);

/// A customer without a rep or catalog of their own takes the rep of their latest order and the
/// catalog of that order's first line (raw files and summary tables fill them the same way).
/// Needs customer_order_begin, order_line_begin, the orders' days and reps, the lines' catalogs.
void fill_customer_rep_and_catalog_from_latest_order(Facts& facts);

}  // namespace pulse::kpi
