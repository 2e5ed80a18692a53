// Detection must not mistake one role for another among every file the project has: the
// bundled samples and the real datasets in ../shared, each read with no configuration.
#include <catch2/catch.hpp>

#include <string>

#include "pulse/ingest/file_loader.h"
#include "test_support.h"

using namespace pulse;

namespace {

/// The role detected for the first rows of a file ("" when refused).
std::string detected_role(const std::string& path) {
  std::string text = test::read_file(path);
  // Detection reads the first 1,000 rows; 256 KB covers them for every file here.
  if (text.size() > (256u << 10)) text.resize(text.rfind('\n', 256u << 10) + 1);
  Dataset dataset;
  ingest::FileLoader loader(dataset, path);
  loader.feed(text);
  return loader.finish().role;
}

}  // namespace

TEST_CASE("every sample and real file is detected as the role it is", "[ingest]") {
  struct Case {
    std::string path;
    const char* role;
  };
  const Case cases[] = {
      {test::source_path("samples/orders.csv"), "orders"},
      {test::source_path("samples/order_lines.csv"), "order_lines"},
      {test::source_path("samples/customers.csv"), "customers"},
      {test::source_path("samples/sales_reps.csv"), "sales_reps"},
      {test::source_path("samples/catalog_prices.csv"), "catalog_prices"},
      {test::source_path("samples/quotes.csv"), "deals"},
      {test::source_path("samples/quote_history.csv"), "deal_events"},
      {test::shared_path("datasets/online-retail/online_retail.csv"), "order_lines"},
      {test::shared_path("datasets/olist-2017-subset/orders.csv"), "orders"},
      {test::shared_path("datasets/olist-2017-subset/order_items.csv"), "order_lines"},
      {test::shared_path("datasets/olist-2017-subset/customers.csv"), "customers"},
      {test::shared_path("datasets/crm-sales-opportunities/sales_pipeline.csv"), "deals"},
      {test::shared_path("datasets/crm-sales-opportunities/sales_teams.csv"), "sales_reps"},
      {test::shared_path("datasets/crm-sales-opportunities/accounts.csv"), "customers"},
      // Reference tables that feed no dashboard are refused, not mistaken for one.
      {test::shared_path("datasets/crm-sales-opportunities/products.csv"), ""},
      {test::shared_path("datasets/crm-sales-opportunities/data_dictionary.csv"), ""},
      {test::shared_path("datasets/olist-2017-subset/product_category_name_translation.csv"), ""},
  };
  for (const Case& c : cases) {
    INFO(c.path);
    CHECK(detected_role(c.path) == c.role);
  }
}
