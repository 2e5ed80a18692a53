// gzip and zip (zlib_containers.h): any bytes. gzip streamed in chunks must inflate to the
// same bytes as in one piece; a zip archive is opened and the workbook's usual entries read.
#include <string>

#include "fuzz_input.h"
#include "pulse/error.h"
#include "zlib_containers.h"

namespace {

std::string gunzip(std::string_view data, const std::vector<std::string_view>& chunks) {
  std::string out;
  try {
    pulse::io::GzipInflater gz("f.gz");
    const auto sink = [&](std::string_view bytes) {
      out.append(bytes);
      if (out.size() > (std::size_t{64} << 20)) throw pulse::PulseError("fuzz", "bomb");
    };
    if (chunks.empty()) gz.feed(data, sink);
    for (std::string_view c : chunks) gz.feed(c, sink);
    gz.finish();
  } catch (const pulse::PulseError& e) {
    out += "|error";
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const pulse::fuzz::Chunking input(bytes, size);
  const std::string whole = gunzip(input.data, {});
  const std::string chunked = gunzip(input.data, input.chunks());
  // Corrupt data may be noticed after a different amount of output: compare the verdicts.
  const bool whole_error = whole.size() >= 6 && whole.compare(whole.size() - 6, 6, "|error") == 0;
  const bool chunked_error =
      chunked.size() >= 6 && chunked.compare(chunked.size() - 6, 6, "|error") == 0;
  pulse::fuzz::expect_same(whole_error == chunked_error && (whole_error || whole == chunked),
                           "GzipInflater");
  try {
    pulse::io::ZipArchive zip("f.zip", input.data);
    for (const char* name : {"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                             "xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"}) {
      std::size_t total = 0;
      if (zip.has(name)) zip.extract(name, [&](std::string_view b) { total += b.size(); });
    }
  } catch (const pulse::PulseError&) {
  }
  return 0;
}
