#include "pulse/kpi/negotiations.h"

#include "pulse/kpi/month_range.h"

#include <algorithm>
#include <unordered_map>

#include "pulse/kpi/stats.h"
#include "pulse/kpi/win_chance.h"
#include "pulse/util/sort_by.h"

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
    sort_by(rows_);  // the engine's one sort (sort_by.h)
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

/// The deals to learn win chances from: every deal in the filters created by as_of (with a
/// known created_at). One closed by as_of is an event at its cycle (a negative cycle, a data
/// error, counts as 0); one still open then (open now, or closed later) is censored at its
/// age. Won or lost deals without a close date cannot be placed and are left out.
class DealChances {
 public:
  DealChances(const DealFacts& deals, const DealSelection& selection, const Scope& scope,
              const StringPool& strings)
      : deals_(deals) {
    // "expired" is its own outcome; the other lost statuses are "lost".
    for (StrId label : deals.status_label)
      expired_.push_back(config::fold_status(strings.view(label)) == "expired");
    std::vector<CompetingObservation> observed;
    std::vector<std::vector<int>> levels(2);  // 0: rep, 1: amount band
    std::vector<double> amounts;
    std::int64_t open_with_amount = 0;
    for (std::uint32_t d : selection.filtered) {
      const Day created = deals.created[d];
      if (created == kNoDay || scope.as_of == kNoDay || created > scope.as_of) continue;
      const bool closed = deals.outcome[d] != Outcome::open;
      if (closed && deals.close[d] == kNoDay) continue;
      CompetingObservation o;
      if (closed && deals.close[d] <= scope.as_of) {
        o.time = std::max(0.0, static_cast<double>(deals.close[d]) - created);
        o.cause = cause_of(d);
      } else {
        o.time = static_cast<double>(scope.as_of) - created;
        o.cause = kDealOpen;
        if (known_amount(d)) ++open_with_amount;
      }
      observed.push_back(o);
      levels[0].push_back(static_cast<int>(deals.rep[d]));
      if (known_amount(d)) amounts.push_back(deals.amount[d]);
      trained_.push_back(d);
    }
    // Rule: the amount band is a covariate only when open deals carry amounts too (a CRM's
    // close_value exists only once a deal is closed, and would tell the outcome).
    if (open_with_amount >= WinChanceOptions{}.min_level_deals && amounts.size() >= 4) {
      sort_by(amounts);
      for (int q = 1; q < 4; ++q) cuts_.push_back(amounts[amounts.size() * q / 4]);
    }
    for (std::uint32_t d : trained_) levels[1].push_back(band(d));
    model_.emplace(std::move(observed), std::move(levels));
  }

  std::optional<WinChance> predict(std::uint32_t d, double age) const {
    return model_->predict(age, {static_cast<int>(deals_.rep[d]), band(d)});
  }

 private:
  bool known_amount(std::uint32_t d) const {
    return !std::isnan(deals_.amount[d]) && deals_.amount[d] > 0;
  }
  int band(std::uint32_t d) const {
    if (cuts_.empty() || !known_amount(d)) return -1;
    return static_cast<int>(std::upper_bound(cuts_.begin(), cuts_.end(), deals_.amount[d]) -
                            cuts_.begin());
  }
  int cause_of(std::uint32_t d) const {
    if (deals_.outcome[d] == Outcome::won) return kDealWon;
    return expired_[deals_.status[d]] ? kDealExpired : kDealLost;
  }

  const DealFacts& deals_;
  std::vector<std::uint32_t> trained_;
  std::vector<double> cuts_;   // amount quartiles of the deals learnt from
  std::vector<bool> expired_;  // per status
  std::optional<WinChanceModel> model_;
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
    out.filtered.push_back(d);
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
                   const config::Settings& settings) {
  const Day e = deals.expires[deal];
  return e != kNoDay && scope.as_of != kNoDay && e >= scope.as_of &&
         static_cast<std::int64_t>(e) <=
             static_cast<std::int64_t>(scope.as_of) + settings.expiring_days;
}

NegotiationReport negotiations(const DealFacts& deals, const DealSelection& selection,
                               const Scope& scope, const config::Settings& settings,
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
  for (std::size_t m = 0; m < months; ++m) {
    NegotiationMonth& month = report.monthly[m];
    month.month = range.start(m);
    month.partial = month.month < scope.from || range.start(m + 1) - 1 > scope.to;
  }
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
  report.win_probability_method = settings.win_probability_method;
  const bool closed_share = settings.win_probability_method == "closed_share";
  const DealChances chances(deals, selection, scope, strings);
  for (std::uint32_t d : selection.open) {
    ++s.open;
    count_status(d);
    note_history(d);
    OpenDeal row;
    row.deal = d;
    const auto age = days_between(deals.created[d], scope.as_of);
    if (age) row.age_days = static_cast<std::int64_t>(*age);
    // Rule: a deal of unknown age is read at age 0 (what a new deal's chance is).
    const auto chance = chances.predict(d, age.value_or(0.0));
    if (chance) {
      row.p_close_within_30d = chance->p_close_within;
      row.p_won_within_30d = chance->p_won_within;
      row.win_tail = chance->tail;
      if (chance->days_to_close && scope.as_of != kNoDay)
        row.expected_close =
            static_cast<Day>(scope.as_of + static_cast<Day>(std::ceil(*chance->days_to_close)));
    }
    if (closed_share) {
      row.win_probability = s.win_rate;
      if (age)
        if (auto conditional = cycles.won_share_longer_than(*age))
          row.win_probability = conditional;
    } else if (chance) {
      row.win_probability = chance->win_probability;
    }
    if (row.win_probability && !std::isnan(deals.amount[d]))
      row.expected_value = deals.amount[d] * *row.win_probability;
    row.expiring_soon = expiring_soon(deals, d, scope, settings);
    if (row.expiring_soon) ++s.expiring_soon;
    report.open.push_back(row);
  }
  s.deals = s.open + s.won + s.lost;
  std::vector<std::uint32_t> summary_deals = selection.closed;
  summary_deals.insert(summary_deals.end(), selection.open.begin(), selection.open.end());
  report.stage_flow = stage_flow(deals, summary_deals, scope, strings);
  report.deals = std::move(summary_deals);
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
  sort_by(report.by_status, [&](const StatusRow& a, const StatusRow& b) {
    if (a.outcome != b.outcome) return a.outcome < b.outcome;
    return deals.status_rank[a.status] < deals.status_rank[b.status];
  });

  // Most valuable first; unknown values last; the deal id keeps the order reproducible.
  sort_by(report.open, [&](const OpenDeal& a, const OpenDeal& b) {
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
