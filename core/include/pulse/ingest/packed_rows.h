#pragma once

#include <cstddef>
#include <string_view>

#include "pulse/ingest/file_loader.h"

namespace pulse::ingest {

/// A batch of rows of text cells in one buffer, so that the page hands thousands of rows to the
/// engine in one call (one copy into wasm memory) instead of one call per cell. The layout, for
/// `rows` rows of `columns` cells:
///
///   uint32 end[rows * columns]   little-endian; cell i's text is text[end[i-1], end[i]),
///                                the first cell's starts at 0
///   char   text[]                the cells' UTF-8, row after row, no separators
///
/// An empty cell is a missing value (a Parquet null). Rows are numbered first_row, first_row + 1,
/// ... in the load report. A buffer that does not hold that layout (offsets going back or past
/// the text) adds nothing and throws PulseError pulse.ingest.012: it is the caller's bug, not the
/// file's.
///
/// CellOrder::by_column is the same layout with the cells taken column after column (cell i is
/// row i % rows of column i / rows): what a columnar file such as Parquet decodes to, so that
/// the page writes each column's text as it decodes it instead of interleaving the columns
/// first. The rows reach the loader the same, one after the other.
enum class CellOrder { by_row, by_column };

void add_packed_rows(FileLoader& loader, std::string_view packed, std::size_t rows,
                     std::size_t columns, std::size_t first_row,
                     CellOrder order = CellOrder::by_row);

}  // namespace pulse::ingest
