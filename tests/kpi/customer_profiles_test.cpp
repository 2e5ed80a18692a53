#include <catch2/catch.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/kpi/customer_profiles.h"
#include "pulse/report/engine.h"

using namespace pulse;
using nlohmann::json;
using pulse::config::Settings;
using pulse::kpi::CustomerStatus;

namespace {

struct File {
  const char* name;
  Role role;
  std::string text;
};

json report_of(const std::vector<File>& files, const Settings& settings = {}) {
  report::Engine engine;
  for (const File& f : files) {
    ingest::FileOptions options;
    options.mapping.role = f.role;
    engine.begin_file(f.name, options);
    engine.feed(f.text);
    const LoadReport& r = engine.finish_file();
    INFO(f.name << ": " << r.error);
    REQUIRE(r.error.empty());
    REQUIRE(r.rows_skipped == 0);
  }
  return engine.report(settings);
}

json lines_report(const std::string& lines, const Settings& settings = {}) {
  return report_of({{"lines.csv", Role::order_lines, lines}}, settings);
}

Day day(int y, unsigned m, unsigned d) {
  return day_from_civil(y, m, d);
}

const json& row_of(const json& doc, const std::string& customer) {
  for (const json& row : doc.at("customers").at("rows"))
    if (row.at("customer_id") == customer) return row;
  FAIL("no row for customer " << customer);
  static const json none;
  return none;
}

std::vector<std::string> row_ids(const json& doc) {
  std::vector<std::string> out;
  for (const json& row : doc.at("customers").at("rows")) out.push_back(row.at("customer_id"));
  return out;
}

double num(const json& j) {
  return j.get<double>();
}

// C1, C2, C3 and one line without a customer; every figure below is checked by hand.
//   C1: I1 01-01 (2x10 + 1x5 = 25, cost 12 + 2), I2 01-06 (10, cost 6), I3 01-06 (4x5 = 20,
//       cost 8), return C1001 01-15 (-1x10 = -10, cost -6), I4 01-26 (30, cost 18),
//       I5 01-28 (10, cost 4), I6 02-05 (10, cost 6).
//       orders 6 (C1001 is a return document), units 2+1+1+4-1+3+2+1 = 13,
//       revenue 25+10+20-10+30+10+10 = 95, cost 12+2+6+8-6+18+4+6 = 50, margin 45.
//       Order days (distinct; I2 and I3 share 01-06; C1001 is no order): 01-01 01-06 01-26
//       01-28 02-05, gaps 5 20 2 8 -> sorted 2 5 8 20 -> median (5 + 8) / 2 = 6.5;
//       expected_next_order 02-05 + round_half_up(6.5) = 02-05 + 7 = 02-12.
//       as_of 02-18: days_since 13, overdue_ratio 13 / 6.5 = 2.0 -> overdue.
//   C2: J1 02-01 (5x10 = 50, cost 30), J2 02-15 (5, cost 2): orders 2, units 6, revenue 55,
//       margin 23; 2 order days -> no median, unknown; days_since 3.
//   C3: K1 02-18 (10, cost 6): orders 1, units 1, revenue 10, margin 4, days_since 0.
//   L1 01-20 without a customer: 2x5 = 10, cost 4.
const std::string kMain =
    "order_id,order_date,customer_id,sku,quantity,unit_price,unit_cost\n"
    "I1,2024-01-01,C1,A,2,10,6\n"
    "I1,2024-01-01,C1,B,1,5,2\n"
    "I2,2024-01-06,C1,A,1,10,6\n"
    "I3,2024-01-06,C1,B,4,5,2\n"
    "C1001,2024-01-15,C1,A,-1,10,6\n"
    "L1,2024-01-20,,B,2,5,2\n"
    "I4,2024-01-26,C1,A,3,10,6\n"
    "I5,2024-01-28,C1,B,2,5,2\n"
    "J1,2024-02-01,C2,A,5,10,6\n"
    "I6,2024-02-05,C1,A,1,10,6\n"
    "J2,2024-02-15,C2,B,1,5,2\n"
    "K1,2024-02-18,C3,A,1,10,6\n";

}  // namespace

