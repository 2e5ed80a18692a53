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

}  // namespace pulse::kpi
