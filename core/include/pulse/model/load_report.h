#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "pulse/model/message.h"

namespace pulse {

/// One row (or file) that could not be read: "orders.csv:14: order_date: bad date '31/02/2024'".
struct Problem {
  std::string file;
  std::size_t line = 0;  // 1-based physical line where the row starts; 0 for the whole file
  std::string field;     // canonical field name, or empty when the row as a whole is bad
  Message reason;        // a pulse.row.* code (pulse/error_ids.h), its params, the English text

  std::string to_string() const;
};

/// What a load did: every load returns one, good or bad (SPEC §2 "Bad input").
struct LoadReport {
  /// The problems listed per file (rows_skipped counts them all); the report exports it as
  /// "problem_cap" so that a page says "only the first N" without its own copy of N.
  static constexpr std::size_t kMaxProblems = 100;

  std::string file;
  std::string role;                 // empty when the file was refused
  std::string format;               // "csv", "json", "ndjson"
  std::string delimiter;            // "," ";" "\t" "|" for text tables
  std::string encoding;             // the text's encoding: "utf-8", "windows-1251", "utf-16le", ...
  std::string encoding_reason;      // why: "1,204 bytes are not UTF-8 and read as Cyrillic letters"
  Message encoding_reason_code;     // the same with its code and params, for the page to word
  std::string container;            // "gzip" or "zip" when the file came packed; empty otherwise
  std::string sheet;                // a workbook (format "xlsx"): the sheet that was read
  std::vector<std::string> sheets;  // a workbook: its worksheets, in the workbook's order
  std::string recognized_as;  // a known export ("Magento REST orders (GET /V1/orders)"), else empty
  std::size_t rows_read = 0;
  std::size_t rows_loaded = 0;  // a partial load: the rows kept before reading stopped
  std::size_t rows_skipped = 0;
  std::size_t lines = 0;             // physical lines read (a workbook: its last row number)
  std::vector<Problem> problems;     // the first kMaxProblems
  std::vector<std::string> columns;  // the file's own column names
  std::map<std::string, std::string> mapping;          // canonical field -> source column
  std::map<std::string, std::string> mapping_reasons;  // canonical field -> why that column
  std::map<std::string, std::string> conventions;  // column -> "decimal comma", "DD/MM/YYYY", ...
  // The same two as codes and params (pulse.mapping.*, pulse.convention.*), for the page to
  // word in its language; the CLI prints the English text above.
  std::map<std::string, Message> mapping_reason_codes;
  std::map<std::string, Message> convention_codes;  // columns only, not "date_order" and kin
  std::vector<Message> notes;  // how the file was read: pulse.note.* codes, params, English text
  std::string
      error;  // set when the whole file was refused (nothing kept), "[pulse.ingest.101] ..."
  // A partial load: rows_loaded rows were kept, then reading stopped at stopped_line for this
  // reason ("[pulse.csv.003] line 2000: field longer than ..."); error stays empty.
  std::string stopped;
  std::vector<MessageParam> stopped_params;  // the figures in `stopped`, named for the page
  std::size_t stopped_line = 0;

  void add_problem(Problem problem);
  /// The problems in line order, found order kept within a line (a file's problems are found
  /// in more than one pass: the first rows wait for the column mapping).
  void sort_problems_by_line();
  bool refused() const { return !error.empty(); }
  bool partial() const { return !stopped.empty(); }
};

}  // namespace pulse
