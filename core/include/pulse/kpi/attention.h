#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pulse/kpi/catalogs.h"
#include "pulse/kpi/customer_profiles.h"
#include "pulse/kpi/deals.h"
#include "pulse/kpi/negotiations.h"
#include "pulse/kpi/sales_team.h"

namespace pulse::kpi {

/// What needs action this week across the four dashboards (docs/kpi.md, "Attention list").
/// The order of the enum is the documented tie-break order of the ranking.
enum class AttentionKind : std::uint8_t {
  customer_at_risk,
  customer_shrinking,
  quote_expiring,
  deal_slipping,
  rep_stale_pipeline,
  discount_candidate,
};
const char* attention_kind_name(AttentionKind kind);

/// One figure the page needs to word the reason: a number, a text (an id, a name, a date), a
/// yes/no, or null when the engine could not compute it.
struct AttentionParam {
  enum class Type : std::uint8_t { number, text, flag, null };
  std::string key;
  Type type = Type::null;
  double number = 0;
  std::string text;
  bool flag = false;
};

struct AttentionItem {
  AttentionKind kind = AttentionKind::customer_at_risk;
  std::optional<std::string> owner;  // the rep id; null for catalog items (the catalog manager)
  std::string subject;               // customer id, deal id, rep id or SKU
  std::string reason_code;           // which sentence the page says (per kind, docs/kpi.md)
  std::vector<AttentionParam> params;
  std::optional<double> amount_at_stake;  // null when the deal has no amount; ranked last
  std::string link_dashboard;             // customers | negotiations | sales_team | catalogs
  std::vector<std::pair<std::string, std::string>> link_keys;  // e.g. {"customer_id", "C-0042"}
};

struct AttentionList {
  std::vector<AttentionItem> items;  // ranked, at most the cap
  std::size_t total = 0;             // how many before the cap
};

constexpr std::size_t kMaxAttentionItems = 200;

/// The dashboards' results the list is read from; any may be null (that dashboard is not
/// available). Nothing is recomputed: the list only selects, prices and ranks their rows.
struct AttentionSources {
  const Facts* facts = nullptr;                    // ids, names and reps of the customers and SKUs
  const CustomerReport* customers = nullptr;       // needs facts
  const CatalogReport* catalogs = nullptr;         // needs facts
  const DealFacts* deals = nullptr;                // ids, reps, amounts and dates of the deals
  const NegotiationReport* negotiation = nullptr;  // needs deals
  const SalesTeamReport* team = nullptr;           // needs deals
};

/// Ranked by amount_at_stake descending (unknown amounts last), then kind (enum order), then
/// subject (byte order); the first `cap` items are kept.
AttentionList attention_list(const AttentionSources& sources, const Scope& scope,
                             const config::Settings& settings, const StringPool& strings,
                             std::size_t cap = kMaxAttentionItems);

}  // namespace pulse::kpi
