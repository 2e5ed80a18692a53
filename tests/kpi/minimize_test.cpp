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

using pulse::kpi::minimize_quasi_newton;
using pulse::kpi::QuasiNewtonOptions;

namespace {

using Point = std::vector<double>;

double rosenbrock(const Point& p) {
  const double u = 1 - p[0], v = p[1] - p[0] * p[0];
  return u * u + 100 * v * v;
}
void rosenbrock_slope(const Point& p, Point& g) {
  const double u = 1 - p[0], v = p[1] - p[0] * p[0];
  g[0] = -2 * u - 400 * p[0] * v;
  g[1] = 200 * v;
}

// The shape of the return models' likelihood where two parameters trade off: steep across
// the ridge p0 + p1 = 1, nearly flat along it (condition number 1e4). Minimum 0 at (2, -1, 1, -2).
double ridge(const Point& p) {
  const double across = p[0] + p[1] - 1, along = p[0] - p[1] - 3;
  return 100 * across * across + 0.01 * along * along + (p[2] - 1) * (p[2] - 1) +
         (p[3] + 2) * (p[3] + 2);
}
void ridge_slope(const Point& p, Point& g) {
  const double across = p[0] + p[1] - 1, along = p[0] - p[1] - 3;
  g[0] = 200 * across + 0.02 * along;
  g[1] = 200 * across - 0.02 * along;
  g[2] = 2 * (p[2] - 1);
  g[3] = 2 * (p[3] + 2);
}

}  // namespace

TEST_CASE("Quasi-Newton finds Rosenbrock's minimum at (1, 1)", "[kpi]") {
  int calls = 0, slopes = 0;
  auto f = [&](const Point& p) {
    ++calls;
    return rosenbrock(p);
  };
  auto g = [&](const Point& p, Point& out) {
    ++slopes;
    rosenbrock_slope(p, out);
  };
  QuasiNewtonOptions options;
  options.gradient_tolerance = 1e-8;
  const auto result = minimize_quasi_newton(f, g, {-1.2, 1.0}, options);
  CHECK(result.converged);
  CHECK(result.point[0] == Approx(1.0).margin(1e-7));
  CHECK(result.point[1] == Approx(1.0).margin(1e-7));
  CHECK(result.value < 1e-14);
  CHECK(result.evaluations == calls);
  CHECK(result.gradients == slopes);
}

TEST_CASE("Quasi-Newton settles along a flat ridge in far fewer calls than the simplex", "[kpi]") {
  int calls = 0;
  auto f = [&](const Point& p) {
    ++calls;
    return ridge(p);
  };
  const Point start = {0.3, 0.2, 0.5, -1.5};
  const auto quasi_newton = minimize_quasi_newton(f, ridge_slope, start);
  const int quasi_newton_calls = calls;
  calls = 0;
  const auto simplex = minimize_nelder_mead(f, start);
  CHECK(quasi_newton.converged);
  const Point m = {2, -1, 1, -2};
  for (std::size_t i = 0; i < m.size(); ++i)
    CHECK(quasi_newton.point[i] == Approx(m[i]).margin(1e-6));
  CHECK(quasi_newton.value <= simplex.value + 1e-12);
  // Each step is one gradient and, mostly, one value: a few dozen calls against hundreds.
  CHECK(quasi_newton_calls * 10 < calls);
}

TEST_CASE("Quasi-Newton finds the minimum of a tilted 4-D quadratic exactly", "[kpi]") {
  // f(p) = (p - m)' A (p - m) + 3 with A positive definite and coupled coordinates.
  const Point m = {0.5, -2.0, 3.0, 1.5};
  auto quadratic = [&](const Point& p) {
    const double d0 = p[0] - m[0], d1 = p[1] - m[1], d2 = p[2] - m[2], d3 = p[3] - m[3];
    return 4 * d0 * d0 + 2 * d1 * d1 + d2 * d2 + 0.5 * d3 * d3 + 1.5 * d0 * d1 - 0.5 * d2 * d3 + 3;
  };
  auto slope = [&](const Point& p, Point& g) {
    const double d0 = p[0] - m[0], d1 = p[1] - m[1], d2 = p[2] - m[2], d3 = p[3] - m[3];
    g[0] = 8 * d0 + 1.5 * d1;
    g[1] = 4 * d1 + 1.5 * d0;
    g[2] = 2 * d2 - 0.5 * d3;
    g[3] = d3 - 0.5 * d2;
  };
  const auto result = minimize_quasi_newton(quadratic, slope, {0, 0, 0, 0});
  CHECK(result.converged);
  for (std::size_t i = 0; i < m.size(); ++i) CHECK(result.point[i] == Approx(m[i]).margin(1e-7));
  CHECK(result.value == Approx(3.0).margin(1e-12));
  // BFGS with exact line searches ends a 4-D quadratic in 4 steps; backtracking takes a few more.
  CHECK(result.gradients < 30);
}

TEST_CASE("Quasi-Newton stops at a wall without claiming convergence", "[kpi]") {
  // Minimum of (p - 2)^2 subject to p < 1 (NaN beyond): the gradient never vanishes inside.
  auto walled = [](const Point& p) { return p[0] < 1 ? (p[0] - 2) * (p[0] - 2) : std::nan(""); };
  auto slope = [](const Point& p, Point& g) { g[0] = 2 * (p[0] - 2); };
  const auto result = minimize_quasi_newton(walled, slope, {-3.0});
  CHECK_FALSE(result.converged);
  CHECK(result.point[0] < 1.0);
  CHECK(result.point[0] == Approx(1.0).margin(1e-3));
  CHECK(std::isfinite(result.value));
}

TEST_CASE("Quasi-Newton respects its budget and a non-finite start", "[kpi]") {
  QuasiNewtonOptions tight;
  tight.max_evaluations = 10;
  int calls = 0;
  auto f = [&](const Point& p) {
    ++calls;
    return rosenbrock(p);
  };
  const auto cut = minimize_quasi_newton(f, rosenbrock_slope, {-1.2, 1.0}, tight);
  CHECK_FALSE(cut.converged);
  CHECK(calls <= 10 + 40);  // checked before each step: one line search (40 halvings) over
  CHECK(cut.evaluations == calls);

  int slopes = 0;
  auto nowhere = [](const Point&) { return std::nan(""); };
  auto counted = [&](const Point&, Point&) { ++slopes; };
  const auto none = minimize_quasi_newton(nowhere, counted, {0.0, 0.0});
  CHECK_FALSE(none.converged);
  CHECK(none.evaluations == 1);
  CHECK(slopes == 0);
}
