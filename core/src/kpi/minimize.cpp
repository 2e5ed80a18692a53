#include "pulse/kpi/minimize.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "pulse/util/sort_by.h"

namespace pulse::kpi {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct Vertex {
  std::vector<double> point;
  double value;
};

// Counts calls and maps every non-finite value to +infinity (a fenced-off region).
class CountedObjective {
 public:
  CountedObjective(const std::function<double(const std::vector<double>&)>& f, int budget)
      : f_(f), budget_(budget) {}
  double operator()(const std::vector<double>& x) {
    ++calls_;
    const double v = f_(x);
    return std::isfinite(v) ? v : kInfinity;
  }
  bool exhausted() const { return calls_ >= budget_; }
  int calls() const { return calls_; }

 private:
  const std::function<double(const std::vector<double>&)>& f_;
  int budget_;
  int calls_ = 0;
};

// One Nelder–Mead run from a simplex with edge `step` around `start`. Returns true when both
// tolerances were met (false when the budget ran out first).
bool run_simplex(CountedObjective& f, const std::vector<double>& start, double start_value,
                 double step, const MinimizeOptions& options, Vertex& best) {
  const std::size_t n = start.size();
  // Gao & Han's coefficients for n >= 2; the classic ones in one dimension, where theirs
  // would make the shrink a collapse onto the best point.
  const double dim = static_cast<double>(n);
  const double reflect = 1.0;
  const double expand = n >= 2 ? 1.0 + 2.0 / dim : 2.0;
  const double contract = n >= 2 ? 0.75 - 1.0 / (2.0 * dim) : 0.5;
  const double shrink = n >= 2 ? 1.0 - 1.0 / dim : 0.5;

  std::vector<Vertex> simplex;
  simplex.reserve(n + 1);
  simplex.push_back({start, start_value});
  for (std::size_t i = 0; i < n; ++i) {
    Vertex v{start, 0};
    v.point[i] += step;
    v.value = f(v.point);
    simplex.push_back(std::move(v));
  }

  auto order = [&] {
    sort_by(simplex, [](const Vertex& l, const Vertex& r) { return l.value < r.value; });
  };
  auto affine = [n](const std::vector<double>& from, const std::vector<double>& to, double t) {
    std::vector<double> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = from[i] + t * (to[i] - from[i]);
    return out;
  };

  std::vector<double> centroid(n);
  bool converged = false;
  for (;;) {
    order();
    const Vertex& lowest = simplex.front();
    double value_spread = 0, point_spread = 0;
    for (std::size_t j = 1; j <= n; ++j) {
      value_spread = std::max(value_spread, std::abs(simplex[j].value - lowest.value));
      for (std::size_t i = 0; i < n; ++i)
        point_spread = std::max(point_spread, std::abs(simplex[j].point[i] - lowest.point[i]));
    }
    // Infinite values on every vertex but the best: spread is infinite, keep shrinking.
    if (std::isfinite(lowest.value) && value_spread <= options.value_tolerance &&
        point_spread <= options.point_tolerance) {
      converged = true;
      break;
    }
    if (f.exhausted()) break;

    std::fill(centroid.begin(), centroid.end(), 0.0);
    for (std::size_t j = 0; j < n; ++j)
      for (std::size_t i = 0; i < n; ++i) centroid[i] += simplex[j].point[i] / dim;
    Vertex& worst = simplex[n];
    const double second_worst = simplex[n - 1].value;

    Vertex reflected{affine(centroid, worst.point, -reflect), 0};
    reflected.value = f(reflected.point);
    if (reflected.value < lowest.value) {
      Vertex expanded{affine(centroid, worst.point, -reflect * expand), 0};
      expanded.value = f(expanded.point);
      worst = expanded.value < reflected.value ? std::move(expanded) : std::move(reflected);
      continue;
    }
    if (reflected.value < second_worst) {
      worst = std::move(reflected);
      continue;
    }
    const bool outside = reflected.value < worst.value;
    Vertex contracted{outside ? affine(centroid, reflected.point, contract)
                              : affine(centroid, worst.point, contract),
                      0};
    contracted.value = f(contracted.point);
    if (outside ? contracted.value <= reflected.value : contracted.value < worst.value) {
      worst = std::move(contracted);
      continue;
    }
    for (std::size_t j = 1; j <= n; ++j) {
      simplex[j].point = affine(simplex[0].point, simplex[j].point, shrink);
      simplex[j].value = f(simplex[j].point);
    }
  }
  order();
  best = simplex.front();
  return converged;
}

}  // namespace

