// A stray NUL byte in a text table: the row that holds it is reported and skipped, the other
// rows load (issue "Hardening": bad input is never silent and never loses the good rows).
// Before, a NUL anywhere in the first 4 KiB refused the whole file as binary, and a NUL further
// down was loaded silently into a name or an id.
#include <catch2/catch.hpp>

#include <string>

#include "load_in_chunks.h"
#include "pulse/error_ids.h"
#include "pulse/ingest/file_loader.h"
#include "pulse/ingest/text_sniffer.h"

using namespace pulse;
using namespace pulse::ingest;

namespace {

using Loaded = test::LoadedFile;

Loaded load_text(const std::string& text, std::size_t chunk) {
  return test::load_in_chunks("lines.csv", text, chunk);
}

/// 300 order lines; line `nul_line` (2-based: the header is line 1) has a NUL inside its SKU.
std::string order_lines(std::size_t nul_line, const std::string& customer_prefix = "C") {
  std::string text = "order_id,order_date,customer_id,sku,quantity,unit_price\n";
  for (int i = 1; i <= 300; ++i) {
    const std::string sku = static_cast<std::size_t>(i + 1) == nul_line
                                ? std::string("SK\0U", 4) + std::to_string(i % 23)
                                : "SKU" + std::to_string(i % 23);
    text += std::to_string(1000 + i) + ",2024-01-" + (i % 28 + 1 < 10 ? "0" : "") +
            std::to_string(i % 28 + 1) + "," + customer_prefix + std::to_string(i % 17) + "," +
            sku + "," + std::to_string(i % 5 + 1) + ",10.50\n";
  }
  return text;
}

}  // namespace

TEST_CASE("a NUL byte in a text field skips and reports its row, the rest loads", "[ingest]") {
  // Line 4 lies in the first 4 KiB (the sniffer's sample), line 290 past it.
  for (const std::size_t nul_line : {std::size_t{4}, std::size_t{290}}) {
    for (const std::size_t chunk : {std::size_t{7}, std::size_t{1} << 20}) {
      INFO("NUL on line " << nul_line << ", chunks of " << chunk);
      const Loaded l = load_text(order_lines(nul_line), chunk);
      REQUIRE_FALSE(l.report.refused());
      CHECK(l.report.rows_read == 300);
      CHECK(l.report.rows_loaded == 299);
      CHECK(l.report.rows_skipped == 1);
      REQUIRE(l.report.problems.size() == 1);
      const Problem& p = l.report.problems.front();
      CHECK(p.line == nul_line);
      CHECK(p.field == "sku");
      CHECK(p.reason.code == ids::kRowNulByte);
      CHECK(p.to_string() == "lines.csv:" + std::to_string(nul_line) +
                                 ": sku: a NUL byte in the text (binary data?)");
    }
  }
}

TEST_CASE("a NUL byte is found in a column of more distinct texts than its own index keeps",
          "[ingest]") {
  // The column's index (ColumnTextCache) searches only texts new to it for a NUL; past its
  // 16,384 texts it gives up and every new text goes to the pool: searched there too. The
  // repeated NUL text is reported twice (a refused text is never remembered as seen).
  std::string text = "order_id,order_date,customer_id,sku,quantity,unit_price\n";
  const auto row = [&](const std::string& order) {
    text += order + ",2024-01-05,C1,SKU1,1,10.50\n";
  };
  for (int i = 0; i < 20000; ++i) {
    row(i == 18000 || i == 18001 ? std::string("O\0X", 3) : "O" + std::to_string(i));
    if (i == 5) row(std::string("O\0Y", 3));
  }
  const Loaded l = load_text(text, std::size_t{1} << 20);
  REQUIRE_FALSE(l.report.refused());
  CHECK(l.report.rows_read == 20001);
  CHECK(l.report.rows_loaded == 19998);
  REQUIRE(l.report.problems.size() == 3);
  for (const Problem& p : l.report.problems) {
    CHECK(p.field == "order_id");
    CHECK(p.reason.code == ids::kRowNulByte);
  }
  CHECK(l.report.problems[0].line == 8);
  CHECK(l.report.problems[1].line == 18003);
  CHECK(l.report.problems[2].line == 18004);
}

TEST_CASE("a stray NUL byte does not decide a file's encoding", "[ingest]") {
  // Windows-1251 names (ООО Ромашка) with a NUL on line 4: still read as Cyrillic, not as
  // UTF-8 "because of the NUL bytes".
  const Loaded l = load_text(order_lines(4, "\xCE\xCE\xCE \xD0\xEE\xEC\xE0\xF8\xEA\xE0 "), 1 << 20);
  CHECK(l.report.encoding == "windows-1251");
  CHECK(l.report.rows_loaded == 299);
}

TEST_CASE("binary data is still refused as a whole", "[ingest]") {
  CHECK(looks_binary(std::string(4096, '\0')));
  CHECK(looks_binary(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)));
  // One NUL in 4 KiB of text is a damaged row, not a binary file.
  std::string text(4096, 'a');
  text[100] = '\0';
  CHECK_FALSE(looks_binary(text));
  const Loaded zeros = load_text(std::string(70000, '\0'), 4096);
  CHECK(zeros.report.refused());
  CHECK(zeros.report.error.rfind("[pulse.ingest.002]", 0) == 0);
}
