// product_points builds the engine's cached price points straight from the grouped facts; it
// must give exactly what group_by_product gives for every positive dated line taken as a
// LinePoint in line order (the way it was built before, and the way catalog_report still
// gathers the points of a rep's or customer's lines). The points keep a day as an offset into
// its product's period run, so points_in_period is checked against the facts' lines directly,
// over windows that cut weeks and months in the middle, and the log series read from the runs'
// worked-out periods (series_in_period) against log_series of those points.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <tuple>
#include <vector>

#include "pulse/kpi/exact_sum.h"
#include "pulse/kpi/facts.h"
#include "pulse/kpi/product_points.h"
#include "pulse/report/engine.h"
#include "pulse/report/workspace_loader.h"
#include "test_support.h"

using namespace pulse;

namespace {

constexpr Day kLastDay = std::numeric_limits<Day>::max();

Day period_of(Day day, bool monthly) {
  return monthly ? month_start(day) : week_start(day);
}

kpi::ProductPoints grouped_line_points(const kpi::Facts& facts, bool monthly) {
  std::vector<kpi::LinePoint> points;
  for (std::uint32_t o = 0; o < facts.order_count(); ++o) {
    const Day day = facts.order_day[o];
    if (day == kNoDay) continue;
    for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l)
      if (facts.line_quantity[l] > 0) points.push_back({facts.line_product[l], day, l});
  }
  return kpi::group_by_product(facts, points, facts.products.size(), monthly);
}

/// A point as the tests compare it: its line and order day.
struct Expected {
  std::uint32_t line;
  Day day;
  bool operator==(const Expected& o) const { return line == o.line && day == o.day; }
};

/// Product p's points as the runs encode them: each run's points with its period's first day
/// plus their offsets. Also checks the runs' shape: they cover the product's points, ascend by
/// period, and each point's day is in its run's period.
std::vector<Expected> decoded(const kpi::ProductPoints& all, std::uint32_t p, std::size_t& bad) {
  std::vector<Expected> out;
  const std::uint32_t first_run = all.run_begin[p];
  const std::uint32_t end_run = all.run_begin[p + 1];
  if (first_run == end_run) {
    if (all.begin[p] != all.begin[p + 1]) ++bad;
    return out;
  }
  if (all.run_first[first_run] != all.begin[p] || all.run_first[end_run] != all.begin[p + 1]) ++bad;
  for (std::uint32_t r = first_run; r < end_run; ++r) {
    if (r > first_run && all.run_period[r] <= all.run_period[r - 1]) ++bad;
    if (all.run_first[r] >= all.run_first[r + 1]) ++bad;  // a run is never empty
    for (std::uint32_t i = all.run_first[r]; i < all.run_first[r + 1]; ++i) {
      const Day day = all.run_period[r] + all.offset[i];
      if (period_of(day, all.monthly) != all.run_period[r]) ++bad;
      out.push_back({all.line[i], day});
    }
  }
  return out;
}

/// Every product's points straight from the facts' lines: each positive dated line, by product,
/// by period within a product, in line order within a period.
std::vector<std::vector<Expected>> points_from_lines(const kpi::Facts& facts, bool monthly) {
  // Product, period, line, day.
  std::vector<std::tuple<std::uint32_t, Day, std::uint32_t, Day>> lines;
  for (std::uint32_t o = 0; o < facts.order_count(); ++o) {
    const Day day = facts.order_day[o];
    if (day == kNoDay) continue;
    for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l)
      if (facts.line_quantity[l] > 0)
        lines.emplace_back(facts.line_product[l], period_of(day, monthly), l, day);
  }
  std::sort(lines.begin(), lines.end());  // line indices are unique: (product, period, line)
  std::vector<std::vector<Expected>> out(facts.products.size());
  for (const auto& [p, period, l, day] : lines) out[p].push_back({l, day});
  return out;
}

}  // namespace