TEST_CASE("customer profiles: per-customer figures on a hand-checked dataset", "[kpi]") {
  const json doc = lines_report(kMain);
  CHECK(doc.at("as_of") == "2024-02-18");  // the latest order date
  CHECK(doc.at("period").at("from") == "2024-01-01");
  CHECK(doc.at("period").at("to") == "2024-02-18");
  CHECK(row_ids(doc) == std::vector<std::string>{"C1", "C2", "C3"});  // by revenue

  const json& c1 = row_of(doc, "C1");
  CHECK(c1.at("orders") == 6);
  CHECK(num(c1.at("units")) == 13);
  CHECK(num(c1.at("revenue")) == Approx(95));
  CHECK(num(c1.at("aov")) == Approx(95.0 / 6));
  CHECK(num(c1.at("margin")) == Approx(45));
  CHECK(num(c1.at("margin_pct")) == Approx(45.0 / 95));
  CHECK(c1.at("first_order") == "2024-01-01");
  CHECK(c1.at("last_order") == "2024-02-05");
  CHECK(c1.at("days_since_last_order") == 13);
  CHECK(num(c1.at("median_interval_days")) == 6.5);
  CHECK(c1.at("expected_next_order") == "2024-02-12");
  CHECK(num(c1.at("overdue_ratio")) == 2.0);
  CHECK(c1.at("status") == "overdue");

  const json& c2 = row_of(doc, "C2");
  CHECK(c2.at("orders") == 2);
  CHECK(num(c2.at("units")) == 6);
  CHECK(num(c2.at("revenue")) == Approx(55));
  CHECK(num(c2.at("aov")) == Approx(27.5));
  CHECK(num(c2.at("margin")) == Approx(23));
  CHECK(num(c2.at("margin_pct")) == Approx(23.0 / 55));
  CHECK(c2.at("first_order") == "2024-02-01");
  CHECK(c2.at("last_order") == "2024-02-15");
  CHECK(c2.at("days_since_last_order") == 3);
  CHECK(c2.at("median_interval_days").is_null());  // 2 order days: fewer than 3
  CHECK(c2.at("expected_next_order").is_null());
  CHECK(c2.at("overdue_ratio").is_null());
  CHECK(c2.at("status") == "unknown");

  const json& c3 = row_of(doc, "C3");
  CHECK(c3.at("orders") == 1);
  CHECK(num(c3.at("revenue")) == Approx(10));
  CHECK(num(c3.at("margin")) == Approx(4));
  CHECK(c3.at("days_since_last_order") == 0);
  CHECK(c3.at("status") == "unknown");
}

TEST_CASE("customer profiles: summary and RFM on the hand-checked dataset", "[kpi]") {
  const json doc = lines_report(kMain);
  const json& s = doc.at("customers").at("summary");
  // customers C1 C2 C3; orders 6 + 2 + 1 + L1 = 10; revenue 95 + 55 + 10 + 10 = 170;
  // units 13 + 6 + 1 + 2 = 22; cost 50 + 32 + 6 + 4 = 92, margin 78.
  CHECK(s.at("customers") == 3);
  CHECK(s.at("orders") == 10);
  CHECK(num(s.at("revenue")) == Approx(170));
  CHECK(num(s.at("units")) == 22);
  CHECK(num(s.at("aov")) == Approx(17));
  CHECK(num(s.at("margin")) == Approx(78));
  CHECK(num(s.at("margin_pct")) == Approx(78.0 / 170));
  CHECK(num(s.at("unattributed_revenue")) == Approx(10));
  CHECK(s.at("repeat_customers") == 2);
  CHECK(num(s.at("repeat_rate")) == Approx(2.0 / 3));
  const json& counts = s.at("status_counts");
  CHECK(counts.at("on_track") == 0);
  CHECK(counts.at("due") == 0);
  CHECK(counts.at("overdue") == 1);
  CHECK(counts.at("lapsed") == 0);
  CHECK(counts.at("unknown") == 2);

  // RFM, n = 3. R = -days_since: C1 -13, C2 -3, C3 0 -> k-1 = 0 1 2 -> 1, 1+floor(5/3) = 2,
  // 1+floor(10/3) = 4. F: C3 1, C2 2, C1 6 -> C3 1, C2 2, C1 4. M: C3 10, C2 55, C1 95 ->
  // C3 1, C2 2, C1 4.
  CHECK(row_of(doc, "C1").at("rfm") == "144");
  CHECK(row_of(doc, "C2").at("rfm") == "222");
  CHECK(row_of(doc, "C3").at("rfm") == "411");
}

