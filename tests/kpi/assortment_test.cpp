#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pulse/kpi/assortment.h"

using namespace pulse;
using namespace pulse::kpi;

TEST_CASE("assortment: a SKU top elsewhere but absent or weak here; drop candidates", "[kpi]") {
  StringPool s;
  const StrId hit = s.intern("HIT"), other[] = {s.intern("O1"), s.intern("O2"), s.intern("O3"),
                                                s.intern("O4"), s.intern("O5")};
  // Catalogs 0 and 1: HIT first of 5 selling SKUs (top 20%). Catalog 2: no HIT. Catalog 3:
  // HIT fourth of 5 (3 above: rank 0.6 >= 0.5, bottom half).
  std::vector<AssortmentItem> items;
  auto add = [&](std::uint32_t c, StrId sku, double revenue, double units, double margin) {
    items.push_back({c, sku, revenue, units, revenue / 100, margin, 'A'});
  };
  for (std::uint32_t c : {0u, 1u}) {
    add(c, hit, 50, 10, 20);
    for (int i = 0; i < 4; ++i) add(c, other[i], 40 - 5 * i, 10, 10);
  }
  for (int i = 0; i < 5; ++i) add(2, other[i], 40 - 5 * i, 10 - i, 10 - 2 * i);
  items.back().abc = 'C';  // O5: least revenue, units and margin in catalog 2
  for (int i = 0; i < 3; ++i) add(3, other[i], 40 - 5 * i, 10, 10);
  add(3, hit, 20, 10, 5);
  add(3, other[3], 10, 10, 5);

  const auto m = assortment_matrix(items, s);
  REQUIRE(m.size() == 4);
  // Three other catalogs: needed = 2. HIT is top in 0 and 1.
  REQUIRE(m[2].gaps.size() == 1);
  CHECK(m[2].gaps[0].sku == hit);
  CHECK(std::string(m[2].gaps[0].reason) == "absent");
  CHECK(m[2].gaps[0].top_in == 2);
  CHECK(m[2].gaps[0].median_share_where_top == Approx(0.5));
  REQUIRE(m[3].gaps.size() == 1);
  CHECK(std::string(m[3].gaps[0].reason) == "bottom_half");
  CHECK(*m[3].gaps[0].revenue_rank_here == Approx(0.6));
  // In catalog 0 HIT is top only in one other catalog (1): not a gap anywhere it is top.
  CHECK(m[0].gaps.empty());
  // O5 in catalog 2: class C, units and margin the lowest (rank 0 < 0.25), top nowhere.
  REQUIRE(m[2].drop_candidates.size() == 1);
  CHECK(items[m[2].drop_candidates[0].item].sku == other[4]);
  CHECK(std::string(m[2].drop_candidates[0].reason) == "low_revenue_units_margin");
  CHECK(m[2].drop_candidates[0].sold_in == 1);
}
