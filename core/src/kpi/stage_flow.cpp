#include "pulse/kpi/stage_flow.h"

#include <algorithm>
#include <unordered_map>

#include "pulse/kpi/stats.h"
#include "pulse/util/sort_by.h"

namespace pulse::kpi {
namespace {

struct StageAcc {
  std::int64_t reached = 0, moved = 0, won = 0;
  std::vector<double> days;  // per deal that left the stage: total days spent in it
};

bool has_history(const DealFacts& deals, std::uint32_t d) {
  return deals.event_begin.size() == deals.deal_count() + 1 &&
         deals.event_begin[d + 1] > deals.event_begin[d];
}

}  // namespace

StageFlow stage_flow(const DealFacts& deals, const std::vector<std::uint32_t>& selected,
                     const Scope& scope, const StringPool& strings) {
  (void)scope;
  const std::size_t statuses = deals.status_label.size();
  auto is_open_stage = [&](std::uint32_t s) { return deals.status_outcome[s] == Outcome::open; };

  // The funnel: every open status that is a selected deal's current status or in its history.
  std::vector<char> in_funnel(statuses, 0);
  for (std::uint32_t d : selected) {
    if (is_open_stage(deals.status[d])) in_funnel[deals.status[d]] = 1;
    if (!has_history(deals, d)) continue;
    for (std::uint32_t e = deals.event_begin[d]; e < deals.event_begin[d + 1]; ++e)
      if (is_open_stage(deals.event_status[e])) in_funnel[deals.event_status[e]] = 1;
  }
  std::vector<std::uint32_t> funnel;
  for (std::uint32_t s = 0; s < statuses; ++s)
    if (in_funnel[s]) funnel.push_back(s);
  sort_by(funnel, [&](std::uint32_t a, std::uint32_t b) {
    return deals.status_rank[a] < deals.status_rank[b];
  });
  std::vector<std::int32_t> slot(statuses, -1);
  for (std::size_t i = 0; i < funnel.size(); ++i) slot[funnel[i]] = static_cast<std::int32_t>(i);

  // Groups: 0 is the team, then one per rep that has a selected deal.
  std::unordered_map<std::uint32_t, std::size_t> rep_group;
  std::vector<std::uint32_t> group_rep;
  std::vector<std::vector<StageAcc>> acc(1, std::vector<StageAcc>(funnel.size()));

  std::vector<char> reached(funnel.size());
  std::vector<double> days(funnel.size());
  std::vector<char> left(funnel.size());
  for (std::uint32_t d : selected) {
    std::fill(reached.begin(), reached.end(), 0);
    std::fill(days.begin(), days.end(), 0.0);
    std::fill(left.begin(), left.end(), 0);
    const bool won = deals.outcome[d] == Outcome::won;
    const std::int32_t current = slot[deals.status[d]];
    if (current >= 0) reached[static_cast<std::size_t>(current)] = 1;
    if (has_history(deals, d)) {
      const std::uint32_t end = deals.event_begin[d + 1];
      for (std::uint32_t e = deals.event_begin[d]; e < end; ++e) {
        const std::int32_t k = slot[deals.event_status[e]];
        if (k < 0) continue;
        const auto i = static_cast<std::size_t>(k);
        reached[i] = 1;
        // Time in the stage runs to the next event, or to the close of a closed deal; the
        // current stage of an open deal is not finished and is not counted.
        const Day leave = e + 1 < end                         ? deals.event_day[e + 1]
                          : deals.outcome[d] != Outcome::open ? deals.close[d]
                                                              : kNoDay;
        if (leave == kNoDay) continue;
        days[i] += static_cast<double>(leave) - static_cast<double>(deals.event_day[e]);
        left[i] = 1;
      }
    } else if (deals.outcome[d] == Outcome::open) {
      // Rule: without a history the funnel is assumed walked in order up to the current stage.
      for (std::size_t i = 0; current >= 0 && i <= static_cast<std::size_t>(current); ++i)
        reached[i] = 1;
    } else {
      std::fill(reached.begin(), reached.end(), 1);  // a closed deal went through the funnel
    }
    std::size_t last_reached = 0;
    bool any = false;
    for (std::size_t i = 0; i < funnel.size(); ++i)
      if (reached[i]) last_reached = i, any = true;
    if (!any) continue;

    auto [it, added] = rep_group.emplace(deals.rep[d], acc.size());
    if (added) {
      group_rep.push_back(deals.rep[d]);
      acc.emplace_back(funnel.size());
    }
    for (std::size_t g : {std::size_t{0}, it->second}) {
      for (std::size_t i = 0; i < funnel.size(); ++i) {
        if (!reached[i]) continue;
        StageAcc& a = acc[g][i];
        ++a.reached;
        if (won || last_reached > i) ++a.moved;
        if (won) ++a.won;
        if (left[i]) a.days.push_back(days[i]);
      }
    }
  }

  auto rows_of = [&](std::vector<StageAcc>& group) {
    std::vector<StageFlowRow> rows;
    for (std::size_t i = 0; i < funnel.size(); ++i) {
      StageAcc& a = group[i];
      StageFlowRow row;
      row.status = funnel[i];
      row.reached = a.reached;
      row.to_next_share = ratio(static_cast<double>(a.moved), static_cast<double>(a.reached));
      row.won_share = ratio(static_cast<double>(a.won), static_cast<double>(a.reached));
      row.median_days_in_stage = median(a.days);
      rows.push_back(row);
    }
    return rows;
  };
  StageFlow out;
  out.team = rows_of(acc[0]);
  for (std::size_t g = 1; g < acc.size(); ++g)
    out.by_rep.push_back({deals.reps[group_rep[g - 1]], rows_of(acc[g])});
  const StrId unassigned = strings.find("Unassigned");  // last, as in the sales team
  sort_by(out.by_rep, [&](const RepStageFlow& a, const RepStageFlow& b) {
    if ((a.rep == unassigned) != (b.rep == unassigned)) return b.rep == unassigned;
    return strings.view(a.rep) < strings.view(b.rep);
  });
  return out;
}

}  // namespace pulse::kpi