TEST_CASE("customer profiles: monthly rows cover every month of the period", "[kpi]") {
  SECTION("the default period") {
    // Jan: C1 25 + 10 + 20 - 10 + 30 + 10 = 85 and L1 10 -> 95; orders I1 I2 I3 I4 I5 L1;
    // active C1. Feb: I6 10 + J1 50 + J2 5 + K1 10 = 75; 4 orders; C1 C2 C3 active.
    const json monthly = lines_report(kMain).at("customers").at("monthly");
    REQUIRE(monthly.size() == 2);
    CHECK(monthly[0].at("month") == "2024-01");
    CHECK(num(monthly[0].at("revenue")) == Approx(95));
    CHECK(monthly[0].at("orders") == 6);
    CHECK(monthly[0].at("active_customers") == 1);
    CHECK(monthly[1].at("month") == "2024-02");
    CHECK(num(monthly[1].at("revenue")) == Approx(75));
    CHECK(monthly[1].at("orders") == 4);
    CHECK(monthly[1].at("active_customers") == 3);
  }
  SECTION("zero months before the data and between orders are rows too") {
    Settings settings;
    settings.from = day(2023, 11, 15);
    settings.as_of = day(2024, 4, 2);
    const json monthly = lines_report(kMain, settings).at("customers").at("monthly");
    const std::vector<std::string> months = {"2023-11", "2023-12", "2024-01",
                                             "2024-02", "2024-03", "2024-04"};
    REQUIRE(monthly.size() == months.size());
    for (std::size_t i = 0; i < months.size(); ++i) CHECK(monthly[i].at("month") == months[i]);
    for (const std::size_t zero : {0, 1, 4, 5}) {
      INFO("month " << months[zero]);
      CHECK(num(monthly[zero].at("revenue")) == 0);
      CHECK(monthly[zero].at("orders") == 0);
      CHECK(monthly[zero].at("active_customers") == 0);
    }
    CHECK(num(monthly[2].at("revenue")) == Approx(95));
    CHECK(num(monthly[3].at("revenue")) == Approx(75));
  }
}

