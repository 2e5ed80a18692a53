// The whole loader (sniffing, encodings, CSV, JSON, gzip, xlsx, mapping, typed columns) in a
// chunking taken from the input, against a whole read; then the report on whatever loaded.
#include <string>

#include "fuzz_input.h"
#include "pulse/ingest/file_loader.h"
#include "pulse/report/engine.h"
#include "pulse/report/report_json.h"

namespace {

std::string load(std::string_view data, const std::vector<std::string_view>& chunks) {
  pulse::Dataset dataset;
  pulse::ingest::FileOptions options;
  options.max_field_bytes = 512;
  pulse::ingest::FileLoader loader(dataset, "input", options);
  if (chunks.empty()) loader.feed(data);
  for (std::string_view c : chunks) loader.feed(c);
  const pulse::LoadReport& report = loader.finish();
  pulse::report::JsonWriter json;
  pulse::report::write_load(json, report);
  return json.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const pulse::fuzz::Chunking input(bytes, size);
  const std::string whole = load(input.data, {});
  pulse::fuzz::expect_same(load(input.data, input.chunks()) == whole, "FileLoader");
  pulse::report::Engine engine;
  pulse::ingest::FileOptions options;
  options.max_field_bytes = 512;
  engine.begin_file("input", options);
  for (std::string_view c : input.chunks()) engine.feed(c);
  engine.finish_file();
  (void)engine.report_text(pulse::config::Settings{});
  return 0;
}
