#pragma once

#include <cstdint>
#include <vector>

#include "pulse/kpi/deals.h"

namespace pulse::kpi {

/// Deals as they stood at the end of a past day, with how the cut changed them.
struct DealCut {
  DealFacts deals;
  std::vector<std::uint32_t> source;   // per deal of the cut: its index in the full DealFacts
  std::int64_t removed = 0;            // not yet created at the cutoff
  std::int64_t reopened = 0;           // won or lost after the cutoff: open at it
  std::int64_t histories_trimmed = 0;  // history events on both sides of the cutoff
  bool amounts_removed = false;        // reopened deals lost their amount (rule below)
};

/// The deals of `all` as they stood at the end of `cutoff` (docs/backtest.md, "The deal cut"):
///  - a deal created after the cutoff is removed; one with no created_at is removed when it
///    has dates and the earliest (history, update, close) is after the cutoff;
///  - a deal won or lost after the cutoff is open, with no close date; its status becomes
///    the first open stage of the funnel (the facts keep no status history, and the first
///    stage is the one every deal passed), or "open" when no open status exists; a deal whose
///    own status is open (won by an order link) keeps it;
///  - a won or lost deal with no close date stays as it is (when it closed is unknown);
///  - no date after the cutoff survives: updated_at after it is unknown; of a dated history
///    (every event with its status in the sequence) only the events up to the cutoff are
///    kept, recounted (rounds with settings.rounds_status), and the latest open status among
///    them is the deal's status then; an undated history wholly after the cutoff is dropped,
///    and one on both sides keeps its counts (they may include later events) and its first
///    date as its last;
///  - amounts: a reopened deal loses amount and original_amount when no deal still open at
///    the end of the data has an amount, i.e. when the source gives amounts only on closed
///    deals (a CRM's close_value); otherwise amounts existed while negotiating (quote
///    totals) and are kept;
///  - expires_at is kept (an expiry is set in advance).
/// Deals keep their order; statuses, reps and their indices are those of `all` (one status,
/// "open", may be added at the end).
DealCut deals_as_of(const DealFacts& all, Day cutoff, const config::Settings& settings,
                    StringPool& strings);

}  // namespace pulse::kpi
