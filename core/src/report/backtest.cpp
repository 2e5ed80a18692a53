#include "pulse/report/backtest.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <unordered_map>

#include "pulse/kpi/deal_cutoff.h"
#include "pulse/kpi/deals.h"
#include "pulse/kpi/facts.h"
#include "pulse/kpi/facts_cutoff.h"
#include "pulse/kpi/negotiations.h"
#include "pulse/kpi/scope.h"

namespace pulse::report {
namespace {

using nlohmann::json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Day earlier(Day a, Day b) {
  return a == kNoDay ? b : (b == kNoDay ? a : std::min(a, b));
}
Day later(Day a, Day b) {
  return a == kNoDay ? b : (b == kNoDay ? a : std::max(a, b));
}

double or_nan(const std::optional<double>& v) {
  return v ? *v : kNaN;
}

PredictionScore score_probability(const std::vector<double>& p, const std::vector<int>& y) {
  PredictionScore s;
  for (double v : p) (std::isnan(v) ? s.missing : s.n) += 1;
  s.auc = kpi::auc(p, y);
  s.brier = kpi::brier(p, y);
  s.calibration = kpi::calibration_by_quantile(p, y, 5);
  return s;
}

PredictionScore score_ranking(const std::vector<double>& score, const std::vector<int>& y) {
  PredictionScore s;
  for (double v : score) (std::isnan(v) ? s.missing : s.n) += 1;
  s.auc = kpi::auc(score, y);
  s.brier = kNaN;
  return s;
}

/// Whether customer c has an order day in [first, last], counted as the customer profiles
/// count orders: in the rep and customer filters, with a line in the catalog filter, and not
/// a pure return (some line with a positive or unknown quantity).
bool ordered_between(const kpi::Facts& facts, const kpi::Scope& scope, std::uint32_t c, Day first,
                     Day last) {
  for (std::uint32_t o = facts.customer_order_begin[c]; o < facts.customer_order_begin[c + 1];
       ++o) {
    const Day day = facts.order_day[o];
    if (day < first || day > last || !kpi::order_in_filter(facts, scope, o)) continue;
    for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l) {
      const double qty = facts.line_quantity[l];
      if (kpi::line_in_filter(facts, scope, l) && (std::isnan(qty) || qty > 0)) return true;
    }
  }
  return false;
}

/// The old attention ranking read as "likely to order": customers with an overdue ratio
/// first, lower ratio = more likely; then those without one (fewer than three order days),
/// fewer days since the last order = more likely. A ratio is at most the days since the last
/// order (the median gap is at least one day), far below 1e8, so the two tiers never mix.
double overdue_ratio_score(const kpi::CustomerRow& row) {
  if (row.overdue_ratio) return 1e8 - *row.overdue_ratio;
  return -static_cast<double>(row.days_since_last_order);
}

void score_customers(Backtest& out, const kpi::Facts& all, const kpi::Facts& cut,
                     const kpi::Scope& scope, const config::Settings& settings,
                     const StringPool& strings) {
  CustomerBacktest& b = out.customers;
  const kpi::CustomerReport report = kpi::customer_profiles(cut, scope, settings, strings);
  if (report.rows.empty()) {
    b.unavailable = "no customer has an order on or before the cutoff";
    return;
  }
  const Day first = out.cutoff + 1, last = out.cutoff + out.horizon_days;
  std::vector<int> y;
  std::vector<double> p, ratio_rank, recency, frequency;
  for (const kpi::CustomerRow& row : report.rows) {
    const bool ordered = ordered_between(all, scope, row.customer, first, last);
    y.push_back(ordered ? 1 : 0);
    b.ordered += ordered;
    const auto status = static_cast<std::size_t>(row.status);
    ++b.status_count[status];
    b.status_ordered[status] += ordered;
    p.push_back(or_nan(row.p_order_next));
    ratio_rank.push_back(overdue_ratio_score(row));
    recency.push_back(-static_cast<double>(row.days_since_last_order));
    frequency.push_back(static_cast<double>(row.orders));
  }
  b.scored = report.rows.size();
  b.base_rate = static_cast<double>(b.ordered) / static_cast<double>(b.scored);
  b.p_order_next = score_probability(p, y);
  b.overdue_ratio = score_ranking(ratio_rank, y);
  b.days_since_last_order = score_ranking(recency, y);
  b.orders = score_ranking(frequency, y);
  b.constant_brier = kpi::brier(std::vector<double>(y.size(), b.base_rate), y);
  if (b.p_order_next.n == 0)
    out.warnings.push_back(
        "p_order_next is null for every customer (no model fitted): only the "
        "baselines are scored");
  else if (b.p_order_next.missing > 0)
    out.warnings.push_back(std::to_string(b.p_order_next.missing) +
                           " customers have no p_order_next: it is scored without them, the "
                           "baselines with them");
}

void score_deals(Backtest& out, const kpi::DealFacts& all, const kpi::DealCut& cut,
                 const kpi::Facts* facts, const kpi::Scope& scope, const config::Settings& settings,
                 const StringPool& strings) {
  DealBacktest& b = out.deals;
  b.removed = cut.removed;
  b.reopened = cut.reopened;
  b.histories_trimmed = cut.histories_trimmed;
  b.amounts_removed = cut.amounts_removed;
  const kpi::DealSelection selection = kpi::select_deals(cut.deals, facts, scope, strings);
  b.open_at_cutoff = selection.open.size();

  // The final outcome of each open deal; deals still open at the end are not scored.
  std::vector<std::uint32_t> decided;
  std::vector<int> y;
  for (std::uint32_t d : selection.open) {
    const kpi::Outcome final_outcome = all.outcome[cut.source[d]];
    if (final_outcome == kpi::Outcome::open) {
      ++b.still_open;
      continue;
    }
    decided.push_back(d);
    y.push_back(final_outcome == kpi::Outcome::won ? 1 : 0);
    b.won += final_outcome == kpi::Outcome::won;
  }
  b.scored = decided.size();
  if (b.scored == 0) {
    b.unavailable =
        b.open_at_cutoff == 0
            ? "no deal was open at the cutoff"
            : "none of the deals open at the cutoff was won or lost by the end of the data";
    return;
  }
  b.final_won_share = static_cast<double>(b.won) / static_cast<double>(b.scored);
  b.constant_brier = kpi::brier(std::vector<double>(y.size(), b.final_won_share), y);

  auto probabilities = [&](const char* method) {
    config::Settings s = settings;
    s.win_probability_method = method;
    const kpi::NegotiationReport report =
        kpi::negotiations(cut.deals, selection, scope, s, strings);
    std::unordered_map<std::uint32_t, double> by_deal;
    for (const kpi::OpenDeal& row : report.open) by_deal[row.deal] = or_nan(row.win_probability);
    std::vector<double> p;
    for (std::uint32_t d : decided) {
      const auto it = by_deal.find(d);
      p.push_back(it == by_deal.end() ? kNaN : it->second);
    }
    return score_probability(p, y);
  };
  b.aalen_johansen = probabilities("aalen_johansen");
  b.closed_share = probabilities("closed_share");
}

json number(double v) {
  return std::isnan(v) ? json(nullptr) : json(v);
}

json score_json(const PredictionScore& s, bool probability) {
  json j{{"n", s.n}, {"null", s.missing}, {"auc", number(s.auc)}};
  if (!probability) return j;
  j["brier"] = number(s.brier);
  json bins = json::array();
  for (const kpi::CalibrationBin& bin : s.calibration)
    bins.push_back({{"p_min", bin.p_min},
                    {"p_max", bin.p_max},
                    {"mean_predicted", bin.mean_predicted},
                    {"observed_share", bin.observed_share},
                    {"count", bin.count}});
  j["calibration"] = std::move(bins);
  return j;
}

json day_json(Day d) {
  return d == kNoDay ? json(nullptr) : json(format_day(d));
}

}  // namespace