TEST_CASE("product points: a product's runs by period, read back over windows", "[kpi][refilter]") {
  // Lines in line order: product, day. 2024-01-01 is a Monday.
  const Day mon = day_from_civil(2024, 1, 1);
  const std::vector<kpi::LinePoint> points = {
      {0, mon + 9, 0},   // Wed of week 2
      {1, mon, 1},       // Mon of week 1, another product
      {0, mon, 2},       // Mon of week 1
      {0, mon + 13, 3},  // Sun of week 2
      {0, mon + 8, 4},   // Tue of week 2
      {0, mon + 5, 5},   // Sat of week 1
      {0, mon + 31, 6},  // Thu of week 5, February 1st
      {0, mon + 30, 7},  // Wed of week 5, January 31st
  };
  kpi::Facts facts;  // points_in_period reads a line's quantity and revenue: line + 1, line * 10
  for (std::uint32_t l = 0; l < points.size(); ++l) {
    facts.line_quantity.push_back(l + 1.0);
    facts.line_revenue.push_back(l * 10.0);
  }
  const auto lines_in = [&](const kpi::ProductPoints& all, std::uint32_t p, Day from, Day to) {
    std::vector<kpi::PricePoint> bucket;
    kpi::points_in_period(all, facts, p, from, to, bucket);
    std::vector<std::pair<std::uint32_t, Day>> out;  // line, period
    for (const kpi::PricePoint& point : bucket) {
      const auto l = static_cast<std::uint32_t>(point.quantity - 1);
      CHECK(point.revenue == l * 10.0);
      out.emplace_back(l, point.period);
    }
    return out;
  };
  using Lines = std::vector<std::pair<std::uint32_t, Day>>;

  SECTION("weekly") {
    const kpi::ProductPoints all = kpi::group_by_product(facts, points, 2, false);
    CHECK(all.begin == std::vector<std::uint32_t>{0, 7, 8});
    CHECK(all.run_begin == std::vector<std::uint32_t>{0, 3, 4});
    CHECK(all.run_period == std::vector<Day>{mon, mon + 7, mon + 28, mon});
    CHECK(all.run_first == std::vector<std::uint32_t>{0, 2, 5, 7, 8});
    CHECK(all.line == std::vector<std::uint32_t>{2, 5, 0, 3, 4, 6, 7, 1});
    CHECK(all.offset == std::vector<std::uint8_t>{0, 5, 2, 6, 1, 3, 2, 0});
    CHECK(lines_in(all, 0, kNoDay, kLastDay) == Lines{{2, mon},
                                                      {5, mon},
                                                      {0, mon + 7},
                                                      {3, mon + 7},
                                                      {4, mon + 7},
                                                      {6, mon + 28},
                                                      {7, mon + 28}});
    // From a Tuesday to a Wednesday: both weeks cut, the lines' order kept within a week.
    CHECK(lines_in(all, 0, mon + 1, mon + 9) == Lines{{5, mon}, {0, mon + 7}, {4, mon + 7}});
    // A whole week, exactly; then from its Sunday on.
    CHECK(lines_in(all, 0, mon + 7, mon + 13) == Lines{{0, mon + 7}, {3, mon + 7}, {4, mon + 7}});
    CHECK(lines_in(all, 0, mon + 13, kLastDay) ==
          Lines{{3, mon + 7}, {6, mon + 28}, {7, mon + 28}});
    CHECK(lines_in(all, 0, mon + 14, mon + 27).empty());  // weeks 3 and 4: no points
    CHECK(lines_in(all, 0, mon + 31, mon + 31) == Lines{{6, mon + 28}});
    CHECK(lines_in(all, 0, mon + 9, mon + 8).empty());
    CHECK(lines_in(all, 1, mon, mon) == Lines{{1, mon}});
    CHECK(lines_in(all, 1, mon + 1, kLastDay).empty());
  }
  SECTION("monthly") {
    const Day feb = mon + 31;
    const kpi::ProductPoints all = kpi::group_by_product(facts, points, 2, true);
    CHECK(all.run_period == std::vector<Day>{mon, feb, mon});
    CHECK(all.line == std::vector<std::uint32_t>{0, 2, 3, 4, 5, 7, 6, 1});
    CHECK(all.offset == std::vector<std::uint8_t>{9, 0, 13, 8, 5, 30, 0, 0});
    // January 6th to February 1st; then January 31st alone.
    CHECK(lines_in(all, 0, mon + 5, feb) ==
          Lines{{0, mon}, {3, mon}, {4, mon}, {5, mon}, {7, mon}, {6, feb}});
    CHECK(lines_in(all, 0, mon + 30, mon + 30) == Lines{{7, mon}});
    CHECK(lines_in(all, 0, feb + 1, kLastDay).empty());
  }
}

