// Group-level discounts: the SKUs of one product category pooled among themselves.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/kpi/pooling.h"
#include "pulse/report/engine.h"
#include "test_support.h"

using namespace pulse;
using nlohmann::json;

TEST_CASE("Discount levels: a group per category, its elasticity the pooled mean of its SKUs",
          "[kpi][discount-groups]") {
  report::Engine engine;
  for (const char* name : {"orders.csv", "order_lines.csv", "customers.csv"})
    engine.load_path(test::source_path(std::string("samples/") + name), name);
  const json doc = engine.report(config::Settings{});
  const json& catalogs = doc.at("catalogs");
  CHECK(catalogs.at("discount_levels_note").is_null());

  // The SKUs' seasonally adjusted estimates, by catalog and category, from the products table.
  std::map<std::pair<std::string, std::string>, std::vector<kpi::UnitEstimate>> by_group;
  std::map<std::string, std::string> category_of;  // sku -> category, from the sample lines
  const std::string lines = test::read_file(test::source_path("samples/order_lines.csv"));
  std::size_t at = lines.find('\n') + 1;
  while (at < lines.size()) {
    const std::size_t end = lines.find('\n', at);
    const std::string row = lines.substr(at, end - at);
    std::vector<std::string> f;
    for (std::size_t p = 0, q; p <= row.size(); p = q + 1) {
      q = row.find(',', p);
      if (q == std::string::npos) q = row.size();
      f.push_back(row.substr(p, q - p));
    }
    if (f.size() > 3) category_of[f[1]] = f[3];
    at = end == std::string::npos ? lines.size() : end + 1;
  }
  for (const json& p : catalogs.at("products")) {
    const json& e = p.at("elasticity");
    if (e.is_null()) continue;
    const double slope = e.at("seasonally_adjusted") ? e.at("adjusted_slope").get<double>()
                                                     : e.at("slope").get<double>();
    const double se = e.at("seasonally_adjusted") ? e.at("adjusted_std_error").get<double>()
                                                  : e.at("std_error").get<double>();
    by_group[{p.at("catalog"), category_of.at(p.at("sku"))}].push_back({slope, se * se});
  }

  std::size_t groups = 0;
  for (const json& level : catalogs.at("discount_levels")) {
    if (level.at("level") != "group") continue;
    ++groups;
    const auto& units = by_group.at({level.at("catalog"), level.at("group")});
    INFO(level.at("catalog") << " / " << level.at("group"));
    CHECK(level.at("skus") == units.size());
    const kpi::PooledEstimates pool = kpi::pool_random_effects(units);
    CHECK(level.at("elasticity").get<double>() == Approx(pool.mean));
    CHECK(level.at("ci_low").get<double>() < pool.mean);
    CHECK(level.at("ci_high").get<double>() > pool.mean);
  }
  // Four catalogs with eight categories of about fifteen estimated SKUs each.
  CHECK(groups == by_group.size());
  CHECK(groups >= 16);
}