Backtest run_backtest(Dataset& dataset, const config::Settings& settings, Day cutoff,
                      int horizon_days) {
  Backtest out;
  out.cutoff = cutoff;
  out.horizon_days = horizon_days;
  config::Settings s = settings;
  s.as_of = cutoff;
  s.to = cutoff;
  s.horizon_days = horizon_days;

  StringPool& strings = dataset.strings;
  const kpi::Facts all = kpi::build_facts(dataset, s, strings);
  const kpi::DealFacts all_deals = kpi::build_deal_facts(dataset, s, strings);
  out.orders_end = all.last_day;
  out.deals_end = all_deals.last_day;
  // Nothing dated after the cutoff reaches the figures: they are computed on the cut data.
  const kpi::Facts cut = kpi::facts_as_of(all, cutoff);
  const kpi::DealCut deal_cut = kpi::deals_as_of(all_deals, cutoff, s, strings);
  const kpi::Scope scope =
      kpi::resolve_scope(s, strings, earlier(cut.first_day, deal_cut.deals.first_day),
                         later(cut.last_day, deal_cut.deals.last_day));

  const bool have_orders =
      !dataset.tables_of(Role::order_lines).empty() || !dataset.tables_of(Role::orders).empty();
  if (!have_orders) {
    out.customers.unavailable = "load order lines or orders to score the customers' forecast";
  } else {
    const Day truth_end = cutoff + horizon_days;
    if (all.last_day == kNoDay || all.last_day <= cutoff)
      out.warnings.push_back(
          "no order is dated after the cutoff: every customer counts as not ordering");
    else if (all.last_day < truth_end)
      out.warnings.push_back("the orders end on " + format_day(all.last_day) +
                             ", before cutoff + horizon (" + format_day(truth_end) +
                             "): an order in the missing days is not seen");
    score_customers(out, all, cut, scope, s, strings);
  }
  if (!all_deals.has_deals)
    out.deals.unavailable = "load deals (quotes or opportunities) to score the win probability";
  else
    score_deals(out, all_deals, deal_cut, have_orders ? &cut : nullptr, scope, s, strings);
  return out;
}

