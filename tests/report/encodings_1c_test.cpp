// Spreadsheets from Russian and European offices, end to end with no configuration: the 1C
// export in Windows-1251, Excel's UTF-16LE "Unicode text", a German Windows-1252 file.
// Expected figures: tests/fixtures/1c/README.md (computed by make_fixture.py by SPEC §3's
// rules, independently of the engine; Ромашка and Техснаб №1 checked by hand).
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "pulse/config/settings.h"
#include "pulse/report/engine.h"
#include "test_support.h"

using namespace pulse;
using nlohmann::json;

namespace {

struct Loaded {
  json doc;
  LoadReport load;
};

Loaded load_fixture(const std::string& name, std::size_t chunk, ingest::FileOptions options = {}) {
  Loaded out;
  report::Engine engine;
  const std::string bytes = test::read_file(test::source_path("tests/fixtures/1c/" + name));
  engine.begin_file(name, std::move(options));
  for (std::size_t at = 0; at < bytes.size(); at += chunk)
    engine.feed(std::string_view(bytes).substr(at, chunk));
  out.load = engine.finish_file();
  out.doc = engine.report(config::Settings{});
  return out;
}

const json& row_named(const json& rows, const char* key, const std::string& value) {
  for (const json& row : rows)
    if (row.at(key) == value) return row;
  FAIL("no row with " << key << " = " << value);
  return rows;
}

}  // namespace

TEST_CASE("1C export in Windows-1251 loads with no configuration and hand-checked figures",
          "[encoding][report]") {
  // Every chunk size from 1 byte: a boundary may fall anywhere, also inside "1 234,50".
  for (std::size_t chunk :
       {std::size_t{1}, std::size_t{7}, std::size_t{4096}, std::size_t{1} << 20}) {
    INFO("chunks of " << chunk << " bytes");
    const Loaded l = load_fixture("realizatsiya_1251.csv", chunk);
    CHECK(l.load.encoding == "windows-1251");
    CHECK_THAT(l.load.encoding_reason, Catch::Contains("read as Cyrillic letters"));
    CHECK(l.load.role == "order_lines");
    CHECK(l.load.rows_loaded == 33);
    CHECK(l.load.rows_skipped == 0);
    CHECK(l.load.notes.size() == 0);  // nothing replaced by U+FFFD

    const json& summary = l.doc.at("customers").at("summary");
    CHECK(summary.at("customers") == 5);
    CHECK(summary.at("orders") == 14);  // 16 documents: one cancelled, one return
    CHECK(summary.at("revenue").get<double>() == Approx(158179.30));

    struct Company {
      const char* name;
      double revenue;
      int orders;
      double units;
      double margin;
      double margin_pct;
    };
    const Company companies[] = {
        {"ООО \"Ромашка\"", 14719.80, 3, 148, 3881.80, 0.263713},  // the return (-2 398,00) counts
        {"АО \"Вектор\"", 62375.00, 3, 309, 15475.00, 0.248096},
        {"ИП Ёлкин А.В.", 9942.50, 3, 33, 2606.50, 0.262157},
        {"ООО \"Северный ветер\"", 39392.00, 3, 347, 10892.00, 0.276503},
        {"ЗАО \"Техснаб №1\"", 31750.00, 2, 57, 5630.00,
         0.218641},  // cancelled 0000-000005 left out; one cost missing
    };
    const json& rows = l.doc.at("customers").at("rows");
    CHECK(rows.size() == 5);
    for (const Company& c : companies) {
      INFO(c.name);
      const json& row = row_named(rows, "customer_id", c.name);  // proper UTF-8, quotes unescaped
      CHECK(row.at("revenue").get<double>() == Approx(c.revenue));
      CHECK(row.at("orders") == c.orders);
      CHECK(row.at("units").get<double>() == Approx(c.units));
      CHECK(row.at("margin").get<double>() == Approx(c.margin));
      CHECK(row.at("margin_pct").get<double>() == Approx(c.margin_pct).epsilon(1e-5));
    }

    const json& catalogs = l.doc.at("catalogs").at("catalogs");
    CHECK(catalogs.size() == 3);
    CHECK(row_named(catalogs, "catalog", "Дилерский").at("revenue").get<double>() ==
          Approx(94125.00));
    CHECK(row_named(catalogs, "catalog", "Дилерский").at("orders") == 5);
    CHECK(row_named(catalogs, "catalog", "Оптовый").at("revenue").get<double>() ==
          Approx(54111.80));
    CHECK(row_named(catalogs, "catalog", "Оптовый").at("orders") == 6);
    CHECK(row_named(catalogs, "catalog", "Розничный").at("revenue").get<double>() ==
          Approx(9942.50));
    CHECK(row_named(catalogs, "catalog", "Розничный").at("orders") == 3);

    const json& load = l.doc.at("load").at(0);
    CHECK(load.at("encoding") == "windows-1251");
    CHECK(load.at("columns").at(2) == "Контрагент");
  }
}

