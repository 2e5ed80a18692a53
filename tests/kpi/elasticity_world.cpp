#include "kpi/elasticity_world.h"

#include <cmath>
#include <cstdio>
#include <vector>

#include "pulse/model/day.h"

namespace pulse::test {
namespace {

constexpr int kWeeks = 104;
constexpr double kPi = 3.14159265358979323846;

/// A portable generator (the standard distributions differ between libraries): splitmix64
/// for uniforms, Box-Muller for normals.
struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  double normal() {
    const double u = 1.0 - uniform(), v = uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2 * kPi * v);
  }
  /// Poisson: inversion below 30, the rounded normal approximation above.
  long poisson(double mean) {
    if (mean < 30) {
      const double limit = std::exp(-mean);
      long k = 0;
      double p = uniform();
      while (p > limit) {
        p *= uniform();
        ++k;
      }
      return k;
    }
    const long k = std::lround(mean + std::sqrt(mean) * normal());
    return k < 0 ? 0 : k;
  }
};

}  // namespace

const char* truth_name(DemandTruth t) {
  switch (t) {
    case DemandTruth::ignores_price:
      return "ignores price (0)";
    case DemandTruth::elastic_2:
      return "elastic (-2)";
    case DemandTruth::inelastic_half:
      return "inelastic (-0.5)";
    case DemandTruth::seasonal_price:
      return "seasonal price (0)";
  }
  return "";
}

// The recipe, per catalog x SKU:
// - base price log-uniform 2..200; the price list is revised every 13 weeks to base x
//   U[0.85, 1.15]; each week's realized average price moves by N(0, 3%) (customer mix);
//   4 promotion weeks at random cut it by U[10%, 25%]; two catalog-wide promotion weeks
//   (Black-Friday-like, weeks 47 and 99) cut every SKU by 10%.
// - seasonal_price SKUs also carry the season in their price: x exp(0.10 sin(2 pi w / 52)).
// - demand: mean base_units x exp(0.30 sin(2 pi w / 52)) (the whole catalog's season) x
//   (price / base)^b x exp(N(0, 0.10)) (weekly shocks), base_units log-uniform 40..400;
//   units ~ Poisson(mean). b = 0, -2, -0.5, 0 by truth.
// - unit cost: base x U[0.5, 0.8]; a fifth of the SKUs cost 1.3 x base (sold at a loss);
//   one SKU in ten has no cost.
// - each week's units are one line in one of three orders of the catalog that week.
ElasticityWorld make_elasticity_world(int catalogs, int per_truth, std::uint64_t seed) {
  Rng rng{seed};
  ElasticityWorld world;
  std::string& out = world.csv;
  out = "order_id,order_date,customer_id,sku,quantity,unit_price,unit_cost,catalog\n";
  const DemandTruth truths[] = {DemandTruth::ignores_price, DemandTruth::elastic_2,
                                DemandTruth::inelastic_half, DemandTruth::seasonal_price};
  const Day first = day_from_civil(2024, 1, 1);
  char buf[256];
  for (int c = 0; c < catalogs; ++c) {
    const std::string catalog = "Catalog-" + std::string(1, static_cast<char>('A' + c));
    for (int t = 0; t < 4; ++t) {
      for (int k = 0; k < per_truth; ++k) {
        const DemandTruth truth = truths[t];
        const double b = truth == DemandTruth::elastic_2        ? -2.0
                         : truth == DemandTruth::inelastic_half ? -0.5
                                                                : 0.0;
        std::snprintf(buf, sizeof buf, "SKU-%d%03d", t, k);
        const std::string sku = buf;
        const double base = std::exp(rng.uniform(std::log(2.0), std::log(200.0)));
        const double base_units = std::exp(rng.uniform(std::log(40.0), std::log(400.0)));
        const double cost_draw = rng.uniform();
        const bool loss = cost_draw < 0.2;
        const bool no_cost = rng.uniform() < 0.1;
        const double unit_cost = base * (loss ? 1.3 : rng.uniform(0.5, 0.8));
        std::vector<char> promo(kWeeks, 0);
        for (int p = 0; p < 4; ++p) promo[static_cast<std::size_t>(rng.uniform() * kWeeks)] = 1;
        double list = 1;
        for (int w = 0; w < kWeeks; ++w) {
          if (w % 13 == 0) list = rng.uniform(0.85, 1.15);
          const double season = std::sin(2 * kPi * w / 52.0);
          double m = list * std::exp(0.03 * rng.normal());
          if (promo[w]) m *= 1 - rng.uniform(0.10, 0.25);
          if (w == 47 || w == 99) m *= 0.90;
          if (truth == DemandTruth::seasonal_price) m *= std::exp(0.10 * season);
          const double price = base * m;
          const double mean =
              base_units * std::exp(0.30 * season) * std::pow(m, b) * std::exp(0.10 * rng.normal());
          const long units = rng.poisson(mean);
          const int order = static_cast<int>(rng.uniform() * 3);
          if (units <= 0) continue;
          std::snprintf(buf, sizeof buf, "%s-W%03d-%d,%s,C%d,%s,%ld,%.4f,", catalog.c_str(), w,
                        order, format_day(first + 7 * w).c_str(), order, sku.c_str(), units, price);
          out += buf;
          if (!no_cost) {
            std::snprintf(buf, sizeof buf, "%.4f", unit_cost);
            out += buf;
          }
          out += "," + catalog + "\n";
        }
        world.skus[{catalog, sku}] = {truth, !no_cost && !loss};
      }
    }
  }
  return world;
}

}  // namespace pulse::test
