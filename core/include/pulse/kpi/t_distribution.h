#pragma once

namespace pulse::kpi {

/// P(T <= t) for Student's t with `df` > 0 degrees of freedom, through the regularized
/// incomplete beta function: P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2).
double student_t_cdf(double t, double df);

/// The p-quantile of Student's t with `df` > 0 degrees of freedom (0 < p < 1): the t with
/// student_t_cdf(t, df) = p, to about 1e-12. Used for the elasticity intervals: the
/// two-sided interval at confidence c takes p = (1 + c) / 2.
double student_t_quantile(double p, double df);

}  // namespace pulse::kpi
