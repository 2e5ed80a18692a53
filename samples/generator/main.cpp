// b2b-pulse-samplegen OUTPUT_DIR
//
// Writes the sample data set (orders.csv, order_lines.csv, customers.csv, sales_reps.csv,
// catalog_prices.csv, quotes.csv, quote_history.csv, workspace.json) into OUTPUT_DIR. Same seed,
// same bytes: everything is derived from one fixed seed through named random streams. Checks the
// planted truths before writing and exits with status 2 if any of them does not hold.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "orders.h"
#include "planted.h"
#include "quotes.h"
#include "rng.h"
#include "sample_files.h"
#include "verify.h"
#include "world.h"

namespace samplegen {
namespace {

constexpr uint64_t kSeed = 20261030;

// Order headers and baskets of the regular (non-planted) companies.
std::vector<Order> SimulateRegularOrders(const World& world, const Rng& root) {
  std::vector<Order> orders;
  for (size_t c = 0; c < world.companies.size(); ++c) {
    const Company& company = world.companies[c];
    if (company.planted) continue;
    Rng rhythm = root.Derive("rhythm/" + company.id);
    Rng basket = root.Derive("basket/" + company.id);
    for (Day day : SimulateOrderDays(company, rhythm)) {
      Order order;
      order.date = day;
      order.company = static_cast<int>(c);
      FillBasket(world, order, basket);
      orders.push_back(order);
    }
  }
  return orders;
}

long long FileSize(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  return in ? static_cast<long long>(in.tellg()) : -1;
}

int Run(const std::string& dir) {
  const Rng root(kSeed);
  const World world = BuildWorld(root, PlantedCompanyIds());
  const ElasticityPlan elasticity;

  std::vector<Order> orders = SimulateRegularOrders(world, root);
  const std::vector<Order> steady = PlantSteadyRhythms(world, root);
  orders.insert(orders.end(), steady.begin(), steady.end());
  Rng status_rng = root.Derive("status");
  AssignStatuses(world, orders, status_rng);
  // The data must span exactly the two years (first order day .. as_of).
  Rng anchor_rng = root.Derive("anchor");
  EnsureOrderOn(world, FirstOrderDay(), orders, anchor_rng);
  EnsureOrderOn(world, LastOrderDay(), orders, anchor_rng);
  Rng elasticity_rng = root.Derive("elasticity");
  PlantPriceElasticity(world, elasticity, orders, elasticity_rng);
  AssignOrderIds(orders, world);
  Rng returns_rng = root.Derive("returns");
  AddReturns(world, orders, returns_rng);

  // Negotiable quotes come last: they only read the finished orders (won quotes link to
  // existing ones) and draw from their own streams, so the order files do not depend on them.
  const QuotePlan quote_plan;
  const std::vector<Quote> quotes = SimulateQuotes(world, orders, quote_plan, root);

  const bool orders_ok = VerifyPlantedTruths(world, elasticity, orders, stderr);
  const bool quotes_ok = VerifyQuoteTruths(world, quote_plan, orders, quotes, stderr);
  if (!orders_ok || !quotes_ok) {
    std::fprintf(stderr, "samplegen: planted truths do not hold; nothing written\n");
    return 2;
  }

  const std::string base = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  struct Output {
    const char* name;
    bool ok;
  };
  const Output outputs[] = {
      {"sales_reps.csv", WriteSalesReps(world, base + "sales_reps.csv")},
      {"catalog_prices.csv", WriteCatalogPrices(world, base + "catalog_prices.csv")},
      {"customers.csv", WriteCustomers(world, base + "customers.csv")},
      {"orders.csv", WriteOrders(world, orders, base + "orders.csv")},
      {"order_lines.csv", WriteOrderLines(world, orders, base + "order_lines.csv")},
      {"quotes.csv", WriteQuotes(world, quotes, base + "quotes.csv")},
      {"quote_history.csv", WriteQuoteHistory(quotes, base + "quote_history.csv")},
      {"workspace.json", WriteWorkspace(base + "workspace.json")},
  };
  long long total = 0;
  bool ok = true;
  std::fprintf(stderr, "## Files\n\n");
  for (const Output& output : outputs) {
    if (!output.ok) {
      std::fprintf(stderr, "samplegen: cannot write %s%s\n", base.c_str(), output.name);
      ok = false;
      continue;
    }
    const long long size = FileSize(base + output.name);
    total += size;
    std::fprintf(stderr, "- %s: %lld bytes\n", output.name, size);
  }
  std::fprintf(stderr, "- total: %lld bytes\n", total);
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace samplegen

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: b2b-pulse-samplegen OUTPUT_DIR\n");
    return 64;
  }
  return samplegen::Run(argv[1]);
}
