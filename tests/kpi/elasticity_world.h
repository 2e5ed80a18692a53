#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace pulse::test {

/// What a simulated catalog x SKU really does (the truth the estimates are judged by).
enum class DemandTruth {
  ignores_price,   // elasticity 0: price-list noise and promotion weeks, demand unmoved
  elastic_2,       // elasticity -2
  inelastic_half,  // elasticity -0.5
  seasonal_price,  // elasticity 0, but its price follows the season that moves all demand
};

struct ElasticityWorld {
  std::string csv;  // order lines:
                    // order_id,order_date,customer_id,sku,quantity,unit_price,unit_cost,catalog
  struct Sku {
    DemandTruth truth;
    bool margin_positive;  // cost known and 0.5-0.8 x base price (false: sold at a loss or no cost)
  };
  std::map<std::pair<std::string, std::string>, Sku> skus;  // (catalog, sku) -> truth
};

/// Two years (104 ISO weeks from 2024-01-01) of weekly sales in `catalogs` catalogs with
/// `per_truth` SKUs of each DemandTruth, fixed `seed`; see the .cpp for the recipe.
ElasticityWorld make_elasticity_world(int catalogs = 3, int per_truth = 40,
                                      std::uint64_t seed = 20240101);

const char* truth_name(DemandTruth t);

}  // namespace pulse::test
