#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "pulse/error.h"
#include "pulse/ingest/column_mapper.h"
#include "pulse/message_codes.h"

using namespace pulse;
using namespace pulse::ingest;

namespace {

Sample sample_of(std::vector<std::string> columns, std::vector<std::vector<std::string>> rows) {
  return Sample{std::move(columns), std::move(rows)};
}

std::map<std::string, std::string> mapped(const ColumnMapping& m, const Sample& s) {
  std::map<std::string, std::string> out;
  for (std::size_t f = 0; f < kFieldCount; ++f)
    if (m.column[f] != kUnmapped)
      out[std::string(field_name(static_cast<Field>(f)))] = s.columns[m.column[f]];
  return out;
}

}  // namespace

TEST_CASE("roles and columns are detected from the headers real exports use", "[ingest]") {
  struct Case {
    const char* name;
    Sample sample;
    Role role;
    std::map<std::string, std::string> expected;  // a subset of the mapping
  };
  const std::vector<Case> cases = {
      {"online retail invoice lines",
       sample_of({"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
                  "CustomerID", "Country"},
                 {{"536365", "85123A", "WHITE HANGING HEART", "6", "2010-12-01 08:26:00", "2.55",
                   "17850.0", "United Kingdom"}}),
       Role::order_lines,
       {{"order_id", "InvoiceNo"},
        {"sku", "StockCode"},
        {"product_name", "Description"},
        {"quantity", "Quantity"},
        {"order_date", "InvoiceDate"},
        {"unit_price", "UnitPrice"},
        {"customer_id", "CustomerID"}}},
      {"olist order headers",
       sample_of({"order_id", "customer_id", "order_status", "order_purchase_timestamp",
                  "order_approved_at", "order_delivered_carrier_date",
                  "order_delivered_customer_date", "order_estimated_delivery_date"},
                 {{"e481f5", "9ef432", "delivered", "2017-10-02 10:56:33", "2017-10-02 11:07:15",
                   "", "", "2017-10-18 00:00:00"}}),
       Role::orders,
       {{"order_id", "order_id"},
        {"customer_id", "customer_id"},
        {"status", "order_status"},
        {"order_date", "order_purchase_timestamp"}}},
      {"olist items without quantity",
       sample_of({"order_id", "order_item_id", "product_id", "seller_id", "shipping_limit_date",
                  "price", "freight_value"},
                 {{"00042b", "1", "ac6c36", "df5603", "2017-02-13 13:57:51", "199.9", "18.14"}}),
       Role::order_lines,
       {{"order_id", "order_id"}, {"sku", "product_id"}, {"unit_price", "price"}}},
      {"CRM opportunities",
       sample_of({"opportunity_id", "sales_agent", "product", "account", "deal_stage",
                  "engage_date", "close_date", "close_value"},
                 {{"1C1I7A6R", "Moses Frase", "GTX Plus Basic", "Cancity", "Won", "2016-10-20",
                   "2017-03-01", "1054"}}),
       Role::deals,
       {{"deal_id", "opportunity_id"},
        {"sales_rep", "sales_agent"},
        {"customer_id", "account"},
        {"status", "deal_stage"},
        {"created_at", "engage_date"},
        {"closed_at", "close_date"},
        {"amount", "close_value"},
        {"product", "product"}}},
      {"Magento negotiable quote history",
       sample_of({"quote_id", "created_at", "status"},
                 {{"Q-10001", "2024-11-04 09:12:00", "submitted_by_customer"}}),
       Role::deal_events,
       {{"deal_id", "quote_id"}, {"timestamp", "created_at"}, {"status", "status"}}},
      {"a generic deal status log",
       sample_of({"deal_id", "timestamp", "status"}, {{"D1", "2024-01-02", "won"}}),
       Role::deal_events,
       {{"deal_id", "deal_id"}, {"timestamp", "timestamp"}, {"status", "status"}}},
      {"negotiable quotes",
       sample_of({"quote_id", "quote_name", "customer_id", "sales_rep", "status", "created_at",
                  "updated_at", "expires_at", "original_total", "negotiated_total", "order_id"},
                 {{"Q-1", "Q", "C001", "R01", "ordered", "2024-11-04 09:12:00",
                   "2024-11-05 10:00:00", "2024-12-04 09:12:00", "100.00", "92.00", "SO-1"}}),
       Role::deals,
       {{"deal_id", "quote_id"},
        {"customer_id", "customer_id"},
        {"status", "status"},
        {"created_at", "created_at"},
        {"expires_at", "expires_at"},
        {"order_id", "order_id"}}},
      {"CRM sales teams",
       sample_of({"sales_agent", "manager", "regional_office"},
                 {{"Anna Snelling", "Dustin Brinkmann", "Central"}}),
       Role::sales_reps,
       {{"sales_rep", "sales_agent"}, {"manager", "manager"}, {"team", "regional_office"}}},
      {"CRM accounts",
       sample_of(
           {"account", "sector", "year_established", "revenue", "employees", "office_location",
            "subsidiary_of"},
           {{"Acme Corporation", "technolgy", "1996", "1100.04", "2822", "United States", ""}}),
       Role::customers,
       {{"customer_id", "account"}, {"segment", "sector"}, {"region", "office_location"}}},
      {"customers with their catalog and rep",
       sample_of({"customer_id", "customer_name", "catalog", "sales_rep", "segment", "region",
                  "created_at"},
                 {{"C001", "Acme", "Wholesale", "R01", "SMB", "North", "2024-01-05"}}),
       Role::customers,
       {{"customer_id", "customer_id"}, {"catalog", "catalog"}, {"sales_rep", "sales_rep"}}},
      {"shared catalog price list",
       sample_of({"catalog", "sku", "price", "list_price"},
                 {{"Wholesale", "SKU-1", "9.50", "12.00"}}),
       Role::catalog_prices,
       {{"catalog", "catalog"}, {"sku", "sku"}, {"price", "price"}, {"list_price", "list_price"}}},
      {"Russian 1C sales export: names serve as ids",
       sample_of({"Дата", "Номер", "Контрагент", "Номенклатура", "Количество", "Цена", "Сумма",
                  "Менеджер"},
                 {{"05.03.2024", "А-17", "ООО Ромашка", "Бумага А4", "10", "250,00", "2 500,00",
                   "Иванов"}}),
       Role::order_lines,
       {{"order_date", "Дата"},
        {"order_id", "Номер"},
        {"customer_id", "Контрагент"},
        {"product_name", "Номенклатура"},
        {"sku", "Номенклатура"},
        {"quantity", "Количество"},
        {"unit_price", "Цена"},
        {"line_total", "Сумма"},
        {"sales_rep", "Менеджер"}}},
      {"orders file with a date column of unknown name",
       sample_of({"Order Number", "When", "Customer"},
                 {{"1", "2024-01-02", "A"}, {"2", "2024-01-03", "B"}}),
       Role::orders,
       {{"order_id", "Order Number"}, {"order_date", "When"}, {"customer_id", "Customer"}}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const ColumnMapping m = map_columns(c.sample, {});
    CHECK(role_name(m.role) == role_name(c.role));
    const auto got = mapped(m, c.sample);
    for (const auto& [field, column] : c.expected) {
      INFO(field);
      REQUIRE(got.count(field) == 1);
      CHECK(got.at(field) == column);
    }
  }
}

TEST_CASE("a date-named column whose values are not dates is not taken as a date", "[ingest]") {
  const Sample s =
      sample_of({"order_id", "date", "created_at", "sku", "price"},
                {{"1", "soon", "2024-01-02", "A", "1.5"}, {"2", "later", "2024-01-03", "B", "2"}});
  const ColumnMapping m = map_columns(s, {});
  CHECK(m.role == Role::order_lines);
  CHECK(s.columns[m.at(Field::order_date)] == "created_at");
}

TEST_CASE("files no role fits are refused naming the missing fields", "[ingest]") {
  const Sample products =
      sample_of({"product", "series", "sales_price"}, {{"GTX Basic", "GTX", "550"}});
  try {
    map_columns(products, {});
    FAIL("expected a refusal");
  } catch (const PulseError& e) {
    CHECK(e.id() == "pulse.ingest.101");
    CHECK(std::string(e.what()).find("lacks") != std::string::npos);
  }
}

TEST_CASE("each column's reason carries its code and params beside the English text", "[ingest]") {
  const Sample s = sample_of({"Customer", "Item", "Qty", "Price", "Order", "Date"},
                             {{"Acme", "Bolt", "2", "1.5", "1", "2024-01-02"}});
  const ColumnMapping m = map_columns(s, {});
  const Message& qty = m.reason[static_cast<std::size_t>(Field::quantity)];
  CHECK(qty.code == ids::kMappedByHeader);
  CHECK(qty.text == "header 'Qty' names quantity");
  REQUIRE(qty.params.size() == 2);
  CHECK((qty.params[0] == pulse::MessageParam{"header", "Qty", false}));
  CHECK((qty.params[1] == pulse::MessageParam{"field", "quantity", false}));
}

TEST_CASE("workspace overrides fix the role and columns; an unknown column is an error",
          "[ingest]") {
  const Sample s =
      sample_of({"InvoiceNo", "StockCode", "UnitPrice", "Country"}, {{"1", "A", "2.5", "France"}});
  MappingOverrides o;
  o.columns[Field::catalog] = "Country";
  ColumnMapping m = map_columns(s, o);
  CHECK(m.role == Role::order_lines);
  CHECK(m.at(Field::catalog) == 3);
  CHECK(m.reason[static_cast<std::size_t>(Field::catalog)].text == "set in the workspace");
  CHECK(m.reason[static_cast<std::size_t>(Field::catalog)].code == ids::kMappedByWorkspace);

  o.columns[Field::catalog] = "Land";
  try {
    map_columns(s, o);
    FAIL("expected an error");
  } catch (const PulseError& e) {
    CHECK(e.id() == "pulse.ingest.102");
    CHECK(std::string(e.what()).find("'Land'") != std::string::npos);
  }

  MappingOverrides forced;
  forced.role = Role::orders;
  try {
    map_columns(s, forced);
    FAIL("expected a refusal");
  } catch (const PulseError& e) {
    CHECK(e.id() == "pulse.ingest.103");  // the chosen role lacks a required field
    CHECK(std::string(e.what()).find("order_date") != std::string::npos);
  }
}
