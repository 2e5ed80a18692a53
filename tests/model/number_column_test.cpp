#include "pulse/model/number_column.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using pulse::NumberColumn;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// The column reads back exactly what was pushed, bit for bit (NaN as NaN).
void require_reads(const NumberColumn& column, const std::vector<double>& values) {
  REQUIRE(column.size() == values.size());
  std::size_t i = 0;
  for (const double v : column) {
    if (std::isnan(values[i]))
      REQUIRE(std::isnan(v));
    else
      REQUIRE(std::signbit(v) == std::signbit(values[i]));
    if (!std::isnan(values[i])) REQUIRE(v == values[i]);
    ++i;
  }
}

NumberColumn of(const std::vector<double>& values) {
  NumberColumn column;
  for (const double v : values) column.push_back(v);
  return column;
}

}  // namespace

TEST_CASE("NumberColumn: whole numbers stay 32-bit integers, missing ones too",
          "[model][numbers]") {
  const std::vector<double> values{1, -3, 0, kNaN, 2147483647.0, -2147483647.0, 12};
  const NumberColumn column = of(values);
  CHECK(column.narrow());
  CHECK(column.capacity_bytes() < values.size() * sizeof(double));
  require_reads(column, values);
}

TEST_CASE("NumberColumn: the first value that is not a whole int32 widens it for good",
          "[model][numbers]") {
  // Each of these needs a double: a fraction, the edges past int32, INT32_MIN (the missing
  // mark), negative zero (its sign), infinities.
  for (const double odd :
       {2.5, 2147483648.0, -2147483648.0, -0.0, 1e300, std::numeric_limits<double>::infinity()}) {
    std::vector<double> values{4, kNaN, -7};
    values.push_back(odd);
    values.push_back(9);
    const NumberColumn column = of(values);
    CHECK_FALSE(column.narrow());
    require_reads(column, values);
  }
}

TEST_CASE("NumberColumn: set, resize, pop_back and clear keep the values right",
          "[model][numbers]") {
  NumberColumn column = of({1, 2, 3});
  column.set(1, 20);
  CHECK(column.narrow());
  column.resize(5);
  require_reads(column, {1, 20, 3, kNaN, kNaN});
  column.set(4, 0.25);  // a fraction set in place widens
  CHECK_FALSE(column.narrow());
  require_reads(column, {1, 20, 3, kNaN, 0.25});
  column.pop_back();
  require_reads(column, {1, 20, 3, kNaN});
  column.clear();
  CHECK(column.narrow());
  CHECK(column.empty());
  column.push_back(5);
  require_reads(column, {5});
}

TEST_CASE("NumberColumn: appending gives the values of one column pushed in order",
          "[model][numbers]") {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> pick(0, 9);
  for (int trial = 0; trial < 200; ++trial) {
    // Two parts, each whole or not, at random: append must match pushing all of them.
    std::vector<double> first, second;
    for (int i = 0; i < 20; ++i) {
      const int p = pick(random);
      const double v = p == 0 ? kNaN : p == 1 && trial % 3 == 0 ? 0.5 * i : i - 10;
      (i < 10 ? first : second).push_back(v);
    }
    NumberColumn a = of(first);
    a.append(of(second));
    std::vector<double> all = first;
    all.insert(all.end(), second.begin(), second.end());
    const NumberColumn whole = of(all);
    CHECK(a.narrow() == whole.narrow());
    require_reads(a, all);
  }
}
