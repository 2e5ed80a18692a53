#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pulse/kpi/assortment.h"
#include "pulse/kpi/discount_levels.h"
#include "pulse/kpi/elasticity.h"
#include "pulse/kpi/facts.h"
#include "pulse/kpi/non_products.h"
#include "pulse/kpi/product_points.h"
#include "pulse/kpi/scope.h"

namespace pulse::kpi {

struct CatalogRow {
  std::uint32_t catalog = 0;  // index into Facts::catalogs
  double revenue = 0;
  std::int64_t orders = 0;
  std::int64_t customers = 0;
  double units = 0;
  std::optional<double> aov;
  std::int64_t skus = 0;
  std::optional<double> revenue_share;
  std::optional<double> margin;
  std::optional<double> margin_pct;
};

struct ProductRow {
  std::uint32_t product = 0;  // index into Facts::products
  double units = 0;
  double revenue = 0;
  std::int64_t orders = 0;
  std::int64_t customers = 0;
  std::optional<double> avg_price;  // revenue of positive lines / positive quantity
  std::optional<double> revenue_share;
  std::optional<double> margin;
  std::optional<double> margin_pct;
  char abc = 'C';
  std::optional<Elasticity> elasticity;
  // Positive lines only, for the discount projection.
  double positive_units = 0;
  double positive_revenue = 0;
  std::optional<double> positive_unit_cost;
};

/// An `elastic` SKU with a known positive margin, with what a cut of settings.discount_cut
/// would do if its pooled elasticity holds (point and interval ends).
struct DiscountCandidate {
  std::size_t product_row = 0;  // index into CatalogReport::products
  CutEffectRange effect;
};

struct CatalogReport {
  std::vector<CatalogRow> catalogs;  // by revenue
  // Every line's margin in the period, all catalogs and non-product lines together: the same
  // lines as the customers' summary, so the same figure, here for a view that asks for the
  // catalogs alone.
  std::optional<double> margin_pct;
  std::vector<ProductRow> products;                    // by catalog, then revenue
  std::vector<DiscountCandidate> discount_candidates;  // by revenue
  std::vector<DiscountLevel> discount_levels;  // per catalog (and group), by catalog revenue
  std::string discount_levels_note;            // why a level is missing, when one is
  std::vector<CatalogAssortment> assortment;   // items are indices into `products`
  // Lines that are not products (Settings::non_product_skus): left out of the rows above but
  // for the catalogs' own totals; their revenue in the period, and what the data suggests.
  std::vector<std::string> non_product_skus;  // as configured
  double non_product_revenue = 0;
  std::vector<NonProductSuggestion> non_product_suggestions;
};

/// The product catalogs dashboard over the lines in the period. `all_points`: the facts' price
/// points built once (product_points.h), reused when no rep or customer filter is set.
/// `suggestions`: suggest_non_products(facts, strings) made once (they read every line, not the
/// filtered ones), else made here.
CatalogReport catalog_report(const Facts& facts, const Scope& scope,
                             const config::Settings& settings, const StringPool& strings,
                             const ProductPoints* all_points = nullptr,
                             const std::vector<NonProductSuggestion>* suggestions = nullptr);

}  // namespace pulse::kpi
