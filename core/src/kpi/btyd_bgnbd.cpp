// BG/NBD's conditional expected number of orders in closed form (Fader, Hardie & Lee 2005,
// eq. 10), with the Gauss hypergeometric function.

#include <cmath>

#include "btyd_internal.h"
#include "pulse/kpi/special_functions.h"

namespace pulse::kpi::btyd_internal {

// E[Y(t) | x, t_x, T] = P(alive) (a + b + x - 1) / (a - 1)
//                       * [1 - ((alpha + T) / (alpha + T + t))^(r + x)
//                              2F1(r + x, b + x; a + b + x - 1; t / (alpha + T + t))].
// Euler's transformation 2F1(A, B; C; z) = (1 - z)^(C - A - B) 2F1(C - A, C - B; C; z) turns
// the bracket into 1 - (1 - z)^(a - 1) 2F1(a + b - 1 - r, a - 1; a + b + x - 1; z): the
// parameters no longer grow with x, so the series neither overflows for frequent buyers nor
// needs the factor (1 - z)^(r + x) to cancel a huge sum.
double bg_nbd_expected_orders_closed_form(const BtydModel& model, const CustomerHistory& h,
                                          double horizon, double p_alive) {
  const double r = model.r, alpha = model.alpha, a = model.a, b = model.b;
  const double c = a + b + h.x - 1.0;
  // a = 1 is a removable singularity (0 / 0) and c near 0 a pole of the series: the caller
  // then sums over the posterior instead.
  if (std::abs(a - 1.0) < 1e-3 || c < 0.1) return -1.0;
  const double z = horizon / (alpha + h.T + horizon);
  const double f = hypergeometric_2f1(a + b - 1.0 - r, a - 1.0, c, z);
  const double bracket = 1.0 - std::exp((a - 1.0) * std::log1p(-z)) * f;
  const double value = p_alive * c / (a - 1.0) * bracket;
  return std::isfinite(value) && value >= 0 ? value : -1.0;
}

}  // namespace pulse::kpi::btyd_internal
