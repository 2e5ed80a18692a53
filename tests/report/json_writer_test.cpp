#include "pulse/report/json_writer.h"

#include <catch2/catch.hpp>
#include <string>

#include <nlohmann/json.hpp>

#include "pulse/report/engine.h"
#include "test_support.h"

using nlohmann::json;
using namespace pulse;

namespace {

bool all_ascii(const std::string& text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::string written(std::string_view text, bool ascii) {
  report::JsonWriter w;
  w.ascii_only(ascii);
  w.begin_object();
  w.key(text);
  w.value(text);
  w.end_object();
  return w.take();
}

}  // namespace

TEST_CASE("JsonWriter: ASCII only writes the same JSON value in pure ASCII", "[report][json]") {
  // Cyrillic (2 bytes), the pound sign, a CJK ideograph (3), an emoji past U+FFFF (4: a
  // surrogate pair), controls and quotes, and bytes that are not UTF-8 (U+FFFD either way).
  for (const std::string text :
       {std::string("Реализация товаров"),
        std::string("\xC2\xA3"
                    "12.50"),
        std::string("\xE4\xB8\xAD"), std::string("box \xF0\x9F\x93\xA6 ok"),
        std::string("tab\there \"quoted\" back\\slash\x01"), std::string("bad \xFF byte, cut \xD0"),
        std::string("\xED\xA0\x80 surrogate"), std::string("plain")}) {
    const std::string utf8 = written(text, false);
    const std::string ascii = written(text, true);
    CHECK(all_ascii(ascii));
    CHECK(json::parse(ascii) == json::parse(utf8));
  }
  CHECK(written("\xF0\x9F\x93\xA6", true) == "{\"\\ud83d\\udce6\":\"\\ud83d\\udce6\"}");
  CHECK(written("\xD0\xAF", true) == "{\"\\u042f\":\"\\u042f\"}");
}

TEST_CASE("Engine: the report as ASCII is the report", "[report][json]") {
  // The 1C fixtures hold Cyrillic names and a windows-1252 file's accents.
  for (const char* file :
       {"tests/fixtures/1c/realizatsiya_1251.csv", "tests/fixtures/1c/bestellungen_1252.csv"}) {
    report::Engine engine;
    engine.load_path(test::source_path(file), file);
    const std::string utf8 = engine.report_text({});
    engine.set_ascii_report(true);
    const std::string ascii = engine.report_text({});
    CHECK_FALSE(all_ascii(utf8));
    CHECK(all_ascii(ascii));
    CHECK(json::parse(ascii) == json::parse(utf8));
  }
}
