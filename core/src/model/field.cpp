#include "pulse/model/field.h"

#include <array>

namespace pulse {
namespace {

struct FieldInfo {
  std::string_view name;
  FieldKind kind;
};

// Indexed by Field; keep in the enum's order.
constexpr std::array<FieldInfo, kFieldCount> kFields = {{
    {"order_id", FieldKind::text},
    {"order_date", FieldKind::date},
    {"customer_id", FieldKind::text},
    {"customer_name", FieldKind::text},
    {"sku", FieldKind::text},
    {"product_name", FieldKind::text},
    {"category", FieldKind::text},
    {"quantity", FieldKind::number},
    {"unit_price", FieldKind::number},
    {"line_total", FieldKind::number},
    {"discount", FieldKind::number},
    {"unit_cost", FieldKind::number},
    {"catalog", FieldKind::text},
    {"sales_rep", FieldKind::text},
    {"status", FieldKind::text},
    {"currency", FieldKind::text},
    {"order_total", FieldKind::number},
    {"segment", FieldKind::text},
    {"region", FieldKind::text},
    {"created_at", FieldKind::date},
    {"deal_id", FieldKind::text},
    {"updated_at", FieldKind::date},
    {"closed_at", FieldKind::date},
    {"expires_at", FieldKind::date},
    {"amount", FieldKind::number},
    {"original_amount", FieldKind::number},
    {"product", FieldKind::text},
    {"timestamp", FieldKind::date},
    {"rep_name", FieldKind::text},
    {"manager", FieldKind::text},
    {"team", FieldKind::text},
    {"price", FieldKind::number},
    {"list_price", FieldKind::number},
    {"quote_id", FieldKind::text},
    {"parent_item_id", FieldKind::text},
    {"company_id", FieldKind::text},
    {"catalog_name", FieldKind::text},
    {"line_cost", FieldKind::number},
    {"line_count", FieldKind::number},
    {"counted", FieldKind::number},
}};

constexpr std::array<std::string_view, kRoleCount> kRoleNames = {
    "order_lines",    "orders",        "customers",         "deals",
    "deal_events",    "sales_reps",    "catalog_prices",    "catalogs",
    "summary_orders", "summary_items", "summary_customers", "summary_products"};

using F = Field;

std::array<RoleSpec, kRoleCount> make_specs() {
  return {{
      {Role::order_lines,
       {F::order_id, F::order_date, F::customer_id, F::customer_name, F::sku, F::product_name,
        F::category, F::quantity, F::unit_price, F::line_total, F::discount, F::unit_cost,
        F::catalog, F::sales_rep, F::status, F::currency, F::parent_item_id, F::quote_id},
       {F::order_id, F::sku}},
      {Role::orders,
       {F::order_id, F::order_date, F::customer_id, F::customer_name, F::status, F::order_total,
        F::catalog, F::sales_rep, F::currency, F::quote_id},
       {F::order_id, F::order_date}},
      {Role::customers,
       {F::customer_id, F::customer_name, F::catalog, F::sales_rep, F::segment, F::region,
        F::created_at, F::company_id},
       {F::customer_id}},
      {Role::deals,
       {F::deal_id, F::customer_id, F::sales_rep, F::created_at, F::updated_at, F::closed_at,
        F::expires_at, F::status, F::amount, F::original_amount, F::order_id, F::product},
       {F::deal_id, F::status}},
      {Role::deal_events,
       {F::deal_id, F::timestamp, F::status},
       {F::deal_id, F::timestamp, F::status}},
      {Role::sales_reps, {F::sales_rep, F::rep_name, F::manager, F::team}, {F::sales_rep}},
      {Role::catalog_prices, {F::catalog, F::sku, F::price, F::list_price}, {F::catalog, F::sku}},
      {Role::catalogs, {F::catalog, F::catalog_name}, {F::catalog, F::catalog_name}},
      {Role::summary_orders,
       {F::order_id, F::order_date, F::quote_id, F::customer_id, F::sales_rep, F::counted},
       {F::order_id, F::counted}},
      {Role::summary_items,
       {F::order_id, F::catalog, F::sku, F::quantity, F::line_total, F::line_cost, F::line_count},
       {F::order_id, F::catalog, F::line_count}},
      {Role::summary_customers,
       {F::customer_id, F::customer_name, F::catalog, F::sales_rep},
       {F::customer_id}},
      {Role::summary_products,
       {F::catalog, F::sku, F::product_name, F::category},
       {F::catalog, F::sku}},
  }};
}

}  // namespace

FieldKind field_kind(Field field) {
  return kFields[static_cast<std::size_t>(field)].kind;
}

std::string_view field_name(Field field) {
  return kFields[static_cast<std::size_t>(field)].name;
}

std::optional<Field> field_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kFieldCount; ++i)
    if (kFields[i].name == name) return static_cast<Field>(i);
  return std::nullopt;
}

std::string_view role_name(Role role) {
  return kRoleNames[static_cast<std::size_t>(role)];
}

std::optional<Role> role_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kRoleCount; ++i)
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  return std::nullopt;
}

const RoleSpec& role_spec(Role role) {
  static const std::array<RoleSpec, kRoleCount> specs = make_specs();
  return specs[static_cast<std::size_t>(role)];
}

}  // namespace pulse
