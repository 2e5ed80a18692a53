// Reads one long token of each kind (a tag's attribute, a text run, a comment, a CDATA section,
// a processing instruction) fed in chunks of several sizes, and prints medians. A workbook part
// arrives in the inflater's pieces (up to 1 MiB), so a token longer than a piece is carried over
// chunk edges: this measures that the scanner reads such a token once, not once per chunk
// (docs/reliability.md, "A token cut over many chunks"). usage: pulse_xml_bench [RUNS] [MIB]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "../core/src/io/xml_scanner.h"

namespace {

struct CountingHandler : pulse::io::XmlHandler {
  std::size_t bytes = 0;
  void on_start(std::string_view, std::string_view attributes, bool) override {
    bytes += attributes.size();
  }
  void on_end(std::string_view) override {}
  void on_text(std::string_view text, bool) override { bytes += text.size(); }
};

double scan_ms(const std::string& xml, std::size_t piece, std::size_t& seen) {
  CountingHandler handler;
  const auto t0 = std::chrono::steady_clock::now();
  pulse::io::XmlScanner scanner(handler, "part.xml");
  for (std::size_t at = 0; at < xml.size(); at += piece)
    scanner.feed(std::string_view(xml).substr(at, piece));
  scanner.finish();
  seen = handler.bytes;
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  const std::size_t mib = argc > 2 ? static_cast<std::size_t>(std::max(1, std::atoi(argv[2]))) : 8;
  // Each body is the token's worst case: bytes that start its end marker without completing
  // it ('-' in a comment, ']' in CDATA, '?' in an instruction), so every search compares.
  const std::size_t n = mib << 20;
  const struct {
    const char* kind;
    std::string xml;
  } tokens[] = {
      {"attribute", "<c v=\"" + std::string(n, 'x') + ">\"/>"},
      {"text", "<t>" + std::string(n, 'x') + "</t>"},
      {"comment", "<!--" + std::string(n, '-') + "--><a/>"},
      {"CDATA", "<t><![CDATA[" + std::string(n, ']') + "]]></t>"},
      {"instruction", "<?p " + std::string(n, '?') + "?><a/>"},
  };
  std::printf("one %zu MiB token fed in chunks, medians of %d runs, ms\n", mib, runs);
  std::printf("%-12s %10s %10s %10s\n", "token", "1 MiB", "64 KiB", "4 KiB");
  for (const auto& token : tokens) {
    std::printf("%-12s", token.kind);
    for (std::size_t piece : {std::size_t{1} << 20, std::size_t{64} << 10, std::size_t{4} << 10}) {
      std::vector<double> ms;
      std::size_t seen = 0;
      for (int r = 0; r < runs; ++r) ms.push_back(scan_ms(token.xml, piece, seen));
      std::sort(ms.begin(), ms.end());
      std::printf(" %10.1f", ms[ms.size() / 2]);
    }
    std::printf("\n");
  }
  return 0;
}
