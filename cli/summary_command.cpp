// `b2b-pulse summary`: the same report as `report`, read by a person: the headline figures of
// the four dashboards, the customers that need a call, the catalogs and the reps.
#include <cmath>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "report_options.h"

namespace pulse::cli {
namespace {

using nlohmann::json;

std::string num(const json& v, int decimals = 0) {
  if (!v.is_number()) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v.get<double>());
  // Thousands separators on the integer part, for reading.
  std::string s = buf;
  const std::size_t dot = s.find('.');
  std::size_t end = dot == std::string::npos ? s.size() : dot;
  const std::size_t start = s[0] == '-' ? 1 : 0;
  for (std::size_t i = end; i > start + 3; i -= 3) s.insert(i - 3, ",");
  return s;
}

std::string pct(const json& v) {
  return v.is_number() ? num(json(v.get<double>() * 100.0), 1) + "%" : "-";
}

std::string text(const json& v) {
  return v.is_string() ? v.get<std::string>() : "-";
}

bool print_unavailable(const char* title, const json& section) {
  if (!section.contains("unavailable")) return false;
  std::printf("\n%s\n  %s\n", title, text(section["unavailable"]).c_str());
  return true;
}

void customers(const json& c) {
  if (print_unavailable("CUSTOMER PROFILES", c)) return;
  const json& s = c["summary"];
  std::printf("\nCUSTOMER PROFILES\n");
  std::printf("  %s customers, %s orders, revenue %s, AOV %s, margin %s, repeat rate %s\n",
              num(s["customers"]).c_str(), num(s["orders"]).c_str(), num(s["revenue"], 2).c_str(),
              num(s["aov"], 2).c_str(), pct(s["margin_pct"]).c_str(),
              pct(s["repeat_rate"]).c_str());
  const json& k = s["status_counts"];
  std::printf("  rhythm: %s on track, %s due, %s overdue, %s lapsed, %s unknown\n",
              num(k["on_track"]).c_str(), num(k["due"]).c_str(), num(k["overdue"]).c_str(),
              num(k["lapsed"]).c_str(), num(k["unknown"]).c_str());
  std::printf("  late against their own rhythm (by revenue):\n");
  int shown = 0;
  for (const json& row : c["rows"]) {
    const std::string status = text(row["status"]);
    if (status != "overdue" && status != "lapsed") continue;
    std::printf("    %-10s %-32.32s %-8s last %s, every %s days, %s days ago\n",
                text(row["customer_id"]).c_str(), text(row["customer_name"]).c_str(),
                status.c_str(), text(row["last_order"]).c_str(),
                num(row["median_interval_days"], 1).c_str(),
                num(row["days_since_last_order"]).c_str());
    if (++shown == 10) break;
  }
  if (shown == 0) std::printf("    none\n");
}

void catalogs(const json& c) {
  if (print_unavailable("PRODUCT CATALOGS", c)) return;
  std::printf("\nPRODUCT CATALOGS\n  %-20s %14s %8s %9s %12s %8s %6s\n", "catalog", "revenue",
              "orders", "customers", "AOV", "margin", "skus");
  for (const json& k : c["catalogs"])
    std::printf("  %-20.20s %14s %8s %9s %12s %8s %6s\n", text(k["catalog"]).c_str(),
                num(k["revenue"], 2).c_str(), num(k["orders"]).c_str(), num(k["customers"]).c_str(),
                num(k["aov"], 2).c_str(), pct(k["margin_pct"]).c_str(), num(k["skus"]).c_str());
  std::printf("  discount candidates: %zu", c["discount_candidates"].size());
  for (std::size_t i = 0; i < c["discount_candidates"].size() && i < 3; ++i) {
    const json& d = c["discount_candidates"][i];
    std::printf("%s %s in %s (elasticity %s)", i ? "," : "", text(d["sku"]).c_str(),
                text(d["catalog"]).c_str(), num(d["elasticity"]["slope"], 2).c_str());
  }
  std::printf("\n");
}

void negotiations(const json& n) {
  if (print_unavailable("NEGOTIATIONS", n)) return;
  const json& s = n["summary"];
  std::printf("\nNEGOTIATIONS\n");
  std::printf("  %s deals: %s won, %s lost, %s open; win rate %s; won %s (avg %s)\n",
              num(s["deals"]).c_str(), num(s["won"]).c_str(), num(s["lost"]).c_str(),
              num(s["open"]).c_str(), pct(s["win_rate"]).c_str(), num(s["won_amount"], 2).c_str(),
              num(s["avg_deal_size"], 2).c_str());
  std::printf(
      "  time to close: median %s days (lost: %s); average discount %s; expiring soon: %s\n",
      num(s["cycle_days_median"], 1).c_str(), num(s["lost_cycle_days_median"], 1).c_str(),
      pct(s["avg_discount"]).c_str(), num(s["expiring_soon"]).c_str());
}

void sales_team(const json& t) {
  if (print_unavailable("SALES TEAM", t)) return;
  std::printf("\nSALES TEAM\n  %-22s %5s %5s %8s %14s %14s %7s %6s %9s\n", "rep", "won", "lost",
              "win rate", "won amount", "revenue", "closing", "stale", "overdue");
  for (const json& r : t["reps"]) {
    const std::string name = r["rep_name"].is_string() ? text(r["rep_name"]) : text(r["sales_rep"]);
    std::printf("  %-22.22s %5s %5s %8s %14s %14s %7s %6s %9s\n", name.c_str(),
                num(r["won"]).c_str(), num(r["lost"]).c_str(), pct(r["win_rate"]).c_str(),
                num(r["won_amount"], 2).c_str(), num(r["revenue"], 2).c_str(),
                num(r["closing_soon"]).c_str(), num(r["stale"]).c_str(),
                num(r["customers_overdue"]).c_str());
  }
}

}  // namespace

int run_summary(const Args& args) {
  std::string text_report;
  const int status = make_report(args, text_report);
  if (text_report.empty()) return status;
  const json doc = json::parse(text_report);
  std::printf("B2B Pulse, as of %s (period %s to %s)\n", text(doc["as_of"]).c_str(),
              text(doc["period"]["from"]).c_str(), text(doc["period"]["to"]).c_str());
  for (const json& load : doc["load"])
    std::printf("  %-24s %-14s %8s rows loaded, %s skipped\n", text(load["file"]).c_str(),
                text(load["role"]).c_str(), num(load["rows_loaded"]).c_str(),
                num(load["rows_skipped"]).c_str());
  customers(doc["customers"]);
  catalogs(doc["catalogs"]);
  negotiations(doc["negotiations"]);
  sales_team(doc["sales_team"]);
  return status;
}

}  // namespace pulse::cli
