// Order documents and the reusable steps that simulate them: ordering rhythm, baskets, order
// statuses, ids and return documents. A future quote simulator can convert quotes into orders
// with the same MakeLine / FillBasket and let AssignOrderIds number them with the rest.
#ifndef B2B_PULSE_SAMPLES_GENERATOR_ORDERS_H_
#define B2B_PULSE_SAMPLES_GENERATOR_ORDERS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "date.h"
#include "rng.h"
#include "world.h"

namespace samplegen {

enum class OrderStatus { kComplete, kProcessing, kCanceled };
const char* StatusName(OrderStatus status);

// Money in integer cents so sums and the CSV are exact.
struct OrderLine {
  int product;
  int64_t quantity;  // negative on return documents
  int64_t unit_price_cents;
  int64_t discount_cents;  // amount off the whole line
  int64_t unit_cost_cents;

  int64_t RevenueCents() const { return quantity * unit_price_cents - discount_cents; }
  int64_t CostCents() const { return quantity * unit_cost_cents; }
};

struct Order {
  std::string id;  // SO-100001 / RT-100001; empty until AssignOrderIds
  Day date = 0;
  int company = -1;
  OrderStatus status = OrderStatus::kComplete;
  bool is_return = false;
  std::string returned_order_id;  // the SO document a return refers to
  std::vector<OrderLine> lines;
};

// Order days of one company following its rhythm, seasonality, weekends, start and churn.
std::vector<Day> SimulateOrderDays(const Company& company, Rng& rng);

// Seasonal order-rate multiplier: busy Sep-Nov, quiet August.
double SeasonFactor(Day day);

// One line of `product` at the company's catalog price with a little variation and sometimes
// a discount. Reserved (experiment) offers must not come through here.
OrderLine MakeLine(const World& world, const Company& company, int product, Rng& rng);

// 2..12 lines from the company's assortment (plus an occasional off-list item).
void FillBasket(const World& world, Order& order, Rng& rng);

// ~3% canceled (never for planted companies), some `processing` in the final two weeks.
void AssignStatuses(const World& world, std::vector<Order>& orders, Rng& rng);

// Makes sure a non-canceled order exists on `day`; adds one for a regular, established
// company if none does.
void EnsureOrderOn(const World& world, Day day, std::vector<Order>& orders, Rng& rng);

// Sorts orders by (date, company, basket) and numbers them SO-100001, SO-100002, ...
void AssignOrderIds(std::vector<Order>& orders, const World& world);

// ~2% of complete orders (not of planted companies) get a return document RT-<number>,
// 3-20 days later, with one or two lines of negative quantity. Appends them and re-sorts
// everything by (date, id).
void AddReturns(const World& world, std::vector<Order>& orders, Rng& rng);

// Stable output order: date, then id.
void SortDocuments(std::vector<Order>& orders);

}  // namespace samplegen

#endif  // B2B_PULSE_SAMPLES_GENERATOR_ORDERS_H_
