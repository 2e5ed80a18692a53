#include "verify.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

namespace samplegen {

namespace {

constexpr double kStatusThresholds[3] = {1.0, 1.5, 3.0};

std::string StatusOf(const std::optional<double>& ratio) {
  if (!ratio) return "unknown";
  if (*ratio < kStatusThresholds[0]) return "on_track";
  if (*ratio < kStatusThresholds[1]) return "due";
  if (*ratio < kStatusThresholds[2]) return "overdue";
  return "lapsed";
}

std::string Money(int64_t cents) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", cents < 0 ? "-" : "",
                static_cast<long long>(std::llabs(cents) / 100),
                static_cast<long long>(std::llabs(cents) % 100));
  return buf;
}

// Collects violations, so one run names all of them.
class Checker {
 public:
  explicit Checker(std::FILE* out) : out_(out) {}
  void Expect(bool ok, const std::string& what) {
    if (ok) return;
    std::fprintf(out_, "PLANTED TRUTH VIOLATED: %s\n", what.c_str());
    ok_ = false;
  }
  bool ok() const { return ok_; }

 private:
  std::FILE* out_;
  bool ok_ = true;
};

}  // namespace

bool CountsAsOrder(const Order& order) {
  if (order.status == OrderStatus::kCanceled) return false;
  for (const OrderLine& line : order.lines) {
    if (line.quantity > 0) return true;
  }
  return false;
}

