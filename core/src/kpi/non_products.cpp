#include "pulse/kpi/non_products.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "pulse/kpi/exact_sum.h"
#include "pulse/util/sort_by.h"

namespace pulse::kpi {
namespace {

// Words that name a charge rather than goods, folded (lower case, "ё" as "е"). Matched as whole
// words of a SKU code or a product name: "POSTAGE" but not "POSTCARD".
constexpr std::string_view kChargeWords[] = {
    "postage",  "carriage",      "shipping",    "delivery",   "freight",   "fee",
    "fees",     "amazonfee",     "charge",      "charges",    "surcharge", "manual",
    "adjust",   "adjustment",    "discount",    "commission", "доставка",  "доставки",
    "комиссия", "корректировка", "транспортные"};
// Words that name goods as often as a charge ("Shipping labels", "Delivery van"): taken from
// a SKU code only, not from a product name.
constexpr std::string_view kCodeOnlyWords[] = {"shipping", "delivery", "discount"};
// Short codes shops use for a charge line, matched against the whole SKU only: a name word
// "post" would catch "Post box"; Online Retail's POST, DOT (dotcom postage), M (manual), D
// (discount). Its C2 ("CARRIAGE") and CRUK ("CRUK Commission") are found by their names.
constexpr std::string_view kChargeCodes[] = {"post", "dot", "m", "d", "bank charges"};
constexpr std::size_t kMaxSuggestions = 50;
constexpr double kDigitShare = 0.8;  // codes "usually have digits" from this share on

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The charge word in `folded` (a code, or a name when in_name), as a whole word; empty when none.
std::string_view charge_word(std::string_view folded, bool in_name) {
  std::size_t i = 0;
  while (i < folded.size()) {
    // Words: runs of ASCII letters and digits and of UTF-8 multibyte letters (Cyrillic).
    auto in_word = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
    while (i < folded.size() && !in_word(static_cast<unsigned char>(folded[i]))) ++i;
    const std::size_t start = i;
    while (i < folded.size() && in_word(static_cast<unsigned char>(folded[i]))) ++i;
    const std::string_view w = folded.substr(start, i - start);
    for (std::string_view word : kChargeWords) {
      if (w != word) continue;
      const bool code_only = std::find(std::begin(kCodeOnlyWords), std::end(kCodeOnlyWords),
                                       word) != std::end(kCodeOnlyWords);
      if (!(in_name && code_only)) return word;
    }
  }
  return {};
}

std::string trimmed_fold(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const std::size_t e = s.find_last_not_of(" \t\r\n");
  return config::fold_status(s.substr(b, e - b + 1));
}

}  // namespace

std::vector<NonProductSuggestion> suggest_non_products(const Facts& facts,
                                                       const StringPool& strings) {
  // One entry per distinct SKU code (a SKU sells in several catalogs: one product each).
  std::unordered_map<StrId, std::size_t> by_sku;
  std::vector<NonProductSuggestion> all;
  for (const Facts::Product& p : facts.products) {
    if (p.sku == kNoStr) continue;  // lines without a SKU (orders without lines): no code to judge
    auto [it, added] = by_sku.try_emplace(p.sku, all.size());
    if (added) all.push_back({p.sku, p.name, {}, {}, 0, 0});
    if (p.name != kNoStr) all[it->second].name = p.name;
  }
  constexpr std::size_t kNoEntry = static_cast<std::size_t>(-1);
  std::vector<std::size_t> entry_of_product(facts.products.size(), kNoEntry);
  for (std::size_t p = 0; p < facts.products.size(); ++p)
    if (facts.products[p].sku != kNoStr) entry_of_product[p] = by_sku.at(facts.products[p].sku);
  // Lines as the orders own them (Facts may hold more line slots than its orders reach).
  std::vector<ExactSum> revenue(all.size());  // the same bits in any line order (exact_sum.h)
  for (std::uint32_t o = 0; o < facts.order_count(); ++o)
    for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l) {
      const std::size_t entry = entry_of_product[facts.line_product[l]];
      if (entry == kNoEntry) continue;
      revenue[entry] += facts.line_revenue[l];
      ++all[entry].lines;
    }
  for (std::size_t i = 0; i < all.size(); ++i) all[i].revenue = revenue[i];

  std::size_t with_digits = 0;
  for (const NonProductSuggestion& e : all) with_digits += has_digit(strings.view(e.sku)) ? 1 : 0;
  const bool codes_have_digits = !all.empty() && static_cast<double>(with_digits) >=
                                                     kDigitShare * static_cast<double>(all.size());

  std::vector<NonProductSuggestion> out;
  for (NonProductSuggestion& e : all) {
    const std::string code = trimmed_fold(strings.view(e.sku));
    const bool no_digits = codes_have_digits && !code.empty() && !has_digit(code);
    std::string_view word;
    for (std::string_view c : kChargeCodes)
      if (code == c) word = c;
    if (word.empty()) word = charge_word(code, false);
    if (word.empty() && e.name != kNoStr)
      word = charge_word(config::fold_status(strings.view(e.name)), true);
    if (!no_digits && word.empty()) continue;
    e.reason_code = no_digits && !word.empty() ? "no_digits_charge_word"
                    : no_digits                ? "no_digits"
                                               : "charge_word";
    e.word = std::string(word);
    out.push_back(std::move(e));
  }
  sort_by(out, [&](const NonProductSuggestion& a, const NonProductSuggestion& b) {
    const double ra = std::abs(a.revenue), rb = std::abs(b.revenue);
    if (ra != rb) return ra > rb;
    return strings.view(a.sku) < strings.view(b.sku);
  });
  if (out.size() > kMaxSuggestions) out.resize(kMaxSuggestions);
  return out;
}

std::vector<bool> non_product_mask(const Facts& facts, const config::Settings& settings,
                                   const StringPool& strings) {
  std::vector<bool> mask(facts.products.size(), false);
  if (settings.non_product_skus.empty()) return mask;
  std::unordered_set<std::string> listed;
  for (const std::string& sku : settings.non_product_skus) listed.insert(trimmed_fold(sku));
  for (std::size_t p = 0; p < facts.products.size(); ++p)
    mask[p] = facts.products[p].sku != kNoStr &&
              listed.count(trimmed_fold(strings.view(facts.products[p].sku))) > 0;
  return mask;
}

}  // namespace pulse::kpi
