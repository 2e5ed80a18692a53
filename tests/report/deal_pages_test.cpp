// negotiations.deals: the list behind a quote's own page on the dashboard (docs/kpi-deals.md,
// "deals"). Each field must be the figure the summary already counts for that deal: the list
// holds exactly the summary's deals, its open ones are the open list, the summary's mean
// discount and rounds are the means of its fields, and a quote's history is its rows of the
// samples' quote_history.csv, by date.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pulse/report/engine.h"
#include "pulse/report/workspace_loader.h"
#include "test_support.h"

using nlohmann::json;
using namespace pulse;

namespace {

json samples_report() {
  const std::string workspace = test::source_path("samples/workspace.json");
  auto ws = report::read_workspace_file(workspace);
  report::Engine engine;
  report::load_workspace(engine, ws, report::folder_of(workspace));
  return engine.report(ws.settings);
}

/// quote id -> [(date, status)] from the samples' history file, in file order.
std::map<std::string, std::vector<std::pair<std::string, std::string>>> history_file() {
  std::ifstream in(test::source_path("samples/quote_history.csv"));
  std::string line;
  std::getline(in, line);  // header: quote_id,created_at,status
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> out;
  while (std::getline(in, line)) {
    std::stringstream row(line);
    std::string id, at, status;
    std::getline(row, id, ',');
    std::getline(row, at, ',');
    std::getline(row, status, ',');
    if (!status.empty() && status.back() == '\r') status.pop_back();
    out[id].emplace_back(at.substr(0, 10), status);
  }
  return out;
}

}  // namespace

TEST_CASE("negotiations.deals holds the summary's deals with their own figures",
          "[report][deals]") {
  const json report = samples_report();
  const json& n = report["negotiations"];
  const json& deals = n["deals"];
  const json& s = n["summary"];
  REQUIRE(deals.is_array());
  CHECK(deals.size() == s["deals"].get<std::size_t>());  // 1,200 on the samples

  std::set<std::string> open_ids;
  for (const json& d : n["open"]) open_ids.insert(d["deal_id"].get<std::string>());
  std::set<std::string> listed_open;
  std::int64_t won = 0, lost = 0;
  double discount_sum = 0, rounds_sum = 0;
  int discounts = 0, with_history = 0;
  for (const json& d : deals) {
    const std::string outcome = d["outcome"];
    if (outcome == "open") listed_open.insert(d["deal_id"].get<std::string>());
    if (outcome == "won") ++won;
    if (outcome == "lost") ++lost;
    if (outcome != "open") CHECK(d["closed_at"].is_string());
    if (outcome == "won" && d["discount"].is_number()) {
      discount_sum += d["discount"].get<double>();
      ++discounts;
      CHECK(d["discount"].get<double>() ==
            Approx(1.0 - d["amount"].get<double>() / d["original_amount"].get<double>()));
    }
    if (!d["history"].empty()) {
      rounds_sum += d["rounds"].get<double>();
      ++with_history;
      CHECK(d["negotiation_days"].is_number());
    }
  }
  CHECK(listed_open == open_ids);
  CHECK(won == s["won"].get<std::int64_t>());
  CHECK(lost == s["lost"].get<std::int64_t>());
  REQUIRE(discounts > 0);
  CHECK(discount_sum / discounts == Approx(s["avg_discount"].get<double>()));
  REQUIRE(with_history > 0);
  CHECK(rounds_sum / with_history == Approx(s["rounds_mean"].get<double>()));
}

TEST_CASE("a deal's history is its rows of the history file, by date", "[report][deals]") {
  const json report = samples_report();
  const auto file = history_file();
  const json* longest = nullptr;
  for (const json& d : report["negotiations"]["deals"])
    if (!longest || d["history"].size() > (*longest)["history"].size()) longest = &d;
  REQUIRE(longest);
  const std::string id = (*longest)["deal_id"];
  auto expected = file.at(id);
  std::stable_sort(expected.begin(), expected.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  const json& history = (*longest)["history"];
  REQUIRE(history.size() == expected.size());
  REQUIRE(history.size() >= 3);
  for (std::size_t i = 0; i < history.size(); ++i) {
    CHECK(history[i]["date"] == expected[i].first);
    CHECK(history[i]["status"] == expected[i].second);
  }
  std::int64_t rounds = 0;
  for (const auto& e : expected) rounds += e.second == "submitted_by_admin";
  CHECK((*longest)["rounds"].get<std::int64_t>() == rounds);
}
