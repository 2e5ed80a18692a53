#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "pulse/model/string_pool.h"

namespace pulse::kpi {

/// One catalog x SKU as the assortment rule sees it. The input lists each catalog's SKUs
/// contiguously, by revenue descending within the catalog.
struct AssortmentItem {
  std::uint32_t catalog = 0;
  StrId sku = kNoStr;
  double revenue = 0;
  double units = 0;
  std::optional<double> revenue_share;  // of the catalog's revenue
  std::optional<double> margin;
  char abc = 'C';
};

/// A SKU that sells well in most other catalogs but is absent or weak in this one.
struct AssortmentGap {
  StrId sku = kNoStr;
  std::size_t example_item = 0;     // an item of the SKU elsewhere (for its name)
  std::optional<std::size_t> item;  // this catalog's item; null when absent
  const char* reason = "absent";    // "absent" or "bottom_half"
  std::size_t top_in = 0;           // other catalogs where it is in the top 20%
  std::size_t other_catalogs = 0;
  std::optional<double> revenue_share_here;
  std::optional<double> revenue_rank_here;  // share of this catalog's SKUs selling more
  double median_share_where_top = 0;        // its revenue share in those top catalogs
};

/// A SKU that neither sells nor earns here and is top nowhere else.
struct DropCandidate {
  std::size_t item = 0;
  const char* reason = "low_revenue_units_margin";  // or "low_revenue_units" without cost
  double units_rank = 0;                            // share of this catalog's SKUs with fewer units
  std::optional<double> margin_rank;  // share with a smaller margin (null without cost)
  std::size_t sold_in = 0;            // catalogs that carry the SKU, this one included
};

struct CatalogAssortment {
  std::uint32_t catalog = 0;
  std::vector<AssortmentGap> gaps;             // the first `limit`, strongest first
  std::vector<DropCandidate> drop_candidates;  // the first `limit`, smallest revenue first
  std::size_t gaps_total = 0;
  std::size_t drop_candidates_total = 0;
};

constexpr std::size_t kAssortmentLimit = 20;

/// The assortment matrix (docs/kpi.md "Product catalogs"), one entry per catalog present in
/// `items`, in the order the catalogs first appear. Linear in the items apart from sorts
/// within a catalog and a pass of the few widely-top SKUs over the catalogs.
std::vector<CatalogAssortment> assortment_matrix(const std::vector<AssortmentItem>& items,
                                                 const StringPool& strings,
                                                 std::size_t limit = kAssortmentLimit);

}  // namespace pulse::kpi
