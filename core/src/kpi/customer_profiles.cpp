#include "pulse/kpi/customer_profiles.h"

#include <algorithm>
#include <cmath>

#include "pulse/kpi/line_totals.h"
#include "pulse/kpi/month_range.h"
#include "pulse/kpi/stats.h"
#include "pulse/util/sort_by.h"

namespace pulse::kpi {
namespace {

/// 1 + floor(5 (k - 1) / n) where k - 1 counts strictly smaller values (SPEC §3 RFM).
std::vector<int> quintile_scores(const std::vector<double>& values) {
  std::vector<double> sorted = values;
  sort_by(sorted);
  const double n = static_cast<double>(values.size());
  std::vector<int> out;
  out.reserve(values.size());
  for (double v : values) {
    const auto smaller = std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin();
    out.push_back(1 + static_cast<int>(std::floor(5.0 * static_cast<double>(smaller) / n)));
  }
  return out;
}

}  // namespace

const char* status_name(CustomerStatus status) {
  switch (status) {
    case CustomerStatus::on_track:
      return "on_track";
    case CustomerStatus::due:
      return "due";
    case CustomerStatus::overdue:
      return "overdue";
    case CustomerStatus::lapsed:
      return "lapsed";
    default:
      return "unknown";
  }
}

CustomerStatus status_for_ratio(std::optional<double> r, const std::array<double, 3>& t) {
  if (!r) return CustomerStatus::unknown;
  if (*r < t[0]) return CustomerStatus::on_track;
  if (*r < t[1]) return CustomerStatus::due;
  if (*r < t[2]) return CustomerStatus::overdue;
  return CustomerStatus::lapsed;
}

CustomerStatus status_for_activity(std::optional<double> p, const std::array<double, 3>& t) {
  if (!p) return CustomerStatus::unknown;
  if (*p >= t[0]) return CustomerStatus::on_track;
  if (*p >= t[1]) return CustomerStatus::due;
  if (*p >= t[2]) return CustomerStatus::overdue;
  return CustomerStatus::lapsed;
}

const char* status_basis_name(StatusBasis basis) {
  switch (basis) {
    case StatusBasis::rhythm:
      return "rhythm";
    case StatusBasis::activity:
      return "activity";
    default:
      return "none";
  }
}

namespace {

/// The status rule of docs/kpi.md: the worse of the rhythm's band (where the customer has a
/// rhythm) and the activity band (where a model is fitted); which one decided is kept.
void assign_status(CustomerRow& row, const config::Settings& settings) {
  const CustomerStatus rhythm = status_for_ratio(row.overdue_ratio, settings.status_thresholds);
  const CustomerStatus activity =
      status_for_activity(row.relative_chance, settings.activity_thresholds);
  if (rhythm == CustomerStatus::unknown && activity == CustomerStatus::unknown) {
    row.status = CustomerStatus::unknown;
    row.status_basis = StatusBasis::none;
  } else if (activity == CustomerStatus::unknown ||
             (rhythm != CustomerStatus::unknown && rhythm >= activity)) {
    row.status = rhythm;
    row.status_basis = StatusBasis::rhythm;
  } else {
    row.status = activity;
    row.status_basis = StatusBasis::activity;
  }
}

/// Copies the forecast and decides shrinking and seasonal pause for a row whose status is set.
void apply_forecast(CustomerRow& row, const CustomerForecast& f, const config::Settings& settings) {
  row.recent_order_value = f.recent_order_value;
  row.usual_order_value = f.usual_order_value;
  row.order_value_drop = f.order_value_drop;
  // Shrinking: still on time, but ordering clearly less per order than it used to.
  row.shrinking = (row.status == CustomerStatus::on_track || row.status == CustomerStatus::due) &&
                  f.order_value_drop && *f.order_value_drop >= settings.shrinking_drop;
  const bool late = row.status == CustomerStatus::due || row.status == CustomerStatus::overdue ||
                    row.status == CustomerStatus::lapsed;
  row.year_ago_covered = f.year_ago_covered;
  row.year_ago_order_days = f.year_ago_order_days;
  row.catalog_dip = f.catalog_dip;
  if (!late) return;
  // The customer's own year-ago behaviour decides when the data reaches back that far; else
  // the catalog's: a dip of 30 % or more in those weeks reads as a season.
  constexpr double kSeasonalDip = 0.3;
  if (f.year_ago_covered)
    row.seasonal_pause = f.year_ago_order_days == 0;
  else if (f.catalog_dip)
    row.seasonal_pause = *f.catalog_dip >= kSeasonalDip;
}

}  // namespace

bool order_in_filter(const Facts& facts, const Scope& scope, std::uint32_t o) {
  if (scope.sales_rep && facts.reps[facts.order_rep[o]] != *scope.sales_rep) return false;
  if (scope.customer) {
    const std::int32_t c = facts.order_customer[o];
    if (c == kNone || facts.customer_id[static_cast<std::size_t>(c)] != *scope.customer)
      return false;
  }
  return true;
}

bool line_in_filter(const Facts& facts, const Scope& scope, std::uint32_t line) {
  return !scope.catalog || facts.catalogs[facts.catalog_of(line)] == *scope.catalog;
}

CustomerReport customer_profiles(const Facts& facts, const Scope& scope,
                                 const config::Settings& settings, const StringPool& strings,
                                 const CustomerOutlook* outlook, const OrderTotals* totals) {
  CustomerReport report;
  // Without a catalog filter every line of an order counts: its lines were summed once.
  const bool whole_orders = totals_serve(totals, facts, scope);
  report.as_of = scope.as_of;
  report.from = scope.from;
  report.to = scope.to;
  std::optional<CustomerOutlook> own_outlook;
  if (!outlook)
    outlook = &own_outlook.emplace(customer_outlook(facts, scope.as_of, settings));
  else
    report.outlook = outlook;
  const MonthRange cohort_months(scope.from, scope.as_of);
  std::vector<CohortRow> cohorts(cohort_months.size());
  std::vector<std::pair<std::ptrdiff_t, double>> order_months;  // in-filter orders up to as_of
  const bool units_known = facts.has_lines;

  const MonthRange months(scope.from, scope.to);
  report.monthly.resize(months.size());
  for (std::size_t m = 0; m < months.size(); ++m) report.monthly[m].month = months.start(m);
  std::vector<std::int32_t> month_customer_stamp(months.size(), kNone - 1);

  LineTotals all;
  std::vector<double> order_days;
  std::vector<double> gaps;
  const std::size_t n_customers = facts.customer_count();
  // Group n_customers is the orders without a customer.
  for (std::size_t c = 0; c <= n_customers; ++c) {
    const std::uint32_t begin =
        c < n_customers ? facts.customer_order_begin[c] : facts.orders_without_customer_begin();
    const std::uint32_t end = c < n_customers ? facts.customer_order_begin[c + 1]
                                              : static_cast<std::uint32_t>(facts.order_count());
    LineTotals mine;
    std::int64_t orders_in_period = 0;
    order_days.clear();
    order_months.clear();
    for (std::uint32_t o = begin; o < end; ++o) {
      if (!order_in_filter(facts, scope, o)) continue;
      const Day day = facts.order_day[o];
      const bool in_period = scope.in_period(day);
      if (day > scope.as_of && !in_period) continue;
      const OrderSum sum = whole_orders ? totals->orders[o] : sum_order_lines(facts, o, &scope);
      if (!sum.any) continue;
      const LineTotals& order = sum.totals;
      const bool positive = sum.positive;
      if (positive && day <= scope.as_of) {
        order_days.push_back(day);
        order_months.emplace_back(cohort_months.index(day), order.revenue);
      }
      if (!in_period) continue;
      mine.add(order);
      if (positive) ++orders_in_period;
      const std::ptrdiff_t mi = months.index(day);
      if (mi >= 0) {
        CustomerMonth& month = report.monthly[static_cast<std::size_t>(mi)];
        month.revenue += order.revenue;
        if (positive) {
          ++month.orders;
          if (c < n_customers &&
              month_customer_stamp[static_cast<std::size_t>(mi)] != static_cast<std::int32_t>(c)) {
            month_customer_stamp[static_cast<std::size_t>(mi)] = static_cast<std::int32_t>(c);
            ++month.active_customers;
          }
        }
      }
    }
    all.add(mine);
    report.summary.orders += orders_in_period;
    if (c == n_customers) {
      report.summary.unattributed_revenue = mine.revenue;
      continue;
    }
    if (orders_in_period > 0) {
      ++report.summary.customers;
      if (orders_in_period >= 2) ++report.summary.repeat_customers;
    }
    if (order_days.empty()) continue;

    CustomerRow row;
    row.customer = static_cast<std::uint32_t>(c);
    row.orders = orders_in_period;
    if (units_known) row.units = mine.units;
    row.revenue = mine.revenue;
    row.aov = orders_in_period > 0
                  ? std::optional<double>(mine.revenue / static_cast<double>(orders_in_period))
                  : std::nullopt;
    row.margin = mine.margin();
    row.margin_pct = mine.margin_pct();
    sort_by(order_days);
    order_days.erase(std::unique(order_days.begin(), order_days.end()), order_days.end());
    row.first_order = static_cast<Day>(order_days.front());
    row.last_order = static_cast<Day>(order_days.back());
    row.days_since_last_order = static_cast<std::int64_t>(scope.as_of) - row.last_order;
    if (order_days.size() >= 3) {
      gaps.clear();
      for (std::size_t i = 1; i < order_days.size(); ++i)
        gaps.push_back(order_days[i] - order_days[i - 1]);
      row.median_interval_days = median(gaps);
      row.expected_next_order =
          row.last_order + static_cast<Day>(round_half_up(*row.median_interval_days));
      row.overdue_ratio =
          ratio(static_cast<double>(row.days_since_last_order), *row.median_interval_days);
    }
    const CustomerForecast& forecast = outlook->customers[c];
    row.p_active = forecast.p_active;
    row.p_order_next = forecast.p_order_next;
    row.expected_orders_next = forecast.expected_orders_next;
    row.expected_revenue_next = forecast.expected_revenue_next;
    row.revenue_at_risk = forecast.revenue_at_risk;
    row.relative_chance = forecast.relative_chance;
    assign_status(row, settings);
    apply_forecast(row, forecast, settings);
    ++report.summary.status_counts[static_cast<std::size_t>(row.status)];
    if (row.revenue_at_risk) report.revenue_at_risk += *row.revenue_at_risk;
    if (row.expected_revenue_next) report.expected_revenue_next += *row.expected_revenue_next;
    report.shrinking_customers += row.shrinking;

    // Cohort: the month of the first order (in the filter) when it lies in the period.
    const std::ptrdiff_t first_month = cohort_months.index(row.first_order);
    if (first_month >= 0 && row.first_order >= scope.from) {
      CohortRow& cohort = cohorts[static_cast<std::size_t>(first_month)];
      ++cohort.customers;
      cohort.cells.resize(cohort_months.size() - static_cast<std::size_t>(first_month));
      std::ptrdiff_t last_counted = -1;
      sort_by(order_months);  // the engine's one sort (sort_by.h)
      for (const auto& [m, revenue] : order_months) {
        if (m < first_month) continue;
        CohortCell& cell = cohort.cells[static_cast<std::size_t>(m - first_month)];
        cell.revenue += revenue;
        if (m != last_counted) ++cell.active, last_counted = m;
      }
    }
    report.rows.push_back(std::move(row));
  }

  // RFM among customers with an order in the period.
  std::vector<std::size_t> scored;
  std::vector<double> r, f, m;
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    const CustomerRow& row = report.rows[i];
    if (row.orders == 0) continue;
    scored.push_back(i);
    r.push_back(-static_cast<double>(row.days_since_last_order));
    f.push_back(static_cast<double>(row.orders));
    m.push_back(row.revenue);
  }
  const auto rs = quintile_scores(r), fs = quintile_scores(f), ms = quintile_scores(m);
  for (std::size_t k = 0; k < scored.size(); ++k)
    report.rows[scored[k]].rfm =
        std::to_string(rs[k]) + std::to_string(fs[k]) + std::to_string(ms[k]);