TEST_CASE("product points: straight from the facts, equal to the grouped line points",
          "[kpi][refilter]") {
  const std::string workspace = test::source_path("samples/workspace.json");
  const config::Workspace ws = report::read_workspace_file(workspace);
  report::Engine engine;
  report::load_workspace(engine, ws, report::folder_of(workspace));
  Dataset& dataset = const_cast<Dataset&>(engine.dataset());
  const kpi::Facts facts = kpi::build_facts(dataset, ws.settings, dataset.strings);
  REQUIRE(facts.line_count() > 40000);
  REQUIRE(facts.last_day - facts.first_day > 120);
  for (const bool monthly : {false, true}) {
    INFO((monthly ? "monthly" : "weekly"));
    const kpi::ProductPoints direct = kpi::product_points(facts, monthly);
    const kpi::ProductPoints grouped = grouped_line_points(facts, monthly);
    CHECK(direct.monthly == monthly);
    REQUIRE(direct.begin == grouped.begin);
    REQUIRE(direct.run_begin == grouped.run_begin);
    CHECK(direct.run_period == grouped.run_period);
    CHECK(direct.run_first == grouped.run_first);
    REQUIRE(direct.line.size() == grouped.line.size());
    CHECK(direct.offset == grouped.offset);
    CHECK(direct.line == grouped.line);

    // What the runs encode, and what points_in_period reads back over windows, against each
    // product's points taken straight from the facts' lines.
    const std::vector<std::vector<Expected>> expected = points_from_lines(facts, monthly);
    std::size_t bad_runs = 0;
    std::size_t differ = 0;
    for (std::uint32_t p = 0; p < facts.products.size(); ++p)
      if (decoded(direct, p, bad_runs) != expected[p]) ++differ;
    CHECK(bad_runs == 0);
    CHECK(differ == 0);

    const Day mid = facts.first_day + (facts.last_day - facts.first_day) / 2;
    const Day week = week_start(mid);
    const Day month = month_start(mid);
    const Day next_month = month_start(month + 31);
    std::vector<std::pair<Day, Day>> windows = {
        {kNoDay + 1, kLastDay},
        {kNoDay, mid},
        {facts.first_day, facts.last_day},
        {mid, mid},
        {mid, mid - 1},                              // empty
        {facts.last_day + 1, facts.last_day + 100},  // after every point
        {week, week + 13},                           // two whole weeks
        {month, next_month - 1},                     // a whole month
        {month + 14, next_month + 9},                // from and to mid-month
        {next_month - 1, next_month},                // a month's last day and the next's first
        {facts.first_day + 3, facts.last_day - 3},
    };
    for (Day s = 0; s < 7; ++s) windows.emplace_back(week + s, week + 10 + 3 * s);  // mid-week
    std::vector<kpi::PricePoint> bucket;
    for (const auto& [from, to] : windows) {
      INFO("window " << from << " .. " << to);
      std::size_t points = 0, series = 0, series_differ = 0;
      differ = 0;
      for (std::uint32_t p = 0; p < facts.products.size(); ++p) {
        kpi::points_in_period(direct, facts, p, from, to, bucket);
        std::vector<kpi::PricePoint> want;
        for (const Expected& e : expected[p])
          if (e.day >= from && e.day <= to)
            want.push_back({period_of(e.day, monthly), facts.line_quantity[e.line],
                            facts.line_revenue[e.line]});
        points += want.size();
        bool same = bucket.size() == want.size();
        for (std::size_t i = 0; same && i < want.size(); ++i)
          same = bucket[i].period == want[i].period && bucket[i].quantity == want[i].quantity &&
                 bucket[i].revenue == want[i].revenue;
        if (!same) ++differ;
        // The log series read from the runs' worked-out periods is log_series of those points,
        // to the bit: runs inside the window as cached, straddling ones from their points.
        const std::optional<kpi::LogSeries> from_runs =
            kpi::series_in_period(direct, facts, p, from, to);
        const std::optional<kpi::LogSeries> from_points = kpi::log_series(want);
        if (from_runs.has_value() != from_points.has_value()) {
          ++series_differ;
        } else if (from_runs) {
          ++series;
          if (from_runs->period != from_points->period || from_runs->log_p != from_points->log_p ||
              from_runs->log_q != from_points->log_q)
            ++series_differ;
        }
      }
      CHECK(differ == 0);
      CHECK(series_differ == 0);
      // A week or more of the data's days holds points (the check could pass with none read).
      if (from <= facts.last_day && std::int64_t{to} - from >= 6) CHECK(points > 0);
      if (from <= facts.first_day && to >= facts.last_day) CHECK(series > 10);
    }

    // Each run's series, summed as the runs were placed, is its points' period as log_series
    // keeps it: worked out here from the run's lines, one by one. The gathered points (a rep's
    // or customer's lines) work their runs out the same way.
    const kpi::ProductPoints gathered = grouped_line_points(facts, monthly);
    REQUIRE(gathered.run_price.size() == direct.run_price.size());
    REQUIRE(direct.run_price.size() == direct.run_period.size());
    std::size_t kept = 0, unlike = 0;
    const auto same_run = [](const kpi::ProductPoints& a, const kpi::ProductPoints& b,
                             std::size_t r) {
      const bool na = std::isnan(a.run_price[r]), nb = std::isnan(b.run_price[r]);
      return na == nb &&
             (na || (a.run_price[r] == b.run_price[r] && a.run_log_p[r] == b.run_log_p[r] &&
                     a.run_log_q[r] == b.run_log_q[r]));
    };
    kpi::ProductPoints expected_runs = direct;
    for (std::size_t r = 0; r < direct.run_period.size(); ++r) {
      kpi::ExactSum q, revenue;
      for (std::uint32_t i = direct.run_first[r]; i < direct.run_first[r + 1]; ++i) {
        q += facts.line_quantity[direct.line[i]];
        revenue += facts.line_revenue[direct.line[i]];
      }
      const auto logs = kpi::period_logs(q, revenue);
      expected_runs.run_price[r] = logs ? logs->price : std::nan("");
      expected_runs.run_log_p[r] = logs ? logs->log_p : 0;
      expected_runs.run_log_q[r] = logs ? logs->log_q : 0;
      if (!same_run(direct, expected_runs, r) || !same_run(gathered, expected_runs, r)) ++unlike;
      if (logs) ++kept;
    }
    CHECK(unlike == 0);
    CHECK(kept > direct.run_period.size() / 2);
  }
}
