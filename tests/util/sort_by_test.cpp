// pulse::sort_by / stable_sort_by (core/include/pulse/util/sort_by.h): the order std::sort /
// std::stable_sort give, from one instantiation of the sort for the whole engine.
#include "pulse/util/sort_by.h"

#include <catch2/catch.hpp>

#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Row {
  int key = 0;       // many ties
  std::string name;  // tells the rows apart
};

std::vector<Row> random_rows(std::size_t n, unsigned seed) {
  std::mt19937 random(seed);
  std::vector<Row> rows(n);
  for (std::size_t i = 0; i < n; ++i)
    rows[i] = {static_cast<int>(random() % 7), "row " + std::to_string(i)};
  return rows;
}

std::vector<std::string> names(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const Row& r : rows) out.push_back(r.name);
  return out;
}

}  // namespace

TEST_CASE("sort_by: the order of std::sort, for a total order and with ties", "[sort_by]") {
  for (const std::size_t n : {0u, 1u, 2u, 5u, 17u, 31u, 100u, 1000u, 5000u}) {
    const std::vector<Row> rows = random_rows(n, static_cast<unsigned>(n) + 1);
    // Total order (ties broken by name): one possible result, whatever the algorithm.
    const auto total = [](const Row& a, const Row& b) {
      return a.key != b.key ? a.key > b.key : a.name < b.name;
    };
    std::vector<Row> expected = rows, got = rows;
    std::sort(expected.begin(), expected.end(), total);
    pulse::sort_by(got, total);
    CHECK(names(got) == names(expected));
    CHECK(std::is_sorted(got.begin(), got.end(), total));
#if defined(__GLIBCXX__)
    // Ties left to the algorithm: libstdc++'s introsort does not depend on the element type, so
    // sorting the positions moves the rows exactly as sorting them would (the native goldens).
    const auto by_key = [](const Row& a, const Row& b) { return a.key < b.key; };
    expected = rows;
    got = rows;
    std::sort(expected.begin(), expected.end(), by_key);
    pulse::sort_by(got, by_key);
    CHECK(names(got) == names(expected));
#endif
  }
}

TEST_CASE("sort_by without a comparator: operator<'s order, as std::sort gives it", "[sort_by]") {
  std::mt19937 random(5);
  for (const std::size_t n : {0u, 1u, 2u, 6u, 40u, 3000u}) {
    // Pairs with many equal ones (the cohorts' months, the cycle table, the scores).
    std::vector<std::pair<int, double>> items(n);
    for (auto& [a, b] : items)
      a = static_cast<int>(random() % 5), b = static_cast<double>(random() % 3) / 4;
    std::vector<std::pair<int, double>> expected = items;
    std::sort(expected.begin(), expected.end());
    pulse::sort_by(items);
    CHECK(items == expected);
  }
}

TEST_CASE("stable_sort_by: the order of std::stable_sort (ties in their first order)",
          "[sort_by]") {
  for (const std::size_t n : {0u, 1u, 3u, 200u, 3000u}) {
    const std::vector<Row> rows = random_rows(n, 99u + static_cast<unsigned>(n));
    const auto by_key = [](const Row& a, const Row& b) { return a.key < b.key; };
    std::vector<Row> expected = rows, got = rows;
    std::stable_sort(expected.begin(), expected.end(), by_key);
    pulse::stable_sort_by(got, by_key);
    CHECK(names(got) == names(expected));
  }
  // Fixed figures, so that a sort that merely agrees with the library's cannot pass by accident.
  std::vector<Row> small = {{2, "a"}, {1, "b"}, {2, "c"}, {0, "d"}, {1, "e"}};
  pulse::stable_sort_by(small, [](const Row& a, const Row& b) { return a.key < b.key; });
  CHECK(names(small) == std::vector<std::string>{"d", "b", "e", "a", "c"});
}

TEST_CASE("sort_by moves the elements: a move-only type is sorted and none is lost", "[sort_by]") {
  std::vector<std::unique_ptr<int>> values;
  for (const int v : {5, 3, 9, 1, 7}) values.push_back(std::make_unique<int>(v));
  pulse::sort_by(values, [](const auto& a, const auto& b) { return *a < *b; });
  std::vector<int> got;
  for (const auto& v : values) got.push_back(*v);
  CHECK(got == std::vector<int>{1, 3, 5, 7, 9});
}
