#include "pulse/ingest/date_order_evidence.h"

namespace pulse::ingest {
namespace {

// A reading "runs forward" when at most one change in 20 steps back in time: a date-sorted
// export with a few late entries still does; a shuffled file (half its steps back) does not.
constexpr std::uint64_t kForwardShare = 20;
// Steps at least 3 times shorter on average under one reading: a short export read the right
// way moves by days, read the wrong way by months (about 30 times longer).
constexpr std::int64_t kStepRatio = 3;
// Sign test on the steps the two readings disagree on (back under one, forward under the
// other): in a file in no date order each such step is as likely to favour either reading,
// so a difference of 3 standard deviations (z >= 3, one-sided p ~ 0.001) is not chance.
constexpr std::uint64_t kSignZ = 3;

io::DateOrder reading(std::size_t i) {
  return i == 0 ? io::DateOrder::dmy : io::DateOrder::mdy;
}

}  // namespace

const char* date_order_basis_name(DateOrderBasis basis) {
  switch (basis) {
    case DateOrderBasis::value_over_12:
      return "value_over_12";
    case DateOrderBasis::workspace:
      return "workspace";
    case DateOrderBasis::other_column:
      return "other_column";
    case DateOrderBasis::row_order:
      return "row_order";
    case DateOrderBasis::step_size:
      return "step_size";
    case DateOrderBasis::file_conventions:
      return "file_conventions";
    case DateOrderBasis::default_guess:
      return "default_guess";
    case DateOrderBasis::none:
      break;
  }
  return "";
}

void DateOrderEvidence::add(const io::DateScan& scan) {
  if (!scan.ok || scan.shape != io::DateShape::slash) return;
  // Both parts are 12 or less, so both readings are valid dates.
  const Day now[2] = {day_from_civil(scan.year, scan.second, scan.first),
                      day_from_civil(scan.year, scan.first, scan.second)};
  const bool first = previous_[0] == kNoDay;
  if (!first && now[0] != previous_[0]) {
    // The readings are one-to-one: a change under one is a change under the other.
    ++steps_;
    bool back[2];
    for (std::size_t r = 0; r < 2; ++r) {
      const std::int64_t step = static_cast<std::int64_t>(now[r]) - previous_[r];
      back[r] = step < 0;
      if (back[r]) ++backward_[r];
      distance_[r] += back[r] ? -step : step;
    }
    if (back[0] != back[1]) ++backward_only_[back[0] ? 0 : 1];
  }
  previous_[0] = now[0];
  previous_[1] = now[1];
}

DateOrderEvidence::Verdict DateOrderEvidence::verdict() const {
  if (steps_ == 0) return {};
  const bool weak = steps_ < kMinSteps;
  const auto runs_forward = [this](std::size_t r) {
    return backward_[r] * kForwardShare <= steps_;
  };

  // 1. Row order: the reading with clearly fewer steps back, when it runs forward (a sorted
  //    export) or when the difference passes the sign test (sorted in blocks, e.g. by customer
  //    then date).
  const std::size_t fewer = backward_[0] <= backward_[1] ? 0 : 1;
  const std::size_t more = 1 - fewer;
  if (backward_[fewer] < backward_[more]) {
    const std::uint64_t lead = backward_[more] - backward_[fewer];
    const std::uint64_t disagree = backward_only_[0] + backward_only_[1];
    if (runs_forward(fewer) || lead * lead >= kSignZ * kSignZ * disagree)
      return {reading(fewer), DateOrderBasis::row_order, weak};
  }
  // Both run forward alike (e.g. 1 to 12 December, in order: forward by days one way, by
  // months the other): the sorted file whose dates move in the smaller steps.
  const std::size_t shorter = distance_[0] <= distance_[1] ? 0 : 1;
  const bool clearly_shorter = distance_[shorter] * kStepRatio <= distance_[1 - shorter];
  if (backward_[0] == backward_[1] && runs_forward(0) && clearly_shorter)
    return {reading(shorter), DateOrderBasis::row_order, weak};

  // 2. Step size, whatever the row order: the short span a file without a day above 12
  //    usually covers (one month's first twelve days, not twelve months).
  if (clearly_shorter) return {reading(shorter), DateOrderBasis::step_size, weak};
  return {};
}

}  // namespace pulse::ingest
