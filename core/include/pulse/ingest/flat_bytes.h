#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace pulse::ingest {

/// Appends values to one flat byte string: a range image or the decisions a range is parsed
/// under (range_image.h). Native byte order and sizes: an image is read back by the same
/// build of the engine (the page's helper workers and its engine worker load the same wasm).
class FlatWriter {
 public:
  template <typename T>
  void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>, "plain values only");
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  void put_text(std::string_view text) {
    put<std::uint64_t>(text.size());
    bytes_.append(text);
  }
  template <typename T>
  void put_vector(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>, "plain values only");
    put<std::uint64_t>(values.size());
    if (!values.empty())
      bytes_.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

/// Reads what FlatWriter wrote. Bytes from another worker are input like any other: a read
/// past the end or a size that cannot be turns the reader bad (ok() false) instead of
/// reading out of bounds; the caller then discards what it read.
class FlatReader {
 public:
  explicit FlatReader(std::string_view bytes) : bytes_(bytes) {}

  template <typename T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>, "plain values only");
    T value{};
    if (!take(sizeof(T))) return value;
    std::memcpy(&value, bytes_.data() + at_ - sizeof(T), sizeof(T));
    return value;
  }
  std::string_view get_text() {
    const auto size = get<std::uint64_t>();
    if (!take(size)) return {};
    return bytes_.substr(at_ - size, size);
  }
  template <typename T>
  void get_vector(std::vector<T>& out) {
    const auto count = get<std::uint64_t>();
    if (count > (bytes_.size() - at_) / sizeof(T) || !take(count * sizeof(T))) {
      ok_ = false;
      return;
    }
    out.resize(count);
    if (count > 0)
      std::memcpy(out.data(), bytes_.data() + at_ - count * sizeof(T), count * sizeof(T));
  }
  bool ok() const { return ok_; }
  bool at_end() const { return at_ == bytes_.size(); }

 private:
  bool take(std::uint64_t size) {
    if (!ok_ || size > bytes_.size() - at_) {
      ok_ = false;
      return false;
    }
    at_ += static_cast<std::size_t>(size);
    return true;
  }

  std::string_view bytes_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace pulse::ingest
