#include "world.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "names.h"

namespace samplegen {

namespace {

constexpr int kCompanyCount = 150;

// Catalog factors are chosen so that Premium earns ~42% margin and every other catalog stays
// below 30% with product costs at 56-68% of list price (see samples/README.md).
struct CatalogSeed {
  const char* name;
  double factor;
  int companies;
};
constexpr CatalogSeed kCatalogSeeds[] = {
    {"Retail Partners", 0.84, 42},
    {"Wholesale", 0.78, 45},
    {"Distributors", 0.72, 38},
    {"Premium", 1.08, 25},
};

const char* const kSegments[] = {"Enterprise", "Mid-Market", "Small Business", "Public Sector"};
// Segment mix per catalog (same order as kCatalogSeeds, then kSegments).
constexpr double kSegmentMix[4][4] = {
    {0.10, 0.40, 0.45, 0.05},  // Retail Partners: shops and small resellers
    {0.30, 0.45, 0.15, 0.10},  // Wholesale
    {0.55, 0.40, 0.00, 0.05},  // Distributors: large resellers
    {0.10, 0.35, 0.30, 0.25},  // Premium: service-heavy accounts that pay list-plus
};
constexpr double kSegmentScale[4] = {2.0, 1.2, 0.6, 1.0};

// Regions map onto the two teams: North serves the first three, South the rest.
const char* const kRegions[] = {"North", "East", "Benelux", "South", "West", "Austria"};

int64_t ToCents(double eur) {
  return static_cast<int64_t>(std::llround(eur * 100.0));
}

const char* Pick(const char* const* list, Rng& rng) {
  const int64_t n = static_cast<int64_t>(CountOf(list));
  return list[rng.UniformInt(0, n - 1)];
}

// One plausible company name for the region; commas appear in "X, Y & Co" on purpose so the
// CSV has quoted fields.
std::string CompanyName(const std::string& region, Rng& rng) {
  const bool dutch = region == "Benelux";
  const char* const* surnames = dutch ? kDutchSurnames : kGermanSurnames;
  std::string s1 = Pick(surnames, rng);
  std::string s2 = Pick(surnames, rng);
  while (s2 == s1) s2 = Pick(surnames, rng);
  if (dutch) {
    s1[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s1[0])));
    const char* forms[] = {"B.V.", "N.V.", "Groep B.V.", "& Zonen B.V."};
    const double u = rng.Uniform();
    if (u < 0.12) return s1 + ", " + s2 + " & Co";
    if (u < 0.30) return s1 + " & " + s2 + " B.V.";
    return s1 + " " + forms[rng.UniformInt(0, 3)];
  }
  const char* forms[] = {"GmbH", "GmbH", "AG", "KG", "GmbH & Co. KG", "e.K."};
  const char* form =
      region == "Austria" ? (rng.Bernoulli(0.7) ? "GmbH" : "OG") : forms[rng.UniformInt(0, 5)];
  const double u = rng.Uniform();
  if (u < 0.10) return s1 + ", " + s2 + " & Co";
  if (u < 0.25) return s1 + " & " + s2 + " " + form;
  if (u < 0.55) {
    // Separate statements: operands of + are unsequenced, so one expression with two draws
    // would give different names with different compilers.
    const std::string place = Pick(kPlacePrefixes, rng);
    return place + " " + Pick(kTrades, rng) + " " + form;
  }
  if (u < 0.70) return s1 + " " + Pick(kTrades, rng);
  return s1 + " " + form;
}

void BuildAssortment(const World& world, Company& company, Rng& rng) {
  std::vector<double> category_weight(world.categories.size());
  for (double& w : category_weight) w = std::exp(rng.Normal(0.0, 1.0));
  std::vector<double> weight(world.products.size());
  for (size_t p = 0; p < world.products.size(); ++p) {
    const Product& product = world.products[p];
    weight[p] = world.IsReserved(company.catalog, static_cast<int>(p))
                    ? 0.0
                    : category_weight[product.category] * product.popularity;
  }
  const int count = static_cast<int>(rng.UniformInt(18, 40));
  for (int rank = 0; rank < count; ++rank) {
    const size_t p = rng.Weighted(weight);
    weight[p] = 0.0;  // without replacement
    company.assortment.push_back(static_cast<int>(p));
    company.assortment_weights.push_back(1.0 / std::pow(rank + 1.0, 0.7));
  }
}

}  // namespace

Day FirstOrderDay() {
  return DayFromCivil(2024, 11, 1);
}
Day LastOrderDay() {
  return DayFromCivil(2026, 10, 30);
}

int64_t World::CatalogPriceCents(int catalog, int product) const {
  return static_cast<int64_t>(
      std::llround(static_cast<double>(products[product].list_cents) * catalogs[catalog].factor));
}

bool World::IsReserved(int catalog, int product) const {
  return std::find(reserved_offers.begin(), reserved_offers.end(),
                   std::make_pair(catalog, product)) != reserved_offers.end();
}

