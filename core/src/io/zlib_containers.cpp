#include "zlib_containers.h"

#include <zlib.h>

#include <algorithm>
#include <new>

#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/text/ascii.h"

namespace pulse::io {
namespace {

constexpr std::size_t kOutChunk = std::size_t{1} << 20;  // decompressed bytes handed on at a time
// The output buffer starts small and doubles while inflate fills it, up to kOutChunk: most
// files a user drops (and every xlsx part but the sheets) inflate to far less than 1 MiB, and
// a 1 MiB zero-filled buffer per stream was most of the cost of opening a small one.
constexpr std::size_t kFirstOutChunk = std::size_t{16} << 10;
constexpr uInt kMaxIn = 1u << 30;  // zlib counts in uInt

std::uint16_t u16(const unsigned char* p) {
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
std::uint32_t u32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
std::uint64_t u64(const unsigned char* p) {
  return static_cast<std::uint64_t>(u32(p)) | (static_cast<std::uint64_t>(u32(p + 4)) << 32);
}

bool same_name(std::string_view a, std::string_view b) {
  if (!a.empty() && a.front() == '/') a.remove_prefix(1);
  if (!b.empty() && b.front() == '/') b.remove_prefix(1);
  return text::iequals_ascii(a, b);
}

}  // namespace

struct GzipInflater::State {
  z_stream z{};
  bool open = false;
  bool member_ended = false;    // the last member read so far is complete
  bool trailing_bytes = false;  // what followed the last member was no member: ignored to the end
  bool any_input = false;
  std::vector<unsigned char> out = std::vector<unsigned char>(kFirstOutChunk);
  ~State() {
    if (open) inflateEnd(&z);
  }
};

GzipInflater::GzipInflater(std::string file)
    : state_(std::make_unique<State>()), file_(std::move(file)) {
  // 16 + MAX_WBITS: a gzip header and trailer (CRC-32, size) around the deflate data.
  if (inflateInit2(&state_->z, 16 + MAX_WBITS) != Z_OK) throw std::bad_alloc();
  state_->open = true;
}

GzipInflater::~GzipInflater() = default;

void GzipInflater::feed(std::string_view compressed, const ByteSink& out) {
  State& s = *state_;
  while (!compressed.empty() && !s.trailing_bytes) {
    if (s.member_ended) {
      // Another member follows (`cat a.gz b.gz`), or padding that some tools append: ignored,
      // all of it, whatever its bytes in later chunks (the fuzzer's containers harness found
      // a later chunk that began with 0x1F read as a member, ignored when read whole).
      if (static_cast<unsigned char>(compressed.front()) != 0x1F) {
        s.trailing_bytes = true;
        return;
      }
      inflateReset(&s.z);
      s.member_ended = false;
    }
    const uInt take = static_cast<uInt>(std::min<std::size_t>(compressed.size(), kMaxIn));
    s.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    s.z.avail_in = take;
    s.any_input = true;
    for (;;) {
      s.z.next_out = s.out.data();
      s.z.avail_out = static_cast<uInt>(s.out.size());
      const int rc = inflate(&s.z, Z_NO_FLUSH);
      const std::size_t produced = s.out.size() - s.z.avail_out;
      // What inflated before the error is passed on first, so a file read whole keeps the
      // same rows as one read in chunks (the fuzzer found a bad CRC refusing the whole file
      // read whole, but keeping its rows read in pieces).
      if (produced > 0 && rc != Z_MEM_ERROR)
        out(std::string_view(reinterpret_cast<const char*>(s.out.data()), produced));
      if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT)
        throw PulseError(ids::kGzipCorrupt,
                         file_ + ": corrupt gzip data (" +
                             std::string(s.z.msg ? s.z.msg : "bad deflate stream") + ")");
      if (rc == Z_MEM_ERROR) throw std::bad_alloc();
      if (rc == Z_STREAM_END) {
        s.member_ended = true;
        break;
      }
      if (s.z.avail_in == 0 && s.z.avail_out != 0) break;  // all input used, nothing held back
      if (s.z.avail_out == 0 && s.out.size() < kOutChunk) s.out.resize(s.out.size() * 2);
      if (rc == Z_BUF_ERROR && produced == 0) break;
    }
    compressed.remove_prefix(take - s.z.avail_in);
  }
}

void GzipInflater::finish() {
  if (!state_->member_ended)
    throw PulseError(ids::kGzipTruncated, file_ + ": the gzip data ends early (a truncated file?)");
}

ZipArchive::ZipArchive(std::string file, std::string_view bytes)
    : file_(std::move(file)), bytes_(bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  if (n < 22) corrupt("too short for a zip archive (a truncated file?)");
  // The end-of-central-directory record: the last "PK\5\6" within the final 64 KiB + 22.
  std::size_t eocd = std::string_view::npos;
  const std::size_t lowest = n > 22 + 65535 ? n - 22 - 65535 : 0;
  for (std::size_t at = n - 22 + 1; at-- > lowest;) {
    if (data[at] == 'P' && data[at + 1] == 'K' && data[at + 2] == 5 && data[at + 3] == 6) {
      eocd = at;
      break;
    }
  }
  if (eocd == std::string_view::npos) corrupt("no zip directory at the end (a truncated file?)");
  std::uint64_t count = u16(data + eocd + 10);
  std::uint64_t dir_size = u32(data + eocd + 12);
  std::uint64_t dir_offset = u32(data + eocd + 16);
  if (count == 0xFFFF || dir_size == 0xFFFFFFFF || dir_offset == 0xFFFFFFFF) {
    // ZIP64: a locator just before the record points at the 64-bit record.
    if (eocd < 20 || u32(data + eocd - 20) != 0x07064b50) corrupt("ZIP64 locator missing");
    const std::uint64_t at = u64(data + eocd - 20 + 8);
    if (at > n || n - at < 56 || u32(data + at) != 0x06064b50)
      corrupt("ZIP64 directory record missing");
    count = u64(data + at + 32);
    dir_size = u64(data + at + 40);
    dir_offset = u64(data + at + 48);
  }
  if (dir_offset > n || dir_size > n - dir_offset)
    corrupt("the zip directory lies outside the file");
  std::size_t at = static_cast<std::size_t>(dir_offset);
  const std::size_t dir_end = at + static_cast<std::size_t>(dir_size);
  for (std::uint64_t i = 0; i < count; ++i) {
    if (dir_end - at < 46 || u32(data + at) != 0x02014b50) corrupt("a damaged zip directory entry");
    Entry e;
    e.flags = u16(data + at + 8);
    e.method = u16(data + at + 10);
    e.crc = u32(data + at + 16);
    e.compressed = u32(data + at + 20);
    e.size = u32(data + at + 24);
    const std::size_t name_len = u16(data + at + 28), extra_len = u16(data + at + 30),
                      comment_len = u16(data + at + 32);
    e.local_offset = u32(data + at + 42);
    if (dir_end - at - 46 < name_len + extra_len + comment_len)
      corrupt("a damaged zip directory entry");
    e.name.assign(bytes.data() + at + 46, name_len);
    // ZIP64 extra field: the 64-bit values of those fields that read 0xFFFFFFFF, in order.
    const unsigned char* x = data + at + 46 + name_len;
    for (std::size_t k = 0; k + 4 <= extra_len;) {
      const std::uint16_t id = u16(x + k), len = u16(x + k + 2);
      if (k + 4 + len > extra_len) break;
      if (id == 0x0001) {
        std::size_t f = k + 4;
        const std::size_t f_end = k + 4 + len;
        if (e.size == 0xFFFFFFFF && f + 8 <= f_end) e.size = u64(x + f), f += 8;
        if (e.compressed == 0xFFFFFFFF && f + 8 <= f_end) e.compressed = u64(x + f), f += 8;
        if (e.local_offset == 0xFFFFFFFF && f + 8 <= f_end) e.local_offset = u64(x + f);
      }
      k += 4 + len;
    }
    entries_.push_back(std::move(e));
    at += 46 + name_len + extra_len + comment_len;
  }
}

void ZipArchive::corrupt(const std::string& why) const {
  throw PulseError(ids::kZipUnreadable, file_ + ": cannot read the zip archive: " + why);
}

const ZipArchive::Entry* ZipArchive::find(std::string_view name) const {
  for (const Entry& e : entries_)
    if (same_name(e.name, name)) return &e;
  return nullptr;
}

bool ZipArchive::has(std::string_view name) const {
  return find(name) != nullptr;
}

void ZipArchive::extract(std::string_view name, const ByteSink& out) const {
  const Entry* e = find(name);
  if (!e) corrupt("no entry " + std::string(name));
  const std::string what = "entry " + e->name + ": ";
  if (e->flags & 1) corrupt(what + "encrypted (save the workbook without a password)");
  if (e->method != 0 && e->method != 8)
    corrupt(what + "compression method " + std::to_string(e->method) + " is not supported");
  const auto* data = reinterpret_cast<const unsigned char*>(bytes_.data());
  const std::size_t n = bytes_.size();
  if (e->local_offset > n || n - e->local_offset < 30 || u32(data + e->local_offset) != 0x04034b50)
    corrupt(what + "its local header is missing");
  const std::size_t start = static_cast<std::size_t>(e->local_offset) + 30 +
                            u16(data + e->local_offset + 26) + u16(data + e->local_offset + 28);
  if (start > n || e->compressed > n - start)
    corrupt(what + "its data runs past the end (a truncated file?)");
  std::string_view in = bytes_.substr(start, static_cast<std::size_t>(e->compressed));

  uLong crc = crc32(0L, Z_NULL, 0);
  std::uint64_t produced_total = 0;
  auto emit = [&](const unsigned char* p, std::size_t len) {
    for (std::size_t off = 0; off < len;) {  // crc32 counts in uInt
      const uInt step = static_cast<uInt>(std::min<std::size_t>(len - off, kMaxIn));
      crc = crc32(crc, p + off, step);
      off += step;
    }
    produced_total += len;
    out(std::string_view(reinterpret_cast<const char*>(p), len));
  };
  if (e->method == 0) {
    for (std::size_t off = 0; off < in.size(); off += kOutChunk)
      emit(reinterpret_cast<const unsigned char*>(in.data()) + off,
           std::min(kOutChunk, in.size() - off));
  } else {
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw std::bad_alloc();  // raw deflate
    struct Guard {
      z_stream& z;
      ~Guard() { inflateEnd(&z); }
    } guard{z};
    // The declared size (untrusted: only the buffer's size depends on it, a wrong one costs
    // more passes or a larger buffer, never a wrong result).
    std::vector<unsigned char> buf(static_cast<std::size_t>(
        std::clamp<std::uint64_t>(e->size + 1, kFirstOutChunk, kOutChunk)));
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
      if (z.avail_in == 0 && !in.empty()) {
        const uInt take = static_cast<uInt>(std::min<std::size_t>(in.size(), kMaxIn));
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
        z.avail_in = take;
        in.remove_prefix(take);
      }
      z.next_out = buf.data();
      z.avail_out = static_cast<uInt>(buf.size());
      rc = inflate(&z, Z_NO_FLUSH);
      if (rc == Z_MEM_ERROR) throw std::bad_alloc();
      if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) corrupt(what + "corrupt deflate data");
      const std::size_t produced = buf.size() - z.avail_out;
      if (produced > 0) emit(buf.data(), produced);
      if (rc == Z_BUF_ERROR && produced == 0 && z.avail_in == 0 && in.empty())
        corrupt(what + "its data ends early (a truncated file?)");
    }
  }
  if (produced_total != e->size || static_cast<std::uint32_t>(crc) != e->crc)
    corrupt(what + "size or CRC-32 does not match (a damaged file)");
}

}  // namespace pulse::io
