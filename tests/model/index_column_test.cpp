#include "pulse/model/index_column.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

using pulse::IndexColumn;

TEST_CASE("IndexColumn: 2 bytes an index below 65,536, 4 from the first above, same reads",
          "[model][index]") {
  IndexColumn column;
  std::vector<std::uint32_t> expected;
  for (std::uint32_t i = 0; i < 1000; ++i) {
    column.push_back(i * 65);
    expected.push_back(i * 65);
  }
  CHECK(column.narrow());
  CHECK(column.capacity_bytes() < expected.size() * sizeof(std::uint32_t));
  column.resize(1002);  // zeros after
  column.set(1000, 65535);
  expected.push_back(65535);
  expected.push_back(0);
  CHECK(column.narrow());
  column.set(1001, 65536);  // the first index past 2 bytes widens, earlier values kept
  expected[1001] = 65536;
  CHECK_FALSE(column.narrow());
  column.push_back(4000000000u);
  expected.push_back(4000000000u);
  REQUIRE(column.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(column[i] == expected[i]);
}
