#include "pulse/ingest/packed_rows.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "pulse/error.h"
#include "pulse/error_ids.h"

namespace pulse::ingest {
namespace {

[[noreturn]] void bad_batch(const std::string& why) {
  throw PulseError(ids::kPackedRowsMalformed, "a batch of rows given to the engine " + why);
}

std::uint32_t read_end(const char* at) {
  const auto* b = reinterpret_cast<const unsigned char*>(at);
  return static_cast<std::uint32_t>(b[0]) | static_cast<std::uint32_t>(b[1]) << 8 |
         static_cast<std::uint32_t>(b[2]) << 16 | static_cast<std::uint32_t>(b[3]) << 24;
}

}  // namespace

void add_packed_rows(FileLoader& loader, std::string_view packed, std::size_t rows,
                     std::size_t columns, std::size_t first_row, CellOrder order) {
  if (rows == 0) return;
  if (columns == 0) bad_batch("has rows but no columns");
  if (rows > packed.size() / 4 / columns)
    bad_batch("is shorter (" + std::to_string(packed.size()) + " bytes) than its offsets");
  const std::size_t cells = rows * columns;
  const char* const ends = packed.data();
  const std::string_view text = packed.substr(cells * 4);
  // Checked whole before any row goes in: a bad batch adds nothing.
  std::uint32_t previous = 0;
  for (std::size_t i = 0; i < cells; ++i) {
    const std::uint32_t end = read_end(ends + 4 * i);
    if (end < previous || end > text.size())
      bad_batch("has cell " + std::to_string(i) + " ending at " + std::to_string(end) +
                ", outside " + std::to_string(previous) + ".." + std::to_string(text.size()));
    previous = end;
  }
  // A cell's text begins where the cell before it in the buffer ends.
  const auto cell = [&](std::size_t i) {
    const std::size_t begin = i == 0 ? 0 : read_end(ends + 4 * (i - 1));
    return text.substr(begin, read_end(ends + 4 * i) - begin);
  };
  std::vector<std::string_view> row(columns);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns; ++c)
      row[c] = cell(order == CellOrder::by_row ? r * columns + c : c * rows + r);
    loader.add_row(first_row + r, row);
    if (!loader.wants_more()) return;  // refused or stopped: the rest is not wanted
  }
}

}  // namespace pulse::ingest
