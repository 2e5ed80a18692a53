#pragma once

#include <functional>
#include <vector>

namespace pulse::kpi {

/// Settings of the Nelder–Mead search. Tolerances are absolute: scale the objective (e.g. a mean
/// log-likelihood per customer rather than a sum) so that they mean something.
struct MinimizeOptions {
  int max_evaluations = 4000;      // hard bound on objective calls, restarts included
  double value_tolerance = 1e-10;  // stop when every vertex value is within this of the best
  double point_tolerance = 1e-7;   // ... and every vertex within this (max-norm) of the best
  double initial_step = 0.5;       // edge of the first simplex, per coordinate
  int restarts = 2;  // fresh simplices around the optimum; a collapsed simplex can stall short
                     // of a minimum, a restart that finds no better point confirms it
};

struct MinimizeResult {
  std::vector<double> point;  // best point found
  double value = 0;           // objective at `point`
  int evaluations = 0;
  int gradients = 0;       // calls of the gradient (minimize_quasi_newton)
  bool converged = false;  // both tolerances met before max_evaluations
};

/// Minimizes `objective` without derivatives: the Nelder–Mead simplex search (Nelder & Mead
/// 1965, "A simplex method for function minimization", Computer Journal 7(4)) with the
/// dimension-adapted coefficients of Gao & Han (2012, "Implementing the Nelder-Mead simplex
/// algorithm with adaptive parameters", Computational Optimization and Applications 51(1)).
/// A non-finite objective value counts as +infinity, so a caller can fence a region off by
/// returning NaN or infinity there; `start` itself should be finite.
MinimizeResult minimize_nelder_mead(
    const std::function<double(const std::vector<double>&)>& objective,
    const std::vector<double>& start, const MinimizeOptions& options = {});

/// Settings of the quasi-Newton search.
struct QuasiNewtonOptions {
  int max_evaluations = 2000;        // hard bound on objective calls (gradients not counted)
  double gradient_tolerance = 1e-7;  // converged when every gradient component is this small
  double max_step = 1.0;             // longest move per iteration (max-norm): keeps it local
};

/// Minimizes a smooth `objective` from a point near its minimum, given its gradient
/// (`gradient_of(x, g)` fills g, sized like x, at a point where the objective is finite): BFGS
/// (Broyden, Fletcher, Goldfarb, Shanno 1970; Nocedal & Wright, "Numerical Optimization", 2nd
/// ed. 2006, ch. 6, with the initial inverse Hessian scaled by eq. 6.20) with a backtracking
/// (Armijo) line search. Where Nelder–Mead needs hundreds of calls to settle along a flat,
/// curved ridge, this follows the curvature it learns from the gradients. A non-finite value
/// counts as a wall the line search backs off from; a non-finite gradient component as zero.
/// `converged` means the gradient tolerance was met; a search that can no longer descend short
/// of it (a wall, or the floor of the arithmetic) is reported not converged, so that a caller
/// can confirm it another way.
MinimizeResult minimize_quasi_newton(
    const std::function<double(const std::vector<double>&)>& objective,
    const std::function<void(const std::vector<double>&, std::vector<double>&)>& gradient_of,
    const std::vector<double>& start, const QuasiNewtonOptions& options = {});

}  // namespace pulse::kpi
