// Property: the file loader's result does not depend on how the bytes are cut. Every fixture
// and sample file is loaded whole and in random chunkings (fixed seeds; chunks of 1 byte, of
// about 7 and of about 4,096); the load report and the table must be the same each time.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "pulse/ingest/file_loader.h"
#include "test_support.h"

using namespace pulse;
using namespace pulse::ingest;
namespace fs = std::filesystem;

namespace {

/// Everything a load produced, as text: the report's fields and the table's values.
std::string describe(const Dataset& d, const LoadReport& r) {
  std::ostringstream out;
  out << r.file << '|' << r.role << '|' << r.format << '|' << r.delimiter << '|' << r.encoding
      << '|' << r.encoding_reason << '|' << r.container << '|' << r.sheet << '|' << r.recognized_as
      << '|' << r.rows_read << '|' << r.rows_loaded << '|' << r.rows_skipped << '|' << r.lines
      << '|' << r.error << '|' << r.stopped << '|' << r.stopped_line << '\n';
  for (const std::string& s : r.sheets) out << "sheet " << s << '\n';
  for (const Problem& p : r.problems)
    out << "problem " << p.reason.code << ' ' << p.to_string() << '\n';
  for (const std::string& c : r.columns) out << "column " << c << '\n';
  for (const auto& [k, v] : r.mapping)
    out << "map " << k << '=' << v << " (" << r.mapping_reasons.at(k) << ")\n";
  for (const auto& [k, v] : r.conventions) out << "convention " << k << '=' << v << '\n';
  for (const Message& n : r.notes) out << "note " << n.code << ' ' << n.text << '\n';
  for (const Table& t : d.tables) {
    out << "table " << static_cast<int>(t.role) << ' ' << t.rows << '\n';
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      const Column& c = t.columns[f];
      if (!c.mapped) continue;
      out << "field " << f << ':';
      for (StrId id : c.text)
        out << ' ' << (id == kNoStr ? std::string("<none>") : std::string(d.strings.view(id)));
      for (Day day : c.days) out << ' ' << day;
      for (double v : c.numbers)
        out << ' ' << (std::isnan(v) ? std::string("nan") : std::to_string(v));
      out << '\n';
    }
  }
  return out.str();
}

/// Loads `bytes` cut into chunks of `size` bytes, or of 1..2*size bytes at random when `seed`.
std::string load(const std::string& name, const std::string& bytes, std::size_t size,
                 unsigned seed) {
  Dataset dataset;
  FileLoader loader(dataset, name);
  std::mt19937 random(seed);
  std::uniform_int_distribution<std::size_t> pick(1, 2 * size);
  for (std::size_t at = 0; at < bytes.size();) {
    const std::size_t n = seed == 0 ? size : pick(random);
    loader.feed(std::string_view(bytes).substr(at, n));
    at += n;
  }
  const LoadReport report = loader.finish();
  return describe(dataset, report);
}

std::vector<fs::path> input_files() {
  std::vector<fs::path> out;
  for (const char* root : {"tests/fixtures", "samples"}) {
    for (const auto& entry : fs::recursive_directory_iterator(test::source_path(root))) {
      if (!entry.is_regular_file()) continue;
      const std::string ext = entry.path().extension().string();
      if (ext == ".csv" || ext == ".json" || ext == ".gz" || ext == ".xlsx" || ext == ".zip" ||
          ext == ".txt")
        out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("loading is the same whatever the chunking, for every fixture and sample",
          "[ingest][chunking]") {
  const std::vector<fs::path> files = input_files();
  REQUIRE(files.size() >= 25);
  for (const fs::path& path : files) {
    const std::string bytes = test::read_file(path.string());
    const std::string name = path.filename().string();
    const std::string whole = load(name, bytes, bytes.size() + 1, 0);
    INFO(path.string());
    // One byte at a time on the smaller files (the 3 MB sample would take seconds).
    if (bytes.size() <= 600 * 1024) CHECK(load(name, bytes, 1, 0) == whole);
    CHECK(load(name, bytes, 7, 11) == whole);
    CHECK(load(name, bytes, 4096, 12) == whole);
  }
}
