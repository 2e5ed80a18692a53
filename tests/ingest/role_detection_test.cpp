// Detection must not mistake one role for another among every file the project has: the
// bundled samples, every test fixture and the real datasets in ../shared, each read with no
// configuration. The directories are walked, so a new data file without an expectation here
// fails the test instead of going unchecked.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "pulse/ingest/file_loader.h"
#include "test_support.h"

using namespace pulse;
namespace fs = std::filesystem;

namespace {

/// The role detected for a file ("" when refused). Big text files are cut to their first
/// 256 KB: detection reads the first 1,000 rows, which that covers for every file here.
std::string detected_role(const fs::path& path) {
  Dataset dataset;
  if (fs::file_size(path) < (2u << 20))
    return ingest::load_path(dataset, path.string(), path.filename().string()).role;
  std::string text = test::read_file(path.string());
  text.resize(text.rfind('\n', 256u << 10) + 1);
  ingest::FileLoader loader(dataset, path.filename().string());
  loader.feed(text);
  return loader.finish().role;
}

bool is_data_file(const fs::path& path) {
  static const std::set<std::string> kData = {".csv",    ".tsv", ".txt",  ".json",
                                              ".ndjson", ".gz",  ".xlsx", ".zip"};
  const std::string name = path.filename().string();
  return kData.count(path.extension().string()) > 0 && name != "workspace.json" &&
         name != "CMakeLists.txt" &&
         name.rfind("workspace-", 0) != 0;  // workspaces are settings, not data
}

}  // namespace

TEST_CASE("every sample, fixture and real file is detected as the role it is", "[ingest]") {
  // Relative to the repository ("shared/..." for ../shared); "" = refused (feeds no dashboard).
  const std::map<std::string, std::string> expected = {
      {"samples/orders.csv", "orders"},
      {"samples/order_lines.csv", "order_lines"},
      {"samples/customers.csv", "customers"},
      {"samples/sales_reps.csv", "sales_reps"},
      {"samples/catalog_prices.csv", "catalog_prices"},
      {"samples/quotes.csv", "deals"},
      {"samples/quote_history.csv", "deal_events"},
      {"tests/fixtures/magento/rest/orders.json", "order_lines"},
      {"tests/fixtures/magento/rest/companies.json", "customers"},
      {"tests/fixtures/magento/rest/shared_catalogs.json", "catalogs"},
      {"tests/fixtures/magento/rest/negotiable_quotes.json", "deals"},
      {"tests/fixtures/magento/rest/negotiable_quote_history.json", "deal_events"},
      {"tests/fixtures/magento/rest/admin_users.json", "sales_reps"},
      {"tests/fixtures/magento/grid/orders_grid.csv", "orders"},
      {"tests/fixtures/magento/grid/negotiable_quotes_grid.csv", "deals"},
      {"tests/fixtures/1c/realizatsiya_1251.csv", "order_lines"},
      {"tests/fixtures/1c/bestellungen_1252.csv", "order_lines"},
      {"tests/fixtures/1c/unicode_text_utf16.txt", "order_lines"},
      {"tests/fixtures/gzip/orders.csv.gz", "order_lines"},
      {"tests/fixtures/gzip/orders.json.gz", "order_lines"},
      {"tests/fixtures/gzip/two_members.csv.gz", "order_lines"},
      {"tests/fixtures/xlsx/orders.xlsx", "order_lines"},
      {"tests/fixtures/xlsx/mac1904.xlsx", "order_lines"},
      {"tests/fixtures/xlsx/not_a_workbook.zip", ""},
      {"shared/datasets/online-retail/online_retail.csv", "order_lines"},
      {"shared/datasets/olist-2017-subset/orders.csv", "orders"},
      {"shared/datasets/olist-2017-subset/order_items.csv", "order_lines"},
      {"shared/datasets/olist-2017-subset/customers.csv", "customers"},
      {"shared/datasets/olist-2017-subset/sellers.csv", ""},
      {"shared/datasets/olist-2017-subset/products.csv", ""},
      {"shared/datasets/olist-2017-subset/product_category_name_translation.csv", ""},
      {"shared/datasets/crm-sales-opportunities/sales_pipeline.csv", "deals"},
      {"shared/datasets/crm-sales-opportunities/sales_teams.csv", "sales_reps"},
      {"shared/datasets/crm-sales-opportunities/accounts.csv", "customers"},
      {"shared/datasets/crm-sales-opportunities/products.csv", ""},
      {"shared/datasets/crm-sales-opportunities/data_dictionary.csv", ""},
  };
  std::set<std::string> seen;
  auto walk = [&](const std::string& prefix, const fs::path& root) {
    REQUIRE(fs::is_directory(root));
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file() || !is_data_file(entry.path())) continue;
      const std::string key = prefix + fs::relative(entry.path(), root).generic_string();
      INFO(key);
      const auto it = expected.find(key);
      CHECK(it != expected.end());  // a new data file: say here what it is
      if (it == expected.end()) continue;
      seen.insert(key);
      CHECK(detected_role(entry.path()) == it->second);
    }
  };
  walk("samples/", test::source_path("samples"));
  walk("tests/fixtures/", test::source_path("tests/fixtures"));
  // The shared datasets are optional (a fresh clone has none): their files are then not expected.
  const bool shared = test::has_shared("datasets");
  if (shared)
    walk("shared/datasets/", test::shared_path("datasets"));
  else
    WARN("skipped: dataset not found: " << test::shared_path("datasets"));
  for (const auto& [key, role] : expected) {
    if (!shared && key.rfind("shared/", 0) == 0) continue;
    INFO(key << " is expected but was not found");
    CHECK(seen.count(key) == 1);
  }
}