  CustomerSummary& s = report.summary;
  s.revenue = all.revenue;
  if (units_known) s.units = all.units;
  s.aov = s.orders > 0 ? std::optional<double>(all.revenue / static_cast<double>(s.orders))
                       : std::nullopt;
  s.margin = all.margin();
  s.margin_pct = all.margin_pct();
  s.repeat_rate = s.customers > 0 ? std::optional<double>(static_cast<double>(s.repeat_customers) /
                                                          static_cast<double>(s.customers))
                                  : std::nullopt;

  // The latest kMaxCohorts non-empty cohorts, oldest first.
  for (std::size_t m = 0; m < cohorts.size(); ++m) {
    if (cohorts[m].customers == 0) continue;
    cohorts[m].month = cohort_months.start(m);
    cohorts[m].cells.resize(cohort_months.size() - m);
    report.cohorts.push_back(std::move(cohorts[m]));
  }
  if (report.cohorts.size() > kMaxCohorts)
    report.cohorts.erase(report.cohorts.begin(),
                         report.cohorts.end() - static_cast<std::ptrdiff_t>(kMaxCohorts));
  report.last_month_partial =
      scope.as_of != kNoDay && month_start(scope.as_of + 1) == month_start(scope.as_of);

  sort_by(report.rows, [&](const CustomerRow& a, const CustomerRow& b) {
    if (a.revenue != b.revenue) return a.revenue > b.revenue;
    return strings.view(facts.customer_id[a.customer]) <
           strings.view(facts.customer_id[b.customer]);
  });
  return report;
}

}  // namespace pulse::kpi
