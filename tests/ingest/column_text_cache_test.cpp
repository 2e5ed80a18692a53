#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pulse/ingest/column_text_cache.h"
#include "pulse/model/string_pool.h"
#include "pulse/model/text_column.h"

using pulse::StrId;
using pulse::StringPool;
using pulse::ingest::ColumnTextCache;

namespace {
// The ids a column's cells get through the cache, and through the pool alone (another pool fed
// the same cells in the same order): they must be the same ids.
void check_same_ids(const std::vector<std::string>& cells) {
  StringPool cached_pool, plain_pool;
  ColumnTextCache cache;
  for (const std::string& cell : cells) {
    const StrId id = cache.intern(cell, cached_pool).id;
    REQUIRE(id == plain_pool.intern(cell));
    REQUIRE(cached_pool.view(id) == cell);
  }
  CHECK(cached_pool.size() == plain_pool.size());
}
}  // namespace

TEST_CASE("a column's text cache gives the pool's ids", "[ingest]") {
  std::vector<std::string> cells;
  // SKUs repeating out of order, a prefix of another (same first bytes, shorter), texts longer
  // than 8 bytes that differ only in their last byte.
  for (int round = 0; round < 5; ++round)
    for (int sku = 0; sku < 3000; ++sku)
      cells.push_back("SKU-" + std::to_string((sku * 7919) % 3000));
  cells.push_back("SKU-1");
  cells.push_back("SKU-10");
  cells.push_back("WHITE HANGING HEART T-LIGHT HOLDER A");
  cells.push_back("WHITE HANGING HEART T-LIGHT HOLDER B");
  cells.push_back("WHITE HANGING HEART T-LIGHT HOLDER A");
  check_same_ids(cells);
}

TEST_CASE("a column's text cache gives up past its size and still gives the pool's ids",
          "[ingest]") {
  std::vector<std::string> cells;
  const int distinct = static_cast<int>(ColumnTextCache::kMaxTexts) + 500;
  for (int i = 0; i < distinct; ++i) cells.push_back("order-" + std::to_string(i));
  for (int i = 0; i < distinct; i += 3) cells.push_back("order-" + std::to_string(i));
  check_same_ids(cells);
}

TEST_CASE("columns sharing a pool share its ids, and a copied cache starts empty", "[ingest]") {
  StringPool pool;
  ColumnTextCache customers, contacts;
  const StrId a = customers.intern("ACME", pool).id;
  CHECK(contacts.intern("ACME", pool).id == a);  // the other column finds the pool's id
  CHECK(pool.size() == 2);                       // the empty text and ACME

  // A copy serves another pool (a parallel load's range): it must not answer with ids of the
  // first one.
  StringPool other;
  other.intern("something else first");
  ColumnTextCache copy = customers;
  const StrId b = copy.intern("ACME", other).id;
  CHECK(b == other.find("ACME"));
  CHECK(b != a);
}

TEST_CASE("a column's text cache remembers the code a text column gave", "[ingest]") {
  StringPool pool;
  ColumnTextCache cache;
  pulse::TextColumn column;
  for (const char* cell : {"A", "B", "A", "C", "B"}) {
    const ColumnTextCache::Found found = cache.intern(cell, pool);
    column.push_back(found.id, found.code);
  }
  CHECK(cache.intern("A", pool).code == 1);  // learnt from the column
  CHECK(cache.intern("C", pool).code == 3);
  CHECK(column.values() == std::vector<StrId>{pool.find("A"), pool.find("B"), pool.find("A"),
                                              pool.find("C"), pool.find("B")});
  CHECK(cache.intern("", pool).id == pulse::kNoStr);
}
