#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "pulse/kpi/minimize.h"

using pulse::kpi::minimize_nelder_mead;
using pulse::kpi::MinimizeOptions;

TEST_CASE("Nelder-Mead finds the minimum of Rosenbrock's banana valley at (1, 1)", "[kpi]") {
  // A curved, narrow valley: the classic trap for simplex searches (Rosenbrock 1960).
  int calls = 0;
  auto rosenbrock = [&](const std::vector<double>& p) {
    ++calls;
    const double u = 1 - p[0], v = p[1] - p[0] * p[0];
    return u * u + 100 * v * v;
  };
  const auto result = minimize_nelder_mead(rosenbrock, {-1.2, 1.0});
  CHECK(result.converged);
  CHECK(result.point[0] == Approx(1.0).margin(1e-4));
  CHECK(result.point[1] == Approx(1.0).margin(1e-4));
  CHECK(result.value < 1e-8);
  CHECK(result.evaluations == calls);
}

TEST_CASE("Nelder-Mead finds the minimum of a tilted 4-D quadratic", "[kpi]") {
  // f(p) = (p - m)' A (p - m) + 3 with A positive definite and coupled coordinates.
  const std::vector<double> m = {0.5, -2.0, 3.0, 1.5};
  auto quadratic = [&](const std::vector<double>& p) {
    const double d0 = p[0] - m[0], d1 = p[1] - m[1], d2 = p[2] - m[2], d3 = p[3] - m[3];
    return 4 * d0 * d0 + 2 * d1 * d1 + d2 * d2 + 0.5 * d3 * d3 + 1.5 * d0 * d1 - 0.5 * d2 * d3 + 3;
  };
  const auto result = minimize_nelder_mead(quadratic, {0, 0, 0, 0});
  CHECK(result.converged);
  for (std::size_t i = 0; i < m.size(); ++i) CHECK(result.point[i] == Approx(m[i]).margin(1e-4));
  CHECK(result.value == Approx(3.0).margin(1e-9));
}

TEST_CASE("Nelder-Mead treats non-finite values as a wall and respects its budget", "[kpi]") {
  // Minimum of (p - 2)^2 subject to p < 1 (NaN beyond): the search must stop at the wall.
  auto walled = [](const std::vector<double>& p) {
    return p[0] < 1 ? (p[0] - 2) * (p[0] - 2) : std::nan("");
  };
  const auto result = minimize_nelder_mead(walled, {-3.0});
  CHECK(result.point[0] < 1.0);
  CHECK(result.point[0] == Approx(1.0).margin(1e-3));

  MinimizeOptions tight;
  tight.max_evaluations = 25;
  int calls = 0;
  auto slow = [&](const std::vector<double>& p) {
    ++calls;
    return std::pow(p[0] - 1, 2) + std::pow(p[1] + 1, 2) + std::pow(p[2], 2);
  };
  const auto cut = minimize_nelder_mead(slow, {10, 10, 10}, tight);
  CHECK_FALSE(cut.converged);
  CHECK(calls <= 25 + 4);  // the budget is checked once per iteration (at most n + 1 extra)
  CHECK(cut.evaluations == calls);
}
