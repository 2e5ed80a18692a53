#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pulse/model/field.h"

namespace pulse::ingest {

/// A header reduced to what identifies it: the last dotted segment of a JSON path is kept
/// apart from its prefix ("items.qty_ordered" -> "qtyordered"), ASCII and Cyrillic letters
/// are lower-cased (ё -> е), everything but letters and digits is dropped.
/// "Customer ID" -> "customerid", "Номер заказа" -> "номерзаказа".
std::string normalize_header(std::string_view header);

/// How well `header` names `field` when the file plays `role`: 0 is the best synonym,
/// higher is weaker, nullopt when it is not a synonym at all.
std::optional<int> synonym_rank(Role role, Field field, std::string_view normalized_header);

/// True when `normalized_header` is a synonym of some field in some role: the columns worth
/// asking synonym_rank about (a 200,000-column header is mostly names of nothing).
bool is_header_synonym(std::string_view normalized_header);

}  // namespace pulse::ingest