MinimizeResult minimize_nelder_mead(
    const std::function<double(const std::vector<double>&)>& objective,
    const std::vector<double>& start, const MinimizeOptions& options) {
  MinimizeResult result;
  result.point = start;
  CountedObjective f(objective, std::max(1, options.max_evaluations));
  result.value = f(start);
  if (start.empty()) {
    result.evaluations = f.calls();
    result.converged = std::isfinite(result.value);
    return result;
  }
  Vertex best{start, result.value};
  bool converged = run_simplex(f, start, result.value, options.initial_step, options, best);
  // Restart around the optimum: accept convergence once a fresh simplex cannot improve it.
  for (int restart = 0; converged && restart < options.restarts && !f.exhausted(); ++restart) {
    Vertex again = best;
    converged = run_simplex(f, best.point, best.value, options.initial_step, options, again);
    const double gain = best.value - again.value;
    if (again.value < best.value) best = std::move(again);
    if (gain <= options.value_tolerance) break;
  }
  result.point = best.point;
  result.value = best.value;
  result.evaluations = f.calls();
  result.converged = converged && std::isfinite(best.value);
  return result;
}

namespace {

double max_norm(const std::vector<double>& v) {
  double m = 0;
  for (double x : v) m = std::max(m, std::abs(x));
  return m;
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

}  // namespace

MinimizeResult minimize_quasi_newton(
    const std::function<double(const std::vector<double>&)>& objective,
    const std::function<void(const std::vector<double>&, std::vector<double>&)>& gradient_of,
    const std::vector<double>& start, const QuasiNewtonOptions& options) {
  const std::size_t n = start.size();
  CountedObjective f(objective, std::max(1, options.max_evaluations));
  int gradients = 0;
  const auto slope_at = [&](const std::vector<double>& x) {
    std::vector<double> g(x.size(), 0.0);
    gradient_of(x, g);
    ++gradients;
    for (double& v : g)
      if (!std::isfinite(v)) v = 0;  // not a direction to move in
    return g;
  };
  MinimizeResult result;
  result.point = start;
  result.value = f(start);
  if (n == 0 || !std::isfinite(result.value)) {
    result.evaluations = f.calls();
    result.converged = n == 0 && std::isfinite(result.value);
    return result;
  }
  std::vector<double> x = start, g = slope_at(x);
  double fx = result.value;
  // The inverse Hessian's estimate, row-major; the identity until the first step scales it.
  std::vector<double> inverse;
  bool first_step = true;
  const auto to_identity = [&] {
    inverse.assign(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i) inverse[i * n + i] = 1.0;
    first_step = true;
  };
  to_identity();
  std::vector<double> direction(n), next(n), s(n), y(n), hy(n);
  while (!f.exhausted()) {
    if (max_norm(g) <= options.gradient_tolerance) {
      result.converged = true;
      break;
    }
    for (std::size_t i = 0; i < n; ++i) {
      direction[i] = 0;
      for (std::size_t j = 0; j < n; ++j) direction[i] -= inverse[i * n + j] * g[j];
    }
    double slope = dot(g, direction);
    if (!(slope < 0)) {  // not a descent direction: forget the curvature learnt so far
      to_identity();
      for (std::size_t i = 0; i < n; ++i) direction[i] = -g[i];
      slope = dot(g, direction);
    }
    const double longest = max_norm(direction);
    double t = longest > options.max_step ? options.max_step / longest : 1.0;
    double f_next = kInfinity;
    bool descended = false;
    for (int halving = 0; halving < 40 && !f.exhausted(); ++halving, t *= 0.5) {
      for (std::size_t i = 0; i < n; ++i) next[i] = x[i] + t * direction[i];
      f_next = f(next);
      if (std::isfinite(f_next) && f_next <= fx + 1e-4 * t * slope) {
        descended = true;
        break;
      }
    }
    if (!descended) break;  // no lower value along a descent direction: the arithmetic's floor
    std::vector<double> g_next = slope_at(next);
    for (std::size_t i = 0; i < n; ++i) {
      s[i] = next[i] - x[i];
      y[i] = g_next[i] - g[i];
    }
    const double sy = dot(s, y);
    // Skip the update when the curvature condition fails (rounding in a nearly flat stretch,
    // or a wall nearby): the estimate stays positive definite.
    if (sy > 1e-12 * std::sqrt(dot(s, s) * dot(y, y))) {
      if (first_step) {  // Nocedal & Wright eq. 6.20: the identity scaled to the curvature seen
        const double scale = sy / dot(y, y);
        for (std::size_t i = 0; i < n; ++i) inverse[i * n + i] = scale;
        first_step = false;
      }
      // H <- (I - rho s y')H(I - rho y s') + rho s s', written out for a symmetric H.
      const double rho = 1.0 / sy;
      for (std::size_t i = 0; i < n; ++i) {
        hy[i] = 0;
        for (std::size_t j = 0; j < n; ++j) hy[i] += inverse[i * n + j] * y[j];
      }
      const double yhy = dot(y, hy);
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
          inverse[i * n + j] += rho * ((1 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j]);
    }
    x = next;
    fx = f_next;
    g = std::move(g_next);
  }
  result.point = x;
  result.value = fx;
  result.evaluations = f.calls();
  result.gradients = gradients;
  return result;
}

}  // namespace pulse::kpi
