#include "pulse/kpi/deal_cutoff.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace pulse::kpi {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Day earlier(Day a, Day b) {
  return a == kNoDay ? b : (b == kNoDay ? a : std::min(a, b));
}
Day later(Day a, Day b) {
  return a == kNoDay ? b : (b == kNoDay ? a : std::max(a, b));
}

/// Whether deal d existed at the end of `cutoff`.
bool existed(const DealFacts& all, std::size_t d, Day cutoff) {
  if (all.created[d] != kNoDay) return all.created[d] <= cutoff;
  const Day first_seen = earlier(all.first_event[d], earlier(all.updated[d], all.close[d]));
  return first_seen == kNoDay || first_seen <= cutoff;  // a deal with no date at all stays
}

/// The status a reopened deal takes: the open status first in the funnel, else a new "open".
std::uint32_t first_open_status(DealFacts& cut, StringPool& strings) {
  std::uint32_t best = static_cast<std::uint32_t>(cut.status_label.size());
  for (std::uint32_t s = 0; s < cut.status_label.size(); ++s)
    if (cut.status_outcome[s] == Outcome::open &&
        (best == cut.status_label.size() || cut.status_rank[s] < cut.status_rank[best]))
      best = s;
  if (best < cut.status_label.size()) return best;
  cut.status_label.push_back(strings.intern("open"));
  cut.status_outcome.push_back(Outcome::open);
  cut.status_rank.push_back(static_cast<std::uint32_t>(cut.status_rank.size()));
  return best;
}

}  // namespace

DealCut deals_as_of(const DealFacts& all, Day cutoff, const config::Settings& settings,
                    StringPool& strings) {
  DealCut out;
  DealFacts& cut = out.deals;
  cut.status_label = all.status_label;
  cut.status_outcome = all.status_outcome;
  cut.status_rank = all.status_rank;
  cut.reps = all.reps;
  cut.rep_name = all.rep_name;
  cut.rep_manager = all.rep_manager;
  cut.rep_team = all.rep_team;
  cut.has_deals = all.has_deals;
  cut.has_events = all.has_events;
  cut.has_amount = all.has_amount;
  cut.warnings = all.warnings;

  bool open_deal_has_amount = false;
  for (std::size_t d = 0; d < all.deal_count(); ++d)
    if (all.outcome[d] == Outcome::open && !std::isnan(all.amount[d])) open_deal_has_amount = true;
  out.amounts_removed = all.has_amount && !open_deal_has_amount;

  // The dated history (event_day, event_status) lets the cut keep exactly the events up to
  // the cutoff, and read the status the deal had then.
  const bool has_sequence = all.event_begin.size() == all.deal_count() + 1;
  cut.event_begin.push_back(0);
  const std::string rounds_status = config::fold_status(settings.rounds_status);
  std::vector<bool> is_round(cut.status_label.size());
  for (std::size_t s = 0; s < is_round.size(); ++s)
    is_round[s] = config::fold_status(strings.view(cut.status_label[s])) == rounds_status;

  std::uint32_t reopened_status = 0;
  bool have_reopened_status = false;
  for (std::size_t d = 0; d < all.deal_count(); ++d) {
    if (!existed(all, d, cutoff)) {
      ++out.removed;
      continue;
    }
    out.source.push_back(static_cast<std::uint32_t>(d));
    cut.deal_id.push_back(all.deal_id[d]);
    cut.customer.push_back(all.customer[d]);
    cut.customer_catalog.push_back(all.customer_catalog[d]);
    cut.rep.push_back(all.rep[d]);
    cut.created.push_back(all.created[d]);
    cut.expires.push_back(all.expires[d]);
    cut.updated.push_back(all.updated[d] != kNoDay && all.updated[d] > cutoff ? kNoDay
                                                                              : all.updated[d]);

    std::uint32_t status = all.status[d];
    Outcome outcome = all.outcome[d];
    Day close = all.close[d];
    double amount = all.amount[d], original = all.original_amount[d];
    if (outcome != Outcome::open && close != kNoDay && close > cutoff) {
      ++out.reopened;
      outcome = Outcome::open;
      close = kNoDay;
      if (cut.status_outcome[status] != Outcome::open) {
        if (!have_reopened_status) {
          reopened_status = first_open_status(cut, strings);
          have_reopened_status = true;
        }
        status = reopened_status;
      }
      if (out.amounts_removed) amount = original = kNaN;
    }
    cut.status.push_back(status);
    cut.outcome.push_back(outcome);
    cut.close.push_back(close);
    cut.amount.push_back(amount);
    cut.original_amount.push_back(original);

    std::int32_t events = all.events[d], rounds = all.rounds[d];
    Day first_event = all.first_event[d], last_event = all.last_event[d];
    // Events with a status are in the dated sequence: keep those on or before the cutoff.
    const std::uint32_t seq_begin = has_sequence ? all.event_begin[d] : 0;
    const std::uint32_t seq_end = has_sequence ? all.event_begin[d + 1] : 0;
    std::int32_t kept = 0, kept_rounds = 0;
    Day kept_first = kNoDay, kept_last = kNoDay;
    for (std::uint32_t e = seq_begin; e < seq_end; ++e) {
      const Day day = all.event_day[e];
      if (day > cutoff) break;  // the sequence is by date
      const std::uint32_t event_status = all.event_status[e];
      cut.event_day.push_back(day);
      cut.event_status.push_back(event_status);
      ++kept;
      if (is_round[event_status]) ++kept_rounds;
      kept_first = earlier(kept_first, day);
      kept_last = later(kept_last, day);
      // The latest open status of the history is where the deal stood.
      if (outcome == Outcome::open && cut.status_outcome[event_status] == Outcome::open)
        cut.status.back() = event_status;
    }
    if (seq_end - seq_begin == static_cast<std::uint32_t>(all.events[d])) {
      // Every event is dated in the sequence: the counts are exact.
      events = kept;
      rounds = kept_rounds;
      first_event = kept_first;
      last_event = kept_last;
    } else if (first_event != kNoDay && first_event > cutoff) {
      events = rounds = 0;
      first_event = last_event = kNoDay;
    } else if (last_event != kNoDay && last_event > cutoff) {
      ++out.histories_trimmed;
      last_event = first_event;  // the latest event date known to be on or before the cutoff
    }
    cut.event_begin.push_back(static_cast<std::uint32_t>(cut.event_day.size()));
    cut.events.push_back(events);
    cut.rounds.push_back(rounds);
    cut.first_event.push_back(first_event);
    cut.last_event.push_back(last_event);
    cut.last_activity.push_back(later(last_event, cut.updated.back()));
    for (Day day : {cut.created.back(), cut.updated.back(), close, first_event, last_event}) {
      cut.first_day = earlier(cut.first_day, day);
      cut.last_day = later(cut.last_day, day);
    }
  }
  return out;
}

}  // namespace pulse::kpi
