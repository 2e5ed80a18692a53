// The tiles' comparisons equal the report of the compared period itself.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "pulse/kpi/period_comparison.h"
#include "pulse/report/engine.h"
#include "test_support.h"

using namespace pulse;
using nlohmann::json;

namespace {

report::Engine& samples_engine() {
  static report::Engine engine;
  static const bool loaded = [] {
    for (const char* name : {"orders.csv", "order_lines.csv", "customers.csv", "sales_reps.csv",
                             "quotes.csv", "quote_history.csv"})
      engine.load_path(test::source_path(std::string("samples/") + name), name);
    return true;
  }();
  (void)loaded;
  return engine;
}

config::Settings period(const char* from, const char* to) {
  config::Settings s;
  s.from = day_from_civil(std::stoi(std::string(from).substr(0, 4)),
                          std::stoi(std::string(from).substr(5, 2)),
                          std::stoi(std::string(from).substr(8, 2)));
  s.to = day_from_civil(std::stoi(std::string(to).substr(0, 4)),
                        std::stoi(std::string(to).substr(5, 2)),
                        std::stoi(std::string(to).substr(8, 2)));
  return s;
}

void same_summary(const json& compared, const json& direct) {
  for (const char* key : {"customers", "orders", "revenue", "units", "repeat_customers"}) {
    INFO(key);
    CHECK(compared.at(key) == direct.at(key));
  }
}

}  // namespace

TEST_CASE("Comparisons: a calendar year earlier", "[kpi][comparison]") {
  CHECK(kpi::year_earlier(day_from_civil(2026, 3, 15)) == day_from_civil(2025, 3, 15));
  CHECK(kpi::year_earlier(day_from_civil(2024, 2, 29)) == day_from_civil(2023, 2, 28));
  CHECK(kpi::year_earlier(kNoDay) == kNoDay);
}

TEST_CASE("Comparisons: previous period and a year ago equal their own reports",
          "[kpi][comparison]") {
  report::Engine& engine = samples_engine();
  const json doc = engine.report(period("2026-07-01", "2026-09-30"));
  const json& previous = doc.at("comparisons").at("previous");
  const json& year_ago = doc.at("comparisons").at("year_ago");
  // 92 days: the previous period is the 92 days before July 1st.
  CHECK(previous.at("from") == "2026-03-31");
  CHECK(previous.at("to") == "2026-06-30");
  CHECK(year_ago.at("from") == "2025-07-01");
  CHECK(year_ago.at("to") == "2025-09-30");

  const json before = engine.report(period("2026-03-31", "2026-06-30"));
  same_summary(previous.at("customers"), before.at("customers").at("summary"));
  CHECK(previous.at("negotiations").at("won") == before.at("negotiations").at("summary").at("won"));
  CHECK(previous.at("negotiations").at("deals") ==
        before.at("negotiations").at("summary").at("deals"));
  const json last_year = engine.report(period("2025-07-01", "2025-09-30"));
  same_summary(year_ago.at("customers"), last_year.at("customers").at("summary"));
  CHECK(year_ago.at("negotiations").at("won_amount") ==
        last_year.at("negotiations").at("summary").at("won_amount"));
}

TEST_CASE("Comparisons: none where the data does not reach back", "[kpi][comparison]") {
  // The samples start in November 2024: the whole-history period has nothing before it.
  const json doc = samples_engine().report(config::Settings{});
  CHECK(doc.at("comparisons").at("previous").is_null());
  CHECK(doc.at("comparisons").at("year_ago").is_null());
  // The last month of the default period ends on as_of: marked partial unless as_of ends it.
  const json& months = doc.at("customers").at("monthly");
  CHECK(months.front().at("partial") == false);
  CHECK(months.back().at("partial") == (doc.at("as_of") != "2026-10-31"));
}
