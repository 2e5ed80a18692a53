// The (M)BG/CNBD-k family (Platzer & Reutterer 2016; Reutterer, Platzer & Schröder 2020), of
// which BG/NBD (Fader, Hardie & Lee 2005) is the member with k = 1 and no dropout at the first
// order: likelihood, posterior state at as_of, and predictions from that posterior.
//
// Per customer: gaps between orders are Erlang-k with phase rate lambda ~ gamma(r, alpha), so
// each gap is k exponential phases; after each order (after each repeat order for BG) the
// customer drops out for good with probability p ~ beta(a, b).

#include <algorithm>
#include <cmath>
#include <limits>

#include "btyd_internal.h"
#include "pulse/kpi/special_functions.h"
#include "pulse/util/sort_by.h"

namespace pulse::kpi::btyd_internal {
namespace {

constexpr double kNegInfinity = -std::numeric_limits<double>::infinity();

// log(e^u + e^v) without overflow.
double log_add_exp(double u, double v) {
  if (u == kNegInfinity) return v;
  if (v == kNegInfinity) return u;
  const double hi = std::max(u, v);
  return hi + std::log1p(std::exp(-std::abs(u - v)));
}

// Sorted distinct values and, for each input, its index among them.
std::vector<double> distinct(std::vector<double> values) {
  sort_by(values);
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}
std::size_t index_of(const std::vector<double>& sorted, double v) {
  return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), v) -
                                  sorted.begin());
}

}  // namespace

Family family_of(const BtydModel& model) {
  if (model.kind == BtydModelKind::bg_nbd) return {1, false};
  return {std::clamp(model.k, 1, kMaxErlangOrder), true};
}

LikelihoodData::LikelihoodData(const std::vector<CustomerHistory>& compressed) {
  std::vector<double> xs, days;
  for (const CustomerHistory& h : compressed) {
    xs.push_back(h.x);
    days.push_back(h.T);
    days.push_back(h.t_x);
  }
  xs_ = distinct(std::move(xs));
  days_ = distinct(std::move(days));
  for (const CustomerHistory& h : compressed) {
    rows_.push_back(
        {index_of(xs_, h.x), index_of(days_, h.T), index_of(days_, h.t_x), h.T - h.t_x, h.weight});
    x_of_row_.push_back(h.x);
    log_t_x_of_row_.push_back(h.x > 0 ? std::log(h.t_x) : 0.0);
    total_weight_ += h.weight;
    weighted_x_ += h.weight * h.x;
    weighted_T_ += h.weight * h.T;
    if (h.x > 0) {
      repeat_weight_ += h.weight;
      ++repeat_histories_;
    }
  }
}

double LikelihoodData::repeat_rate_per_day() const {
  return weighted_T_ > 0 ? weighted_x_ / weighted_T_ : 0.0;
}

double LikelihoodData::summary_term(int k) const {
  double sum = 0;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const double x = x_of_row_[i];
    if (x <= 0) continue;
    const double kx = k * x;
    sum += rows_[i].weight * ((kx - 1.0) * log_t_x_of_row_[i] - std::lgamma(kx));
  }
  return sum;
}

// For one customer with x repeat orders, last at t_x, observed until T (gap d = T - t_x),
// n = r + k x and b' = b + x (+1 with dropout at the first order):
//   L = B(a, b') / B(a, b) * Gamma(n) / Gamma(r) * alpha^r
//       * [ (alpha + T)^-n * S + [dropout possible] a / (b' - 1) * (alpha + t_x)^-n ]
//   S = sum_{i<k} (n)_i / i! * (d / (alpha + T))^i
// The first term: alive at T, the gap in progress has not finished its k phases (i of them
// done); the second: dropped out right after the last order.
void LikelihoodData::fill_day_terms(double alpha) const {
  log_day_.resize(days_.size());
  inverse_day_.resize(days_.size());
  for (std::size_t d = 0; d < days_.size(); ++d) {
    log_day_[d] = std::log(alpha + days_[d]);
    inverse_day_[d] = 1.0 / (alpha + days_[d]);
  }
}

