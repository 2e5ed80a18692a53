#include "orders.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace samplegen {

namespace {

constexpr int kMinLines = 2;
constexpr int kMaxLines = 12;
constexpr int kFirstOrderNumber = 100001;

int64_t RoundCents(double cents) {
  return static_cast<int64_t>(std::llround(cents));
}

// B2B shops rarely order on weekends: most weekend dates move to a working day of the same
// or the next week, spread over several days so that no weekday piles up.
Day MoveOffWeekend(Day day, Rng& rng) {
  const int weekday = Weekday(day);
  if (weekday < 5 || !rng.Bernoulli(0.85)) return day;
  const Day friday = day - (weekday - 4);
  const Day monday = friday + 3;
  // Wed, Thu, Fri before or Mon, Tue after; fall back to before at the end of the window.
  const int k = static_cast<int>(rng.UniformInt(0, 4));
  const Day moved = k < 3 ? friday - k : monday + (k - 3);
  return moved <= LastOrderDay() ? moved : friday - k % 3;
}

}  // namespace

const char* StatusName(OrderStatus status) {
  switch (status) {
    case OrderStatus::kComplete:
      return "complete";
    case OrderStatus::kProcessing:
      return "processing";
    case OrderStatus::kCanceled:
      return "canceled";
  }
  return "complete";
}

double SeasonFactor(Day day) {
  const int month = MonthOf(day);
  if (month >= 9 && month <= 11) return 1.25;
  if (month == 8) return 0.70;
  return 1.0;
}

std::vector<Day> SimulateOrderDays(const Company& company, Rng& rng) {
  std::vector<Day> days;
  const Day first = FirstOrderDay();
  const Day last = std::min(LastOrderDay(), company.churn_day);
  const int mean = static_cast<int>(std::lround(company.mean_interval_days));
  Day t = company.created_at < first ? first + static_cast<Day>(rng.UniformInt(0, mean))
                                     : company.created_at + static_cast<Day>(rng.UniformInt(1, 21));
  while (t <= last) {
    const Day day = MoveOffWeekend(t, rng);
    if (day >= first && day <= last) days.push_back(day);
    const double gap =
        company.mean_interval_days * std::exp(rng.Normal(0.0, 0.3)) / SeasonFactor(t);
    t += std::max<Day>(1, static_cast<Day>(std::lround(gap)));
  }
  std::sort(days.begin(), days.end());
  return days;
}

OrderLine MakeLine(const World& world, const Company& company, int product, Rng& rng) {
  const Product& p = world.products[product];
  OrderLine line;
  line.product = product;
  const double quantity = p.base_quantity * company.quantity_scale * std::exp(rng.Normal(0.0, 0.5));
  line.quantity = std::max<int64_t>(1, std::llround(quantity));
  // Small deviations from the price list: rounding rules, old price still in the cart, etc.
  const double variation = std::clamp(rng.Normal(0.0, 0.012), -0.03, 0.03);
  line.unit_price_cents = RoundCents(
      static_cast<double>(world.CatalogPriceCents(company.catalog, product)) * (1.0 + variation));
  line.discount_cents = 0;
  if (rng.Bernoulli(0.12)) {
    const double share = rng.Uniform(0.02, 0.10);
    line.discount_cents =
        RoundCents(static_cast<double>(line.quantity * line.unit_price_cents) * share);
  }
  line.unit_cost_cents = p.cost_cents;
  return line;
}

void FillBasket(const World& world, Order& order, Rng& rng) {
  const Company& company = world.companies[order.company];
  const int count = std::clamp(static_cast<int>(std::lround(rng.Normal(company.mean_lines, 1.5))),
                               kMinLines, kMaxLines);
  std::vector<double> weights = company.assortment_weights;
  std::vector<bool> taken(world.products.size(), false);
  while (static_cast<int>(order.lines.size()) < count) {
    int product;
    if (rng.Bernoulli(0.10)) {
      // Off-list purchase: anything from the range.
      product =
          static_cast<int>(rng.UniformInt(0, static_cast<int64_t>(world.products.size()) - 1));
    } else {
      const size_t k = rng.Weighted(weights);
      product = company.assortment[k];
      weights[k] *= 0.05;  // rarely twice the same favorite in a draw sequence
    }
    if (taken[product] || world.IsReserved(company.catalog, product)) continue;
    taken[product] = true;
    order.lines.push_back(MakeLine(world, company, product, rng));
  }
}

