#include "pulse/kpi/negotiations.h"

#include "pulse/kpi/month_range.h"

#include <algorithm>
#include <unordered_map>

#include "pulse/kpi/stats.h"

namespace pulse::kpi {
namespace {

constexpr std::size_t kMinConditional = 10;  // closed deals needed for an age-conditional rate

std::optional<double> mean(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

std::optional<double> rate(std::int64_t won, std::int64_t lost) {
  return ratio(static_cast<double>(won), static_cast<double>(won + lost));
}

/// The catalog of each deal's customer, for the catalog filter: the customers file's, else
/// the one the customer's orders give (Facts), else "All" as for order lines.
class DealCatalogs {
 public:
  DealCatalogs(const DealFacts& deals, const Facts* facts, const StringPool& strings)
      : deals_(deals), all_(strings.find("All")) {
    if (!facts) return;
    for (std::size_t c = 0; c < facts->customer_count(); ++c)
      by_customer_.emplace(facts->customer_id[c], facts->customer_catalog[c]);
  }
  StrId of(std::uint32_t d) const {
    if (deals_.customer_catalog[d] != kNoStr) return deals_.customer_catalog[d];
    auto it = by_customer_.find(deals_.customer[d]);
    if (deals_.customer[d] != kNoStr && it != by_customer_.end() && it->second != kNoStr)
      return it->second;
    return all_;
  }

 private:
  const DealFacts& deals_;
  StrId all_;
  std::unordered_map<StrId, StrId> by_customer_;
};

/// Closed deals with a cycle, by cycle, to read "won share among cycles > age" in log time.
class CycleTable {
 public:
  void add(double cycle, bool won) { rows_.push_back({cycle, won}); }
  void seal() {
    std::sort(rows_.begin(), rows_.end());
    won_after_.assign(rows_.size() + 1, 0);
    for (std::size_t i = rows_.size(); i-- > 0;)
      won_after_[i] = won_after_[i + 1] + (rows_[i].second ? 1 : 0);
  }
  /// Won share among deals with cycle > age, or nullopt when fewer than kMinConditional.
  std::optional<double> won_share_longer_than(double age) const {
    const auto first = std::upper_bound(rows_.begin(), rows_.end(), std::make_pair(age, true));
    const std::size_t at = static_cast<std::size_t>(first - rows_.begin());
    const std::size_t count = rows_.size() - at;
    if (count < kMinConditional) return std::nullopt;
    return static_cast<double>(won_after_[at]) / static_cast<double>(count);
  }

 private:
  std::vector<std::pair<double, bool>> rows_;
  std::vector<std::size_t> won_after_;
};

}  // namespace

DealSelection select_deals(const DealFacts& deals, const Facts* facts, const Scope& scope,
                           const StringPool& strings) {
  DealSelection out;
  std::optional<DealCatalogs> catalogs;
  if (scope.catalog) catalogs.emplace(deals, facts, strings);
  // A filter on a value absent from the data (kNoStr) matches nothing.
  auto matches = [](const std::optional<StrId>& filter, StrId value) {
    return !filter || (*filter != kNoStr && value == *filter);
  };
  for (std::uint32_t d = 0; d < deals.deal_count(); ++d) {
    if (!matches(scope.sales_rep, deals.reps[deals.rep[d]])) continue;
    if (!matches(scope.customer, deals.customer[d])) continue;
    if (catalogs && !matches(scope.catalog, catalogs->of(d))) continue;
    const Day created = deals.created[d];
    if (created != kNoDay && scope.in_period(created)) out.created.push_back(d);
    if (deals.outcome[d] == Outcome::open) {
      if (created == kNoDay || created <= scope.as_of) out.open.push_back(d);
    } else if (deals.close[d] == kNoDay) {
      ++out.closed_undated;
    } else if (scope.in_period(deals.close[d])) {
      out.closed.push_back(d);
    }
  }
  return out;
}

bool expiring_soon(const DealFacts& deals, std::uint32_t deal, const Scope& scope,
                   const Settings& settings) {
  const Day e = deals.expires[deal];
  return e != kNoDay && scope.as_of != kNoDay && e >= scope.as_of &&
         static_cast<std::int64_t>(e) <=
             static_cast<std::int64_t>(scope.as_of) + settings.expiring_days;
}

NegotiationReport negotiations(const DealFacts& deals, const DealSelection& selection,
                               const Scope& scope, const Settings& settings,
                               const StringPool& strings) {
  NegotiationReport report;
  NegotiationSummary& s = report.summary;
  const bool amounts = deals.has_amount;

  // Months of the period.
  const MonthRange range(scope.from, scope.to);
  const std::size_t months = range.size();
  std::vector<AmountSum> month_won_amount(months);
  std::vector<std::vector<double>> month_won_cycles(months);
  report.monthly.resize(months);
  for (std::size_t m = 0; m < months; ++m) report.monthly[m].month = range.start(m);
  auto month_of = [&](Day d) -> NegotiationMonth* {
    const std::ptrdiff_t mi = range.index(d);
    return mi < 0 ? nullptr : &report.monthly[static_cast<std::size_t>(mi)];
  };

  // By status: one slot per (status, outcome), since an order link makes an open status won.
  std::vector<std::int64_t> status_count(deals.status_label.size() * 3, 0);
  std::vector<AmountSum> status_amount(status_count.size());
  auto count_status = [&](std::uint32_t d) {
    const std::size_t slot = deals.status[d] * 3 + static_cast<std::size_t>(deals.outcome[d]);
    ++status_count[slot];
    status_amount[slot].add(deals.amount[d]);
  };

  // Closed deals: outcome counts, amounts, cycles, discount, monthly.
  AmountSum won_amount;
  std::vector<double> won_cycles, lost_cycles, discounts, rounds, negotiation_days;
  CycleTable cycles;
  auto note_history = [&](std::uint32_t d) {
    if (deals.events[d] == 0) return;
    rounds.push_back(deals.rounds[d]);
    negotiation_days.push_back(static_cast<double>(deals.last_event[d]) - deals.first_event[d]);
  };
  for (std::uint32_t d : selection.closed) {
    const bool won = deals.outcome[d] == Outcome::won;
    count_status(d);
    note_history(d);
    NegotiationMonth* month = month_of(deals.close[d]);
    const auto cycle = days_between(deals.created[d], deals.close[d]);
    if (cycle) cycles.add(*cycle, won);
    if (won) {
      ++s.won;
      won_amount.add(deals.amount[d]);
      if (cycle) won_cycles.push_back(*cycle);
      const double a = deals.amount[d], o = deals.original_amount[d];
      if (a > 0 && o > 0) discounts.push_back(1.0 - a / o);
      if (month) {
        ++month->won;
        const auto m = static_cast<std::size_t>(month - report.monthly.data());
        month_won_amount[m].add(deals.amount[d]);
        if (cycle) month_won_cycles[m].push_back(*cycle);
      }
    } else {
      ++s.lost;
      if (cycle) lost_cycles.push_back(*cycle);
      if (month) ++month->lost;
    }
  }
  for (std::uint32_t d : selection.created)
    if (NegotiationMonth* month = month_of(deals.created[d])) ++month->created;
  for (std::size_t m = 0; m < months; ++m) {
    report.monthly[m].win_rate = rate(report.monthly[m].won, report.monthly[m].lost);
    report.monthly[m].won_amount = month_won_amount[m].value(amounts);
    report.monthly[m].cycle_days_median = median(month_won_cycles[m]);
  }

  s.win_rate = rate(s.won, s.lost);
  s.won_amount = won_amount.value(amounts);
  if (s.won_amount && won_amount.known > 0)
    s.avg_deal_size = *s.won_amount / static_cast<double>(won_amount.known);
  s.cycle_days_mean = mean(won_cycles);
  s.cycle_days_median = median(won_cycles);
  s.lost_cycle_days_median = median(lost_cycles);
  s.avg_discount = mean(discounts);
  s.closed_undated = selection.closed_undated;

  // Open deals: age, win probability conditional on age, expected value.
  cycles.seal();
  for (std::uint32_t d : selection.open) {
    ++s.open;
    count_status(d);
    note_history(d);
    OpenDeal row;
    row.deal = d;
    const auto age = days_between(deals.created[d], scope.as_of);
    if (age) row.age_days = static_cast<std::int64_t>(*age);
    row.win_probability = s.win_rate;
    if (age)
      if (auto conditional = cycles.won_share_longer_than(*age)) row.win_probability = conditional;
    if (row.win_probability && !std::isnan(deals.amount[d]))
      row.expected_value = deals.amount[d] * *row.win_probability;
    row.expiring_soon = expiring_soon(deals, d, scope, settings);
    if (row.expiring_soon) ++s.expiring_soon;
    report.open.push_back(row);
  }
  s.deals = s.open + s.won + s.lost;
  if (deals.has_events) {
    s.rounds_mean = mean(rounds);
    s.negotiation_days_median = median(negotiation_days);
  }

  for (std::size_t slot = 0; slot < status_count.size(); ++slot) {
    if (status_count[slot] == 0) continue;
    StatusRow row;
    row.status = static_cast<std::uint32_t>(slot / 3);
    row.outcome = static_cast<Outcome>(slot % 3);
    row.count = status_count[slot];
    row.amount = status_amount[slot].value(amounts);
    report.by_status.push_back(row);
  }
  std::sort(report.by_status.begin(), report.by_status.end(),
            [&](const StatusRow& a, const StatusRow& b) {
              if (a.outcome != b.outcome) return a.outcome < b.outcome;
              return deals.status_rank[a.status] < deals.status_rank[b.status];
            });

  // Most valuable first; unknown values last; the deal id keeps the order reproducible.
  std::sort(report.open.begin(), report.open.end(), [&](const OpenDeal& a, const OpenDeal& b) {
    if (a.expected_value.has_value() != b.expected_value.has_value())
      return a.expected_value.has_value();
    if (a.expected_value && *a.expected_value != *b.expected_value)
      return *a.expected_value > *b.expected_value;
    const double aa = deals.amount[a.deal], ba = deals.amount[b.deal];
    if (std::isnan(aa) != std::isnan(ba)) return !std::isnan(aa);
    if (!std::isnan(aa) && aa != ba) return aa > ba;
    return strings.view(deals.deal_id[a.deal]) < strings.view(deals.deal_id[b.deal]);
  });
  return report;
}

}  // namespace pulse::kpi