double LikelihoodData::core_log_likelihood(const Parameters& p, Family family) const {
  const int k = family.k;
  const std::size_t nx = xs_.size();
  base_.resize(nx);
  order_shape_.resize(nx);
  log_dead_.resize(nx);
  phase_coefficients_.resize(nx * static_cast<std::size_t>(k));
  const double log_alpha = std::log(p.alpha), log_a = std::log(p.a);
  const double common =
      std::lgamma(p.a + p.b) - std::lgamma(p.b) - std::lgamma(p.r) + p.r * log_alpha;
  const double first_dropout = family.dropout_at_first ? 1.0 : 0.0;
  for (std::size_t g = 0; g < nx; ++g) {
    const double x = xs_[g];
    const double n = p.r + k * x;
    const double b_post = p.b + x + first_dropout;
    order_shape_[g] = n;
    base_[g] = common + std::lgamma(b_post) - std::lgamma(p.a + b_post) + std::lgamma(n);
    log_dead_[g] =
        (family.dropout_at_first || x > 0) ? log_a - std::log(b_post - 1.0) : kNegInfinity;
    double c = 1.0;
    for (int i = 1; i < k; ++i) {
      c *= (n + i - 1) / i;
      phase_coefficients_[g * k + static_cast<std::size_t>(i)] = c;
    }
  }
  fill_day_terms(p.alpha);
  // This loop is the cost of a fit (thousands of evaluations over every distinct history). The
  // log of each row's S + e^log_dead is summed as the log of their product: S >= 1, so the
  // product only grows; its binary exponent is moved out before it could overflow, and one log
  // at the end replaces a log per row. Rows with another weight, or a factor too large to
  // multiply safely, add their log directly.
  double total = 0;
  double product = 1;  // of the factors of weight 1, times 2^product_exponent
  long product_exponent = 0;
  for (const Row& row : rows_) {
    const std::size_t g = row.x_index;
    const double n = order_shape_[g];
    const double log_T = log_day_[row.T_index];
    double alive = 1;  // S
    if (k > 1 && row.recency_gap > 0) {
      const double u = row.recency_gap * inverse_day_[row.T_index];
      const double* c = &phase_coefficients_[g * k];
      double s = 0;
      for (int i = k - 1; i >= 1; --i) s = (s + c[i]) * u;  // Horner, without the constant 1
      alive += s;
    }
    total += row.weight * (base_[g] - n * log_T);
    const double log_dead = log_dead_[g] + n * (log_T - log_day_[row.t_x_index]);
    if (log_dead < 600) {
      const double factor = alive + std::exp(log_dead);
      if (row.weight == 1.0 && factor < 0x1p100) {
        product *= factor;
        if (product > 0x1p900) {
          int e = 0;
          product = std::frexp(product, &e);
          product_exponent += e;
        }
      } else {
        total += row.weight * std::log(factor);
      }
    } else {  // factored the other way round: e^log_dead would overflow
      total += row.weight * (log_dead + std::log1p(alive * std::exp(-log_dead)));
    }
  }
  return total + std::log(product) + static_cast<double>(product_exponent) * std::log(2.0);
}

