// The whole loader (sniffing, encodings, CSV, JSON, gzip, xlsx, mapping, typed columns) in a
// chunking taken from the input, against a whole read; then the report on whatever loaded.
// The chunked load is the report engine's own, so that each input is loaded twice, not three
// times (the harness's throughput is the loader's and the report's, docs/reliability.md).
#include <string>

#include "fuzz_input.h"
#include "pulse/ingest/file_loader.h"
#include "pulse/report/engine.h"
#include "pulse/report/report_json.h"

namespace {

pulse::ingest::FileOptions fuzz_options() {
  pulse::ingest::FileOptions options;
  options.max_field_bytes = 512;
  return options;
}

std::string load_json(const pulse::LoadReport& report) {
  pulse::report::JsonWriter json;
  pulse::report::write_load(json, report);
  return json.str();
}

std::string load_whole(std::string_view data) {
  pulse::Dataset dataset;
  pulse::ingest::FileLoader loader(dataset, "input", fuzz_options());
  loader.feed(data);
  return load_json(loader.finish());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const pulse::fuzz::Chunking input(bytes, size);
  const std::string whole = load_whole(input.data);
  pulse::report::Engine engine;
  engine.begin_file("input", fuzz_options());
  for (std::string_view c : input.chunks()) engine.feed(c);
  pulse::fuzz::expect_same(load_json(engine.finish_file()) == whole, "FileLoader");
  (void)engine.report_text(pulse::config::Settings{});
  return 0;
}
