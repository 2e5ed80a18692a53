#include "verify.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <string_view>

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

namespace {

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

double Mean(const std::vector<double>& v) {
  double sum = 0.0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

}  // namespace

bool VerifyQuoteTruths(const World& world, const QuotePlan& plan, const std::vector<Order>& orders,
                       const std::vector<Quote>& quotes, std::FILE* report) {
  namespace qs = quote_status;
  Checker check(report);
  const Day as_of = LastOrderDay();
  const Stamp as_of_end = StampOf(as_of, kDaySeconds - 1);
  const std::set<std::string_view> won_statuses = {qs::kOrdered};
  const std::set<std::string_view> lost_statuses = {qs::kDeclined, qs::kExpired, qs::kClosed};
  const std::vector<std::string_view> open_statuses = {
      qs::kCreated,          qs::kDraftByAdmin,         qs::kProcessingByAdmin,
      qs::kSubmittedByAdmin, qs::kProcessingByCustomer, qs::kSubmittedByCustomer};
  std::map<std::string, const Order*> order_by_id;
  for (const Order& order : orders) order_by_id[order.id] = &order;

  struct RepFigures {
    int quotes = 0, won = 0, lost = 0, open = 0;
  };
  std::vector<RepFigures> reps(world.reps.size());
  std::map<std::string, int> by_status;
  std::set<std::string> linked_orders, ids;
  std::vector<double> won_cycles, lost_cycles, won_discounts;
  std::vector<const Quote*> expiring, expiring_later;
  int64_t won_cents = 0, events = 0, rounds = 0;
  int won = 0, lost = 0, open = 0;
  Day oldest_open = as_of;
  Day first_created = as_of;

  for (const Quote& q : quotes) {
    const std::string& id = q.id;
    check.Expect(ids.insert(id).second, id + ": unique id");
    check.Expect(!q.events.empty(), id + ": has history");
    if (q.events.empty()) continue;
    const Company& company = world.companies[q.company];
    const std::string_view status(q.status);
    ++by_status[q.status];
    events += static_cast<int64_t>(q.events.size());
    for (size_t i = 0; i < q.events.size(); ++i) {
      check.Expect(q.events[i].time <= as_of_end, id + ": no event after as_of");
      rounds += std::string_view(q.events[i].status) == qs::kSubmittedByAdmin ? 1 : 0;
      if (i == 0) continue;
      check.Expect(q.events[i].time > q.events[i - 1].time, id + ": events strictly increasing");
      check.Expect(std::string_view(q.events[i].status) != q.events[i - 1].status,
                   id + ": every event changes the status");
    }
    check.Expect(q.created == q.events.front().time && q.updated == q.events.back().time,
                 id + ": created_at / updated_at are the first / last event");
    check.Expect(status == q.events.back().status, id + ": status is the last event's");
    const Day created = DayOfStamp(q.created);
    first_created = std::min(first_created, created);
    check.Expect(created >= FirstOrderDay() && created >= company.created_at,
                 id + ": created within the two years, after the company");
    check.Expect(q.expires % kDaySeconds == 0 && q.expires > q.created, id + ": expires_at");
    check.Expect(
        q.original_cents > 0 && q.negotiated_cents > 0 && q.negotiated_cents <= q.original_cents,
        id + ": totals");
    const double discount =
        1.0 - static_cast<double>(q.negotiated_cents) / static_cast<double>(q.original_cents);
    check.Expect(discount <= plan.max_discount_permille / 1000.0 + 1e-12, id + ": discount <= 15%");
    check.Expect(!q.name.empty(), id + ": quote name");
    RepFigures& rep = reps[company.rep];
    ++rep.quotes;

    // SPEC outcome: won by status or by a link to an existing order.
    const auto link = q.order_id.empty() ? order_by_id.end() : order_by_id.find(q.order_id);
    const bool is_won = won_statuses.count(status) > 0 || link != order_by_id.end();
    check.Expect(is_won == (status == qs::kOrdered), id + ": ordered <=> linked to an order");
    check.Expect(q.order_id.empty() == (status != qs::kOrdered), id + ": order_id only when won");
    if (is_won) {
      check.Expect(link != order_by_id.end(), id + ": linked order exists");
      if (link == order_by_id.end()) continue;
      const Order& order = *link->second;
      check.Expect(
          order.company == q.company && !order.is_return && order.status != OrderStatus::kCanceled,
          id + ": linked to a non-canceled sales order of its company");
      check.Expect(linked_orders.insert(order.id).second, id + ": order linked once");
      // The `ordered` event is the last one and falls on the order's date.
      check.Expect(order.date == DayOfStamp(q.updated), id + ": ordered on the order's date");
      const Day close = order.date;  // SPEC: no closed_at, so the linked order's date
      won_cycles.push_back(close - created);
      won_discounts.push_back(discount);
      won_cents += q.negotiated_cents;
      ++won;
      ++rep.won;
      check.Expect(order.date < DayOfStamp(q.expires), id + ": ordered before expiry");
    } else if (lost_statuses.count(status) > 0) {
      const Day close = DayOfStamp(q.updated);  // SPEC: date of the last status event
      lost_cycles.push_back(close - created);
      ++lost;
      ++rep.lost;
      if (status == qs::kExpired) {
        check.Expect(close == DayOfStamp(q.expires), id + ": expired on its expiry day");
      } else {
        check.Expect(q.updated < q.expires, id + ": closed before expiry");
      }
    } else {
      check.Expect(
          std::find(open_statuses.begin(), open_statuses.end(), status) != open_statuses.end(),
          id + ": open status is a Magento code");
      ++open;
      ++rep.open;
      oldest_open = std::min(oldest_open, created);
      const Day expires = DayOfStamp(q.expires);
      check.Expect(expires > as_of, id + ": open quote not yet expired");
      if (expires > as_of && expires <= as_of + plan.expiring_window_days) {
        expiring.push_back(&q);
      } else if (expires > as_of + plan.expiring_window_days) {
        expiring_later.push_back(&q);
      }
    }
  }

  std::fprintf(report, "## Negotiable quotes (as_of %s)\n\n", FormatDay(as_of).c_str());
  std::fprintf(report, "- quotes.csv rows: %zu (created %s .. %s), quote_history.csv rows: %lld\n",
               quotes.size(), FormatDay(first_created).c_str(),
               FormatDay(DayOfStamp(quotes.back().created)).c_str(),
               static_cast<long long>(events));
  std::fprintf(report, "- won %d, lost %d, open %d; win_rate %.6f (%d/%d)\n", won, lost, open,
               static_cast<double>(won) / (won + lost), won, won + lost);
  std::fprintf(report, "- by status:");
  for (const char* s : {qs::kCreated, qs::kDraftByAdmin, qs::kProcessingByAdmin,
                        qs::kSubmittedByAdmin, qs::kProcessingByCustomer, qs::kSubmittedByCustomer,
                        qs::kOrdered, qs::kClosed, qs::kDeclined, qs::kExpired}) {
    std::fprintf(report, " %s %d", s, by_status[s]);
  }
  std::fprintf(report, "\n- rounds (submitted_by_admin events): %lld, mean per quote %.6f\n",
               static_cast<long long>(rounds),
               static_cast<double>(rounds) / static_cast<double>(quotes.size()));
  std::fprintf(report, "- won_amount %s, avg_deal_size %s\n", Money(won_cents).c_str(),
               Money((won_cents + won / 2) / won).c_str());
  std::fprintf(report, "- oldest open quote created %s\n\n", FormatDay(oldest_open).c_str());
  check.Expect(open > 0 && oldest_open >= as_of - 75, "open quotes are from the last ~2 months");
  for (const auto& [name, n] : by_status) check.Expect(n > 0, "status " + name + " occurs");

  // 1. Win rate per rep.
  std::fprintf(report,
               "### Win rate per rep\n\n| rep | quotes | won | lost | open | win_rate |\n"
               "|---|---|---|---|---|---|\n");
  for (size_t r = 0; r < reps.size(); ++r) {
    const RepFigures& f = reps[r];
    const double rate = f.won + f.lost > 0 ? static_cast<double>(f.won) / (f.won + f.lost) : 0.0;
    std::fprintf(report, "| %s | %d | %d | %d | %d | %.6f (%d/%d) |\n", world.reps[r].id.c_str(),
                 f.quotes, f.won, f.lost, f.open, rate, f.won, f.won + f.lost);
    if (world.reps[r].id == plan.weak_rep) {
      check.Expect(rate <= plan.max_weak_win_rate, world.reps[r].id + ": win rate <= 0.35");
    } else {
      check.Expect(rate >= plan.min_other_win_rate, world.reps[r].id + ": win rate >= 0.55");
    }
  }

  // 2. Open quotes expiring within 14 days of as_of, and later.
  auto list = [&](const std::vector<const Quote*>& qs_list) {
    for (const Quote* q : qs_list) {
      std::fprintf(report, "| %s | %s | %s | %s | %s | %s |\n", q->id.c_str(),
                   world.companies[q->company].id.c_str(),
                   world.reps[world.companies[q->company].rep].id.c_str(), q->status,
                   FormatStamp(q->expires).c_str(), Money(q->negotiated_cents).c_str());
    }
  };
  std::fprintf(report,
               "\n### Open quotes expiring %s .. %s (%zu)\n\n| quote | customer | rep | status | "
               "expires_at | negotiated_total |\n|---|---|---|---|---|---|\n",
               FormatDay(as_of + 1).c_str(), FormatDay(as_of + plan.expiring_window_days).c_str(),
               expiring.size());
  list(expiring);
  std::fprintf(report,
               "\n### Open quotes expiring after %s (%zu)\n\n| quote | customer | rep | status | "
               "expires_at | negotiated_total |\n|---|---|---|---|---|---|\n",
               FormatDay(as_of + plan.expiring_window_days).c_str(), expiring_later.size());
  list(expiring_later);
  check.Expect(static_cast<int>(expiring.size()) >= plan.min_expiring_soon,
               "at least 5 open quotes expire within 14 days");
  check.Expect(static_cast<int>(expiring_later.size()) >= plan.min_expiring_later,
               "at least 3 open quotes expire later");

  // 3. Cycle days and 4. average discount.
  const double median_cycle = Median(won_cycles);
  const double avg_discount = Mean(won_discounts);
  std::fprintf(report,
               "\n### Time to close and discount\n\n- won cycle_days: median %.1f, mean %.6f, "
               "min %.0f, max %.0f\n- lost cycle_days: median %.1f, mean %.6f\n"
               "- avg_discount over %zu won quotes: %.9f\n\n",
               median_cycle, Mean(won_cycles),
               *std::min_element(won_cycles.begin(), won_cycles.end()),
               *std::max_element(won_cycles.begin(), won_cycles.end()), Median(lost_cycles),
               Mean(lost_cycles), won_discounts.size(), avg_discount);
  check.Expect(median_cycle == plan.median_cycle_days, "median cycle of won quotes is 12 days");
  check.Expect(std::fabs(avg_discount - plan.avg_discount) <= plan.avg_discount_tolerance,
               "average discount of won quotes 0.080 +/- 0.002");
  return check.ok();
}

}  // namespace samplegen
