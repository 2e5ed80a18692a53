// The XML scanner of workbook parts: any bytes, any chunking; a whole and a chunked scan must
// see the same events (text runs may be split differently: they are joined before comparing).
#include <string>

#include "fuzz_input.h"
#include "pulse/error.h"
#include "xml_scanner.h"

namespace {

struct Log : pulse::io::XmlHandler {
  std::string events, text, value;
  void flush() {
    if (!text.empty()) events += "T" + text + "\n";
    text.clear();
  }
  void on_start(std::string_view name, std::string_view attributes, bool self_closing) override {
    flush();
    events += "S" + std::string(name) + (self_closing ? "/" : "") + "\n";
    if (pulse::io::xml_attribute(attributes, "r", value)) events += "@" + value + "\n";
  }
  void on_end(std::string_view name) override {
    flush();
    events += "E" + std::string(name) + "\n";
  }
  void on_text(std::string_view t, bool cdata) override {
    if (cdata)
      text.append(t);
    else
      pulse::io::append_xml_text(text, t, true);
  }
};

std::string scan(std::string_view data, const std::vector<std::string_view>& chunks) {
  Log log;
  try {
    pulse::io::XmlScanner scanner(log, "part.xml", 4096);
    if (chunks.empty()) scanner.feed(data);
    for (std::string_view c : chunks) scanner.feed(c);
    scanner.finish();
    log.flush();
  } catch (const pulse::PulseError& e) {
    return "error";  // where the error shows may differ with the chunking; that it shows may not
  }
  return log.events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const pulse::fuzz::Chunking input(bytes, size);
  const std::string whole = scan(input.data, {});
  pulse::fuzz::expect_same(scan(input.data, input.chunks()) == whole, "XmlScanner");
  return 0;
}
