#pragma once

namespace pulse::kpi {

/// Gauss hypergeometric function 2F1(a, b; c; z) for real arguments and z <= 1:
/// - a or b a non-positive integer: the series ends, summed as it stands (any z);
/// - 0 <= z <= 0.9: the defining series sum (a)_n (b)_n / ((c)_n n!) z^n;
/// - 0.9 < z < 1: the connection formula to 1 - z (Abramowitz & Stegun 1964, 15.3.6); when
///   c - a - b is within 1e-3 of an integer (where that formula divides zero by zero), the
///   series up to z = 0.999, beyond it a cubic interpolation in c from four points around the
///   integer (relative error ~1e-8);
/// - z < 0: Pfaff's transformation (A&S 15.3.4) to z / (z - 1), which lies in (0, 1);
/// - z = 1: Gauss's sum when c - a - b > 0, else +infinity.
/// NaN for z > 1 (not real there) and for c a non-positive integer that does not end the
/// series. Relative accuracy about 1e-10 or better in the tested range, 1e-8 in the corner above.
double hypergeometric_2f1(double a, double b, double c, double z);

/// The digamma function psi(x) = d/dx ln Gamma(x), for x > 0: the recurrence
/// psi(x) = psi(x + 1) - 1/x up to x >= 10, then the asymptotic series in 1/x^2 (Abramowitz &
/// Stegun 1964, 6.3.5 and 6.3.18). Relative accuracy about 1e-13; NaN for x <= 0 or NaN.
double digamma(double x);

}  // namespace pulse::kpi
