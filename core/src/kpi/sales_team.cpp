#include "pulse/kpi/sales_team.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "pulse/kpi/exact_sum.h"
#include "pulse/kpi/order_totals.h"
#include "pulse/kpi/stats.h"
#include "pulse/util/sort_by.h"

namespace pulse::kpi {
namespace {

constexpr std::uint32_t kNoRow = std::numeric_limits<std::uint32_t>::max();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Running figures of one rep while the deals and orders are read.
struct RepAcc {
  std::vector<AmountSum> stages;
  AmountSum won_amount, pipeline, weighted, won_next_30d;
  std::int64_t open_qualified = 0;
  // The previous period of the velocity.
  std::int64_t previous_open_qualified = 0, previous_won = 0, previous_lost = 0;
  AmountSum previous_won_amount;
  std::vector<double> previous_won_cycles;
  std::vector<double> won_cycles;
  ExactSum revenue;  // order by order, the same bits in any order (exact_sum.h)
  std::int64_t orders = 0, customers = 0, overdue = 0;
  std::int32_t last_customer = kNone;
  struct Late {
    double at_risk;  // revenue at risk, -1 when unknown (ranked after every known one)
    double overdue_ratio;
    StrId customer;
  };
  std::vector<Late> attention;
};

/// One row per rep known from deals, sales_reps files, orders and customers.
class RepIndex {
 public:
  RepIndex(const Scope& scope) : scope_(scope) {}
  std::uint32_t add(StrId rep) {
    if (rep == kNoStr) return kNoRow;
    if (scope_.sales_rep && rep != *scope_.sales_rep) return kNoRow;
    auto [it, added] = row_.emplace(rep, static_cast<std::uint32_t>(ids_.size()));
    if (added) ids_.push_back(rep);
    return it->second;
  }
  std::uint32_t find(StrId rep) const {
    auto it = row_.find(rep);
    return it == row_.end() ? kNoRow : it->second;
  }
  const std::vector<StrId>& ids() const { return ids_; }