json backtest_json(const Backtest& b) {
  json doc;
  doc["cutoff"] = day_json(b.cutoff);
  doc["horizon_days"] = b.horizon_days;
  doc["truth_window"] = {{"from", day_json(b.cutoff + 1)},
                         {"to", day_json(b.cutoff + b.horizon_days)}};
  doc["orders_end"] = day_json(b.orders_end);
  doc["deals_end"] = day_json(b.deals_end);

  const CustomerBacktest& c = b.customers;
  if (!c.unavailable.empty()) {
    doc["customers"] = {{"unavailable", c.unavailable}};
  } else {
    json by_status = json::array();
    for (std::size_t k = 0; k < kpi::kCustomerStatusCount; ++k) {
      const double count = static_cast<double>(c.status_count[k]);
      by_status.push_back(
          {{"status", kpi::status_name(static_cast<kpi::CustomerStatus>(k))},
           {"customers", c.status_count[k]},
           {"ordered_share",
            count > 0 ? json(static_cast<double>(c.status_ordered[k]) / count) : json(nullptr)}});
    }
    const auto unknown = static_cast<std::size_t>(kpi::CustomerStatus::unknown);
    doc["customers"] = {
        {"scored", c.scored},
        {"ordered", c.ordered},
        {"base_rate", c.base_rate},
        {"status_unknown_share",
         static_cast<double>(c.status_count[unknown]) / static_cast<double>(c.scored)},
        {"by_status", by_status},
        {"p_order_next", score_json(c.p_order_next, true)},
        {"baselines",
         {{"overdue_ratio", score_json(c.overdue_ratio, false)},
          {"days_since_last_order", score_json(c.days_since_last_order, false)},
          {"orders", score_json(c.orders, false)},
          {"constant", {{"p", c.base_rate}, {"brier", number(c.constant_brier)}}}}}};
  }

  const DealBacktest& d = b.deals;
  json cut{{"removed", d.removed},
           {"reopened", d.reopened},
           {"histories_trimmed", d.histories_trimmed},
           {"amounts_removed", d.amounts_removed}};
  if (!d.unavailable.empty()) {
    doc["deals"] = {{"unavailable", d.unavailable}};
    if (d.open_at_cutoff > 0 || d.removed > 0 || d.reopened > 0) {  // deals were loaded
      doc["deals"]["open_at_cutoff"] = d.open_at_cutoff;
      doc["deals"]["still_open"] = d.still_open;
      doc["deals"]["cut"] = cut;
    }
  } else {
    doc["deals"] = {{"open_at_cutoff", d.open_at_cutoff},
                    {"scored", d.scored},
                    {"won", d.won},
                    {"still_open", d.still_open},
                    {"final_won_share", d.final_won_share},
                    {"win_probability",
                     {{"aalen_johansen", score_json(d.aalen_johansen, true)},
                      {"closed_share", score_json(d.closed_share, true)}}},
                    {"constant", {{"p", d.final_won_share}, {"brier", number(d.constant_brier)}}},
                    {"cut", cut}};
  }
  doc["warnings"] = b.warnings;
  return doc;
}

}  // namespace pulse::report
