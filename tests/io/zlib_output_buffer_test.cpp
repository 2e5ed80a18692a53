// gzip and zip output comes through a buffer that starts at 16 KiB and doubles up to 1 MiB
// (a 1 MiB zero-filled buffer per stream was most of the cost of a small file: the fuzzer's
// containers harness ran 17 tiny inputs/s with it, 500 without). The bytes must be the same however
// the buffer grew, and no piece handed on may pass 1 MiB.
#include <zlib.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "../../core/src/io/zlib_containers.h"
#include "pulse/error.h"

namespace {

/// `text` compressed by zlib: window_bits 16 + MAX_WBITS writes a gzip member, -MAX_WBITS raw
/// deflate (a zip entry's data).
std::string compressed(const std::string& text, int window_bits) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) ==
          Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string gzip(const std::string& text) {
  return compressed(text, 16 + MAX_WBITS);
}

/// Lines that do not repeat exactly, so that the text does not compress to nothing.
std::string text_of(std::size_t bytes) {
  std::string text;
  for (std::size_t n = 0; text.size() < bytes; ++n)
    text += "order " + std::to_string(n * 7919 % 100003) + ",sku-" + std::to_string(n % 977) + "\n";
  text.resize(bytes);
  return text;
}

std::vector<std::size_t> gunzip_pieces(const std::string& compressed, std::size_t chunk,
                                       std::string& text) {
  std::vector<std::size_t> pieces;
  pulse::io::GzipInflater gz("t.gz");
  const auto sink = [&](std::string_view bytes) {
    pieces.push_back(bytes.size());
    text.append(bytes);
  };
  for (std::size_t at = 0; at < compressed.size(); at += chunk)
    gz.feed(std::string_view(compressed).substr(at, chunk), sink);
  gz.finish();
  return pieces;
}

std::string deflate_raw(const std::string& text) {
  return compressed(text, -MAX_WBITS);
}

void put16(std::string& s, std::uint32_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& s, std::uint32_t v) {
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}

/// A zip archive of one deflated entry whose declared size is `declared`.
std::string zip_of(const std::string& name, const std::string& deflated, std::uint32_t crc,
                   std::uint32_t declared) {
  const auto n = static_cast<std::uint32_t>(name.size());
  const auto csize = static_cast<std::uint32_t>(deflated.size());
  std::string zip;
  put32(zip, 0x04034b50);
  for (std::uint32_t v : {20u, 0u, 8u, 0u, 0u})
    put16(zip, v);  // version, flags, deflate, time, date
  put32(zip, crc);
  put32(zip, csize);
  put32(zip, declared);
  put16(zip, n);
  put16(zip, 0);
  zip += name + deflated;
  const auto directory = static_cast<std::uint32_t>(zip.size());
  put32(zip, 0x02014b50);
  for (std::uint32_t v : {20u, 20u, 0u, 8u, 0u, 0u}) put16(zip, v);
  put32(zip, crc);
  put32(zip, csize);
  put32(zip, declared);
  for (std::uint32_t v : {n, 0u, 0u, 0u, 0u}) put16(zip, v);  // name, extra, comment, disk, attrs
  put32(zip, 0);                                              // external attributes
  put32(zip, 0);                                              // local header offset
  zip += name;
  const auto directory_size = static_cast<std::uint32_t>(zip.size()) - directory;
  put32(zip, 0x06054b50);
  for (std::uint32_t v : {0u, 0u, 1u, 1u}) put16(zip, v);
  put32(zip, directory_size);
  put32(zip, directory);
  put16(zip, 0);
  return zip;
}

}  // namespace

TEST_CASE("gzip: the output buffer grows from 16 KiB to 1 MiB, same bytes", "[io][gzip]") {
  const std::string original = text_of(3 << 20);
  const std::string compressed = gzip(original);
  for (std::size_t chunk : {compressed.size(), std::size_t{4096}, std::size_t{7}}) {
    INFO("compressed chunks of " << chunk << " bytes");
    std::string text;
    const std::vector<std::size_t> pieces = gunzip_pieces(compressed, chunk, text);
    CHECK(text == original);
    CHECK(*std::max_element(pieces.begin(), pieces.end()) <= (std::size_t{1} << 20));
    if (chunk == compressed.size()) {
      CHECK(pieces.front() == (std::size_t{16} << 10));  // the first buffer, filled
      CHECK(*std::max_element(pieces.begin(), pieces.end()) == (std::size_t{1} << 20));
    }
  }
}

TEST_CASE("gzip: a small file comes out in one piece of its size", "[io][gzip]") {
  const std::string original = "sku,qty\nA,1\n";
  std::string text;
  const std::vector<std::size_t> pieces = gunzip_pieces(gzip(original), 1 << 20, text);
  CHECK(text == original);
  CHECK(pieces == std::vector<std::size_t>{original.size()});
}

TEST_CASE("zip: the buffer follows the declared size, which cannot change the bytes", "[io][zip]") {
  const std::string original = text_of(3 << 20);
  const std::string data = deflate_raw(original);
  const uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(original.data()),
                          static_cast<uInt>(original.size()));
  const auto extract = [&](std::uint32_t declared) {
    const std::string bytes =
        zip_of("xl/worksheets/sheet1.xml", data, static_cast<std::uint32_t>(crc), declared);
    const pulse::io::ZipArchive zip("t.xlsx", bytes);
    std::string out;
    zip.extract("xl/worksheets/sheet1.xml", [&](std::string_view b) {
      CHECK(b.size() <= (std::size_t{1} << 20));
      out.append(b);
    });
    return out;
  };
  CHECK(extract(static_cast<std::uint32_t>(original.size())) == original);
  // A declared size that lies (too small: a 16 KiB buffer for 3 MiB) is still read to the end,
  // then refused by the size check as before.
  CHECK_THROWS_WITH(extract(100), Catch::Contains("size or CRC-32 does not match"));
}