TEST_CASE("Excel's Unicode text (UTF-16LE, tabs) loads, a character beyond U+FFFF included",
          "[encoding][report]") {
  for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{1} << 20}) {
    INFO("chunks of " << chunk << " bytes");
    const Loaded l = load_fixture("unicode_text_utf16.txt", chunk);
    CHECK(l.load.encoding == "utf-16le");
    CHECK(l.load.delimiter == "\\t");
    CHECK(l.load.rows_loaded == 3);
    const json& rows = l.doc.at("customers").at("rows");
    CHECK(row_named(rows, "customer_id", "ООО \"Ромашка\"").at("revenue").get<double>() ==
          Approx(856.5));
    CHECK(row_named(rows, "customer_id", "Müller GmbH").at("revenue").get<double>() ==
          Approx(2398));
    CHECK(row_named(rows, "customer_id", "東京商事").at("revenue").get<double>() == Approx(125));
    bool pen = false;
    for (const json& catalog : l.doc.at("catalogs").at("products"))
      pen = pen || catalog.at("sku") == "PEN-\xF0\x9F\x96\x8A";
    CHECK(pen);
  }
}

TEST_CASE("a German Windows-1252 file reads ü ß € é as UTF-8 with no configuration",
          "[encoding][report]") {
  const Loaded l = load_fixture("bestellungen_1252.csv", 5);
  CHECK(l.load.encoding == "windows-1252");
  CHECK_THAT(l.load.encoding_reason,
             Catch::Contains("16 bytes are not UTF-8 and read as Western European letters"));
  CHECK(l.load.role == "order_lines");
  CHECK(l.load.rows_loaded == 4);
  const json& rows = l.doc.at("customers").at("rows");
  CHECK(row_named(rows, "customer_id", "Müller & Söhne GmbH").at("revenue").get<double>() ==
        Approx(81.5));
  CHECK(row_named(rows, "customer_id", "Café Français SARL").at("revenue").get<double>() ==
        Approx(1249));
  CHECK(row_named(rows, "customer_id", "Bäckerei Groß").at("revenue").get<double>() ==
        Approx(12.6));
}

TEST_CASE("a workspace encoding overrides detection; stray bytes become U+FFFD and are noted once",
          "[encoding][report]") {
  ingest::FileOptions as_1252;
  as_1252.encoding = io::TextEncoding::windows1252;
  const Loaded forced = load_fixture("realizatsiya_1251.csv", 4096, as_1252);
  CHECK(forced.load.encoding == "windows-1252");
  CHECK(forced.load.encoding_reason == "set in the workspace");

  // A UTF-8 file with two bytes that are not UTF-8 (a pasted windows-1251 "Ё" and a cut sequence).
  std::string text = "order_id;order_date;customer_id;sku;quantity;unit_price\n";
  for (int i = 0; i < 30; ++i)
    text +=
        std::to_string(i) + ";2024-01-02;\xD0\x9A\xD0\xBB\xD0\xB8\xD0\xB5\xD0\xBD\xD1\x82;A;1;1\n";
  text += "99;2024-01-02;\xA8lkin;A;1;1\n100;2024-01-02;x\xE2\x82;A;1;1\n";
  report::Engine engine;
  engine.begin_file("mixed.csv");
  engine.feed(text);
  const LoadReport load = engine.finish_file();
  CHECK(load.encoding == "utf-8");
  REQUIRE(load.notes.size() == 1);
  CHECK(load.notes[0].code == "pulse.note.003");
  CHECK(load.notes[0].params ==
        std::vector<MessageParam>{{"n", "2", true}, {"encoding", "utf-8", false}});
  CHECK(load.notes[0].text ==
        "2 byte sequences are not valid utf-8: shown as U+FFFD (\xEF\xBF\xBD)");
  const json doc = engine.report(config::Settings{});
  const std::string dumped = doc.dump();  // nlohmann throws on invalid UTF-8
  CHECK_THAT(dumped, Catch::Contains("\xEF\xBF\xBDlkin"));
}

TEST_CASE("Russian cancellations are excluded by default, compared with Cyrillic case folding",
          "[encoding][kpi]") {
  CHECK(config::fold_status("  ОТМЕНЁН ") == "отменен");
  CHECK(config::fold_status("Отменен") == config::fold_status("отменён"));
  CHECK(config::fold_status("Аннулирован") == "аннулирован");
  CHECK(config::fold_status("CANCELED") == "canceled");
  CHECK(config::fold_status("ÉCHOUÉ") == "échoué");
  const config::Settings defaults;
  for (const char* status :
       {"Отменен", "Отменён", "ОТМЕНЕНО", "Аннулирован", "аннулирована", "Canceled"}) {
    INFO(status);
    bool excluded = false;
    for (const std::string& s : defaults.excluded_statuses)
      excluded = excluded || config::fold_status(s) == config::fold_status(status);
    CHECK(excluded);
  }
  for (const char* status : {"Отгружен", "Закрыт", "Возврат"}) {  // 1C closes finished orders
    bool excluded = false;
    for (const std::string& s : defaults.excluded_statuses)
      excluded = excluded || config::fold_status(s) == config::fold_status(status);
    CHECK_FALSE(excluded);
  }
}