TEST_CASE("customer profiles: period figures vs recency up to as_of", "[kpi]") {
  SECTION("from after the first orders: recency still sees them") {
    Settings settings;
    settings.from = day(2024, 1, 20);
    const json doc = lines_report(kMain, settings);
    CHECK(doc.at("period").at("from") == "2024-01-20");
    const json& c1 = row_of(doc, "C1");
    // In the period: I4 30, I5 10, I6 10 -> 3 orders, revenue 50, units 6, cost 28.
    CHECK(c1.at("orders") == 3);
    CHECK(num(c1.at("revenue")) == Approx(50));
    CHECK(num(c1.at("units")) == 6);
    CHECK(num(c1.at("margin")) == Approx(22));
    // Recency over every order up to as_of: unchanged.
    CHECK(c1.at("first_order") == "2024-01-01");
    CHECK(num(c1.at("median_interval_days")) == 6.5);
    CHECK(c1.at("status") == "overdue");
    const json& s = doc.at("customers").at("summary");
    CHECK(s.at("orders") == 7);  // 3 + 2 + 1 + L1 (01-20: from is inclusive)
    CHECK(num(s.at("revenue")) == Approx(125));
    CHECK(num(s.at("unattributed_revenue")) == Approx(10));
  }
  SECTION("from the day after L1 leaves L1 out") {
    Settings settings;
    settings.from = day(2024, 1, 21);
    const json doc = lines_report(kMain, settings);
    const json& s = doc.at("customers").at("summary");
    CHECK(s.at("orders") == 6);
    CHECK(num(s.at("unattributed_revenue")) == 0);
  }
  SECTION("an earlier as_of ignores later orders everywhere") {
    Settings settings;
    settings.as_of = day(2024, 2, 1);
    const json doc = lines_report(kMain, settings);
    CHECK(doc.at("as_of") == "2024-02-01");
    CHECK(doc.at("period").at("to") == "2024-02-01");
    // C3's only order is after as_of: no row. C1: order days 01-01 01-06 01-26 01-28, gaps
    // 5 20 2 -> median 5, last 01-28, days_since 4, ratio 0.8, next 02-02.
    CHECK(row_ids(doc) == std::vector<std::string>{"C1", "C2"});
    const json& c1 = row_of(doc, "C1");
    CHECK(c1.at("orders") == 5);
    CHECK(num(c1.at("revenue")) == Approx(85));
    CHECK(c1.at("last_order") == "2024-01-28");
    CHECK(c1.at("days_since_last_order") == 4);
    CHECK(num(c1.at("median_interval_days")) == 5);
    CHECK(c1.at("expected_next_order") == "2024-02-02");
    CHECK(num(c1.at("overdue_ratio")) == Approx(0.8));
    CHECK(c1.at("status") == "on_track");
    const json& c2 = row_of(doc, "C2");  // J1 is on as_of itself
    CHECK(c2.at("orders") == 1);
    CHECK(c2.at("days_since_last_order") == 0);
    const json& s = doc.at("customers").at("summary");
    CHECK(s.at("customers") == 2);
    CHECK(s.at("orders") == 7);  // 5 + 1 + L1
    CHECK(num(s.at("revenue")) == Approx(145));
  }
  SECTION("to before as_of: customers without an order in the period keep a row") {
    Settings settings;
    settings.to = day(2024, 1, 31);
    const json doc = lines_report(kMain, settings);
    CHECK(doc.at("as_of") == "2024-02-18");
    const json& c1 = row_of(doc, "C1");
    CHECK(c1.at("orders") == 5);
    CHECK(num(c1.at("revenue")) == Approx(85));
    CHECK(c1.at("last_order") == "2024-02-05");  // after `to`, before as_of
    CHECK(c1.at("days_since_last_order") == 13);
    CHECK(c1.at("rfm") == "111");  // alone among customers with an order in the period
    for (const char* id : {"C2", "C3"}) {
      INFO(id);
      const json& row = row_of(doc, id);
      CHECK(row.at("orders") == 0);
      CHECK(num(row.at("revenue")) == 0);
      CHECK(row.at("aov").is_null());
      CHECK(row.at("rfm").is_null());
    }
    const json& s = doc.at("customers").at("summary");
    CHECK(s.at("customers") == 1);
    CHECK(s.at("repeat_customers") == 1);
    CHECK(num(s.at("repeat_rate")) == 1.0);
  }
}

TEST_CASE("customer profiles: margin is null without unit_cost", "[kpi]") {
  const json doc = lines_report(
      "order_id,order_date,customer_id,sku,quantity,unit_price\n"
      "O1,2024-01-01,C1,A,2,10\n"
      "O2,2024-01-05,C1,A,1,10\n");
  const json& c1 = row_of(doc, "C1");
  CHECK(num(c1.at("revenue")) == Approx(30));
  CHECK(c1.at("margin").is_null());
  CHECK(c1.at("margin_pct").is_null());
  CHECK(doc.at("customers").at("summary").at("margin").is_null());
  CHECK(doc.at("customers").at("summary").at("margin_pct").is_null());
}

TEST_CASE("customer profiles: orders alone give revenue and rhythm, units null", "[kpi]") {
  // Order totals 100, 200, 300 on 01-01, 01-11, 01-31: gaps 10 20 -> median 15.
  const json doc = report_of({{"orders.csv", Role::orders,
                               "order_id,order_date,customer_id,status,order_total\n"
                               "O1,2024-01-01,C1,complete,100\n"
                               "O2,2024-01-11,C1,complete,200\n"
                               "O3,2024-01-20,C1,canceled,999\n"
                               "O4,2024-01-31,C1,complete,300\n"}});
  const json& c1 = row_of(doc, "C1");
  CHECK(c1.at("orders") == 3);
  CHECK(num(c1.at("revenue")) == Approx(600));
  CHECK(num(c1.at("aov")) == Approx(200));
  CHECK(c1.at("units").is_null());
  CHECK(c1.at("margin").is_null());
  CHECK(num(c1.at("median_interval_days")) == 15);
  CHECK(c1.at("expected_next_order") == "2024-02-15");
  CHECK(doc.at("customers").at("summary").at("units").is_null());
}

