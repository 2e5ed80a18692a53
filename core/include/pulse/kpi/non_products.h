#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pulse/config/settings.h"
#include "pulse/kpi/facts.h"

namespace pulse::kpi {

/// A SKU that looks like a charge rather than a product (postage, carriage, fees, bank charges,
/// manual adjustments), suggested for Settings::non_product_skus; the user confirms it.
/// docs/kpi.md "Lines that are not products".
struct NonProductSuggestion {
  StrId sku = kNoStr;
  StrId name = kNoStr;      // the latest product name seen for it, when one
  std::string reason_code;  // "no_digits", "charge_word" or "no_digits_charge_word"
  std::string word;         // the charge word found in its code or name ("charge_word" only)
  double revenue = 0;       // over every loaded line, whatever the period
  std::int64_t lines = 0;
};

/// SKUs of the loaded lines that look like charges: a code without a digit where at least 80%
/// of the codes have one, or a code or name with a charge word ("postage", "carriage", "fee",
/// "bank charges", "manual", "adjust", "доставка", ...). By revenue, at most 50.
std::vector<NonProductSuggestion> suggest_non_products(const Facts& facts,
                                                       const StringPool& strings);

/// Per entry of facts.products: true when its SKU is one of settings.non_product_skus
/// (compared trimmed and ignoring case). All false when the list is empty.
std::vector<bool> non_product_mask(const Facts& facts, const config::Settings& settings,
                                   const StringPool& strings);

}  // namespace pulse::kpi
