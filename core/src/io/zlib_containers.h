#pragma once
// gzip and zip, natively (zlib). Only the native build has zlib: in the page, JavaScript
// decompresses (DecompressionStream, fflate) and the engine never sees these formats.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pulse::io {

using ByteSink = std::function<void(std::string_view)>;

/// Streaming gzip decompression: compressed chunks of any size in (a header split anywhere
/// included), decompressed chunks out. Concatenated members are read one after the other.
/// Throws PulseError "pulse.ingest.003" on corrupt data, and from finish() when the stream
/// ends before its last member does (a truncated download).
class GzipInflater {
 public:
  explicit GzipInflater(std::string file);
  ~GzipInflater();
  GzipInflater(const GzipInflater&) = delete;
  GzipInflater& operator=(const GzipInflater&) = delete;

  void feed(std::string_view compressed, const ByteSink& out);
  void finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::string file_;
};

/// A zip archive held in memory (zip is read from its central directory, at the end).
/// Entries stored or deflated; ZIP64 sizes and offsets; encrypted entries refused. Written
/// here rather than taken from minizip: minizip reads through file callbacks, and its
/// in-memory ioapi is not part of Debian's libminizip-dev, whereas the whole of what a
/// workbook needs (find an entry, inflate it by chunks, check its CRC) is a page of code
/// over zlib's raw inflate, with our own error ids and bounds checks on every offset.
class ZipArchive {
 public:
  /// Throws PulseError "pulse.ingest.003" when `bytes` is not a readable zip archive.
  ZipArchive(std::string file, std::string_view bytes);

  /// Entry names compare case-insensitively (OPC part names do).
  bool has(std::string_view name) const;
  /// Streams the entry's bytes to `out` in chunks; checks its size and CRC-32.
  void extract(std::string_view name, const ByteSink& out) const;

 private:
  struct Entry {
    std::string name;
    std::uint16_t flags = 0, method = 0;
    std::uint32_t crc = 0;
    std::uint64_t compressed = 0, size = 0, local_offset = 0;
  };
  const Entry* find(std::string_view name) const;
  [[noreturn]] void corrupt(const std::string& why) const;

  std::string file_;
  std::string_view bytes_;
  std::vector<Entry> entries_;
};

}  // namespace pulse::io