TEST_CASE("status_for_ratio: boundaries 1.0 / 1.5 / 3.0 and custom thresholds", "[kpi]") {
  struct Case {
    std::optional<double> ratio;
    std::array<double, 3> thresholds;
    CustomerStatus expected;
  };
  const std::array<double, 3> def{1.0, 1.5, 3.0};
  const std::array<double, 3> custom{2.0, 2.5, 4.0};
  const Case cases[] = {
      {0.0, def, CustomerStatus::on_track},
      {0.999, def, CustomerStatus::on_track},
      {1.0, def, CustomerStatus::due},
      {1.499, def, CustomerStatus::due},
      {1.5, def, CustomerStatus::overdue},
      {2.999, def, CustomerStatus::overdue},
      {3.0, def, CustomerStatus::lapsed},
      {40.0, def, CustomerStatus::lapsed},
      {std::nullopt, def, CustomerStatus::unknown},
      {1.5, custom, CustomerStatus::on_track},
      {2.0, custom, CustomerStatus::due},
      {2.5, custom, CustomerStatus::overdue},
      {3.0, custom, CustomerStatus::overdue},
      {4.0, custom, CustomerStatus::lapsed},
      {std::nullopt, custom, CustomerStatus::unknown},
  };
  for (const Case& c : cases) {
    INFO("ratio " << (c.ratio ? std::to_string(*c.ratio) : "null") << ", thresholds "
                  << c.thresholds[0] << "/" << c.thresholds[1] << "/" << c.thresholds[2]);
    CHECK(kpi::status_for_ratio(c.ratio, c.thresholds) == c.expected);
  }
  CHECK(std::string(kpi::status_name(CustomerStatus::on_track)) == "on_track");
  CHECK(std::string(kpi::status_name(CustomerStatus::lapsed)) == "lapsed");
}

TEST_CASE("customer profiles: status at exact ratio boundaries, through Settings", "[kpi]") {
  // E1 orders 01-01, 01-11, 01-21: gaps 10 10 -> median 10, next order 01-31.
  const std::string lines =
      "order_id,order_date,customer_id,sku,quantity,unit_price\n"
      "O1,2024-01-01,E1,A,1,10\n"
      "O2,2024-01-11,E1,A,1,10\n"
      "O3,2024-01-21,E1,A,1,10\n";
  struct Case {
    Day as_of;
    std::array<double, 3> thresholds;
    std::int64_t days_since;
    const char* status;
  };
  const std::array<double, 3> def{1.0, 1.5, 3.0};
  const std::array<double, 3> custom{2.0, 2.5, 4.0};
  const Case cases[] = {
      {day(2024, 1, 30), def, 9, "on_track"},      // 0.9
      {day(2024, 1, 31), def, 10, "due"},          // 1.0 exactly
      {day(2024, 2, 4), def, 14, "due"},           // 1.4
      {day(2024, 2, 5), def, 15, "overdue"},       // 1.5 exactly
      {day(2024, 2, 19), def, 29, "overdue"},      // 2.9
      {day(2024, 2, 20), def, 30, "lapsed"},       // 3.0 exactly
      {day(2024, 1, 31), custom, 10, "on_track"},  // 1.0 < 2.0
      {day(2024, 2, 10), custom, 20, "due"},       // 2.0 exactly
      {day(2024, 2, 15), custom, 25, "overdue"},   // 2.5 exactly
      {day(2024, 2, 20), custom, 30, "overdue"},   // 3.0 < 4.0
      {day(2024, 3, 1), custom, 40, "lapsed"},     // 4.0 exactly
  };
  for (const Case& c : cases) {
    Settings settings;
    settings.as_of = c.as_of;
    settings.status_thresholds = c.thresholds;
    const json doc = lines_report(lines, settings);
    INFO("as_of " << format_day(c.as_of) << ", thresholds " << c.thresholds[0]);
    const json& e1 = row_of(doc, "E1");
    CHECK(e1.at("days_since_last_order") == c.days_since);
    CHECK(num(e1.at("median_interval_days")) == 10);
    CHECK(e1.at("expected_next_order") == "2024-01-31");
    CHECK(num(e1.at("overdue_ratio")) == Approx(static_cast<double>(c.days_since) / 10));
    CHECK(e1.at("status") == c.status);
    CHECK(doc.at("customers").at("summary").at("status_counts").at(c.status) == 1);
  }
}

