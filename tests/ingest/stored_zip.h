#pragma once
// A zip archive with stored (uncompressed) entries, written in the test: enough to build
// workbooks whose parts say exactly what a test needs (PKWARE APPNOTE 6.3.10, sections 4.3.7,
// 4.3.12, 4.3.16).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pulse::test {

inline std::uint32_t zip_crc32(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

/// The archive of `entries` (name, bytes), in that order.
inline std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  auto u16 = [](std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
  };
  auto u32 = [&](std::string& out, std::uint32_t v) {
    u16(out, v & 0xFFFF);
    u16(out, v >> 16);
  };
  std::string body, directory;
  for (const auto& [name, data] : entries) {
    const std::uint32_t offset = static_cast<std::uint32_t>(body.size());
    const std::uint32_t crc = zip_crc32(data);
    const auto size = static_cast<std::uint32_t>(data.size());
    body += std::string("PK\x03\x04", 4);
    u16(body, 20);
    u16(body, 0);
    u16(body, 0);
    u16(body, 0);
    u16(body, 0);  // version, flags, stored, time, date
    u32(body, crc);
    u32(body, size);
    u32(body, size);
    u16(body, static_cast<std::uint32_t>(name.size()));
    u16(body, 0);
    body += name;
    body += data;
    directory += std::string("PK\x01\x02", 4);
    u16(directory, 20);
    u16(directory, 20);
    u16(directory, 0);
    u16(directory, 0);
    u16(directory, 0);
    u16(directory, 0);
    u32(directory, crc);
    u32(directory, size);
    u32(directory, size);
    u16(directory, static_cast<std::uint32_t>(name.size()));
    u16(directory, 0);
    u16(directory, 0);
    u16(directory, 0);
    u16(directory, 0);
    u32(directory, 0);
    u32(directory, offset);
    directory += name;
  }
  std::string out = body + directory;
  out += std::string("PK\x05\x06", 4);
  u16(out, 0);
  u16(out, 0);
  u16(out, static_cast<std::uint32_t>(entries.size()));
  u16(out, static_cast<std::uint32_t>(entries.size()));
  u32(out, static_cast<std::uint32_t>(directory.size()));
  u32(out, static_cast<std::uint32_t>(body.size()));
  u16(out, 0);
  return out;
}

}  // namespace pulse::test
