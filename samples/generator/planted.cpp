#include "planted.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace samplegen {

const std::vector<SteadyPlan>& SteadyPlans() {
  // Ranges keep the ratio inside its status band for any median in [26, 30].
  static const std::vector<SteadyPlan> kPlans = {
      {"C141", 45, 55, "overdue"}, {"C142", 45, 55, "overdue"}, {"C143", 95, 140, "lapsed"},
      {"C144", 95, 140, "lapsed"}, {"C145", 30, 38, "due"},     {"C146", 0, 0, "on_track"},
      {"C147", 0, 20, "on_track"}, {"C148", 0, 20, "on_track"}, {"C149", 0, 20, "on_track"},
      {"C150", 0, 20, "on_track"},
  };
  return kPlans;
}

std::vector<std::string> PlantedCompanyIds() {
  std::vector<std::string> ids;
  for (const SteadyPlan& plan : SteadyPlans()) ids.push_back(plan.company_id);
  return ids;
}

std::vector<Day> SteadyOrderDays(Day last, Rng& rng) {
  std::vector<Day> days = {last};
  Day day = last;
  for (;;) {
    const Day step =
        kSteadyInterval + static_cast<Day>(rng.UniformInt(-kSteadyJitter, kSteadyJitter));
    if (day - step < FirstOrderDay()) break;
    day -= step;
    days.push_back(day);
  }
  std::reverse(days.begin(), days.end());
  return days;
}

std::vector<Order> PlantSteadyRhythms(const World& world, const Rng& root) {
  std::vector<Order> orders;
  for (const SteadyPlan& plan : SteadyPlans()) {
    const int company = world.CompanyIndex(plan.company_id);
    Rng rng = root.Derive(std::string("steady/") + plan.company_id);
    const Day last = LastOrderDay() -
                     static_cast<Day>(rng.UniformInt(plan.min_days_before, plan.max_days_before));
    for (Day day : SteadyOrderDays(last, rng)) {
      Order order;
      order.date = day;
      order.company = company;
      FillBasket(world, order, rng);
      orders.push_back(order);
    }
  }
  return orders;
}

void PlantPriceElasticity(const World& world, const ElasticityPlan& plan,
                          std::vector<Order>& orders, Rng& rng) {
  const int catalog = world.CatalogIndex(plan.catalog);
  const int product = world.ProductIndex(plan.sku);
  if (catalog < 0 || product < 0 || !world.IsReserved(catalog, product)) std::abort();
  const int64_t base_price = world.CatalogPriceCents(catalog, product);
  const Day first = FirstOrderDay();
  const Day last = LastOrderDay();

  for (Day monday = IsoWeekMonday(first); monday <= last; monday += 7) {
    const Day from = std::max(monday, first);
    const Day to = std::min<Day>(monday + 6, last);
    const double m = rng.Uniform(plan.min_multiplier, plan.max_multiplier);
    const int64_t price = static_cast<int64_t>(std::llround(static_cast<double>(base_price) * m));
    const int64_t total = std::llround(plan.base_units * std::pow(m, plan.elasticity) *
                                       std::exp(rng.Normal(0.0, plan.noise_sd)));

    std::vector<size_t> eligible;
    for (size_t i = 0; i < orders.size(); ++i) {
      const Order& order = orders[i];
      if (order.date >= from && order.date <= to && !order.is_return &&
          order.status != OrderStatus::kCanceled &&
          world.companies[order.company].catalog == catalog) {
        eligible.push_back(i);
      }
    }
    if (eligible.empty()) {
      // A week without any catalog order: an established regular customer places one.
      std::vector<int> buyers;
      for (size_t c = 0; c < world.companies.size(); ++c) {
        const Company& company = world.companies[c];
        if (company.catalog == catalog && !company.planted && company.created_at < from &&
            company.churn_day > to) {
          buyers.push_back(static_cast<int>(c));
        }
      }
      Order order;
      order.company = buyers[rng.UniformInt(0, static_cast<int64_t>(buyers.size()) - 1)];
      order.date = from + static_cast<Day>(rng.UniformInt(0, to - from));
      if (IsWeekend(order.date) && Weekday(from) < 5) order.date = from;
      FillBasket(world, order, rng);
      orders.push_back(order);
      eligible.push_back(orders.size() - 1);
    }

    rng.Shuffle(eligible);
    const int64_t max_orders =
        std::min<int64_t>({static_cast<int64_t>(eligible.size()), plan.max_orders_per_week, total});
    const size_t k = static_cast<size_t>(rng.UniformInt(1, max_orders));
    // Split the week's total into k positive parts (largest remainder keeps the sum exact).
    std::vector<double> share(k);
    double share_sum = 0.0;
    for (double& s : share) share_sum += (s = rng.Uniform(0.5, 1.5));
    std::vector<int64_t> parts(k, 1);
    int64_t assigned = static_cast<int64_t>(k);
    const int64_t rest = total - assigned;
    std::vector<std::pair<double, size_t>> remainders;
    for (size_t i = 0; i < k; ++i) {
      const double exact = static_cast<double>(rest) * share[i] / share_sum;
      const int64_t whole = static_cast<int64_t>(std::floor(exact));
      parts[i] += whole;
      assigned += whole;
      remainders.push_back({exact - static_cast<double>(whole), i});
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t i = 0; assigned < total; ++i, ++assigned) ++parts[remainders[i % k].second];

    for (size_t i = 0; i < k; ++i) {
      Order& order = orders[eligible[i]];
      OrderLine line{product, parts[i], price, 0, world.products[product].cost_cents};
      // Keep baskets within 12 lines: the experiment line takes the place of the last one.
      if (order.lines.size() >= 12) order.lines.pop_back();
      order.lines.push_back(line);
    }
  }
}

}  // namespace samplegen