// The derivatives of the same sum, per history (weight w, n, b', S, D = e^log_dead):
//   d ln L = d base - ln(alpha + T) dn - n d ln(alpha + T) + (dS + D d log_dead) / (S + D)
// with base = ln Gamma(a + b) - ln Gamma(b) - ln Gamma(r) + r ln alpha + ln Gamma(b')
// - ln Gamma(a + b') + ln Gamma(n), and dn = dr. One exp per history, as in the value, and no
// log; the digammas are per distinct x. Checked against central differences of the value in
// tests/kpi/btyd_test.cpp for both families and k = 1..4.
std::array<double, 4> LikelihoodData::core_log_likelihood_gradient(const Parameters& p,
                                                                   Family family) const {
  const int k = family.k;
  const std::size_t nx = xs_.size();
  const double first_dropout = family.dropout_at_first ? 1.0 : 0.0;
  const double psi_ab = digamma(p.a + p.b);
  const double common_r = -digamma(p.r) + std::log(p.alpha);
  const double common_b = psi_ab - digamma(p.b);
  // Per distinct x: d base / d r, / d a, / d b; log_dead's constant; S's coefficients in u and
  // their derivatives in n ((n)_i / i! and its n-derivative (n)_i / i! * sum_j 1 / (n + j)).
  std::vector<double> base_r(nx), base_a(nx), base_b(nx), dead_b(nx), log_dead(nx);
  std::vector<double> coefficient(nx * static_cast<std::size_t>(k), 0.0);
  std::vector<double> coefficient_n(nx * static_cast<std::size_t>(k), 0.0);
  for (std::size_t g = 0; g < nx; ++g) {
    const double x = xs_[g];
    const double n = p.r + k * x;
    const double b_post = p.b + x + first_dropout;
    const double psi_post = digamma(b_post), psi_a_post = digamma(p.a + b_post);
    base_r[g] = common_r + digamma(n);
    base_a[g] = psi_ab - psi_a_post;
    base_b[g] = common_b + psi_post - psi_a_post;
    const bool can_drop = family.dropout_at_first || x > 0;
    log_dead[g] = can_drop ? std::log(p.a) - std::log(b_post - 1.0) : kNegInfinity;
    dead_b[g] = can_drop ? -1.0 / (b_post - 1.0) : 0.0;
    double c = 1.0, harmonic = 0.0;
    for (int i = 1; i < k; ++i) {
      harmonic += 1.0 / (n + i - 1);
      c *= (n + i - 1) / i;
      coefficient[g * k + static_cast<std::size_t>(i)] = c;
      coefficient_n[g * k + static_cast<std::size_t>(i)] = c * harmonic;
    }
  }
  fill_day_terms(p.alpha);
  const std::vector<double>& log_day = log_day_;
  const std::vector<double>& inverse_day = inverse_day_;
  double g_r = 0, g_alpha = 0, g_a = 0, g_b = 0;
  const double dead_a = 1.0 / p.a;
  for (const Row& row : rows_) {
    const std::size_t g = row.x_index;
    const double n = p.r + k * xs_[g];
    const double log_T = log_day[row.T_index], inverse_T = inverse_day[row.T_index];
    const double log_tx = log_day[row.t_x_index], inverse_tx = inverse_day[row.t_x_index];
    double alive = 1, alive_n = 0, alive_alpha = 0;  // S, dS/dn, dS/dalpha
    if (k > 1 && row.recency_gap > 0) {
      const double u = row.recency_gap * inverse_T;
      double power = 1, s_u = 0;
      for (int i = 1; i < k; ++i) {
        power *= u;
        const std::size_t at = g * k + static_cast<std::size_t>(i);
        alive += coefficient[at] * power;
        alive_n += coefficient_n[at] * power;
        s_u += i * coefficient[at] * power;  // u dS/du
      }
      alive_alpha = -inverse_T * s_u;  // du/dalpha = -u / (alpha + T)
    }
    const double w = row.weight;
    g_r += w * (base_r[g] - log_T);
    g_alpha += w * (p.r / p.alpha - n * inverse_T);
    g_a += w * base_a[g];
    g_b += w * base_b[g];
    // (dS + D d log_dead) / (S + D), as alive_share * dS + dead_share * d log_dead.
    double alive_share = 1.0 / alive, dead_share = 0.0;
    const double ld = log_dead[g] + n * (log_T - log_tx);
    if (log_dead[g] != kNegInfinity) {
      if (ld < 600) {
        const double dead = std::exp(ld);
        const double inverse = 1.0 / (alive + dead);
        alive_share = inverse;
        dead_share = dead * inverse;
      } else {  // e^ld would overflow: divide through by it
        const double e = std::exp(-ld);
        const double inverse = 1.0 / (alive * e + 1.0);
        alive_share = e * inverse;
        dead_share = inverse;
      }
    }
    g_r += w * (alive_share * alive_n + dead_share * (log_T - log_tx));
    g_alpha += w * (alive_share * alive_alpha + dead_share * n * (inverse_T - inverse_tx));
    g_a += w * dead_share * dead_a;
    g_b += w * dead_share * dead_b[g];
  }
  // The search moves ln r, ln alpha, ln a, ln b: d/d ln v = v d/dv.
  return {g_r * p.r, g_alpha * p.alpha, g_a * p.a, g_b * p.b};
}

Posterior posterior(const BtydModel& model, const CustomerHistory& h) {
  const Family family = family_of(model);
  const int k = family.k;
  Posterior post;
  post.k = k;
  const double n = model.r + k * h.x;
  const double b_post = model.b + h.x + (family.dropout_at_first ? 1.0 : 0.0);
  post.shape = n;
  post.rate = model.alpha + h.T;
  post.dropout_a = model.a;
  post.dropout_b = b_post;
  // log of the alive terms (n)_i / i! u^i, u = (T - t_x) / (alpha + T)
  post.phase_weight.assign(static_cast<std::size_t>(k), 0.0);
  const double gap = std::max(0.0, h.T - h.t_x);
  const double log_u = gap > 0 ? std::log(gap / post.rate) : kNegInfinity;
  std::vector<double> log_term(static_cast<std::size_t>(k), kNegInfinity);
  log_term[0] = 0;
  double log_coefficient = 0;
  for (int i = 1; i < k && gap > 0; ++i) {
    log_coefficient += std::log((n + i - 1) / i);
    log_term[static_cast<std::size_t>(i)] = log_coefficient + i * log_u;
  }
  double log_alive = kNegInfinity;
  for (double t : log_term) log_alive = log_add_exp(log_alive, t);
  for (int i = 0; i < k; ++i)
    post.phase_weight[static_cast<std::size_t>(i)] =
        std::exp(log_term[static_cast<std::size_t>(i)] - log_alive);
  if (family.dropout_at_first || h.x > 0) {
    const double log_dead = std::log(model.a / (b_post - 1.0)) +
                            n * (std::log(model.alpha + h.T) - std::log(model.alpha + h.t_x));
    post.p_alive = 1.0 / (1.0 + std::exp(log_dead - log_alive));
  }
  return post;
}

