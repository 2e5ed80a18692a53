#include "pulse/kpi/customer_outlook.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "pulse/kpi/btyd.h"
#include "pulse/kpi/exact_sum.h"
#include "pulse/kpi/stats.h"
#include "pulse/util/sort_by.h"

namespace pulse::kpi {
namespace {

constexpr Day kYear = 364;  // 52 weeks: the same weekdays a year earlier
// A model is fitted only when enough customers came back to say how often they do.
constexpr std::size_t kMinCustomers = 20;
constexpr std::size_t kMinRepeatCustomers = 5;
// Earlier orders needed beside the recent k before an order-value trend is read.
constexpr std::size_t kMinEarlierOrders = 3;
// MBG/CNBD-k candidates k = 1..4: beyond Erlang-4 the gain on real order data is nil.
constexpr int kMaxErlangOrder = 4;

/// One positive order of a customer up to as_of.
struct OrderValue {
  Day day;
  double value;
};

bool positive_order(const Facts& facts, std::uint32_t o, double& value) {
  bool positive = false;
  ExactSum sum;  // the same bits whatever the order of the lines (exact_sum.h)
  for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l) {
    const double qty = facts.line_quantity[l];
    positive = positive || std::isnan(qty) || qty > 0;
    sum += facts.line_revenue[l];
  }
  value = sum;
  return positive;
}

/// Positive orders per catalog and day, for "does the whole catalog dip in those weeks".
class CatalogCalendar {
 public:
  CatalogCalendar(const Facts& facts, Day as_of) : first_(facts.first_day) {
    if (first_ == kNoDay || as_of == kNoDay || as_of < first_) return;
    days_ = static_cast<std::size_t>(as_of - first_) + 1;
    counts_.assign(facts.catalogs.size(), std::vector<std::uint32_t>(days_ + 1, 0));
    for (std::uint32_t o = 0; o < facts.order_count(); ++o) {
      const Day d = facts.order_day[o];
      if (d == kNoDay || d < first_ || d > as_of) continue;
      const std::uint32_t begin = facts.order_line_begin[o];
      if (begin == facts.order_line_begin[o + 1]) continue;
      ++counts_[facts.catalog_of(begin)][static_cast<std::size_t>(d - first_) + 1];
    }
    for (auto& c : counts_)  // prefix sums: orders in [a, b] is one subtraction
      for (std::size_t i = 1; i < c.size(); ++i) c[i] += c[i - 1];
  }

  /// Orders of catalog `cat` on days [a, b], clipped to the data; days counted in `span`.
  double orders(std::size_t cat, Day a, Day b, double& span) const {
    span = 0;
    if (counts_.empty() || cat >= counts_.size()) return 0;
    const Day lo = std::max(a, first_);
    const Day hi = std::min(b, first_ + static_cast<Day>(days_) - 1);
    if (hi < lo) return 0;
    span = static_cast<double>(hi - lo + 1);
    const auto& c = counts_[cat];
    return static_cast<double>(c[static_cast<std::size_t>(hi - first_) + 1] -
                               c[static_cast<std::size_t>(lo - first_)]);
  }

 private:
  Day first_;
  std::size_t days_ = 0;
  std::vector<std::vector<std::uint32_t>> counts_;
};

std::optional<double> median_of(std::vector<double> values) {
  return median(values);
}

}  // namespace

