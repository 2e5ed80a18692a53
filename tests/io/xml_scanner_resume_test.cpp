// A token cut over chunks is searched for its end from where the previous chunk's search
// stopped, not from its start again (an 8 MiB comment in 4 KiB chunks took 44 s: the whole
// token was read again for every chunk; bench/xml_tokens_main.cpp). Where a search resumes must
// not lose an end that straddles the cut ("-" | "->", "]]" | ">", "?" | ">") or a quote that a
// tag's search stopped inside: every token kind is cut at every position and in every piece
// size, and must give the events of a whole read.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../../core/src/io/xml_scanner.h"
#include "pulse/error.h"
#include "xml_events.h"

namespace {

/// The events of `xml` fed as the given pieces, then finished; or "error <id>".
std::string scan_pieces(const std::vector<std::string_view>& pieces) {
  pulse::test::XmlEvents events;
  try {
    pulse::io::XmlScanner scanner(events, "p.xml", 4096);
    for (std::string_view piece : pieces) scanner.feed(piece);
    scanner.finish();
  } catch (const pulse::PulseError& e) {
    return "error " + std::string(e.id());
  }
  return events.log;
}

/// Text runs may arrive split; joined, the log is comparable with a whole read's.
std::string joined(std::string log) {
  for (std::size_t at; (at = log.find("][")) != std::string::npos;) log.erase(at, 2);
  return log;
}

}  // namespace

TEST_CASE("xml scanner resumes a cut token's search where it stopped", "[io][xlsx]") {
  const std::string xml =
      "<?xml version=\"1.0\"?>"       // a declaration: "?>" may be cut
      "<!DOCTYPE x>"                  // skipped up to its '>'
      "<r a=\"1>2\" b='x\"y>'>"       // quoted '>' of both kinds
      "<!-- a - b -- c ->-->"         // near-ends before the end
      "<c><![CDATA[x]]y]>z]]]]></c>"  // near-ends in a CDATA section
      "<?p x? > ?>"                   // a near-end in an instruction
      "text &amp; more<e/>"           // a text run, a self-closing tag
      "</r>";
  const std::string whole = scan_pieces({xml});
  // (the log brackets each text run: the CDATA section's text is "x]]y]>z]]")
  REQUIRE(whole == "<r><c>[x]]y]>z]]]</c>[text &amp; more]<e></e></r>");
  // Two pieces cut at every position.
  for (std::size_t cut = 0; cut <= xml.size(); ++cut) {
    INFO("cut at " << cut);
    CHECK(joined(scan_pieces(
              {std::string_view(xml).substr(0, cut), std::string_view(xml).substr(cut)})) == whole);
  }
  // Every piece size, so that a token is cut several times in a row.
  for (std::size_t piece = 1; piece <= 24; ++piece) {
    INFO("pieces of " << piece);
    std::vector<std::string_view> pieces;
    for (std::size_t at = 0; at < xml.size(); at += piece)
      pieces.push_back(std::string_view(xml).substr(at, piece));
    CHECK(joined(scan_pieces(pieces)) == whole);
  }
}

TEST_CASE("xml scanner: an unterminated token cut over chunks is still refused", "[io][xlsx]") {
  // Each kind of token left open: whole and in small pieces, the part ends inside a tag.
  for (const std::string open :
       {"<r a=\"x>", "<r><!-- x --", "<r><![CDATA[x]]", "<?p x?", "<!DOCTYPE x"}) {
    INFO(open);
    CHECK(scan_pieces({open}) == "error pulse.xlsx.003");
    std::vector<std::string_view> pieces;
    for (std::size_t at = 0; at < open.size(); at += 2)
      pieces.push_back(std::string_view(open).substr(at, 2));
    CHECK(scan_pieces(pieces) == "error pulse.xlsx.003");
  }
}
