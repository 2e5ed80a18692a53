// Recomputes, from the finished documents and exactly as SPEC section 3 defines them, the
// figures the planted truths promise. The generator refuses to write samples that break them.
#ifndef B2B_PULSE_SAMPLES_GENERATOR_VERIFY_H_
#define B2B_PULSE_SAMPLES_GENERATOR_VERIFY_H_

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "orders.h"
#include "planted.h"
#include "quotes.h"
#include "world.h"

namespace samplegen {

// SPEC: canceled orders are excluded; a document without a positive line is not an order.
bool CountsAsOrder(const Order& order);

struct Recency {
  int order_days = 0;
  Day first_order = 0;
  Day last_order = 0;
  int days_since_last_order = 0;
  std::optional<double> median_interval_days;
  std::optional<Day> expected_next_order;
  std::optional<double> overdue_ratio;
  std::string status;
};

Recency ComputeRecency(const std::vector<Order>& orders, int company, Day as_of);

struct CatalogMargin {
  std::string catalog;
  int64_t orders = 0;  // with a positive line; one customer, so one catalog, per order
  int64_t revenue_cents = 0;
  int64_t cost_cents = 0;
  double MarginPct() const;
};

std::vector<CatalogMargin> ComputeCatalogMargins(const World& world,
                                                 const std::vector<Order>& orders);

struct ElasticityFit {
  int n = 0;
  double slope = 0.0;
  double std_error = 0.0;
  double r2 = 0.0;
  double min_price = 0.0;
  double max_price = 0.0;
};

// Weekly Q and P of the (catalog, sku) positive lines, OLS of ln Q on ln P.
ElasticityFit FitElasticity(const World& world, const std::vector<Order>& orders,
                            const std::string& catalog, const std::string& sku);

struct Totals {
  int64_t line_rows = 0;
  int64_t document_rows = 0;  // rows of orders.csv
  int64_t sales_orders = 0;   // SO documents, any status
  int64_t canceled = 0;
  int64_t processing = 0;
  int64_t return_documents = 0;
  int64_t return_lines = 0;
  int64_t spec_orders = 0;         // SPEC `orders`: non-canceled with a positive line
  int64_t spec_revenue_cents = 0;  // SPEC `revenue`, net of returns, canceled excluded
  int64_t spec_units = 0;
  Day first_date = 0;
  Day last_date = 0;
};

Totals ComputeTotals(const std::vector<Order>& orders);

// Checks every planted truth and prints the figures (Markdown, for samples/README.md) to
// `report`. Returns false, after naming each violation, if any truth does not hold.
bool VerifyPlantedTruths(const World& world, const ElasticityPlan& plan,
                         const std::vector<Order>& orders, std::FILE* report);

// Checks the planted quote truths (win rates per rep, quotes expiring soon, median cycle,
// average discount) and the consistency of quotes, history and linked orders, computing each
// figure as SPEC section 3 defines it; prints them (Markdown) to `report`.
bool VerifyQuoteTruths(const World& world, const QuotePlan& plan, const std::vector<Order>& orders,
                       const std::vector<Quote>& quotes, std::FILE* report);

}  // namespace samplegen

#endif  // B2B_PULSE_SAMPLES_GENERATOR_VERIFY_H_
