#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "pulse/ingest/table_builder.h"
#include "pulse/model/load_report.h"
#include "pulse/model/string_pool.h"
#include "pulse/model/table.h"

namespace pulse::ingest {

/// How a range's reader ended, beside what it built.
struct RangeEnd {
  std::size_t quote_problems = 0;  // rows lost to an unterminated quote
  bool between_rows = true;        // false: the range's end cut a row (no record start there)
  bool failed = false;             // the reader stopped (an oversized field, out of memory)
};

/// A range of a CSV file parsed apart from the file's builder (a TableBuilder fork, see
/// parallel_csv.h), as one flat byte buffer: the fork's table columns, its string pool in id
/// order, its part of the load report (row counts, problems), the decisions it assumed and
/// made, and how its reader ended. The page parses ranges in helper workers, each with its own
/// engine, and posts these buffers to the engine worker, which absorbs them in file order as
/// the native loader absorbs its threads' forks.
std::string write_range_image(const TableBuilder& fork, const Table& table,
                              const StringPool& strings, const LoadReport& report,
                              const RangeEnd& end);

/// Reads an image into a fork of the file's builder made for it (fork(table, strings, report)
/// on the builder the range was parsed under, so that its columns are those of the image):
/// afterwards the fork is what parsing the range here would have left. False when the image
/// does not fit (another mapping, cut, damaged); the caller reads the range itself then.
bool read_range_image(std::string_view image, TableBuilder& fork, Table& table, StringPool& strings,
                      LoadReport& report, RangeEnd& end);

}  // namespace pulse::ingest