Recency ComputeRecency(const std::vector<Order>& orders, int company, Day as_of) {
  std::vector<Day> days;
  for (const Order& order : orders) {
    if (order.company == company && order.date <= as_of && CountsAsOrder(order)) {
      days.push_back(order.date);
    }
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  Recency r;
  r.order_days = static_cast<int>(days.size());
  if (days.empty()) return r;
  r.first_order = days.front();
  r.last_order = days.back();
  r.days_since_last_order = as_of - r.last_order;
  if (days.size() >= 3) {
    std::vector<int> gaps;
    for (size_t i = 1; i < days.size(); ++i) gaps.push_back(days[i] - days[i - 1]);
    std::sort(gaps.begin(), gaps.end());
    const size_t n = gaps.size();
    r.median_interval_days = n % 2 == 1 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2.0;
    // Halves round up; medians are whole or half days.
    r.expected_next_order =
        r.last_order + static_cast<Day>(std::floor(*r.median_interval_days + 0.5));
    if (*r.median_interval_days > 0) {
      r.overdue_ratio = r.days_since_last_order / *r.median_interval_days;
    }
  }
  r.status = StatusOf(r.overdue_ratio);
  return r;
}

double CatalogMargin::MarginPct() const {
  return 100.0 * static_cast<double>(revenue_cents - cost_cents) /
         static_cast<double>(revenue_cents);
}

std::vector<CatalogMargin> ComputeCatalogMargins(const World& world,
                                                 const std::vector<Order>& orders) {
  std::vector<CatalogMargin> result;
  for (const Catalog& catalog : world.catalogs) result.push_back({catalog.name, 0, 0, 0});
  for (const Order& order : orders) {
    if (order.status == OrderStatus::kCanceled) continue;
    CatalogMargin& m = result[world.companies[order.company].catalog];
    if (CountsAsOrder(order)) ++m.orders;
    for (const OrderLine& line : order.lines) {
      m.revenue_cents += line.RevenueCents();
      m.cost_cents += line.CostCents();
    }
  }
  return result;
}

ElasticityFit FitElasticity(const World& world, const std::vector<Order>& orders,
                            const std::string& catalog, const std::string& sku) {
  const int catalog_index = world.CatalogIndex(catalog);
  const int product = world.ProductIndex(sku);
  std::map<Day, std::pair<int64_t, int64_t>> weeks;  // Monday -> (Q, revenue cents)
  for (const Order& order : orders) {
    if (order.status == OrderStatus::kCanceled ||
        world.companies[order.company].catalog != catalog_index) {
      continue;
    }
    for (const OrderLine& line : order.lines) {
      if (line.product != product || line.quantity <= 0) continue;
      auto& week = weeks[IsoWeekMonday(order.date)];
      week.first += line.quantity;
      week.second += line.RevenueCents();
    }
  }
  std::vector<double> x, y;
  ElasticityFit fit;
  for (const auto& [monday, qr] : weeks) {
    const double q = static_cast<double>(qr.first);
    const double p = static_cast<double>(qr.second) / 100.0 / q;
    if (q <= 0 || p <= 0) continue;
    x.push_back(std::log(p));
    y.push_back(std::log(q));
    fit.min_price = x.size() == 1 ? p : std::min(fit.min_price, p);
    fit.max_price = std::max(fit.max_price, p);
  }
  fit.n = static_cast<int>(x.size());
  if (fit.n < 3) return fit;
  double mx = 0, my = 0;
  for (int i = 0; i < fit.n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= fit.n;
  my /= fit.n;
  double sxx = 0, sxy = 0, syy = 0;
  for (int i = 0; i < fit.n; ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
    syy += (y[i] - my) * (y[i] - my);
  }
  fit.slope = sxy / sxx;
  const double a = my - fit.slope * mx;
  double rss = 0;
  for (int i = 0; i < fit.n; ++i) {
    const double e = y[i] - a - fit.slope * x[i];
    rss += e * e;
  }
  fit.std_error = std::sqrt(rss / (fit.n - 2)) / std::sqrt(sxx);
  fit.r2 = 1.0 - rss / syy;
  return fit;
}

Totals ComputeTotals(const std::vector<Order>& orders) {
  Totals t;
  t.first_date = orders.front().date;
  t.last_date = orders.front().date;
  for (const Order& order : orders) {
    ++t.document_rows;
    t.line_rows += static_cast<int64_t>(order.lines.size());
    t.first_date = std::min(t.first_date, order.date);
    t.last_date = std::max(t.last_date, order.date);
    if (order.is_return) {
      ++t.return_documents;
      t.return_lines += static_cast<int64_t>(order.lines.size());
    } else {
      ++t.sales_orders;
      if (order.status == OrderStatus::kCanceled) ++t.canceled;
      if (order.status == OrderStatus::kProcessing) ++t.processing;
    }
    if (order.status == OrderStatus::kCanceled) continue;
    if (CountsAsOrder(order)) ++t.spec_orders;
    for (const OrderLine& line : order.lines) {
      t.spec_revenue_cents += line.RevenueCents();
      t.spec_units += line.quantity;
    }
  }
  return t;
}

bool VerifyPlantedTruths(const World& world, const ElasticityPlan& plan,
                         const std::vector<Order>& orders, std::FILE* report) {
  Checker check(report);
  const Totals totals = ComputeTotals(orders);
  const Day as_of = LastOrderDay();

  std::fprintf(report, "## Totals\n\n");
  std::fprintf(report, "- order_lines.csv rows: %lld (return lines: %lld)\n",
               static_cast<long long>(totals.line_rows),
               static_cast<long long>(totals.return_lines));
  std::fprintf(
      report, "- orders.csv rows: %lld = %lld sales orders (SO-) + %lld return documents (RT-)\n",
      static_cast<long long>(totals.document_rows), static_cast<long long>(totals.sales_orders),
      static_cast<long long>(totals.return_documents));
  std::fprintf(report, "- canceled: %lld, processing: %lld, complete SO: %lld\n",
               static_cast<long long>(totals.canceled), static_cast<long long>(totals.processing),
               static_cast<long long>(totals.sales_orders - totals.canceled - totals.processing));
  std::fprintf(report, "- SPEC orders: %lld, revenue: %s, units: %lld\n",
               static_cast<long long>(totals.spec_orders), Money(totals.spec_revenue_cents).c_str(),
               static_cast<long long>(totals.spec_units));
  std::fprintf(report, "- dates: %s .. %s\n\n", FormatDay(totals.first_date).c_str(),
               FormatDay(totals.last_date).c_str());
  check.Expect(totals.first_date == FirstOrderDay(), "first order date is 2024-11-01");
  check.Expect(totals.last_date == as_of, "latest date is 2026-10-30");
  check.Expect(totals.line_rows >= 40000 && totals.line_rows <= 60000, "40k..60k lines");
  bool order_on_as_of = false;
  for (const Order& order : orders) {
    order_on_as_of |= order.date == as_of && !order.is_return && CountsAsOrder(order);
    for (const OrderLine& line : order.lines) {
      check.Expect((line.quantity > 0) != order.is_return, order.id + ": quantity sign");
    }
  }
  check.Expect(order_on_as_of, "an order on 2026-10-30");

  // 1. Steady companies.
  std::fprintf(report, "## Steady companies (as_of %s)\n\n", FormatDay(as_of).c_str());
  std::fprintf(report,
               "| customer | catalog | orders | first_order | last_order | days_since | median "
               "| expected_next | ratio | status |\n|---|---|---|---|---|---|---|---|---|---|\n");
  for (const SteadyPlan& steady : SteadyPlans()) {
    const int company = world.CompanyIndex(steady.company_id);
    const Recency r = ComputeRecency(orders, company, as_of);
    const std::string id = steady.company_id;
    int documents = 0;
    for (const Order& order : orders) {
      if (order.company != company) continue;
      ++documents;
      check.Expect(!order.is_return && order.status == OrderStatus::kComplete,
                   id + ": only complete orders, no returns");
    }
    check.Expect(documents == r.order_days, id + ": never two orders on one day");
    check.Expect(r.first_order >= FirstOrderDay() && r.first_order <= DayFromCivil(2024, 11, 30),
                 id + ": first order in 2024-11");
    check.Expect(r.days_since_last_order >= steady.min_days_before &&
                     r.days_since_last_order <= steady.max_days_before,
                 id + ": days since last order in range");
    check.Expect(r.status == steady.expected_status, id + ": status " + steady.expected_status);
    check.Expect(r.median_interval_days.has_value() &&
                     std::fabs(*r.median_interval_days - kSteadyInterval) <= kSteadyJitter,
                 id + ": median interval 28 +/- 2");
    std::fprintf(report, "| %s | %s | %d | %s | %s | %d | %g | %s | %.6f | %s |\n", id.c_str(),
                 world.catalogs[world.companies[company].catalog].name.c_str(), r.order_days,
                 FormatDay(r.first_order).c_str(), FormatDay(r.last_order).c_str(),
                 r.days_since_last_order, r.median_interval_days.value_or(-1),
                 r.expected_next_order ? FormatDay(*r.expected_next_order).c_str() : "null",
                 r.overdue_ratio.value_or(-1), r.status.c_str());
  }

  std::map<std::string, int> status_counts;
  for (size_t c = 0; c < world.companies.size(); ++c) {
    ++status_counts[ComputeRecency(orders, static_cast<int>(c), as_of).status];
  }
  std::fprintf(report, "\nAll %zu customers:", world.companies.size());
  for (const char* status : {"on_track", "due", "overdue", "lapsed", "unknown"}) {
    std::fprintf(report, " %s %d", status, status_counts[status]);
  }
  std::fprintf(report, "\n");

  // 2. Price elasticity.
  const int catalog = world.CatalogIndex(plan.catalog);
  const int product = world.ProductIndex(plan.sku);
  std::map<Day, int64_t> week_price;
  for (const Order& order : orders) {
    if (world.companies[order.company].catalog != catalog) continue;
    for (const OrderLine& line : order.lines) {
      if (line.product != product) continue;
      const std::string where = order.id + " " + plan.sku;
      check.Expect(order.status != OrderStatus::kCanceled && !order.is_return,
                   where + ": no cancellation or return");
      check.Expect(line.discount_cents == 0 && line.quantity > 0, where + ": no discount");
      auto [it, fresh] = week_price.insert({IsoWeekMonday(order.date), line.unit_price_cents});
      check.Expect(fresh || it->second == line.unit_price_cents, where + ": one price per week");
    }
  }
  const int weeks = (IsoWeekMonday(as_of) - IsoWeekMonday(FirstOrderDay())) / 7 + 1;
  check.Expect(static_cast<int>(week_price.size()) == weeks, "every ISO week has the SKU");
  const ElasticityFit fit = FitElasticity(world, orders, plan.catalog, plan.sku);
  std::fprintf(report,
               "\n## Elasticity of %s in %s\n\n- weeks n = %d (of %d ISO weeks), price %.2f .. "
               "%.2f\n- slope = %.6f, std_error = %.6f, r2 = %.6f (true %.1f)\n\n",
               plan.sku, plan.catalog, fit.n, weeks, fit.min_price, fit.max_price, fit.slope,
               fit.std_error, fit.r2, plan.elasticity);
  check.Expect(fit.n == weeks, "elasticity uses every week");
  check.Expect(std::fabs(fit.slope - plan.elasticity) <= 0.3, "slope within 0.3 of -2.0");

  // 3. Catalog margins.
  std::fprintf(report,
               "## Catalog margins\n\n| catalog | orders | revenue | cost | margin_pct |\n"
               "|---|---|---|---|---|\n");
  for (const CatalogMargin& m : ComputeCatalogMargins(world, orders)) {
    std::fprintf(report, "| %s | %lld | %s | %s | %.4f |\n", m.catalog.c_str(),
                 static_cast<long long>(m.orders), Money(m.revenue_cents).c_str(),
                 Money(m.cost_cents).c_str(), m.MarginPct());
    if (m.catalog == "Premium") {
      check.Expect(m.MarginPct() >= 40.0 && m.MarginPct() <= 45.0, "Premium margin 40..45%");
    } else {
      check.Expect(m.MarginPct() <= 30.0, m.catalog + " margin <= 30%");
    }
  }
  std::fprintf(report, "\n");
  return check.ok();
}

}  // namespace samplegen
