#include <catch2/catch.hpp>

#include "pulse/ingest/header_synonyms.h"

using pulse::Field;
using pulse::Role;
using pulse::ingest::normalize_header;
using pulse::ingest::synonym_rank;

TEST_CASE("headers are normalized across case, spaces, punctuation and Cyrillic", "[ingest]") {
  struct Case {
    const char* header;
    const char* expected;
  };
  const Case cases[] = {
      {"Customer ID", "customerid"},
      {"  InvoiceNo ", "invoiceno"},
      {"order_purchase_timestamp", "orderpurchasetimestamp"},
      {"Grand Total (Base)", "grandtotalbase"},
      {"items.qty_ordered", "qtyordered"},
      {"extension_attributes.company_order_attributes.company_id", "companyid"},
      {"Номер заказа", "номерзаказа"},
      {"КОЛИЧЕСТВО", "количество"},
      {"Кол-во", "колво"},
      {"Ёмкость", "емкость"},
      {"Прайс-лист", "прайслист"},
  };
  for (const Case& c : cases) {
    INFO(c.header);
    CHECK(normalize_header(c.header) == c.expected);
  }
}

TEST_CASE("synonyms depend on the role and rank the best name first", "[ingest]") {
  CHECK(synonym_rank(Role::orders, Field::order_id, "id") == 0);
  CHECK_FALSE(synonym_rank(Role::order_lines, Field::order_id, "id"));
  CHECK(synonym_rank(Role::customers, Field::customer_id, "id") == 0);
  CHECK(synonym_rank(Role::deals, Field::deal_id, "opportunityid"));
  CHECK(synonym_rank(Role::order_lines, Field::sku, "stockcode"));
  CHECK(*synonym_rank(Role::order_lines, Field::line_total, "linetotal") <
        *synonym_rank(Role::order_lines, Field::line_total, "amount"));
  CHECK(synonym_rank(Role::sales_reps, Field::team, "regionaloffice"));
  CHECK(synonym_rank(Role::order_lines, Field::quantity, "количество"));
  CHECK_FALSE(synonym_rank(Role::order_lines, Field::region, "country"));
}