CustomerOutlook customer_outlook(const Facts& facts, Day as_of, const config::Settings& settings) {
  CustomerOutlook out;
  out.as_of = as_of;
  out.horizon_days = settings.horizon_days;
  const std::size_t n = facts.customer_count();
  out.customers.resize(n);
  if (as_of == kNoDay) return out;
  const double horizon = settings.horizon_days;

  // Each customer's positive orders up to as_of, and the model's (x, t_x, T).
  std::vector<std::vector<OrderValue>> orders(n);
  // Return documents (no positive line) are no orders, but their refunds count against the
  // customer's revenue: a customer who bought a lot and sent it back has little at risk.
  std::vector<std::vector<OrderValue>> returns(n);
  std::vector<CustomerHistory> history(n);
  std::vector<bool> has_history(n, false);
  std::size_t repeaters = 0;
  for (std::size_t c = 0; c < n; ++c) {
    auto& mine = orders[c];
    for (std::uint32_t o = facts.customer_order_begin[c]; o < facts.customer_order_begin[c + 1];
         ++o) {
      const Day d = facts.order_day[o];
      double value = 0;
      if (d == kNoDay || d > as_of) continue;
      if (positive_order(facts, o, value))
        mine.push_back({d, value});
      else
        returns[c].push_back({d, value});
    }
    if (mine.empty()) continue;
    sort_by(mine, [](const OrderValue& a, const OrderValue& b) { return a.day < b.day; });
    std::size_t order_days = 1;
    for (std::size_t i = 1; i < mine.size(); ++i) order_days += mine[i].day != mine[i - 1].day;
    CustomerHistory& h = history[c];
    h.x = static_cast<double>(order_days - 1);
    h.t_x = static_cast<double>(mine.back().day - mine.front().day);
    h.T = static_cast<double>(as_of - mine.front().day);
    has_history[c] = true;
    repeaters += order_days > 1;
  }
  std::size_t fitted_customers = 0;
  for (bool b : has_history) fitted_customers += b;

  std::optional<BtydModel> model;
  if (fitted_customers >= kMinCustomers && repeaters >= kMinRepeatCustomers) {
    // Customers who share a history (x, t_x, T) are merged by the fit (compress_histories).
    std::vector<CustomerHistory> fitted;
    fitted.reserve(fitted_customers);
    for (std::size_t c = 0; c < n; ++c)
      if (has_history[c]) fitted.push_back(history[c]);
    // The selection rule (docs/kpi.md): BG/NBD and MBG/CNBD-k, highest likelihood wins.
    std::vector<BtydModel> fits;
    const BtydModel best = fit_best_model(fitted, kMaxErlangOrder, &fits);
    for (const BtydModel& m : fits)
      out.candidates.push_back({m.name(), m.k, m.log_likelihood, m.converged});
    if (best.converged && std::isfinite(best.log_likelihood)) model = best;
  }
  if (model)
    out.model = FittedModel{model->name(),         model->k,        model->r,
                            model->alpha,          model->a,        model->b,
                            model->log_likelihood, model->customers};

  CatalogCalendar calendar(facts, as_of);
  std::unordered_map<StrId, std::size_t> catalog_index;
  for (std::size_t i = 0; i < facts.catalogs.size(); ++i)
    catalog_index.emplace(facts.catalogs[i], i);

  std::vector<double> values;
  std::vector<OrderValue> day_values;
  for (std::size_t c = 0; c < n; ++c) {
    if (!has_history[c]) continue;
    const auto& mine = orders[c];
    const CustomerHistory& h = history[c];
    CustomerForecast& f = out.customers[c];
    const Day first = mine.front().day;
    const Day last = mine.back().day;

    // A normal horizon-long window: the last year's revenue (or since the first order) spread
    // over at least one horizon, so a customer who started last week is not multiplied up.
    const Day window_start = std::max(first, as_of - kYear + 1);
    double year_revenue = 0, all_revenue = 0;
    const auto add = [&](const std::vector<OrderValue>& list) {
      for (const OrderValue& o : list) {
        all_revenue += o.value;
        if (o.day >= window_start) year_revenue += o.value;
      }
    };
    add(mine);
    add(returns[c]);
    const double span = std::max(static_cast<double>(as_of - window_start + 1), horizon);
    f.usual_window_revenue = std::max(0.0, year_revenue) / span * horizon;

    if (model) {
      const BtydPrediction p = predict(*model, h, horizon);
      f.p_active = p.p_alive;
      f.p_order_next = p.p_any_order;
      f.expected_orders_next = p.expected_orders;
      // The same customer's chance on the day of its last order: the yardstick of "slipping".
      CustomerHistory then = h;
      then.T = h.t_x;
      const double p_then = predict(*model, then, horizon).p_any_order;
      if (p_then > 0) f.relative_chance = std::min(1.0, p.p_any_order / p_then);
      // Revenue per order day so far: the model counts order days.
      const double per_order_day = std::max(0.0, all_revenue) / (h.x + 1);
      f.expected_revenue_next = *f.expected_orders_next * per_order_day;
      f.revenue_at_risk = f.usual_window_revenue * (1 - *f.p_order_next);
    }

    // Order value by order day (orders of one day summed): which of a day's orders came "last"
    // is not in the data, and the return model counts order days too.
    day_values.clear();
    for (const OrderValue& o : mine) {
      if (day_values.empty() || day_values.back().day != o.day)
        day_values.push_back(o);
      else
        day_values.back().value += o.value;
    }
    const std::size_t k = static_cast<std::size_t>(settings.shrinking_recent_orders);
    if (day_values.size() >= k + kMinEarlierOrders) {
      values.clear();
      for (std::size_t i = day_values.size() - k; i < day_values.size(); ++i)
        values.push_back(day_values[i].value);
      f.recent_order_value = median_of(values);
      values.clear();
      for (std::size_t i = 0; i + k < day_values.size(); ++i) values.push_back(day_values[i].value);
      f.usual_order_value = median_of(values);
      if (f.usual_order_value && *f.usual_order_value > 0)
        f.order_value_drop = 1 - *f.recent_order_value / *f.usual_order_value;
    }

    const Day ly_from = last - kYear + 1, ly_to = as_of - kYear;  // the silent days, a year back
    f.year_ago_covered = first < ly_from;
    // Order days, not orders: two orders on one day are one visit.
    for (const OrderValue& d : day_values)
      f.year_ago_order_days += d.day >= ly_from && d.day <= ly_to;
    const auto cat = catalog_index.find(facts.customer_catalog[c]);
    if (cat != catalog_index.end()) {
      double window_span = 0, year_span = 0;
      const double window_orders = calendar.orders(cat->second, ly_from, ly_to, window_span);
      const double year_orders = calendar.orders(cat->second, ly_to - kYear + 1, ly_to, year_span);
      if (window_span > 0 && year_span >= kYear / 2 && year_orders > 0)
        f.catalog_dip = 1 - (window_orders / window_span) / (year_orders / year_span);
    }
  }
  return out;
}

}  // namespace pulse::kpi
