// The XML scanner skips a byte order mark however the first chunks cut it (a mark cut after
// one or two bytes was read as text: found by fuzz/xml_scanner_fuzz.cpp).
#include <catch2/catch.hpp>

#include <string>

#include "../../core/src/io/xml_scanner.h"
#include "xml_events.h"

TEST_CASE("XmlScanner: a byte order mark split over chunks is skipped", "[io][xlsx]") {
  const std::string part = "\xEF\xBB\xBF<a>x</a>";
  for (std::size_t cut = 0; cut <= 4; ++cut) {
    INFO("cut at " << cut);
    pulse::test::XmlEvents events;
    pulse::io::XmlScanner scanner(events, "p.xml");
    scanner.feed(std::string_view(part).substr(0, cut));
    scanner.feed(std::string_view(part).substr(cut));
    scanner.finish();
    CHECK(events.log == "<a>[x]</a>");
  }
  pulse::test::XmlEvents two;
  pulse::io::XmlScanner scanner(two, "p.xml");
  scanner.feed("\xEF\xBB");  // the part is only that: no text, no error
  scanner.finish();
  CHECK(two.log.empty());
}
