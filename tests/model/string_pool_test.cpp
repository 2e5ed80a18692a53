#include <catch2/catch.hpp>

#include <string>

#include "pulse/model/string_pool.h"

using pulse::StringPool;

TEST_CASE("string pool gives one id per distinct text and 0 for empty", "[model]") {
  StringPool pool;
  CHECK(pool.intern("") == pulse::kNoStr);
  const auto a = pool.intern("17850.0");
  const auto b = pool.intern("17850");
  CHECK(a != b);
  CHECK(pool.intern("17850.0") == a);  // ids are exact text, "17850.0" stays itself
  CHECK(pool.view(a) == "17850.0");
  CHECK(pool.find("17850") == b);
  CHECK(pool.find("nope") == pulse::kNoStr);
}

TEST_CASE("string pool keeps views valid while it grows", "[model]") {
  StringPool pool;
  std::vector<pulse::StrId> ids;
  for (int i = 0; i < 100000; ++i) ids.push_back(pool.intern("customer-" + std::to_string(i)));
  const std::string big(200000, 'x');  // larger than one storage block
  const auto big_id = pool.intern(big);
  for (int i = 0; i < 100000; i += 997) {
    CHECK(pool.view(ids[i]) == "customer-" + std::to_string(i));
    CHECK(pool.find("customer-" + std::to_string(i)) == ids[i]);
  }
  CHECK(pool.view(big_id) == big);
  CHECK(pool.size() == 100002);
}
