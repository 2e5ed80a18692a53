#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pulse/io/record_sink.h"
#include "pulse/io/xlsx_number_format.h"

namespace pulse::io {

class XlsxSheetReader;  // streams the sheet part (xlsx_sheet_reader.h, private to io/)

/// A sheet of the workbook, in the workbook's order.
struct XlsxSheet {
  std::string name;
  std::string part;  // zip entry name: "xl/worksheets/sheet1.xml"
  bool hidden = false;
};

/// Reads an Excel workbook (.xlsx, ECMA-376 SpreadsheetML) from its zip entries, without
/// knowing about zip itself: the CLI inflates them with zlib and the page with fflate, and
/// both hand them to this same reader. It asks for one part at a time:
///
///   XlsxWorkbook book("Orders");              // or "" for the first visible sheet
///   while (book.wants_part()) {               // _rels/.rels, xl/workbook.xml, its rels,
///     auto name = book.wanted_part();         //   sharedStrings, styles
///     zip has name ? book.give_part(bytes) : book.part_missing();
///   }
///   book.begin_sheet(sink);                    // book.sheet_part() names the sheet's entry
///   book.feed_sheet(chunk); ...                // any chunking
///   book.finish_sheet();
///
/// The sheet streams (no tree is built): rows go to the RecordSink as they end. The header is
/// the first row with a value; columns run from its first to its last non-empty cell (an
/// empty header cell is named by its column letter). `line` is the sheet's row number.
/// Errors that stop the workbook throw PulseError: "pulse.xlsx.001" (no workbook, no sheet),
/// "pulse.xlsx.002" (the chosen sheet is not there: the message lists the sheets),
/// "pulse.xlsx.003" (malformed XML).
class XlsxWorkbook {
 public:
  explicit XlsxWorkbook(std::string sheet_choice = {});
  ~XlsxWorkbook();
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

  bool wants_part() const { return !wanted_.empty(); }
  /// The zip entry wanted next (without a leading '/'); entry names compare case-insensitively.
  const std::string& wanted_part() const { return wanted_; }
  void give_part(std::string_view bytes);
  void part_missing();

  /// After the parts: the sheet chosen and its entry. sheet() and sheet_part() throw
  /// "pulse.xlsx.001" when there is no sheet (asked before the parts, or after a refusal).
  const std::vector<XlsxSheet>& sheets() const { return sheets_; }
  const XlsxSheet& sheet() const;
  const std::string& sheet_part() const { return sheet().part; }
  bool date1904() const { return date1904_; }

  void begin_sheet(RecordSink& sink);
  void feed_sheet(std::string_view bytes);
  void finish_sheet();
  /// Non-empty cells left or right of the header's columns (ignored), and the first of them.
  std::size_t cells_outside_header() const;
  std::string first_cell_outside_header() const;

 private:
  void read_part(std::string_view bytes, bool present);
  void choose_sheet();

  enum class Step : unsigned char {
    root_rels,
    workbook,
    workbook_rels,
    shared_strings,
    styles,
    sheet
  };
  Step step_ = Step::root_rels;
  std::string sheet_choice_;
  std::string wanted_;
  std::string workbook_part_ = "xl/workbook.xml";
  std::vector<XlsxSheet> sheets_;
  std::vector<std::string> sheet_rel_ids_;
  std::string shared_strings_part_;
  std::string styles_part_;
  std::size_t chosen_ = 0;
  bool date1904_ = false;
  std::vector<std::string> shared_strings_;
  std::vector<NumberKind> xf_kinds_;  // per cellXfs index
  std::vector<bool> xf_elapsed_;      // "[h]:mm": hours beyond a day
  std::unique_ptr<XlsxSheetReader> reader_;
};

/// "C" -> 2, "AA" -> 26; and back. Column letters of a cell reference ("C5").
std::string column_letters(std::size_t index);

}  // namespace pulse::io
