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

}  // namespace pulse::kpi
