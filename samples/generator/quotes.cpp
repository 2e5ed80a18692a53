#include "quotes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string_view>

namespace samplegen {

namespace {

namespace qs = quote_status;

constexpr int kGapDraws = 24;  // raw gaps for the longest possible history
constexpr int kFirstQuoteNumber = 10001;
constexpr Stamp kMinGap = 60;  // events of one quote are at least a minute apart

const char* const kPurposes[] = {
    "restock",          "annual supply",  "framework offer", "bulk order",     "new branch",
    "quarterly supply", "project supply", "price request",   "year-end order", "trade fair stock",
};
const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

Stamp AsOfEnd() {
  return StampOf(LastOrderDay(), kDaySeconds - 1);
}

enum class Kind { kOpen, kWon, kLost };

// Everything one quote needs from its company's stream, drawn up front in a fixed order so that
// no later decision shifts the draws of another quote.
struct Draft {
  int company = -1;
  int seq = 0;             // index within the company
  Day day = 0;             // tentative creation day (a won quote moves to order day - cycle)
  int64_t second = 0;      // time of day of creation
  int64_t end_second = 0;  // time of day an order is placed
  bool by_admin = false;   // the rep drafted the quote (draft_by_admin) instead of the buyer
  int rounds = 1;          // planned rep offers (submitted_by_admin)
  Stamp horizon = 0;       // seconds from creation until the quote would be resolved
  double lost_u = 0.0;     // declined / closed / expired
  double lost_days = 0.0;  // length of a declined or closed negotiation
  double discount_z = 0.0;
  double amount_factor = 1.0;
  double cron_u = 0.0;
  double name_u = 0.0;
  int cat1 = 0;
  int cat2 = 0;
  int purpose = 0;
  std::vector<double> gaps;

