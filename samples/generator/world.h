// The static side of the sample world: sales reps, shared catalogs (price lists), products and
// customer companies. Orders, and later quotes, are simulated on top of a World.
#ifndef B2B_PULSE_SAMPLES_GENERATOR_WORLD_H_
#define B2B_PULSE_SAMPLES_GENERATOR_WORLD_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "date.h"
#include "rng.h"

namespace samplegen {

// Order dates span exactly two years; the last day becomes the engine's default as_of.
Day FirstOrderDay();  // 2024-11-01
Day LastOrderDay();   // 2026-10-30

struct SalesRep {
  std::string id;  // R01..R08
  std::string name;
  std::string manager;
  std::string team;  // North or South
};

// A shared catalog: catalog price = list price x factor.
struct Catalog {
  std::string name;
  double factor;
  int companies;  // how many companies are assigned to it
};

struct Product {
  std::string sku;  // SKU-0001..
  std::string name;
  int category;  // index into World::categories
  int64_t list_cents;
  int64_t cost_cents;
  double base_quantity;  // typical units per line for an average customer
  double popularity;     // relative weight when customers pick their assortment
};

struct Company {
  std::string id;  // C001..C150
  std::string name;
  int catalog;
  int rep;
  std::string segment;
  std::string region;
  Day created_at;
  double mean_interval_days;  // ordering rhythm
  double mean_lines;          // typical basket size
  double quantity_scale;      // size of the business
  Day churn_day;              // no orders after this day (kNever if active)
  // Planted steady rhythm (C141..C150): never canceled, never returned, no extra orders.
  bool planted = false;
  std::vector<int> assortment;  // favorite products, most bought first
  std::vector<double> assortment_weights;
};

constexpr Day kNever = INT32_MAX;

struct World {
  std::vector<SalesRep> reps;
  std::vector<std::string> categories;
  std::vector<Catalog> catalogs;
  std::vector<Product> products;
  std::vector<Company> companies;
  // (catalog, product) pairs whose sales only a planted experiment creates: regular baskets
  // and returns leave them alone so the experiment's numbers stay exact.
  std::vector<std::pair<int, int>> reserved_offers;

  int64_t CatalogPriceCents(int catalog, int product) const;
  bool IsReserved(int catalog, int product) const;
  int CatalogIndex(const std::string& name) const;  // -1 when unknown
  int ProductIndex(const std::string& sku) const;
  int CompanyIndex(const std::string& id) const;
};

// Builds reps, catalogs, products and companies from the "world" stream. Companies listed in
// `planted_ids` get a fixed 28-day rhythm, exist before the first order day and never churn.
World BuildWorld(const Rng& root, const std::vector<std::string>& planted_ids);

}  // namespace samplegen

#endif  // B2B_PULSE_SAMPLES_GENERATOR_WORLD_H_
