// Planted truths: patterns put into the data on purpose so tests can check the engine's
// figures against known answers (documented with their exact values in samples/README.md).
#ifndef B2B_PULSE_SAMPLES_GENERATOR_PLANTED_H_
#define B2B_PULSE_SAMPLES_GENERATOR_PLANTED_H_

#include <string>
#include <vector>

#include "orders.h"
#include "rng.h"
#include "world.h"

namespace samplegen {

// A company with a steady 28 +/- 2 day rhythm whose last order lies a chosen number of days
// before the last order day (as_of).
struct SteadyPlan {
  const char* company_id;
  int min_days_before;
  int max_days_before;
  const char* expected_status;  // SPEC section 3 status at as_of = LastOrderDay()
};

const std::vector<SteadyPlan>& SteadyPlans();
std::vector<std::string> PlantedCompanyIds();

constexpr int kSteadyInterval = 28;
constexpr int kSteadyJitter = 2;

// Order days every 28 +/- 2 days, ending exactly on `last`, walking back into November 2024.
std::vector<Day> SteadyOrderDays(Day last, Rng& rng);

// All orders (with baskets) of the steady companies.
std::vector<Order> PlantSteadyRhythms(const World& world, const Rng& root);

// The price-elasticity experiment: one reserved (catalog, SKU) offer with a weekly price.
struct ElasticityPlan {
  const char* catalog = "Wholesale";
  const char* sku = "SKU-0042";
  double elasticity = -2.0;
  double base_units = 60.0;  // weekly units at the catalog price
  double min_multiplier = 0.80;
  double max_multiplier = 1.20;
  double noise_sd = 0.08;  // of ln Q
  int max_orders_per_week = 4;
};

// Each ISO week gets a price multiplier m ~ U[0.8, 1.2] and a total quantity
// round(base * m^e * exp(N(0, sd))), spread over that week's non-canceled orders of the
// catalog (an order is added if the week has none). Every such line carries the week's price
// and no discount. Call after AssignStatuses and before AssignOrderIds.
void PlantPriceElasticity(const World& world, const ElasticityPlan& plan,
                          std::vector<Order>& orders, Rng& rng);

}  // namespace samplegen

#endif  // B2B_PULSE_SAMPLES_GENERATOR_PLANTED_H_
