#pragma once

#include <optional>
#include <string_view>

#include "pulse/ingest/column_mapper.h"
#include "pulse/io/json_reader.h"

namespace pulse::ingest {

/// Recognizes exports whose shape is known (Magento 2 / Adobe Commerce B2B REST responses and
/// admin grid CSVs) by their signature columns and maps them exactly as the system means them:
/// base-currency amounts, the company as the customer, the status change inside a quote
/// history's `log_data`. Returns nothing for any other file (the generic detection reads it).
/// The workspace's role and columns still win over what is recognized.
std::optional<ColumnMapping> map_known_format(const Sample& sample,
                                              const MappingOverrides& overrides);

/// True when some known export reads a field from a column named `column` ("quote_id",
/// "items.base_price"): a JSON key first seen late is worth mapping again for it.
bool names_known_source(std::string_view column);

/// How JSON is framed into rows for the known exports: a Magento REST cart that carries
/// `extension_attributes.negotiable_quote` is a negotiable quote (one deal), so its `items`
/// are not order lines; every other record with `items` is an order, one row per item.
io::JsonReaderOptions known_json_options();

}  // namespace pulse::ingest