TEST_CASE("customer profiles: median of an odd gap count and expected_next_order rounding",
          "[kpi]") {
  struct Case {
    std::vector<const char*> days;
    double median;
    const char* next;
  };
  const std::vector<Case> cases = {
      // gaps 3 4 -> 3.5 -> rounds up to 4: 01-08 + 4.
      {{"2024-01-01", "2024-01-04", "2024-01-08"}, 3.5, "2024-01-12"},
      // gaps 1 9 2 -> sorted 1 2 9 -> 2.
      {{"2024-01-01", "2024-01-02", "2024-01-11", "2024-01-13"}, 2, "2024-01-15"},
      // gaps 7 7 7 7 7 (the 02-05 duplicate is one order day) -> 7.
      {{"2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05",
        "2024-02-05"},
       7,
       "2024-02-12"},
      // gaps 2 3 -> 2.5 -> 3 (halves up), 01-06 + 3.
      {{"2024-01-01", "2024-01-03", "2024-01-06"}, 2.5, "2024-01-09"},
  };
  for (const Case& c : cases) {
    std::string lines = "order_id,order_date,customer_id,sku,quantity,unit_price\n";
    for (std::size_t i = 0; i < c.days.size(); ++i)
      lines += "O" + std::to_string(i) + "," + c.days[i] + ",X,A,1,1\n";
    const json doc = lines_report(lines);
    INFO("next " << c.next);
    const json& x = row_of(doc, "X");
    CHECK(num(x.at("median_interval_days")) == c.median);
    CHECK(x.at("expected_next_order") == c.next);
    CHECK(x.at("orders") == static_cast<std::int64_t>(c.days.size()));
  }
}

TEST_CASE("customer profiles: RFM scores with ties, 1 + floor(5(k-1)/n)", "[kpi]") {
  // Period 03-01 .. 03-31 (as_of). D6 ordered only before the period: it has a row but no
  // RFM and does not count in n. n = 5:
  //   D1 1 order 03-01 (100): R -30, F 1, M 100
  //   D2 1 order 03-21 (100): R -10, F 1, M 100
  //   D3 03-01 50, 03-21 50:   R -10, F 2, M 100
  //   D4 03-01, 03-11, 03-31 10 each: R 0, F 3, M 30
  //   D5 03-01, 03-11, 03-21 100 each: R -10, F 3, M 300
  // R: -30 < -10 (x3) < 0: D1 0 smaller -> 1; D2 D3 D5 1 smaller -> 1 + floor(5/5) = 2;
  //    D4 4 smaller -> 5.
  // F: 1 1 2 3 3: D1 D2 -> 1; D3 2 smaller -> 3; D4 D5 3 smaller -> 4.
  // M: 30 < 100 (x3) < 300: D4 -> 1; D1 D2 D3 -> 2; D5 -> 5.
  const std::string lines =
      "order_id,order_date,customer_id,sku,quantity,unit_price\n"
      "A1,2024-03-01,D1,A,1,100\n"
      "B1,2024-03-21,D2,A,1,100\n"
      "C1,2024-03-01,D3,A,1,50\n"
      "C2,2024-03-21,D3,A,1,50\n"
      "E1,2024-03-01,D4,A,1,10\n"
      "E2,2024-03-11,D4,A,1,10\n"
      "E3,2024-03-31,D4,A,1,10\n"
      "F1,2024-03-01,D5,A,1,100\n"
      "F2,2024-03-11,D5,A,1,100\n"
      "F3,2024-03-21,D5,A,1,100\n"
      "G1,2024-02-10,D6,A,1,500\n";
  Settings settings;
  settings.from = day(2024, 3, 1);
  const json doc = lines_report(lines, settings);
  struct Case {
    const char* customer;
    const char* rfm;
  };
  const Case cases[] = {{"D1", "112"}, {"D2", "212"}, {"D3", "232"}, {"D4", "541"}, {"D5", "245"}};
  for (const Case& c : cases) {
    INFO(c.customer);
    CHECK(row_of(doc, c.customer).at("rfm") == c.rfm);
  }
  CHECK(row_of(doc, "D6").at("rfm").is_null());
  CHECK(row_of(doc, "D6").at("orders") == 0);
  const json& s = doc.at("customers").at("summary");
  CHECK(s.at("customers") == 5);
  CHECK(s.at("repeat_customers") == 3);  // D3 D4 D5
  CHECK(num(s.at("repeat_rate")) == Approx(0.6));
  // D4: gaps 10 20 -> 15, days_since 0 -> on_track; D5: gaps 10 10, days_since 10 -> 1.0,
  // due; D1 D2 D6 one order day, D3 two -> unknown.
  CHECK(s.at("status_counts").at("on_track") == 1);
  CHECK(s.at("status_counts").at("due") == 1);
  CHECK(s.at("status_counts").at("unknown") == 4);
}

