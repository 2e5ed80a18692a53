#include "pulse/model/text_column.h"

#include <catch2/catch.hpp>
#include <cstdint>
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

TEST_CASE("TextColumn: append through an id map equals pushing each mapped id", "[model][text]") {
  // A range's column (its own pool's ids 1..n) appended to the file's, in the four storage
  // cases: both narrow (codes mapped), the result overflowing 65,535 codes (pushed one by one,
  // widening), the file's column wide, the range's wide.
  const auto range_of = [](StrId distinct, std::size_t rows, unsigned seed) {
    std::vector<StrId> ids;
    std::mt19937 random(seed);
    std::uniform_int_distribution<StrId> pick(0, distinct);
    for (std::size_t i = 0; i < rows; ++i) ids.push_back(pick(random));  // 0: missing
    return ids;
  };
  const auto map_of = [](StrId distinct, StrId offset) {
    std::vector<StrId> ids(distinct + 1, kNoStr);
    for (StrId id = 1; id <= distinct; ++id) ids[id] = offset + 3 * id;
    return ids;
  };
  struct Case {
    StrId file_distinct;
    std::size_t file_rows;
    StrId range_distinct, offset;  // offset 100: the mapped ids overlap the file's
    bool file_narrow, range_narrow, narrow_after;
  };
  for (const Case c : {Case{300, 80000, 200, 100, true, true, true},
                       Case{60000, 200000, 9000, 100000, true, true, false},
                       Case{70000, 300000, 200, 100, false, true, false},
                       Case{300, 80000, 70000, 100, true, false, false}}) {
    INFO("file " << c.file_distinct << " texts, range " << c.range_distinct);
    const std::vector<StrId> file_ids = range_of(c.file_distinct, c.file_rows, 1);
    const std::vector<StrId> range_ids =
        range_of(c.range_distinct, c.range_distinct > 65535 ? 300000 : 90000, 2);
    const std::vector<StrId> ids = map_of(c.range_distinct, c.offset);
    TextColumn file = of(file_ids);
    const TextColumn range = of(range_ids);
    REQUIRE(file.narrow() == c.file_narrow);
    REQUIRE(range.narrow() == c.range_narrow);
    std::vector<StrId> expected = file_ids;
    for (const StrId id : range_ids) expected.push_back(ids[id]);
    file.append(range, ids);
    CHECK(file.values() == expected);
    CHECK(file.narrow() == c.narrow_after);
    file.push_back(ids[1]);  // the lookup state is consistent after the append
    CHECK(file[file.size() - 1] == ids[1]);
  }
}

TEST_CASE("TextColumn: a push with a code hint equals a plain push whatever the hint",
          "[model][text]") {
  // Hints right, wrong (another text's code, out of range, stale after a clear) and past the
  // widening: the values must be the pushed ids every time, and a hint learns the right code.
  std::vector<StrId> ids;
  for (StrId i = 1; i <= 80000; ++i) ids.push_back((i % 9 == 0) ? 42 : i * 3);
  std::mt19937 random(5);
  std::uniform_int_distribution<int> noise(0, 70000);
  TextColumn column;
  std::uint16_t learnt = 0;
  bool cleared = false;
  for (std::size_t r = 0; r < ids.size(); ++r) {
    std::uint16_t hint = (r % 4 == 0) ? learnt : static_cast<std::uint16_t>(noise(random));
    column.push_back(ids[r], hint);
    if (ids[r] == 42) learnt = hint;
    if (r == 100 && !cleared) {
      cleared = true;
      column.clear();
      ids.erase(ids.begin(), ids.begin() + 101);
      r = static_cast<std::size_t>(-1);  // start again after the clear, with stale hints
      learnt = 7;
    }
  }
  CHECK_FALSE(column.narrow());
  CHECK(column.values() == ids);

  // The hint learns the code: 9 is the second distinct id (code 0 is the missing value).
  TextColumn small;
  std::uint16_t hint = 0;
  small.push_back(5);
  small.push_back(9, hint);
  CHECK(hint == 2);
  small.push_back(9, hint);
  CHECK(hint == 2);
  CHECK(small.values() == std::vector<StrId>{5, 9, 9});
}
