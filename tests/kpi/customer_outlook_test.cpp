// The customers' forward-looking figures on order histories written to show one rule each:
// rhythm and probability in the status, revenue at risk, shrinking order values, seasonal
// pauses, cohorts (docs/kpi.md "Customer profiles").
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/kpi/customer_profiles.h"
#include "pulse/report/engine.h"

using namespace pulse;
using nlohmann::json;

namespace {

/// Order lines as CSV text, one order per call.
class Lines {
 public:
  void order(const std::string& customer, Day d, double value) {
    text_ += "O" + std::to_string(++orders_) + "," + format_day(d) + "," + customer + ",SKU1,1," +
             std::to_string(value) + "\n";
  }
  /// Orders every `gap` days from `first` to `last` inclusive, each worth `value`.
  void every(const std::string& customer, Day first, Day last, int gap, double value) {
    for (Day d = first; d <= last; d += gap) order(customer, d, value);
  }
  std::string text() const {
    return "order_id,order_date,customer_id,sku,quantity,unit_price\n" + text_;
  }

 private:
  std::string text_;
  int orders_ = 0;
};

Day day(int y, unsigned m, unsigned d) {
  return day_from_civil(y, m, d);
}

/// A deterministic population that ordered at varied rhythms and sometimes left, so that a
/// return model can be fitted beside the customers under test.
void background(Lines& lines, Day start, Day as_of) {
  std::uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  for (int c = 0; c < 120; ++c) {
    const std::string id = "BG" + std::to_string(c);
    const int gap = 10 + static_cast<int>(next() * 80);
    Day d = start + static_cast<Day>(next() * 300);
    const Day leaves = next() < 0.4 ? d + static_cast<Day>(next() * 400) : as_of;
    while (d <= std::min(leaves, as_of)) {
      lines.order(id, d, 50 + next() * 100);
      d += static_cast<Day>(gap * (0.7 + 0.6 * next()));
    }
  }
}

const json& row_of(const json& doc, const std::string& customer) {
  for (const json& row : doc.at("customers").at("rows"))
    if (row.at("customer_id") == customer) return row;
  FAIL("no row for customer " << customer);
  static const json none;
  return none;
}

json report_of(const std::string& csv, Day as_of) {
  report::Engine engine;
  ingest::FileOptions options;
  options.mapping.role = Role::order_lines;
  engine.begin_file("lines.csv", options);
  engine.feed(csv);
  REQUIRE(engine.finish_file().error.empty());
  config::Settings settings;
  settings.as_of = as_of;
  return engine.report(settings);
}

}  // namespace

TEST_CASE("Customers: every customer gets a status from rhythm or probability", "[kpi][outlook]") {
  const Day as_of = day(2024, 12, 31);
  Lines lines;
  background(lines, day(2023, 1, 2), as_of);
  // Orders every 28 days and last ordered 42 days ago: the seed's customer.
  lines.every("LATE", as_of - 42 - 280, as_of - 42, 28, 100);
  lines.every("ONTIME", day(2024, 1, 9), day(2024, 12, 24), 28, 100);
  lines.order("ONCE_OLD", day(2023, 2, 1), 500);
  lines.order("ONCE_NEW", day(2024, 12, 20), 500);
  const json doc = report_of(lines.text(), as_of);
  const json& customers = doc.at("customers");

  REQUIRE(customers.at("model").is_object());
  CHECK(customers.at("model").at("customers").get<double>() > 120);
  for (const json& row : customers.at("rows")) {
    INFO(row.at("customer_id"));
    CHECK(row.at("status") != "unknown");
    REQUIRE(row.at("p_order_next").is_number());
    CHECK(row.at("p_order_next").get<double>() >= 0);
    CHECK(row.at("p_order_next").get<double>() <= 1);
  }
  const json& late = row_of(doc, "LATE");
  const json& ontime = row_of(doc, "ONTIME");
  CHECK(late.at("overdue_ratio").get<double>() == Approx(1.5));
  CHECK((late.at("status") == "overdue" || late.at("status") == "lapsed"));
  CHECK(ontime.at("status") == "on_track");
  CHECK(late.at("p_active").get<double>() < ontime.at("p_active").get<double>());
  CHECK(late.at("p_order_next").get<double>() < ontime.at("p_order_next").get<double>());
  // A single order two years ago: the model's probability says what the rhythm cannot.
  const json& old_once = row_of(doc, "ONCE_OLD");
  CHECK(old_once.at("status_basis") == "activity");
  CHECK(old_once.at("p_order_next").get<double>() <
        row_of(doc, "ONCE_NEW").at("p_order_next").get<double>());
  // Silent for over a year: nothing of a normal window is left at risk.
  CHECK(old_once.at("revenue_at_risk").get<double>() == Approx(0).margin(1e-9));

  // revenue_at_risk = the last year's revenue spread over its days, times 90, times (1 - p).
  // Its first order is less than a year back: the span starts there.
  double ontime_year = 0;
  for (Day d = day(2024, 1, 9); d <= day(2024, 12, 24); d += 28) ontime_year += 100;
  const double span = as_of - day(2024, 1, 9) + 1;
  const double p = ontime.at("p_order_next").get<double>();
  CHECK(ontime.at("revenue_at_risk").get<double>() == Approx(ontime_year / span * 90 * (1 - p)));

  double total = 0;
  for (const json& row : customers.at("rows")) total += row.at("revenue_at_risk").get<double>();
  CHECK(customers.at("summary").at("revenue_at_risk").get<double>() == Approx(total));
}

