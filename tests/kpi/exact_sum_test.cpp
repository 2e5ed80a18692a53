// ExactSum (kpi/exact_sum.h): the same terms in any order give the same bits, which a plain
// double sum does not; the sum stays within rounding of the true one; what it cannot hold
// exactly (huge terms, NaN) is still added.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "pulse/kpi/exact_sum.h"

using pulse::kpi::ExactSum;

namespace {

double plain_sum(const std::vector<double>& terms) {
  double s = 0;
  for (double t : terms) s += t;
  return s;
}

double exact_sum(const std::vector<double>& terms) {
  ExactSum s;
  for (double t : terms) s += t;
  return s;
}

}  // namespace

TEST_CASE("ExactSum: any order of the same terms gives the same bits", "[kpi][exact_sum]") {
  // Money as order lines carry it, returns included.
  std::vector<double> terms = {0.1, 0.2, 0.3, 1258.06, -17.85, 2.55, 3.39, 1e6, -1e6, 0.01, 99.99};
  std::sort(terms.begin(), terms.end());
  const double reference = exact_sum(terms);
  bool plain_differs = false;
  do {
    CHECK(exact_sum(terms) == reference);  // bit for bit
    plain_differs = plain_differs || plain_sum(terms) != plain_sum({terms.rbegin(), terms.rend()});
  } while (std::next_permutation(terms.begin(), terms.begin() + 6));
  // Not a vacuous test: the plain sum of these terms does depend on their order.
  CHECK(plain_differs);
  CHECK(reference == Approx(1258.06 - 17.85 + 2.55 + 3.39 + 0.6 + 0.01 + 99.99).epsilon(1e-14));
}

TEST_CASE("ExactSum: partial sums added together equal the sum of every term", "[kpi][exact_sum]") {
  ExactSum whole, first, second;
  const std::vector<double> terms = {12.5, -3.25, 0.1, 7e-3, 4096.5, 8191.75, 5000.0, -0.3};
  for (std::size_t i = 0; i < terms.size(); ++i) {
    whole += terms[i];
    (i % 2 ? first : second) += terms[i];
  }
  second += first;
  CHECK(second.value() == whole.value());
  CHECK(whole.value() == Approx(17297.307).epsilon(1e-15));
}

TEST_CASE("ExactSum: huge terms, infinities and NaN are added, not lost", "[kpi][exact_sum]") {
  ExactSum big;
  big += 1e18;  // beyond the fixed-point range: added as a double beside it
  big += 0.5;
  CHECK(big.value() == 1e18);
  ExactSum negative;
  negative -= 2.5;
  negative += 1.25;
  CHECK(negative.value() == -1.25);
  ExactSum nan;
  nan += 1.0;
  nan += std::nan("");
  CHECK(std::isnan(nan.value()));
  ExactSum empty;
  CHECK(empty.value() == 0.0);
}