namespace {

// Negative binomial pmf of the Erlang phases completed in the horizon by a customer whose phase
// rate is gamma(shape, rate): P(j) = (shape)_j / j! q^shape (1 - q)^j, q = rate / (rate + t).
double log_phase_count_pmf(double shape, double log_q, double log_1mq, double j) {
  return std::lgamma(shape + j) - std::lgamma(shape) - std::lgamma(j + 1.0) + shape * log_q +
         j * log_1mq;
}

}  // namespace

double p_no_order_if_alive(const Posterior& post, double horizon) {
  if (!(horizon > 0)) return 1.0;
  const double log_q = std::log(post.rate / (post.rate + horizon));
  const double log_1mq = std::log(horizon / (post.rate + horizon));
  double none = 0;
  for (int i = 0; i < post.k; ++i) {
    const double w = post.phase_weight[static_cast<std::size_t>(i)];
    if (w == 0) continue;
    // With i phases done, the next order needs k - i more: none if fewer are completed.
    const double shape = post.shape + i;
    double p = 0;
    for (int j = 0; j < post.k - i; ++j)
      p += std::exp(log_phase_count_pmf(shape, log_q, log_1mq, j));
    none += w * std::min(1.0, p);
  }
  return none;
}

// With i phases done at T and j phases completed in the horizon, the orders placed are
// M = 0 when j < k - i, else 1 + (j - (k - i)) / k (integer division); the customer survives
// each order but the last with probability 1 - p, so the orders counted are
// sum_{m<M} E[(1 - p)^m] = sum_{m<M} prod_{l<m} (b' + l) / (a + b' + l) under the posterior beta.
double expected_orders_if_alive(const Posterior& post, double horizon) {
  if (!(horizon > 0)) return 0.0;
  const double q = post.rate / (post.rate + horizon);
  const double log_q = std::log(q), log_1mq = std::log(horizon / (post.rate + horizon));
  const double one_minus_q = horizon / (post.rate + horizon);
  constexpr double kNegligible = 1e-17;
  constexpr long kMaxSteps = 4000000;  // phases; beyond, the sum is cut (documented)
  double expected = 0;
  for (int i = 0; i < post.k; ++i) {
    const double w = post.phase_weight[static_cast<std::size_t>(i)];
    if (w == 0) continue;
    const double shape = post.shape + i;
    const long first_order_at = post.k - i;
    // Start at the mode, walk down to where the pmf is negligible, then sum upwards.
    const double mode_real = shape > 1 ? std::floor((shape - 1.0) * one_minus_q / q) : 0.0;
    long j = static_cast<long>(std::min(mode_real, static_cast<double>(kMaxSteps)));
    const double pmf_mode =
        std::exp(log_phase_count_pmf(shape, log_q, log_1mq, static_cast<double>(j)));
    double pmf = pmf_mode;
    while (j > 0) {
      const double below =
          pmf * static_cast<double>(j) / ((shape + static_cast<double>(j) - 1.0) * one_minus_q);
      if (below < kNegligible * pmf_mode) break;
      pmf = below;
      --j;
    }
    // Orders placed after j phases, and the cumulative survival sum up to them.
    auto orders_after = [&](long phases) {
      return phases < first_order_at ? 0L : 1L + (phases - first_order_at) / post.k;
    };
    long orders = 0;
    double survival = 1.0;  // E[(1 - p)^orders]
    double counted = 0;     // sum_{m < orders} E[(1 - p)^m]
    auto advance_to = [&](long target) {
      while (orders < target) {
        counted += survival;
        survival *= (post.dropout_b + orders) / (post.dropout_a + post.dropout_b + orders);
        ++orders;
      }
    };
    double sum = 0;
    const long mode = static_cast<long>(mode_real);
    for (long steps = 0; steps < kMaxSteps; ++steps, ++j) {
      advance_to(orders_after(j));
      sum += pmf * counted;
      if (j > mode && pmf < kNegligible * pmf_mode) break;
      pmf *= (shape + static_cast<double>(j)) / static_cast<double>(j + 1) * one_minus_q;
    }
    expected += w * sum;
  }
  return expected;
}

}  // namespace pulse::kpi::btyd_internal