TEST_CASE("Customers: a regular customer whose orders shrink is flagged with the drop",
          "[kpi][outlook]") {
  const Day as_of = day(2024, 12, 31);
  Lines lines;
  background(lines, day(2023, 1, 2), as_of);
  for (Day d = day(2024, 6, 4); d <= as_of; d += 14)
    lines.order("SHRINK", d, d >= day(2024, 12, 1) ? 400 : 1000);
  lines.every("STEADY", day(2024, 6, 4), as_of, 14, 1000);
  const json doc = report_of(lines.text(), as_of);
  const json& shrink = row_of(doc, "SHRINK");
  CHECK(shrink.at("status") == "on_track");
  CHECK(shrink.at("shrinking") == true);
  CHECK(shrink.at("order_value_drop").get<double>() == Approx(0.6));
  CHECK(shrink.at("recent_order_value").get<double>() == Approx(400));
  CHECK(shrink.at("usual_order_value").get<double>() == Approx(1000));
  CHECK(row_of(doc, "STEADY").at("shrinking") == false);
  CHECK(row_of(doc, "STEADY").at("order_value_drop").get<double>() == Approx(0).margin(1e-12));
  CHECK(doc.at("customers").at("summary").at("shrinking_customers").get<int>() >= 1);
}

TEST_CASE("Customers: a late customer's pause is called seasonal when it paused a year ago too",
          "[kpi][outlook]") {
  const Day as_of = day(2024, 12, 31);
  Lines lines;
  background(lines, day(2023, 1, 2), as_of);
  // Every 14 days, silent from November to mid-January in both years: a season.
  for (Day d = day(2023, 1, 3); d <= day(2024, 11, 1); d += 14) {
    const bool winter_gap = d > day(2023, 11, 1) && d < day(2024, 1, 16);
    if (!winter_gap) lines.order("SEASONAL", d, 300);
  }
  // The same rhythm, but it ordered all through last winter: this silence is new.
  lines.every("PROBLEM", day(2023, 1, 3), day(2024, 11, 1), 14, 300);
  const json doc = report_of(lines.text(), as_of);
  const json& seasonal = row_of(doc, "SEASONAL");
  const json& problem = row_of(doc, "PROBLEM");
  REQUIRE(seasonal.at("status") != "on_track");
  REQUIRE(problem.at("status") != "on_track");
  CHECK(seasonal.at("seasonal_pause") == true);
  CHECK(seasonal.at("seasonal_evidence").at("year_ago_order_days") == 0);
  CHECK(problem.at("seasonal_pause") == false);
  CHECK(problem.at("seasonal_evidence").at("year_ago_order_days").get<int>() >= 4);
  const Day first = day(2023, 1, 3);
  const Day last = first + 14 * ((day(2024, 11, 1) - first) / 14);
  CHECK(problem.at("last_order") == format_day(last));
  CHECK(problem.at("seasonal_evidence").at("year_ago_from") == format_day(last - 363));
  CHECK(problem.at("seasonal_evidence").at("year_ago_to") == format_day(as_of - 364));
}

TEST_CASE("Customers: cohorts count retention and revenue kept by first-order month",
          "[kpi][cohorts]") {
  Lines lines;
  lines.order("A", day(2024, 1, 5), 100);
  lines.order("A", day(2024, 3, 7), 50);
  lines.order("B", day(2024, 1, 20), 200);
  lines.order("C", day(2024, 2, 2), 80);
  lines.order("C", day(2024, 2, 20), 20);
  lines.order("C", day(2024, 3, 1), 60);
  const json doc = report_of(lines.text(), day(2024, 3, 31));
  const json& cohorts = doc.at("customers").at("cohorts");
  CHECK(cohorts.at("last_month_partial") == false);
  const json& rows = cohorts.at("rows");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].at("cohort") == "2024-01");
  CHECK(rows[0].at("customers") == 2);
  REQUIRE(rows[0].at("cells").size() == 3);
  CHECK(rows[0]["cells"][0].at("retention").get<double>() == Approx(1.0));
  CHECK(rows[0]["cells"][1].at("active") == 0);
  CHECK(rows[0]["cells"][2].at("retention").get<double>() == Approx(0.5));
  CHECK(rows[0]["cells"][2].at("revenue_retention").get<double>() == Approx(50.0 / 300.0));
  CHECK(rows[1].at("cohort") == "2024-02");
  REQUIRE(rows[1].at("cells").size() == 2);
  CHECK(rows[1]["cells"][0].at("active") == 1);  // two orders in one month count once
  CHECK(rows[1]["cells"][0].at("revenue").get<double>() == Approx(100));
  CHECK(rows[1]["cells"][1].at("revenue_retention").get<double>() == Approx(0.6));
  // Too few customers to fit a return model: no probability is invented.
  CHECK(doc.at("customers").at("model").is_null());
  CHECK(doc.at("customers").at("rows")[0].at("p_order_next").is_null());
}