  Kind kind = Kind::kOpen;
  bool forced_expired = false;  // an open candidate whose offer ran out before as_of
  const char* lost_type = qs::kDeclined;
  int cycle_days = 0;
  int order_index = -1;
  std::vector<QuoteEvent> events;
  Stamp expires = 0;
};

Stamp Created(const Draft& d) {
  return StampOf(d.day, d.second);
}

// Typical hours before `next` when the quote is in `prev` (scaled to the quote's span later).
double TypicalHours(const char* prev, const char* next) {
  const std::string_view p(prev), n(next);
  if (n == qs::kSubmittedByCustomer) return p == qs::kCreated ? 0.5 : 60.0;
  if (n == qs::kProcessingByAdmin) return 8.0;
  if (n == qs::kSubmittedByAdmin) return p == qs::kDraftByAdmin ? 24.0 : 20.0;
  if (n == qs::kProcessingByCustomer) return 30.0;
  if (n == qs::kDeclined) return 12.0;
  return 72.0;  // ordered, closed, or whatever would have come next
}

// Statuses of a negotiation with `rounds` rep offers, before its final event. A declined quote
// ends with a counter-request the rep turns down.
std::vector<const char*> Sequence(bool by_admin, int rounds, const char* ending) {
  std::vector<const char*> s;
  if (by_admin) {
    s = {qs::kDraftByAdmin, qs::kSubmittedByAdmin, qs::kProcessingByCustomer};
  } else {
    s = {qs::kCreated, qs::kSubmittedByCustomer, qs::kProcessingByAdmin, qs::kSubmittedByAdmin,
         qs::kProcessingByCustomer};
  }
  for (int r = 1; r < rounds; ++r) {
    s.insert(s.end(), {qs::kSubmittedByCustomer, qs::kProcessingByAdmin, qs::kSubmittedByAdmin,
                       qs::kProcessingByCustomer});
  }
  if (ending && std::string_view(ending) == qs::kDeclined)
    s.insert(s.end(), {qs::kSubmittedByCustomer, qs::kProcessingByAdmin});
  return s;
}

// Rounds that fit a negotiation of `span` seconds: one offer per ~4 days at most.
int RoundsFor(int planned, Stamp span) {
  const int fit = 1 + static_cast<int>(span / (4 * kDaySeconds));
  return std::max(1, std::min(planned, fit));
}

// Working time: people act between 08:00 and 18:00, so negotiations are laid out on an axis
// that counts only those hours (any day of the week) and mapped back to calendar time.
constexpr int64_t kWorkStart = 8 * 3600;
constexpr int64_t kWorkSeconds = 10 * 3600;
int64_t WorkTime(Stamp stamp) {
  const Day day = DayOfStamp(stamp);
  const int64_t second = stamp - StampOf(day, 0);
  return static_cast<int64_t>(day) * kWorkSeconds +
         std::clamp<int64_t>(second - kWorkStart, 0, kWorkSeconds - 1);
}
Stamp FromWorkTime(int64_t work) {
  const Day day = static_cast<Day>(work / kWorkSeconds);
  return StampOf(day, kWorkStart + work % kWorkSeconds);
}

// Places `statuses` from `created` on, with a final event `terminal` (nullptr: a hypothetical
// end that is dropped) at `end`; gaps keep their typical proportions in working time and are at
// least a minute each.
std::vector<QuoteEvent> Timeline(Stamp created, Stamp end, const std::vector<const char*>& statuses,
                                 const char* terminal, const std::vector<double>& gaps) {
  const size_t k = statuses.size();  // gaps: k - 1 between statuses, one before the end
  std::vector<double> raw(k);
  double total = 0.0;
  for (size_t i = 0; i < k; ++i) {
    const char* next = i + 1 < k ? statuses[i + 1] : (terminal ? terminal : qs::kOrdered);
    raw[i] = TypicalHours(statuses[i], next) * gaps[i];
    total += raw[i];
  }
  const int64_t w0 = WorkTime(created);
  const int64_t w1 = WorkTime(end);
  const int64_t available = w1 - w0 - kMinGap * static_cast<int64_t>(k);
  if (available < 0) std::abort();
  std::vector<QuoteEvent> events = {{created, statuses[0]}};
  int64_t w = w0;
  for (size_t i = 0; i + 1 < k; ++i) {
    w +=
        kMinGap + static_cast<int64_t>(std::floor(raw[i] / total * static_cast<double>(available)));
    events.push_back({FromWorkTime(w), statuses[i + 1]});
  }
  if (terminal) events.push_back({FromWorkTime(w1), terminal});
  return events;
}

struct Walked {
  std::vector<QuoteEvent> events;
  Stamp expires = 0;
  bool open = false;
};

// Replays planned events against the offer's validity and as_of: the quote expires (cron run
// shortly after midnight of the expiry day) when its validity runs out first, and stays open
// when as_of comes first. A quote is valid `validity` days from its creation; a rep offer sent
// with less than 14 days left renews that from the offer's day. `ordered` (won quotes) is never
// preempted: the rep extends the validity by 14 days at a time when it runs out.
Walked Walk(const std::vector<QuoteEvent>& planned, int validity, double cron_u) {
  Walked w;
  w.expires = StampOf(DayOfStamp(planned.front().time) + validity, 0);
  const Stamp as_of_end = AsOfEnd();
  const Stamp cron = 300 + static_cast<Stamp>(std::floor(cron_u * 900.0));
  const bool won = std::string_view(planned.back().status) == qs::kOrdered;
  for (const QuoteEvent& e : planned) {
    if (won) {
      while (e.time >= w.expires) w.expires += 14 * kDaySeconds;
    }
    if (e.time >= w.expires) {
      if (w.expires <= as_of_end) {
        w.events.push_back({w.expires + cron, qs::kExpired});
      } else {
        w.open = true;
      }
      return w;
    }
    if (e.time > as_of_end) {
      w.open = true;
      return w;
    }
    w.events.push_back(e);
    // An offer sent with less than two weeks of validity left renews it.
    if (std::string_view(e.status) == qs::kSubmittedByAdmin &&
        DayOfStamp(e.time) + 14 > DayOfStamp(w.expires)) {
      w.expires = StampOf(DayOfStamp(e.time) + validity, 0);
    }
  }
  const char* last = w.events.back().status;
  const std::string_view l(last);
  if (l == qs::kOrdered || l == qs::kDeclined || l == qs::kClosed) return w;
  // No final event planned: the quote expires unless as_of comes first.
  if (w.expires <= as_of_end) {
    w.events.push_back({w.expires + cron, qs::kExpired});
  } else {
    w.open = true;
  }
  return w;
}

// Lost negotiation of a closed candidate, built before the outcome quota is known.
Walked BuildLost(Draft& d, const QuotePlan& plan) {
  const Stamp created = Created(d);
  const Stamp span = std::min<Stamp>(
      static_cast<Stamp>(std::llround(d.lost_days * static_cast<double>(kDaySeconds))),
      std::min<Stamp>(d.horizon, AsOfEnd() - created));
  const int rounds = RoundsFor(d.rounds, span);
  const bool expired = std::string_view(d.lost_type) == qs::kExpired;
  const char* terminal = expired ? nullptr : d.lost_type;
  std::vector<QuoteEvent> planned = Timeline(
      created, created + span, Sequence(d.by_admin, rounds, d.lost_type), terminal, d.gaps);
  return Walk(planned, plan.validity_days, d.cron_u);
}

int64_t MedianCents(std::vector<int64_t> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int64_t OrderCents(const Order& order) {
  int64_t cents = 0;
  for (const OrderLine& line : order.lines) cents += line.RevenueCents();
  return cents;
}

int CountStatus(const std::vector<QuoteEvent>& events, const char* status) {
  int n = 0;
  for (const QuoteEvent& e : events) n += std::string_view(e.status) == status ? 1 : 0;
  return n;
}

int64_t DiscountPermille(int rounds, double z, double base, const QuotePlan& plan) {
  const double d = base + 0.022 * rounds + 0.03 * z;
  return std::clamp<int64_t>(std::llround(1000.0 * d), 0, plan.max_discount_permille);
}

std::string QuoteName(const World& world, const Draft& d, Stamp created) {
  const std::string cat1 = world.categories[d.cat1];
  const std::string cat2 = world.categories[d.cat2];
  std::string purpose = kPurposes[d.purpose];
  const Civil c = CivilFromDay(DayOfStamp(created));
  if (d.name_u < 0.55) return cat1 + " " + purpose;
  if (d.name_u < 0.70 && d.cat1 != d.cat2) return cat1 + ", " + cat2 + " " + purpose;
  if (d.name_u < 0.85) {
    purpose[0] = static_cast<char>(purpose[0] - 'a' + 'A');
    return purpose + " " + kMonths[c.month - 1] + " " + std::to_string(c.year);
  }
  return cat1 + " offer " + std::to_string(c.year) + "-Q" + std::to_string((c.month + 2) / 3);
}

}  // namespace

std::string FormatStamp(Stamp stamp) {
  const Day day = DayOfStamp(stamp);
  const int64_t s = stamp - static_cast<Stamp>(day) * kDaySeconds;
  const Civil c = CivilFromDay(day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day,
                static_cast<int>(s / 3600), static_cast<int>(s / 60 % 60),
                static_cast<int>(s % 60));
  return buf;
}

std::vector<Quote> SimulateQuotes(const World& world, const std::vector<Order>& orders,
                                  const QuotePlan& plan, const Rng& root) {
  const size_t n_companies = world.companies.size();
  const Day first = FirstOrderDay();
  const Day as_of = LastOrderDay();
  const Stamp as_of_end = AsOfEnd();

  // Orders a won quote may become: non-canceled sales orders (no return documents).
  std::vector<std::vector<int>> eligible(n_companies);
  std::vector<int64_t> median_order(n_companies);
  for (size_t i = 0; i < orders.size(); ++i) {
    const Order& o = orders[i];
    if (!o.is_return && o.status != OrderStatus::kCanceled) {
      eligible[o.company].push_back(static_cast<int>(i));
    }
  }
  for (size_t c = 0; c < n_companies; ++c) {
    std::vector<int64_t> totals;
    for (int i : eligible[c]) totals.push_back(OrderCents(orders[i]));
    median_order[c] = MedianCents(totals);
  }

  // Quotes per company: proportional to (orders)^0.8, exactly plan.total by largest remainder.
  std::vector<double> weight(n_companies);
  double weight_sum = 0.0;
  for (size_t c = 0; c < n_companies; ++c) {
    weight[c] = std::pow(static_cast<double>(eligible[c].size()), 0.8);
    weight_sum += weight[c];
  }
  std::vector<int> count(n_companies);
  std::vector<std::pair<double, size_t>> remainders;
  int assigned = 0;
  for (size_t c = 0; c < n_companies; ++c) {
    const double exact = plan.total * weight[c] / weight_sum;
    count[c] = static_cast<int>(std::floor(exact));
    assigned += count[c];
    remainders.push_back({exact - count[c], c});
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = 0; assigned < plan.total; ++i, ++assigned) ++count[remainders[i].second];

  // 1. Drafts from one stream per company.
  std::vector<Draft> drafts;
  for (size_t c = 0; c < n_companies; ++c) {
    const Company& company = world.companies[c];
    Rng rng = root.Derive("quotes/plan/" + company.id);
    const Day start = std::max(first, company.created_at);
    const Day end = std::min(as_of, company.churn_day);
    for (int k = 0; k < count[c]; ++k) {
      Draft d;
      d.company = static_cast<int>(c);
      d.seq = k;
      d.day = static_cast<Day>(rng.UniformInt(start, end));
      // Few weekend requests: most move to the Friday before or the Monday after.
      const bool move = rng.Bernoulli(0.85);
      const bool forward = rng.Bernoulli(0.5);
      if (IsWeekend(d.day) && move) {
        const Day monday = d.day + (7 - Weekday(d.day));
        const Day friday = d.day - (Weekday(d.day) - 4);
        if (forward && monday <= end) {
          d.day = monday;
        } else if (friday >= start) {
          d.day = friday;
        } else if (monday <= end) {
          d.day = monday;
        }
      }
      d.second = rng.UniformInt(8 * 3600, 17 * 3600 + 1800);
      d.end_second = rng.UniformInt(8 * 3600, 17 * 3600);
      d.by_admin = rng.Bernoulli(0.08);
      d.rounds = 1 + static_cast<int>(rng.Weighted({0.42, 0.31, 0.18, 0.09}));
      d.horizon = static_cast<Stamp>(std::llround(rng.Uniform(4.0, 70.0) * kDaySeconds));
      d.lost_u = rng.Uniform();
      d.lost_days = std::clamp(8.0 * std::exp(rng.Normal(0.0, 0.6)), 0.5, 28.0);
      d.discount_z = rng.Normal(0.0, 1.0);
      d.amount_factor = std::exp(rng.Normal(0.1, 0.45));
      d.cron_u = rng.Uniform();
      d.name_u = rng.Uniform();
      d.cat1 = company.assortment.empty()
                   ? 0
                   : world
                         .products[company.assortment[rng.UniformInt(
                             0, std::min<int64_t>(5, company.assortment.size()) - 1)]]
                         .category;
      d.cat2 =
          static_cast<int>(rng.UniformInt(0, static_cast<int64_t>(world.categories.size()) - 1));
      d.purpose =
          static_cast<int>(rng.UniformInt(0, static_cast<int64_t>(std::size(kPurposes)) - 1));
      for (int g = 0; g < kGapDraws; ++g) d.gaps.push_back(std::exp(rng.Normal(0.0, 0.5)));
      drafts.push_back(d);
    }
  }

  // 2. Open candidates (not resolved by as_of) and the lost variant of every closed candidate.
  for (Draft& d : drafts) {
    const Stamp created = Created(d);
    if (created + d.horizon > as_of_end) {
      const int rounds = RoundsFor(d.rounds, d.horizon);
      const std::vector<QuoteEvent> planned = Timeline(
          created, created + d.horizon, Sequence(d.by_admin, rounds, nullptr), nullptr, d.gaps);
      Walked w = Walk(planned, plan.validity_days, d.cron_u);
      d.events = w.events;
      d.expires = w.expires;
      if (w.open) {
        d.kind = Kind::kOpen;
      } else {
        d.kind = Kind::kLost;
        d.forced_expired = true;
        d.lost_type = qs::kExpired;
      }
      continue;
    }
    d.lost_type = d.lost_u < 0.35 ? qs::kDeclined : (d.lost_u < 0.60 ? qs::kClosed : qs::kExpired);
    Walked w = BuildLost(d, plan);
    if (w.open) {  // the offer would still be valid at as_of: the rep declines instead
      d.lost_type = qs::kDeclined;
      w = BuildLost(d, plan);
    }
    d.events = w.events;
    d.expires = w.expires;
    d.kind = Kind::kLost;
  }

  // Every open Magento status occurs: when no open quote is still at `created` (the buyer has
  // not sent the request yet) or at `draft_by_admin`, the most recently created open quote of
  // that kind is cut back to its first event.
  for (const bool admin : {false, true}) {
    const std::string_view first_status = admin ? qs::kDraftByAdmin : qs::kCreated;
    bool present = false;
    int latest = -1;
    for (size_t i = 0; i < drafts.size(); ++i) {
      const Draft& d = drafts[i];
      if (d.kind != Kind::kOpen || d.by_admin != admin) continue;
      present |= d.events.back().status == first_status;
      if (latest < 0 || d.events.front().time > drafts[latest].events.front().time) {
        latest = static_cast<int>(i);
      }
    }
    if (present || latest < 0) continue;
    Draft& d = drafts[latest];
    d.events.resize(1);
    d.expires = StampOf(d.day + plan.validity_days, 0);
  }

  // 3. Exact win quota per rep among its closed quotes.
  for (size_t r = 0; r < world.reps.size(); ++r) {
    std::vector<size_t> pool;
    int closed = 0;
    for (size_t i = 0; i < drafts.size(); ++i) {
      const Draft& d = drafts[i];
      if (world.companies[d.company].rep != static_cast<int>(r) || d.kind == Kind::kOpen) continue;
      ++closed;
      if (!d.forced_expired) pool.push_back(i);
    }
    Rng rng = root.Derive("quotes/outcome/" + world.reps[r].id);
    rng.Shuffle(pool);
    const size_t wins =
        std::min<size_t>(pool.size(), static_cast<size_t>(std::llround(plan.win_rate[r] * closed)));
    for (size_t k = 0; k < wins; ++k) drafts[pool[k]].kind = Kind::kWon;
  }

  // 4. Cycle of each won quote (order date - created date), median exactly as planned.
  std::vector<size_t> won;
  for (size_t i = 0; i < drafts.size(); ++i) {
    if (drafts[i].kind == Kind::kWon) won.push_back(i);
  }
  {
    Rng rng = root.Derive("quotes/cycle");
    for (size_t i : won) {
      const double c = plan.median_cycle_days * std::exp(rng.Normal(0.0, 0.55));
      drafts[i].cycle_days =
          static_cast<int>(std::clamp<long long>(std::llround(c), 2, plan.max_cycle_days));
    }
    // Sorted positions m1 = (n-1)/2 and m2 = n/2 must both hold the median value.
    const int m = plan.median_cycle_days;
    const size_t n = won.size();
    std::vector<size_t> by_cycle = won;
    std::stable_sort(by_cycle.begin(), by_cycle.end(), [&](size_t a, size_t b) {
      return drafts[a].cycle_days < drafts[b].cycle_days;
    });
    size_t below = 0, above = 0;
    for (size_t i : won) {
      below += drafts[i].cycle_days < m ? 1 : 0;
      above += drafts[i].cycle_days > m ? 1 : 0;
    }
    const size_t max_below = (n - 1) / 2, max_above = n - 1 - n / 2;
    // Too many short ones: the longest of them become exactly m; likewise for long ones.
    for (size_t k = below; k > max_below; --k) drafts[by_cycle[k - 1]].cycle_days = m;
    for (size_t k = 0; above > max_above; ++k, --above) {
      drafts[by_cycle[n - above]].cycle_days = m;
    }
  }

  // 5. Link each won quote to the unlinked eligible order nearest to (tentative day + cycle),
  //    preferring one that puts the start on a working day, such that the quote starts within
  //    the company's window; the quote then starts exactly `cycle` days before that order.
  std::vector<bool> linked(orders.size(), false);
  for (size_t c = 0; c < n_companies; ++c) {
    std::vector<size_t> mine;
    for (size_t i : won) {
      if (drafts[i].company == static_cast<int>(c)) mine.push_back(i);
    }
    std::stable_sort(mine.begin(), mine.end(), [&](size_t a, size_t b) {
      return drafts[a].day + drafts[a].cycle_days < drafts[b].day + drafts[b].cycle_days;
    });
    const Day start = std::max(first, world.companies[c].created_at);
    for (size_t i : mine) {
      Draft& d = drafts[i];
      const Day target = d.day + d.cycle_days;
      // Distance to the target; a start on a weekend counts as 10 days further away.
      auto cost = [&](int o) {
        return std::abs(orders[o].date - target) +
               (IsWeekend(orders[o].date - d.cycle_days) ? 10 : 0);
      };
      int best = -1;
      for (int o : eligible[c]) {
        if (linked[o] || orders[o].date - d.cycle_days < start) continue;
        if (best < 0 || cost(o) < cost(best)) best = o;
      }
      if (best < 0) {
        std::fprintf(stderr, "samplegen: no order left to link a won quote of %s\n",
                     world.companies[c].id.c_str());
        std::abort();
      }
      linked[best] = true;
      d.order_index = best;
      d.day = orders[best].date - d.cycle_days;
      const Stamp created = Created(d);
      const Stamp end = StampOf(orders[best].date, d.end_second);
      const int rounds = RoundsFor(d.rounds, end - created);
      const std::vector<QuoteEvent> planned =
          Timeline(created, end, Sequence(d.by_admin, rounds, qs::kOrdered), qs::kOrdered, d.gaps);
      Walked w = Walk(planned, plan.validity_days, d.cron_u);
      if (w.open || std::string_view(w.events.back().status) != qs::kOrdered) std::abort();
      d.events = w.events;
      d.expires = w.expires;
    }
  }

  // 6. Discounts: a won quote's negotiated total is its order's total; the rep's discount sets
  //    the original. The discounts of won quotes are nudged, one per mille at a time, until
  //    their mean hits the plan.
  std::vector<int64_t> permille(drafts.size(), 0);
  for (size_t i = 0; i < drafts.size(); ++i) {
    const Draft& d = drafts[i];
    const int rounds = CountStatus(d.events, qs::kSubmittedByAdmin);
    if (rounds == 0) continue;  // no offer yet: negotiated = original
    permille[i] = DiscountPermille(rounds, d.discount_z, d.kind == Kind::kWon ? 0.02 : 0.015, plan);
  }
  auto won_original = [&](size_t i) {
    const int64_t negotiated = OrderCents(orders[drafts[i].order_index]);
    return negotiated * 1000 / (1000 - permille[i]);  // floor: realized discount <= permille
  };
  auto won_mean = [&]() {
    double sum = 0.0;
    for (size_t i : won) {
      const double negotiated = static_cast<double>(OrderCents(orders[drafts[i].order_index]));
      sum += 1.0 - negotiated / static_cast<double>(won_original(i));
    }
    return sum / static_cast<double>(won.size());
  };
  size_t cursor = 0;
  for (int iteration = 0; iteration < 1000; ++iteration) {
    const double diff = plan.avg_discount - won_mean();
    if (std::fabs(diff) <= 0.00005) break;
    const int64_t step = diff > 0 ? 1 : -1;
    int64_t nudges = std::max<int64_t>(
        1, std::llround(std::fabs(diff) * 1000.0 * static_cast<double>(won.size())));
    for (size_t guard = 0; nudges > 0 && guard < 4 * won.size(); ++guard) {
      const size_t i = won[cursor++ % won.size()];
      const int64_t next = permille[i] + step;
      if (next < 0 || next > plan.max_discount_permille) continue;
      permille[i] = next;
      --nudges;
    }
  }

  // 7. Quotes in order of creation.
  std::vector<size_t> order_of(drafts.size());
  for (size_t i = 0; i < drafts.size(); ++i) order_of[i] = i;
  std::stable_sort(order_of.begin(), order_of.end(), [&](size_t a, size_t b) {
    const Stamp ca = drafts[a].events.front().time, cb = drafts[b].events.front().time;
    if (ca != cb) return ca < cb;
    return world.companies[drafts[a].company].id < world.companies[drafts[b].company].id;
  });
  std::vector<Quote> quotes;
  int number = kFirstQuoteNumber;
  for (size_t i : order_of) {
    const Draft& d = drafts[i];
    Quote q;
    char id[16];
    std::snprintf(id, sizeof id, "Q-%d", number++);
    q.id = id;
    q.company = d.company;
    q.events = d.events;
    q.created = d.events.front().time;
    q.updated = d.events.back().time;
    q.expires = d.expires;
    q.status = d.events.back().status;
    q.name = QuoteName(world, d, q.created);
    if (d.kind == Kind::kWon) {
      q.order_id = orders[d.order_index].id;
      q.negotiated_cents = OrderCents(orders[d.order_index]);
      q.original_cents = won_original(i);
    } else {
      q.original_cents = std::max<int64_t>(
          1000, std::llround(static_cast<double>(median_order[d.company]) * d.amount_factor));
      q.negotiated_cents = (q.original_cents * (1000 - permille[i]) + 999) / 1000;
    }
    quotes.push_back(q);
  }
  return quotes;
}

}  // namespace samplegen