 private:
  const Scope& scope_;
  std::unordered_map<StrId, std::uint32_t> row_;
  std::vector<StrId> ids_;
};

VelocityFigures velocity_of(std::int64_t open_qualified, std::int64_t won, std::int64_t lost,
                            const AmountSum& won_amount, std::vector<double>& won_cycles,
                            bool amounts) {
  VelocityFigures v;
  v.open_qualified = open_qualified;
  v.win_rate = ratio(static_cast<double>(won), static_cast<double>(won + lost));
  const auto total = won_amount.value(amounts);
  if (total && won_amount.known > 0)
    v.avg_deal_size = *total / static_cast<double>(won_amount.known);
  v.cycle_days_median = median(won_cycles);
  if (v.win_rate && v.avg_deal_size && v.cycle_days_median && *v.cycle_days_median > 0)
    v.revenue_per_day =
        static_cast<double>(open_qualified) * *v.win_rate * *v.avg_deal_size / *v.cycle_days_median;
  return v;
}

}  // namespace

bool is_stale(const DealFacts& deals, std::uint32_t deal, const Scope& scope,
              const config::Settings& settings) {
  const Day last =
      deals.last_activity[deal] != kNoDay ? deals.last_activity[deal] : deals.created[deal];
  if (last == kNoDay || scope.as_of == kNoDay) return false;
  return static_cast<std::int64_t>(last) <=
         static_cast<std::int64_t>(scope.as_of) - settings.stale_days;
}

SalesTeamReport sales_team(const DealFacts& deals, const DealSelection& selection,
                           const NegotiationReport& negotiation, const Facts* facts,
                           const CustomerReport* customers, const Scope& scope,
                           const config::Settings& settings, const StringPool& strings,
                           const OrderTotals* totals) {
  RepIndex index(scope);
  std::vector<std::uint32_t> deal_rep_row(deals.reps.size());
  for (std::size_t k = 0; k < deals.reps.size(); ++k) deal_rep_row[k] = index.add(deals.reps[k]);
  std::vector<std::uint32_t> order_rep_row;
  if (facts) {
    order_rep_row.resize(facts->reps.size());
    for (std::size_t k = 0; k < facts->reps.size(); ++k)
      order_rep_row[k] = index.add(facts->reps[k]);
    for (StrId rep : facts->customer_rep) index.add(rep);
  }

  // The open stages in scope, in funnel order: every rep gets the same columns.
  std::vector<std::uint32_t> stages;
  std::vector<std::int32_t> stage_slot(deals.status_label.size(), kNone);
  for (const OpenDeal& o : negotiation.open) {
    const std::uint32_t s = deals.status[o.deal];
    if (stage_slot[s] != kNone) continue;
    stage_slot[s] = 0;
    stages.push_back(s);
  }
  sort_by(stages, [&](std::uint32_t a, std::uint32_t b) {
    return deals.status_rank[a] < deals.status_rank[b];
  });
  for (std::size_t i = 0; i < stages.size(); ++i)
    stage_slot[stages[i]] = static_cast<std::int32_t>(i);

  // One accumulator per rep, and the last one for the team.
  const std::size_t team = index.ids().size();
  std::vector<RepAcc> acc(team + 1);
  for (RepAcc& a : acc) a.stages.resize(stages.size());
  std::vector<RepRow> rows(team);
  SalesTeamReport report;

  // Rule: the funnel's entry stage is the first open status (in funnel order) among the deals
  // in the filters; an open deal past it is "qualified" for the velocity.
  std::uint32_t entry_rank = std::numeric_limits<std::uint32_t>::max();
  for (std::uint32_t d : selection.filtered)
    if (deals.status_outcome[deals.status[d]] == Outcome::open)
      entry_rank = std::min(entry_rank, deals.status_rank[deals.status[d]]);
  auto qualified = [&](std::uint32_t d) {
    return deals.outcome[d] != Outcome::open || deals.status_rank[deals.status[d]] > entry_rank;
  };

  for (const OpenDeal& o : negotiation.open) {
    const std::uint32_t r = deal_rep_row[deals.rep[o.deal]];
    if (r == kNoRow) continue;
    const double amount = deals.amount[o.deal];
    const double won_soon =
        o.p_won_within_30d && !std::isnan(amount) ? amount * *o.p_won_within_30d : kNaN;
    for (std::size_t k : {static_cast<std::size_t>(r), team}) {
      acc[k].pipeline.add(amount);
      acc[k].weighted.add(o.expected_value.value_or(kNaN));
      acc[k].won_next_30d.add(won_soon);
      if (qualified(o.deal)) ++acc[k].open_qualified;
    }
    acc[r].stages[static_cast<std::size_t>(stage_slot[deals.status[o.deal]])].add(amount);
    ++report.summary.deals_open;
    if (expiring_soon(deals, o.deal, scope, settings)) {
      ++rows[r].closing_soon;
      ++report.summary.closing_soon;
    }
    if (is_stale(deals, o.deal, scope, settings)) ++rows[r].stale;
    // Slipping: open, and its expiry date is already behind as_of. (The history carries no
    // expires_at, so a pushed-out expiry cannot be seen; docs/kpi-deals.md.)
    const Day expires = deals.expires[o.deal];
    if (expires != kNoDay && scope.as_of != kNoDay && expires < scope.as_of) {
      ++rows[r].slipping;
      report.slipping.push_back({o.deal, static_cast<std::int64_t>(scope.as_of) - expires});
    }
  }
  std::vector<std::int64_t> won(team + 1, 0), lost(team + 1, 0);
  for (std::uint32_t d : selection.closed) {
    const std::uint32_t r = deal_rep_row[deals.rep[d]];
    if (r == kNoRow) continue;
    for (std::size_t k : {static_cast<std::size_t>(r), team}) {
      if (deals.outcome[d] != Outcome::won) {
        ++lost[k];
        continue;
      }
      ++won[k];
      acc[k].won_amount.add(deals.amount[d]);
      if (auto cycle = days_between(deals.created[d], deals.close[d]))
        acc[k].won_cycles.push_back(*cycle);
    }
  }
  for (std::size_t r = 0; r < team; ++r) rows[r].won = won[r], rows[r].lost = lost[r];

  // The previous period of the same length, for the velocity: deals closed in it, and the
  // deals open at its end (created by then, and open now or closed after it).
  if (scope.from != kNoDay && scope.to != kNoDay && scope.to >= scope.from) {
    const Day length = scope.to - scope.from + 1;
    report.previous_to = scope.from - 1;
    report.previous_from = scope.from - length;
    for (std::uint32_t d : selection.filtered) {
      const std::uint32_t r = deal_rep_row[deals.rep[d]];
      if (r == kNoRow) continue;
      const Day close = deals.close[d];
      const bool closed_in = deals.outcome[d] != Outcome::open && close != kNoDay &&
                             close >= report.previous_from && close <= report.previous_to;
      const bool open_at_end =
          deals.created[d] != kNoDay && deals.created[d] <= report.previous_to &&
          (deals.outcome[d] == Outcome::open || (close != kNoDay && close > report.previous_to));
      for (std::size_t k : {static_cast<std::size_t>(r), team}) {
        RepAcc& a = acc[k];
        if (open_at_end && qualified(d)) ++a.previous_open_qualified;
        if (!closed_in) continue;
        if (deals.outcome[d] != Outcome::won) {
          ++a.previous_lost;
          continue;
        }
        ++a.previous_won;
        a.previous_won_amount.add(deals.amount[d]);
        if (auto cycle = days_between(deals.created[d], close))
          a.previous_won_cycles.push_back(*cycle);
      }
    }
  }

  if (facts) {
    // Without a catalog filter every line of an order counts: the engine summed them once.
    const bool whole_orders = totals_serve(totals, *facts, scope);
    OrderSum scratch;
    // Orders are grouped by customer, so one stamp per rep counts distinct customers.
    for (std::uint32_t o = 0; o < facts->order_count(); ++o) {
      const std::uint32_t r = order_rep_row[facts->order_rep[o]];
      if (r == kNoRow || !scope.in_period(facts->order_day[o]) ||
          !order_in_filter(*facts, scope, o))
        continue;
      // An order header (no quantity) is an order, as a positive line makes one.
      const OrderSum& sum =
          whole_orders ? totals->orders[o] : (scratch = sum_order_lines(*facts, o, &scope));
      if (!sum.any) continue;
      RepAcc& a = acc[r];
      a.revenue += sum.totals.revenue;
      if (!sum.positive) continue;
      ++a.orders;
      const std::int32_t c = facts->order_customer[o];
      if (c != kNone && c != a.last_customer) {
        a.last_customer = c;
        ++a.customers;
      }
    }
  }
  if (facts && customers) {
    for (const CustomerRow& row : customers->rows) {
      if (row.status != CustomerStatus::overdue && row.status != CustomerStatus::lapsed) continue;
      const std::uint32_t r = index.find(facts->customer_rep[row.customer]);
      if (r == kNoRow) continue;
      ++acc[r].overdue;
      ++acc[team].overdue;
      acc[r].attention.push_back({row.revenue_at_risk.value_or(-1), row.overdue_ratio.value_or(0),
                                  facts->customer_id[row.customer]});
    }
  }

  // Name, manager and team from the sales_reps files.
  std::unordered_map<StrId, std::size_t> described;
  for (std::size_t k = 0; k < deals.reps.size(); ++k) described.emplace(deals.reps[k], k);

  const bool amounts = deals.has_amount;
  auto velocity_of_acc = [&](RepAcc& a, std::int64_t won_count, std::int64_t lost_count) {
    Velocity v;
    v.current =
        velocity_of(a.open_qualified, won_count, lost_count, a.won_amount, a.won_cycles, amounts);
    v.previous = velocity_of(a.previous_open_qualified, a.previous_won, a.previous_lost,
                             a.previous_won_amount, a.previous_won_cycles, amounts);
    return v;
  };
  for (std::size_t r = 0; r < rows.size(); ++r) {
    RepRow& row = rows[r];
    RepAcc& a = acc[r];
    row.rep = index.ids()[r];
    auto it = described.find(row.rep);
    if (it != described.end()) {
      row.name = deals.rep_name[it->second];
      row.manager = deals.rep_manager[it->second];
      row.team = deals.rep_team[it->second];
    }
    for (std::size_t i = 0; i < stages.size(); ++i)
      row.open_by_stage.push_back({stages[i], a.stages[i].items, a.stages[i].value(amounts)});
    row.win_rate = ratio(static_cast<double>(row.won), static_cast<double>(row.won + row.lost));
    row.won_amount = a.won_amount.value(amounts);
    if (row.won_amount && a.won_amount.known > 0)
      row.avg_deal_size = *row.won_amount / static_cast<double>(a.won_amount.known);
    row.cycle_days_median = median(a.won_cycles);
    row.pipeline_amount = a.pipeline.value(amounts);
    row.weighted_pipeline = a.weighted.value(amounts);
    row.expected_won_next_30d = a.won_next_30d.value(amounts);
    row.velocity = velocity_of_acc(a, row.won, row.lost);
    if (facts) {
      row.revenue = a.revenue;
      row.orders = a.orders;
      row.aov = a.orders > 0 ? std::optional<double>(a.revenue / static_cast<double>(a.orders))
                             : std::nullopt;
      row.customers = a.customers;
      row.customers_overdue = a.overdue;
    }
    // The money first: revenue at risk, then the overdue ratio (docs/kpi-deals.md).
    sort_by(a.attention, [&](const auto& x, const auto& y) {
      if (x.at_risk != y.at_risk) return x.at_risk > y.at_risk;
      if (x.overdue_ratio != y.overdue_ratio) return x.overdue_ratio > y.overdue_ratio;
      return strings.view(x.customer) < strings.view(y.customer);
    });
    for (std::size_t i = 0; i < a.attention.size() && i < kMaxAttention; ++i)
      row.attention.push_back(a.attention[i].customer);
  }

  RepAcc& t = acc[team];
  TeamSummary& summary = report.summary;
  summary.reps = static_cast<std::int64_t>(rows.size());
  summary.won = won[team];
  summary.lost = lost[team];
  summary.win_rate =
      ratio(static_cast<double>(won[team]), static_cast<double>(won[team] + lost[team]));
  if (facts) summary.customers_overdue = t.overdue;
  summary.pipeline_amount = t.pipeline.value(amounts);
  summary.weighted_pipeline = t.weighted.value(amounts);
  summary.won_amount = t.won_amount.value(amounts);
  summary.expected_won_next_30d = t.won_next_30d.value(amounts);
  report.velocity = velocity_of_acc(t, won[team], lost[team]);

  const StrId unassigned = strings.find("Unassigned");
  sort_by(rows, [&](const RepRow& a, const RepRow& b) {
    const bool ua = a.rep == unassigned, ub = b.rep == unassigned;
    if (ua != ub) return ub;
    return strings.view(a.rep) < strings.view(b.rep);
  });
  report.reps = std::move(rows);
  sort_by(report.slipping, [&](const SlippingDeal& a, const SlippingDeal& b) {
    if (a.days_past != b.days_past) return a.days_past > b.days_past;
    return strings.view(deals.deal_id[a.deal]) < strings.view(deals.deal_id[b.deal]);
  });
  return report;
}

}  // namespace pulse::kpi
