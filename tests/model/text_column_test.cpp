#include "pulse/model/text_column.h"

#include <catch2/catch.hpp>
#include <random>
#include <vector>

using pulse::kNoStr;
using pulse::StrId;
using pulse::TextColumn;

namespace {

TextColumn of(const std::vector<StrId>& ids) {
  TextColumn column;
  for (const StrId id : ids) column.push_back(id);
  return column;
}

}  // namespace

TEST_CASE("TextColumn: few distinct texts are 2-byte codes, read back as the pool's ids",
          "[model][text]") {
  // Ids spread far apart, as one pool's ids of one column are.
  std::vector<StrId> ids;
  std::mt19937 random(3);
  std::uniform_int_distribution<StrId> pick(0, 49);
  for (int i = 0; i < 10000; ++i) {
    const StrId k = pick(random);
    ids.push_back(k == 0 ? kNoStr : 1000003 * k % 4000000000u);
  }
  const TextColumn column = of(ids);
  CHECK(column.narrow());
  CHECK(column.distinct() <= 50);
  CHECK(column.capacity_bytes() < ids.size() * sizeof(StrId));
  CHECK(column.values() == ids);
}

TEST_CASE("TextColumn: the 65,535th distinct text widens it to ids, the values unchanged",
          "[model][text]") {
  std::vector<StrId> ids;
  for (StrId i = 1; i <= 70000; ++i) {
    ids.push_back(i * 7);
    if (i % 3 == 0) ids.push_back(kNoStr);
    if (i % 5 == 0) ids.push_back(7);  // an early one again
  }
  TextColumn column;
  bool widened_at_limit = false;
  for (const StrId id : ids) {
    const bool was_narrow = column.narrow();
    const std::size_t distinct = column.distinct();
    column.push_back(id);
    if (was_narrow && !column.narrow()) widened_at_limit = distinct == 65535;
  }
  CHECK_FALSE(column.narrow());
  CHECK(widened_at_limit);
  CHECK(column.values() == ids);
}

TEST_CASE("TextColumn: pop_back, clear and remap keep the values right", "[model][text]") {
  TextColumn column = of({5, 9, kNoStr, 5});
  column.pop_back();
  CHECK(column.values() == std::vector<StrId>{5, 9, kNoStr});
  // A range's pool merged into the file's: id i becomes 100 - i (distinct stays distinct).
  std::vector<StrId> map(10);
  for (StrId i = 1; i < 10; ++i) map[i] = 100 - i;
  map[kNoStr] = kNoStr;
  column.remap(map);
  CHECK(column.values() == std::vector<StrId>{95, 91, kNoStr});
  column.push_back(95);  // found again under its new id, not added twice
  column.push_back(3);
  CHECK(column.distinct() == 4);
  CHECK(column.values() == std::vector<StrId>{95, 91, kNoStr, 95, 3});
  column.clear();
  CHECK(column.empty());
  CHECK(column.narrow());
  column.push_back(8);
  CHECK(column.values() == std::vector<StrId>{8});
}

TEST_CASE("TextColumn: remap of a wide column maps every row", "[model][text]") {
  std::vector<StrId> ids;
  for (StrId i = 1; i <= 66000; ++i) ids.push_back(i);
  TextColumn column = of(ids);
  REQUIRE_FALSE(column.narrow());
  std::vector<StrId> map(66001);
  for (StrId i = 0; i <= 66000; ++i) map[i] = i == 0 ? 0 : 2 * i;
  column.remap(map);
  CHECK(column[0] == 2);
  CHECK(column[65999] == 132000);
}
