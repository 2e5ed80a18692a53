#include <catch2/catch.hpp>

#include <cstdio>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "kpi/elasticity_world.h"
#include "pulse/report/engine.h"

// The estimates on simulated catalogs whose true elasticities are known
// (tests/kpi/elasticity_world.cpp), through the whole engine: the targets for the
// pooled-interval class, and the old rule (sign of the raw slope) for comparison.

using namespace pulse;
using nlohmann::json;
using test::DemandTruth;

namespace {

struct Shares {
  int skus = 0, estimated = 0;
  int elastic = 0, inelastic = 0, positive = 0, uncertain = 0;
  int old_elastic = 0, old_inelastic = 0, old_positive = 0;  // the old rule: raw slope's sign
};

struct Measured {
  std::map<DemandTruth, Shares> by_truth;
  int candidates = 0, wrong_candidates = 0, right_possible = 0;
  int old_candidates = 0, old_wrong_candidates = 0;
};

const Measured& measured() {
  static const Measured m = [] {
    const test::ElasticityWorld world = test::make_elasticity_world();
    report::Engine engine;
    ingest::FileOptions options;
    options.mapping.role = Role::order_lines;
    engine.begin_file("lines.csv", options);
    engine.feed(world.csv);
    const LoadReport& load = engine.finish_file();
    REQUIRE(load.error.empty());
    REQUIRE(load.rows_skipped == 0);
    const json doc = engine.report(config::Settings{});
    Measured out;
    for (const json& row : doc.at("catalogs").at("products")) {
      const auto& sku = world.skus.at({row.at("catalog"), row.at("sku")});
      Shares& s = out.by_truth[sku.truth];
      ++s.skus;
      const json& e = row.at("elasticity");
      if (e.is_null()) continue;
      ++s.estimated;
      const std::string k = e.at("class");
      s.elastic += k == "elastic";
      s.inelastic += k == "inelastic";
      s.positive += k == "positive";
      s.uncertain += k == "uncertain";
      const double b = e.at("slope");
      s.old_elastic += b < -1;
      s.old_inelastic += b >= -1 && b <= 0;
      s.old_positive += b > 0;
      // The old candidate rule: raw slope < -1, std_error < 0.5, margin > 0.
      const bool margin = row.at("margin").is_number() && row.at("margin").get<double>() > 0;
      if (b < -1 && e.at("std_error").get<double>() < 0.5 && margin) {
        ++out.old_candidates;
        out.old_wrong_candidates += !(sku.truth == DemandTruth::elastic_2 && sku.margin_positive);
      }
      out.right_possible += sku.truth == DemandTruth::elastic_2 && sku.margin_positive;
    }
    for (const json& c : doc.at("catalogs").at("discount_candidates")) {
      const auto& sku = world.skus.at({c.at("catalog"), c.at("sku")});
      ++out.candidates;
      out.wrong_candidates += !(sku.truth == DemandTruth::elastic_2 && sku.margin_positive);
    }
    return out;
  }();
  return m;
}

double share(int part, int whole) {
  return whole == 0 ? 0 : static_cast<double>(part) / whole;
}

}  // namespace

TEST_CASE("elasticity truth: every SKU of the simulated catalogs is estimated",
          "[kpi][elasticity-truth]") {
  for (const auto& [truth, s] : measured().by_truth) {
    INFO(test::truth_name(truth));
    CHECK(s.skus == 120);
    CHECK(s.estimated == 120);
  }
}

TEST_CASE("elasticity truth: the issue's targets for the class", "[kpi][elasticity-truth]") {
  const auto& by = measured().by_truth;
  const Shares& zero = by.at(DemandTruth::ignores_price);
  const Shares& seasonal = by.at(DemandTruth::seasonal_price);
  const Shares& e2 = by.at(DemandTruth::elastic_2);
  const Shares& half = by.at(DemandTruth::inelastic_half);
  // Demand that ignores price (with or without a seasonal price): <= 5% elastic or positive.
  CHECK(share(zero.elastic + zero.positive + seasonal.elastic + seasonal.positive,
              zero.estimated + seasonal.estimated) <= 0.05);
  CHECK(share(seasonal.elastic + seasonal.positive, seasonal.estimated) <= 0.05);
  CHECK(share(e2.elastic, e2.estimated) >= 0.95);
  CHECK(share(half.inelastic, half.estimated) >= 0.85);
  // Never the opposite verdict.
  CHECK(e2.inelastic + e2.positive == 0);
  CHECK(half.elastic == 0);
}

TEST_CASE("elasticity truth: the old rule (sign of the raw slope) fails the same data",
          "[kpi][elasticity-truth]") {
  // Kept as a regression guard that the simulated data are hard enough to matter: the raw
  // sign calls a large share of the price-blind SKUs elastic or positive.
  const auto& by = measured().by_truth;
  const Shares& zero = by.at(DemandTruth::ignores_price);
  const Shares& seasonal = by.at(DemandTruth::seasonal_price);
  CHECK(share(zero.old_positive + zero.old_elastic, zero.estimated) > 0.25);
  CHECK(share(seasonal.old_positive + seasonal.old_elastic, seasonal.estimated) > 0.80);
}

TEST_CASE("elasticity truth: discount candidates are only -2 SKUs with a positive margin",
          "[kpi][elasticity-truth]") {
  const Measured& m = measured();
  CHECK(m.wrong_candidates == 0);
  // And most of the right ones are found.
  CHECK(m.candidates >= 0.9 * m.right_possible);
}

TEST_CASE("elasticity truth: print the shares (new rule vs old)", "[.][elasticity-truth-print]") {
  const Measured& m = measured();
  std::printf("%-20s %4s | %7s %9s %8s %9s | old: %7s %9s %8s\n", "truth", "skus", "elastic",
              "inelastic", "positive", "uncertain", "elastic", "inelastic", "positive");
  for (const auto& [truth, s] : m.by_truth)
    std::printf("%-20s %4d | %6.1f%% %8.1f%% %7.1f%% %8.1f%% |      %6.1f%% %8.1f%% %7.1f%%\n",
                test::truth_name(truth), s.estimated, 100 * share(s.elastic, s.estimated),
                100 * share(s.inelastic, s.estimated), 100 * share(s.positive, s.estimated),
                100 * share(s.uncertain, s.estimated), 100 * share(s.old_elastic, s.estimated),
                100 * share(s.old_inelastic, s.estimated),
                100 * share(s.old_positive, s.estimated));
  std::printf("discount candidates: %d (wrong %d) of %d right ones; old rule: %d (wrong %d)\n",
              m.candidates, m.wrong_candidates, m.right_possible, m.old_candidates,
              m.old_wrong_candidates);
}
