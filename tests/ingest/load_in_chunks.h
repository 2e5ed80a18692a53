#pragma once
// What the ingest tests load a file with: a FileLoader fed the bytes in chunks of `chunk` bytes
// (the last may be shorter), as the CLI (1 MiB) and the page (4 MiB) feed theirs, and the
// dataset it filled beside its load report.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "pulse/ingest/file_loader.h"

namespace pulse::test {

struct LoadedFile {
  Dataset dataset;
  LoadReport report;
};

inline LoadedFile load_in_chunks(const std::string& name, std::string_view bytes,
                                 std::size_t chunk = std::size_t{1} << 20,
                                 ingest::FileOptions options = {}) {
  LoadedFile out;
  ingest::FileLoader loader(out.dataset, name, std::move(options));
  for (std::size_t at = 0; at < bytes.size(); at += chunk) loader.feed(bytes.substr(at, chunk));
  out.report = loader.finish();
  return out;
}

}  // namespace pulse::test
