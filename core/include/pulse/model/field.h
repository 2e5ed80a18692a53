#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace pulse {

/// Every canonical field of every role (SPEC §2). One enum so that a field such as
/// order_id means the same thing in order lines, orders and deals.
enum class Field : std::uint8_t {
  order_id,
  order_date,
  customer_id,
  customer_name,
  sku,
  product_name,
  category,
  quantity,
  unit_price,
  line_total,
  discount,
  unit_cost,
  catalog,
  sales_rep,
  status,
  currency,
  order_total,
  segment,
  region,
  created_at,
  deal_id,
  updated_at,
  closed_at,
  expires_at,
  amount,
  original_amount,
  product,
  timestamp,
  rep_name,
  manager,
  team,
  price,
  list_price,
  quote_id,
  parent_item_id,
  company_id,    // the account a customer belongs to (a company, a person across orders)
  catalog_name,  // a catalog's display name (shared catalogs name customer groups)
  // The summary tables' own fields (docs/summaries.md): never read from a raw file.
  line_cost,   // the cost of the lines a summary row adds up (quantity x unit cost)
  line_count,  // how many order lines a summary row adds up (0: an order header without lines)
  counted,     // 1 when a summarized order counts, 0 when it is only seen (excluded, for dates)
  count_       // number of fields, not a field
};
constexpr std::size_t kFieldCount = static_cast<std::size_t>(Field::count_);

/// How a field's values are stored: dictionary-encoded text, day numbers or doubles.
enum class FieldKind : std::uint8_t { text, date, number };

FieldKind field_kind(Field field);
std::string_view field_name(Field field);
std::optional<Field> field_from_name(std::string_view name);

/// What a file holds (SPEC §2).
enum class Role : std::uint8_t {
  order_lines,
  orders,
  customers,
  deals,
  deal_events,
  sales_reps,
  catalog_prices,
  catalogs,  // catalog id -> name (Magento shared catalogs: customer group -> name)
  // Layer 1 summary tables (docs/summaries.md): what `b2b-pulse summarize` and the SQL write.
  summary_orders,
  summary_items,
  summary_customers,
  summary_products,
  count_
};
constexpr std::size_t kRoleCount = static_cast<std::size_t>(Role::count_);

std::string_view role_name(Role role);
std::optional<Role> role_from_name(std::string_view name);

/// The fields a role reads, and which of them a file must have.
struct RoleSpec {
  Role role;
  std::vector<Field> fields;
  std::vector<Field> required;
};
const RoleSpec& role_spec(Role role);

/// A set of fields as a bit mask.
class FieldSet {
 public:
  void insert(Field f) { bits_ |= bit(f); }
  void erase(Field f) { bits_ &= ~bit(f); }
  bool contains(Field f) const { return (bits_ & bit(f)) != 0; }
  bool empty() const { return bits_ == 0; }

 private:
  static std::uint64_t bit(Field f) { return std::uint64_t{1} << static_cast<unsigned>(f); }
  std::uint64_t bits_ = 0;
};

}  // namespace pulse