void AssignStatuses(const World& world, std::vector<Order>& orders, Rng& rng) {
  const Day last = LastOrderDay();
  for (Order& order : orders) {
    if (order.is_return) continue;
    order.status = OrderStatus::kComplete;
    if (world.companies[order.company].planted) continue;  // keeps planted statuses exact
    if (rng.Bernoulli(0.03)) {
      order.status = OrderStatus::kCanceled;
      continue;
    }
    // Recent orders may still be in fulfilment; the newer, the likelier.
    const int age = last - order.date;
    if (age < 14 && rng.Bernoulli(0.6 * (1.0 - age / 14.0))) {
      order.status = OrderStatus::kProcessing;
    }
  }
}

void EnsureOrderOn(const World& world, Day day, std::vector<Order>& orders, Rng& rng) {
  for (const Order& order : orders) {
    if (order.date == day && !order.is_return && order.status != OrderStatus::kCanceled) return;
  }
  std::vector<int> candidates;
  for (size_t c = 0; c < world.companies.size(); ++c) {
    const Company& company = world.companies[c];
    if (!company.planted && company.created_at < FirstOrderDay() && company.churn_day == kNever) {
      candidates.push_back(static_cast<int>(c));
    }
  }
  Order order;
  order.date = day;
  order.company = candidates[rng.UniformInt(0, static_cast<int64_t>(candidates.size()) - 1)];
  FillBasket(world, order, rng);
  orders.push_back(order);
}

void AssignOrderIds(std::vector<Order>& orders, const World& world) {
  std::stable_sort(orders.begin(), orders.end(), [&](const Order& a, const Order& b) {
    if (a.date != b.date) return a.date < b.date;
    return world.companies[a.company].id < world.companies[b.company].id;
  });
  int number = kFirstOrderNumber;
  for (Order& order : orders) {
    char id[16];
    std::snprintf(id, sizeof id, "SO-%d", number++);
    order.id = id;
  }
}

void AddReturns(const World& world, std::vector<Order>& orders, Rng& rng) {
  const Day last = LastOrderDay();
  std::vector<Order> returns;
  for (const Order& order : orders) {
    const Company& company = world.companies[order.company];
    if (order.is_return || order.status != OrderStatus::kComplete || company.planted) continue;
    if (last - order.date < 3 || !rng.Bernoulli(0.02)) continue;
    // Only undiscounted lines outside experiments: a refund then mirrors the line exactly.
    std::vector<const OrderLine*> returnable;
    for (const OrderLine& line : order.lines) {
      if (line.discount_cents == 0 && !world.IsReserved(company.catalog, line.product)) {
        returnable.push_back(&line);
      }
    }
    if (returnable.empty()) continue;
    rng.Shuffle(returnable);
    const size_t count = std::min<size_t>(returnable.size(), rng.Bernoulli(0.3) ? 2 : 1);

    Order doc;
    doc.is_return = true;
    doc.returned_order_id = order.id;
    doc.id = "RT-" + order.id.substr(3);
    doc.company = order.company;
    doc.status = OrderStatus::kComplete;
    doc.date = order.date + static_cast<Day>(rng.UniformInt(3, std::min(20, last - order.date)));
    for (size_t i = 0; i < count; ++i) {
      OrderLine line = *returnable[i];
      const int64_t q = line.quantity;
      // Damaged or wrong goods: often the whole line, otherwise a part of it.
      line.quantity = -(rng.Bernoulli(0.4) ? q : rng.UniformInt(1, std::max<int64_t>(1, q / 2)));
      doc.lines.push_back(line);
    }
    returns.push_back(doc);
  }
  orders.insert(orders.end(), returns.begin(), returns.end());
  SortDocuments(orders);
}

void SortDocuments(std::vector<Order>& orders) {
  std::stable_sort(orders.begin(), orders.end(), [](const Order& a, const Order& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.id < b.id;
  });
}

}  // namespace samplegen