TEST_CASE("customer profiles: filters narrow every figure; unknown values match nothing", "[kpi]") {
  // X: F1 (Gold A 10, Silver B 2x5 = 10, rep R1), F2 (Gold 2x10 = 20, R1).
  // Y: F3 (Silver 5, R2), F4 (Gold 3x10 = 30, R2). No customer: F5 (Gold 10, R2).
  const std::string lines =
      "order_id,order_date,customer_id,sku,quantity,unit_price,catalog,sales_rep\n"
      "F1,2024-05-01,X,A,1,10,Gold,R1\n"
      "F1,2024-05-01,X,B,2,5,Silver,R1\n"
      "F2,2024-05-10,X,A,2,10,Gold,R1\n"
      "F3,2024-05-20,Y,B,1,5,Silver,R2\n"
      "F4,2024-05-25,Y,A,3,10,Gold,R2\n"
      "F5,2024-05-30,,A,1,10,Gold,R2\n";
  struct Row {
    const char* id;
    std::int64_t orders;
    double revenue;
  };
  struct Case {
    const char* name;
    std::optional<std::string> catalog, rep, customer;
    std::int64_t customers, orders;
    double revenue, unattributed;
    std::vector<Row> rows;
  };
  const std::vector<Case> cases = {
      {"none", {}, {}, {}, 2, 5, 85, 10, {{"X", 2, 40}, {"Y", 2, 35}}},
      {"catalog Gold", "Gold", {}, {}, 2, 4, 70, 10, {{"X", 2, 30}, {"Y", 1, 30}}},
      {"catalog Silver", "Silver", {}, {}, 2, 2, 15, 0, {{"X", 1, 10}, {"Y", 1, 5}}},
      {"rep R2", {}, "R2", {}, 1, 3, 45, 10, {{"Y", 2, 35}}},
      {"customer X", {}, {}, "X", 1, 2, 40, 0, {{"X", 2, 40}}},
      {"Gold and R1", "Gold", "R1", {}, 1, 2, 30, 0, {{"X", 2, 30}}},
      {"absent catalog", "Platinum", {}, {}, 0, 0, 0, 0, {}},
      {"absent rep", {}, "R9", {}, 0, 0, 0, 0, {}},
      {"absent customer", {}, {}, "Z", 0, 0, 0, 0, {}},
      {"a rep id used as a catalog", "R1", {}, {}, 0, 0, 0, 0, {}},
  };
  for (const Case& c : cases) {
    INFO("filter: " << c.name);
    Settings settings;
    settings.catalog = c.catalog;
    settings.sales_rep = c.rep;
    settings.customer = c.customer;
    const json doc = lines_report(lines, settings);
    const json& s = doc.at("customers").at("summary");
    CHECK(s.at("customers") == c.customers);
    CHECK(s.at("orders") == c.orders);
    CHECK(num(s.at("revenue")) == Approx(c.revenue));
    CHECK(num(s.at("unattributed_revenue")) == Approx(c.unattributed));
    const json& rows = doc.at("customers").at("rows");
    REQUIRE(rows.size() == c.rows.size());
    for (std::size_t i = 0; i < c.rows.size(); ++i) {
      CHECK(rows[i].at("customer_id") == c.rows[i].id);
      CHECK(rows[i].at("orders") == c.rows[i].orders);
      CHECK(num(rows[i].at("revenue")) == Approx(c.rows[i].revenue));
    }
    const json& monthly = doc.at("customers").at("monthly");
    REQUIRE(monthly.size() == 1);
    CHECK(num(monthly[0].at("revenue")) == Approx(c.revenue));
    CHECK(monthly[0].at("orders") == c.orders);
    // The catalogs dashboard narrows the same way.
    double catalog_revenue = 0;
    for (const json& k : doc.at("catalogs").at("catalogs")) catalog_revenue += num(k.at("revenue"));
    CHECK(catalog_revenue == Approx(c.revenue));
    if (c.revenue == 0) CHECK(doc.at("catalogs").at("products").empty());
  }
}
