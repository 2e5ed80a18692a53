#include "pulse/model/number_column.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
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

TEST_CASE("NumberColumn: the first value that is not a short decimal in int32 widens it for good",
          "[model][numbers]") {
  // Each of these needs a double: a fraction of no few places, the edges past int32, INT32_MIN
  // (the missing mark), negative zero (its sign), infinities.
  for (const double odd : {1.0 / 3.0, 2147483648.0, -2147483648.0, -0.0, 1e300,
                           std::numeric_limits<double>::infinity()}) {
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
  column.set(3, 0.25);  // a short decimal set in place rescales
  CHECK(column.narrow());
  require_reads(column, {1, 20, 3, 0.25, kNaN});
  column.set(3, kNaN);
  column.set(4, 0.123456);  // a fraction of six places set in place widens
  CHECK_FALSE(column.narrow());
  require_reads(column, {1, 20, 3, kNaN, 0.123456});
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

TEST_CASE("NumberColumn: prices of up to four places stay 32-bit, read back bit for bit",
          "[model][numbers]") {
  // A quantity column that meets cents, then tenths of a cent: rescaled twice, never widened.
  const std::vector<double> values{3, 12, kNaN, 2.55, 0.1, 1.25, 0.001, -4.2, 0, 1234.5678};
  const NumberColumn column = of(values);
  CHECK(column.narrow());
  CHECK(column.scale() == 4);
  CHECK(column.capacity_bytes() < values.size() * sizeof(double));
  require_reads(column, values);
  // Each value must equal the double its text reads as (what the loader pushes).
  const NumberColumn parsed = of(
      {std::strtod("2.55", nullptr), std::strtod("19.99", nullptr), std::strtod("0.07", nullptr)});
  CHECK(parsed.scale() == 2);
  CHECK(parsed[0] == std::strtod("2.55", nullptr));
  CHECK(parsed[1] == std::strtod("19.99", nullptr));
  CHECK(parsed[2] == std::strtod("0.07", nullptr));
}

TEST_CASE("NumberColumn: five places, or digits past int32 at the scale, widen",
          "[model][numbers]") {
  for (const double odd : {0.00001, 1.0 / 3.0, 30000000.25, 0.1 + 0.2}) {
    const std::vector<double> values{1.5, kNaN, odd, 2};
    const NumberColumn column = of(values);
    CHECK_FALSE(column.narrow());
    require_reads(column, values);
  }
  // Whole numbers too big for a rescale: a fraction after them widens the column.
  const std::vector<double> big{2000000000.0, 0.5};
  const NumberColumn column = of(big);
  CHECK_FALSE(column.narrow());
  require_reads(column, big);
}

TEST_CASE("NumberColumn: random decimals of any places, pushed, set and appended, read back",
          "[model][numbers]") {
  std::mt19937 random(11);
  std::uniform_int_distribution<int> digits(-99999, 99999);
  std::uniform_int_distribution<int> places(0, 5);
  std::uniform_int_distribution<int> pick(0, 19);
  const double pow10[] = {1, 10, 100, 1000, 10000, 100000};
  for (int trial = 0; trial < 300; ++trial) {
    // Every decimal as its text reads (strtod), so the column sees what a loaded file gives.
    const auto decimal = [&] {
      if (pick(random) == 0) return kNaN;
      const int p = places(random) % (trial % 6 + 1);
      char text[32];
      std::snprintf(text, sizeof text, "%.*f", p, digits(random) / pow10[p]);
      return std::strtod(text, nullptr);
    };
    std::vector<double> first, second;
    for (int i = 0; i < 15; ++i) first.push_back(decimal());
    for (int i = 0; i < 15; ++i) second.push_back(decimal());
    NumberColumn a = of(first);
    a.append(of(second));
    std::vector<double> all = first;
    all.insert(all.end(), second.begin(), second.end());
    require_reads(a, all);
    const NumberColumn whole = of(all);
    require_reads(whole, all);
    CHECK(a.narrow() == whole.narrow());
    // set() over every place, with values of the other part: the same reads as pushing them.
    NumberColumn b = of(second);
    for (std::size_t i = 0; i < first.size(); ++i) b.set(i, first[i]);
    require_reads(b, first);
  }
}

TEST_CASE("NumberColumn: push_decimal leaves the column exactly as push_back of its value",
          "[model][numbers]") {
  // A load pushes the reader's plain decimals by their units and places: each column must
  // match, value for value and in its form (narrow, scale), one given the doubles alone.
  std::mt19937 random(17);
  std::uniform_int_distribution<int> places(0, 6);
  std::uniform_int_distribution<int> size(0, 4);
  const double pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  const std::int64_t magnitudes[] = {99, 99999, 2147483647, 99999999999LL, 999999999999999LL};
  for (int trial = 0; trial < 400; ++trial) {
    NumberColumn by_value, by_units;
    std::vector<double> values;
    const int most_places = trial % 7;  // columns of few places, which stay narrow longest
    for (int i = 0; i < 40; ++i) {
      const int p = places(random) % (most_places + 1);
      const std::int64_t m = magnitudes[size(random) % (trial % 5 + 1)];
      const std::int64_t units = std::uniform_int_distribution<std::int64_t>(-m, m)(random);
      // As the reader makes it: the exact integer over an exact power of ten, rounded once.
      const double value = static_cast<double>(units) / pow10[p];
      by_value.push_back(value);
      by_units.push_decimal(units, p, value);
      values.push_back(value);
      REQUIRE(by_units.narrow() == by_value.narrow());
      REQUIRE(by_units.scale() == by_value.scale());
    }
    require_reads(by_units, values);
  }
  // The edges of int32 at a scale: INT32_MIN is the missing value, never a kept integer.
  for (const std::int64_t units : {std::int64_t{2147483647}, std::int64_t{-2147483647},
                                   std::int64_t{-2147483648}, std::int64_t{214748365}}) {
    NumberColumn by_value, by_units;
    by_value.push_back(0.5);  // scale 1
    by_units.push_back(0.5);
    const double value = static_cast<double>(units);
    by_value.push_back(value);
    by_units.push_decimal(units, 0, value);
    CHECK(by_units.narrow() == by_value.narrow());
    require_reads(by_units, {0.5, value});
  }
}
