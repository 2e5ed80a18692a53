// Catch2 v3 has no single header: this one stands in for v2's <catch2/catch.hpp> so that the
// tests are written once for both. tests/CMakeLists.txt puts this folder on the include path
// only when it builds against Catch2 v3.
#pragma once
#include <catch2/catch_all.hpp>
#include <string>

// The v2 names the tests use: Approx at global scope, Catch::Contains for a substring.
using Catch::Approx;
namespace Catch {
inline Matchers::StringContainsMatcher Contains(const std::string& text,
                                                CaseSensitive sensitivity = CaseSensitive::Yes) {
  return Matchers::ContainsSubstring(text, sensitivity);
}
}  // namespace Catch
