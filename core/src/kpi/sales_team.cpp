#include "pulse/kpi/sales_team.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "pulse/kpi/stats.h"

namespace pulse::kpi {
namespace {

constexpr std::uint32_t kNoRow = std::numeric_limits<std::uint32_t>::max();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Running figures of one rep while the deals and orders are read.
struct RepAcc {
  std::vector<AmountSum> stages;
  AmountSum won_amount, pipeline, weighted;
  std::vector<double> won_cycles;
  double revenue = 0;
  std::int64_t orders = 0, customers = 0, overdue = 0;
  std::int32_t last_customer = kNone;
  std::vector<std::pair<double, StrId>> attention;  // (overdue ratio, customer id)
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

}  // namespace

bool is_stale(const DealFacts& deals, std::uint32_t deal, const Scope& scope,
              const Settings& settings) {
  const Day last =
      deals.last_activity[deal] != kNoDay ? deals.last_activity[deal] : deals.created[deal];
  if (last == kNoDay || scope.as_of == kNoDay) return false;
  return static_cast<std::int64_t>(last) <=
         static_cast<std::int64_t>(scope.as_of) - settings.stale_days;
}

SalesTeamReport sales_team(const DealFacts& deals, const DealSelection& selection,
                           const NegotiationReport& negotiation, const Facts* facts,
                           const CustomerReport* customers, const Scope& scope,
                           const Settings& settings, const StringPool& strings) {
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
  std::sort(stages.begin(), stages.end(), [&](std::uint32_t a, std::uint32_t b) {
    return deals.status_rank[a] < deals.status_rank[b];
  });
  for (std::size_t i = 0; i < stages.size(); ++i)
    stage_slot[stages[i]] = static_cast<std::int32_t>(i);

  std::vector<RepAcc> acc(index.ids().size());
  for (RepAcc& a : acc) a.stages.resize(stages.size());
  std::vector<RepRow> rows(index.ids().size());

  for (const OpenDeal& o : negotiation.open) {
    const std::uint32_t r = deal_rep_row[deals.rep[o.deal]];
    if (r == kNoRow) continue;
    const double amount = deals.amount[o.deal];
    acc[r].stages[static_cast<std::size_t>(stage_slot[deals.status[o.deal]])].add(amount);
    acc[r].pipeline.add(amount);
    acc[r].weighted.add(o.expected_value.value_or(kNaN));
    if (expiring_soon(deals, o.deal, scope, settings)) ++rows[r].closing_soon;
    if (is_stale(deals, o.deal, scope, settings)) ++rows[r].stale;
  }
  for (std::uint32_t d : selection.closed) {
    const std::uint32_t r = deal_rep_row[deals.rep[d]];
    if (r == kNoRow) continue;
    if (deals.outcome[d] != Outcome::won) {
      ++rows[r].lost;
      continue;
    }
    ++rows[r].won;
    acc[r].won_amount.add(deals.amount[d]);
    if (auto cycle = days_between(deals.created[d], deals.close[d]))
      acc[r].won_cycles.push_back(*cycle);
  }

  if (facts) {
    // Orders are grouped by customer, so one stamp per rep counts distinct customers.
    for (std::uint32_t o = 0; o < facts->order_count(); ++o) {
      const std::uint32_t r = order_rep_row[facts->order_rep[o]];
      if (r == kNoRow || !scope.in_period(facts->order_day[o]) ||
          !order_in_filter(*facts, scope, o))
        continue;
      bool any_line = false, positive = false;
      double revenue = 0;
      for (std::uint32_t l = facts->order_line_begin[o]; l < facts->order_line_begin[o + 1]; ++l) {
        if (!line_in_filter(*facts, scope, l)) continue;
        any_line = true;
        const double qty = facts->line_quantity[l];
        positive = positive || std::isnan(qty) || qty > 0;  // an order header is an order
        revenue += facts->line_revenue[l];
      }
      if (!any_line) continue;
      RepAcc& a = acc[r];
      a.revenue += revenue;
      if (!positive) continue;
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
      acc[r].attention.emplace_back(row.overdue_ratio.value_or(0),
                                    facts->customer_id[row.customer]);
    }
  }

  // Name, manager and team from the sales_reps files.
  std::unordered_map<StrId, std::size_t> described;
  for (std::size_t k = 0; k < deals.reps.size(); ++k) described.emplace(deals.reps[k], k);

  const bool amounts = deals.has_amount;
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
    if (facts) {
      row.revenue = a.revenue;
      row.orders = a.orders;
      row.aov = a.orders > 0 ? std::optional<double>(a.revenue / static_cast<double>(a.orders))
                             : std::nullopt;
      row.customers = a.customers;
      row.customers_overdue = a.overdue;
    }
    std::sort(a.attention.begin(), a.attention.end(), [&](const auto& x, const auto& y) {
      if (x.first != y.first) return x.first > y.first;
      return strings.view(x.second) < strings.view(y.second);
    });
    for (std::size_t i = 0; i < a.attention.size() && i < kMaxAttention; ++i)
      row.attention.push_back(a.attention[i].second);
  }

  const StrId unassigned = strings.find("Unassigned");
  std::sort(rows.begin(), rows.end(), [&](const RepRow& a, const RepRow& b) {
    const bool ua = a.rep == unassigned, ub = b.rep == unassigned;
    if (ua != ub) return ub;
    return strings.view(a.rep) < strings.view(b.rep);
  });
  return SalesTeamReport{std::move(rows)};
}

}  // namespace pulse::kpi
