#include "pulse/model/day_column.h"

#include <catch2/catch.hpp>
#include <limits>
#include <random>
#include <vector>

using pulse::Day;
using pulse::DayColumn;
using pulse::kNoDay;

namespace {

DayColumn of(const std::vector<Day>& days) {
  DayColumn column;
  for (const Day d : days) column.push_back(d);
  return column;
}

void require_reads(const DayColumn& column, const std::vector<Day>& days) {
  REQUIRE(column.size() == days.size());
  REQUIRE(column.values() == days);
  for (std::size_t i = 0; i < days.size(); ++i) REQUIRE(column[i] == days[i]);
}

// Days since 1970-01-01.
constexpr Day k2024 = 19723;
constexpr Day k1900 = -25567;

}  // namespace

TEST_CASE("DayColumn: dates within 89 years of the first stay 16-bit, missing ones too",
          "[model][days]") {
  const std::vector<Day> days{k2024, k2024 + 1, kNoDay, k2024 - 32767, k2024 + 32767, 0};
  const DayColumn column = of(days);
  CHECK(column.narrow());
  CHECK(column.capacity_bytes() < days.size() * sizeof(Day));
  require_reads(column, days);
}

TEST_CASE("DayColumn: the first date out of reach widens it for good", "[model][days]") {
  for (const Day far : {k2024 - 32768, k2024 + 32768, k1900, std::numeric_limits<Day>::max(),
                        std::numeric_limits<Day>::min() + 1}) {
    const std::vector<Day> days{k2024, kNoDay, far, k2024 + 3};
    const DayColumn column = of(days);
    CHECK_FALSE(column.narrow());
    require_reads(column, days);
  }
  // A missing first date sets no base: the next date does.
  require_reads(of({kNoDay, k1900, k1900 + 30000}), {kNoDay, k1900, k1900 + 30000});
  CHECK(of({kNoDay, k1900, k1900 + 30000}).narrow());
}

TEST_CASE("DayColumn: set, pop_back, clear, append and assign keep the dates right",
          "[model][days]") {
  DayColumn column = of({k2024, k2024 + 40, k2024 + 80});
  column.set(1, k2024 - 10);  // a day and month swapped in place, as the loader does
  CHECK(column.narrow());
  require_reads(column, {k2024, k2024 - 10, k2024 + 80});
  column.set(2, k1900);
  CHECK_FALSE(column.narrow());
  require_reads(column, {k2024, k2024 - 10, k1900});
  column.pop_back();
  require_reads(column, {k2024, k2024 - 10});
  column.clear();
  CHECK(column.narrow());
  column.push_back(k1900);  // a new base after clear
  CHECK(column.narrow());
  require_reads(column, {k1900});

  std::mt19937 random(5);
  std::uniform_int_distribution<Day> near(-20000, 20000);
  std::uniform_int_distribution<int> pick(0, 29);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<Day> first, second;
    const auto day = [&] {
      const int p = pick(random);
      return p == 0 ? kNoDay : p == 1 && trial % 4 == 0 ? k1900 - 40000 : k2024 + near(random);
    };
    for (int i = 0; i < 12; ++i) first.push_back(day());
    for (int i = 0; i < 12; ++i) second.push_back(day());
    DayColumn a = of(first);
    a.append(of(second));
    std::vector<Day> all = first;
    all.insert(all.end(), second.begin(), second.end());
    require_reads(a, all);
    CHECK(a == of(all));
    DayColumn b;
    b.assign(all);
    require_reads(b, all);
  }
}
