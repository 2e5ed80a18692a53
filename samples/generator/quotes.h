// Magento B2B negotiable quotes on top of the finished orders: quote headers (quotes.csv) and
// their status history (quote_history.csv). The step only reads the orders, draws from its own
// "quotes/..." streams and never adds or changes an order, so the order files stay the same.
// A won quote (status `ordered`) links to an existing, non-canceled sales order of its company.
#ifndef B2B_PULSE_SAMPLES_GENERATOR_QUOTES_H_
#define B2B_PULSE_SAMPLES_GENERATOR_QUOTES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "date.h"
#include "orders.h"
#include "rng.h"
#include "world.h"

namespace samplegen {

// Seconds since 1970-01-01 00:00:00; the calendar date is taken as written (no time zone).
using Stamp = int64_t;
constexpr Stamp kDaySeconds = 86400;
inline Stamp StampOf(Day day, int64_t seconds) {
  return static_cast<Stamp>(day) * kDaySeconds + seconds;
}
inline Day DayOfStamp(Stamp stamp) {
  Stamp day = stamp / kDaySeconds;
  if (stamp % kDaySeconds < 0) --day;
  return static_cast<Day>(day);
}
// YYYY-MM-DD HH:MM:SS
std::string FormatStamp(Stamp stamp);

// Magento negotiable-quote status codes.
namespace quote_status {
constexpr const char* kCreated = "created";
constexpr const char* kDraftByAdmin = "draft_by_admin";
constexpr const char* kProcessingByAdmin = "processing_by_admin";
constexpr const char* kSubmittedByAdmin = "submitted_by_admin";
constexpr const char* kProcessingByCustomer = "processing_by_customer";
constexpr const char* kSubmittedByCustomer = "submitted_by_customer";
constexpr const char* kOrdered = "ordered";
constexpr const char* kClosed = "closed";
constexpr const char* kDeclined = "declined";
constexpr const char* kExpired = "expired";
}  // namespace quote_status

struct QuoteEvent {
  Stamp time;
  const char* status;
};

struct Quote {
  std::string id;  // Q-10001.. in order of creation
  std::string name;
  int company = -1;
  Stamp created = 0;  // = time of the first event
  Stamp updated = 0;  // = time of the last event
  Stamp expires = 0;  // 00:00:00 of the expiry day
  int64_t original_cents = 0;
  int64_t negotiated_cents = 0;
  std::string order_id;                         // won quotes only
  const char* status = quote_status::kCreated;  // = status of the last event
  std::vector<QuoteEvent> events;               // chronological, strictly increasing times
};

// The planted quote truths (see samples/README.md) and the knobs that produce them.
struct QuotePlan {
  int total = 1200;
  // Share of closed quotes each rep wins (R01..R08); wins are an exact quota per rep.
  double win_rate[8] = {0.63, 0.67, 0.61, 0.65, 0.69, 0.62, 0.28, 0.66};
  const char* weak_rep = "R07";
  double max_weak_win_rate = 0.35;
  double min_other_win_rate = 0.55;
  int validity_days = 30;      // expires_at = created + 30 days, extended by late offers
  int median_cycle_days = 12;  // won quotes: linked order date - created date
  int max_cycle_days = 40;
  double avg_discount = 0.080;  // mean of 1 - negotiated / original over won quotes
  double avg_discount_tolerance = 0.002;
  int max_discount_permille = 150;
  int expiring_window_days = 14;
  int min_expiring_soon = 5;
  int min_expiring_later = 3;
};

// Simulates every quote and its history up to as_of = LastOrderDay() (23:59:59). Aborts with a
// message on stderr if a won quote finds no order to link (cannot happen with the fixed seed).
std::vector<Quote> SimulateQuotes(const World& world, const std::vector<Order>& orders,
                                  const QuotePlan& plan, const Rng& root);

}  // namespace samplegen

#endif  // B2B_PULSE_SAMPLES_GENERATOR_QUOTES_H_
