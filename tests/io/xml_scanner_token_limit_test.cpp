// The XML scanner's token limit holds however the bytes arrive. A token over the limit (here a
// '<?xml' declaration of 4 KiB and more) passed when it came in one chunk and stopped the part
// when chunks cut it: found by fuzz/xml_scanner_fuzz.cpp, input kept in
// fuzz/regressions/xml_scanner/declaration_over_limit_across_chunks.
#include <catch2/catch.hpp>

#include <string>

#include "../../core/src/io/xml_scanner.h"
#include "../../fuzz/fuzz_input.h"
#include "pulse/error.h"
#include "test_support.h"
#include "xml_events.h"

namespace {

/// The events of `part` fed in pieces of `piece` bytes (0: whole), or "error <id>".
std::string scan(std::string_view part, std::size_t piece, std::size_t limit) {
  pulse::test::XmlEvents events;
  try {
    pulse::io::XmlScanner scanner(events, "p.xml", limit);
    if (piece == 0) scanner.feed(part);
    for (std::size_t at = 0; piece && at < part.size(); at += piece)
      scanner.feed(part.substr(at, piece));
    scanner.finish();
  } catch (const pulse::PulseError& e) {
    return "error " + std::string(e.id());
  }
  return events.log;
}

}  // namespace

TEST_CASE("fuzz regression xml_scanner declaration_over_limit_across_chunks", "[io][xlsx][fuzz]") {
  constexpr std::size_t kLimit = 4096;
  const std::string over = "<?xml " + std::string(kLimit, 'v') + "?><a>x</a>";
  for (std::size_t piece : {0, 1, 16, 4096}) {
    INFO("pieces of " << piece);
    CHECK(scan(over, piece, kLimit) == "error pulse.xlsx.003");
  }
  // A text run over the limit, between two tags: the same whole and cut.
  const std::string text = "<a>" + std::string(kLimit + 1, 't') + "</a>";
  CHECK(scan(text, 0, kLimit) == "error pulse.xlsx.003");
  CHECK(scan(text, 7, kLimit) == "error pulse.xlsx.003");
  // Tokens of exactly the limit pass, whole and cut.
  const std::string at_limit =
      "<?" + std::string(kLimit - 4, 'v') + "?><a>" + std::string(kLimit, 't') + "</a>";
  for (std::size_t piece : {0, 3, 4096}) {
    INFO("pieces of " << piece);
    CHECK(scan(at_limit, piece, kLimit) == "<a>[" + std::string(kLimit, 't') + "]</a>");
  }
  // The fuzzer's input, in the chunking its first byte picks, against a whole read.
  const std::string bytes = pulse::test::read_file(pulse::test::source_path(
      "fuzz/regressions/xml_scanner/declaration_over_limit_across_chunks"));
  const pulse::fuzz::Chunking input(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                    bytes.size());
  pulse::test::XmlEvents whole, cut;
  std::string whole_error, cut_error;
  try {
    pulse::io::XmlScanner scanner(whole, "p.xml", kLimit);
    scanner.feed(input.data);
    scanner.finish();
  } catch (const pulse::PulseError& e) {
    whole_error = e.id();
  }
  try {
    pulse::io::XmlScanner scanner(cut, "p.xml", kLimit);
    for (std::string_view c : input.chunks()) scanner.feed(c);
    scanner.finish();
  } catch (const pulse::PulseError& e) {
    cut_error = e.id();
  }
  CHECK(cut_error == whole_error);
  CHECK(whole_error == "pulse.xlsx.003");
}
