#include <catch2/catch.hpp>

#include "pulse/kpi/t_distribution.h"

using pulse::kpi::student_t_cdf;
using pulse::kpi::student_t_quantile;

TEST_CASE("Student t quantiles match the published tables", "[kpi]") {
  struct Case {
    double p, df, t;
  };
  // R: qt(p, df), to 6 decimals.
  const Case cases[] = {
      {0.95, 1, 6.313752},  {0.95, 4, 2.131847},   {0.95, 10, 1.812461},  {0.975, 5, 2.570582},
      {0.995, 3, 5.840909}, {0.95, 103, 1.659782}, {0.95, 1e6, 1.644855}, {0.9, 2, 1.885618},
      {0.05, 4, -2.131847}, {0.5, 7, 0.0},
  };
  for (const Case& c : cases) {
    INFO("p " << c.p << " df " << c.df);
    CHECK(student_t_quantile(c.p, c.df) == Approx(c.t).margin(2e-6));
  }
}

TEST_CASE("Student t CDF: symmetry, closed forms", "[kpi]") {
  CHECK(student_t_cdf(0, 3) == Approx(0.5));
  // df = 1 is Cauchy: 1/2 + atan(t)/pi.
  for (double t : {-3.0, -0.5, 0.7, 2.0, 40.0})
    CHECK(student_t_cdf(t, 1) ==
          Approx(0.5 + std::atan(t) / 3.14159265358979323846).epsilon(1e-10));
  // df = 2: 1/2 + t / (2 sqrt(2 + t^2)).
  for (double t : {-2.0, 0.3, 5.0})
    CHECK(student_t_cdf(t, 2) == Approx(0.5 + t / (2 * std::sqrt(2 + t * t))).epsilon(1e-10));
  CHECK(student_t_cdf(1.3, 9) + student_t_cdf(-1.3, 9) == Approx(1.0).epsilon(1e-12));
}