int World::CatalogIndex(const std::string& name) const {
  for (size_t i = 0; i < catalogs.size(); ++i) {
    if (catalogs[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int World::ProductIndex(const std::string& sku) const {
  for (size_t i = 0; i < products.size(); ++i) {
    if (products[i].sku == sku) return static_cast<int>(i);
  }
  return -1;
}

int World::CompanyIndex(const std::string& id) const {
  for (size_t i = 0; i < companies.size(); ++i) {
    if (companies[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

World BuildWorld(const Rng& root, const std::vector<std::string>& planted_ids) {
  World world;
  Rng rng = root.Derive("world");

  for (size_t i = 0; i < kRepCount; ++i) {
    char id[8];
    std::snprintf(id, sizeof id, "R%02zu", i + 1);
    world.reps.push_back({id, kReps[i].name, kReps[i].manager, kReps[i].team});
  }
  for (const char* category : kCategories) world.categories.push_back(category);
  for (const CatalogSeed& seed : kCatalogSeeds) {
    world.catalogs.push_back({seed.name, seed.factor, seed.companies});
  }

  for (size_t i = 0; i < kProductCount; ++i) {
    char sku[16];
    std::snprintf(sku, sizeof sku, "SKU-%04zu", i + 1);
    Product product;
    product.sku = sku;
    product.name = kProducts[i].name;
    product.category = static_cast<int>(i / kProductsPerCategory);
    product.list_cents = ToCents(kProducts[i].list_price);
    product.cost_cents = ToCents(kProducts[i].list_price * rng.Uniform(0.56, 0.68));
    product.base_quantity = std::max(1.0, 40.0 / std::sqrt(kProducts[i].list_price));
    product.popularity = std::exp(rng.Normal(0.0, 0.6));
    world.products.push_back(product);
  }
  // SKU-0042 in Wholesale is the elasticity experiment (see planted.h).
  world.reserved_offers.push_back(
      {world.CatalogIndex("Wholesale"), world.ProductIndex("SKU-0042")});

  // Exact catalog sizes, shuffled over the company ids.
  std::vector<int> catalog_of;
  for (size_t c = 0; c < world.catalogs.size(); ++c) {
    catalog_of.insert(catalog_of.end(), world.catalogs[c].companies, static_cast<int>(c));
  }
  rng.Shuffle(catalog_of);
  if (catalog_of.size() != kCompanyCount) std::abort();

  std::set<std::string> names;
  // Fixed names: the comma example from the brief and one with embedded quotes.
  struct FixedName {
    const char* id;
    const char* name;
    int segment;  // index into kSegments; -1: drawn like any other
  };
  const FixedName kFixedNames[] = {{"C003", "Berger, Klein & Co", -1},
                                   {"C077", "Hotel \"Am Markt\" GmbH", 2}};
  for (const FixedName& fixed : kFixedNames) names.insert(fixed.name);

  const Day first = FirstOrderDay();
  for (int i = 0; i < kCompanyCount; ++i) {
    Company company;
    char id[8];
    std::snprintf(id, sizeof id, "C%03d", i + 1);
    company.id = id;
    company.planted =
        std::find(planted_ids.begin(), planted_ids.end(), company.id) != planted_ids.end();
    company.catalog = catalog_of[i];

    company.region = kRegions[rng.UniformInt(0, 5)];
    const bool north =
        company.region == "North" || company.region == "East" || company.region == "Benelux";
    company.rep = static_cast<int>(rng.UniformInt(0, 3)) + (north ? 0 : 4);

    std::vector<double> mix(std::begin(kSegmentMix[company.catalog]),
                            std::end(kSegmentMix[company.catalog]));
    size_t segment = rng.Weighted(mix);

    std::string name;
    for (const FixedName& fixed : kFixedNames) {
      if (company.id != fixed.id) continue;
      name = fixed.name;
      if (fixed.segment >= 0) segment = static_cast<size_t>(fixed.segment);
    }
    company.segment = kSegments[segment];
    while (name.empty()) {
      std::string candidate = CompanyName(company.region, rng);
      if (names.insert(candidate).second) name = candidate;
    }
    company.name = name;

    // Most customers predate the data; some are won during the two years.
    const bool newcomer = !company.planted && rng.Bernoulli(0.16);
    company.created_at =
        static_cast<Day>(newcomer ? rng.UniformInt(first, DayFromCivil(2026, 5, 31))
                                  : rng.UniformInt(DayFromCivil(2018, 1, 8), first - 20));
    // Log-uniform 7..60 days between orders: many frequent buyers, a tail of occasional ones.
    company.mean_interval_days =
        company.planted ? 28.0 : std::exp(rng.Uniform(std::log(7.0), std::log(60.0)));
    company.mean_lines = rng.Uniform(4.0, 10.5);
    const double reseller = world.catalogs[company.catalog].name == "Distributors" ? 1.5 : 1.0;
    company.quantity_scale = kSegmentScale[segment] * reseller * std::exp(rng.Normal(0.0, 0.25));
    // A few established customers drift away for good.
    company.churn_day = kNever;
    if (!company.planted && !newcomer && rng.Bernoulli(0.07)) {
      company.churn_day =
          static_cast<Day>(rng.UniformInt(DayFromCivil(2025, 3, 1), DayFromCivil(2026, 8, 31)));
    }
    world.companies.push_back(company);
  }
  for (Company& company : world.companies) {
    Rng assortment_rng = root.Derive("assortment/" + company.id);
    BuildAssortment(world, company, assortment_rng);
  }
  return world;
}

}  // namespace samplegen
