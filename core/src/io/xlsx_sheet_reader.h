#pragma once
// One worksheet of a workbook read as records. Private to io/: XlsxWorkbook is its only user.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pulse/io/record_sink.h"
#include "pulse/io/xlsx_number_format.h"
#include "xml_scanner.h"

namespace pulse::io {

/// What a sheet's cells refer to elsewhere in the workbook (the workbook owns them).
struct XlsxCellContext {
  const std::vector<std::string>& shared_strings;
  const std::vector<NumberKind>& xf_kinds;  // per cellXfs index
  const std::vector<bool>& xf_elapsed;      // "[h]:mm": hours beyond a day
  bool date1904 = false;
};

/// The sheet part, streamed (no tree is built; rows go to the sink as they end):
/// <sheetData><row r="5"><c r="C5" t="s" s="3"><v>7</v></c>...</row>.
class XlsxSheetReader : public XmlHandler {
 public:
  /// `part` names the sheet's entry in errors.
  XlsxSheetReader(XlsxCellContext context, RecordSink& sink, const std::string& part)
      : context_(context), sink_(sink), scanner_(*this, part) {}

  void feed(std::string_view bytes) { scanner_.feed(bytes); }
  void finish() { scanner_.finish(); }

  std::size_t outside = 0;    // non-empty cells left or right of the header's columns
  std::string first_outside;  // the first of them ("H12")

  void on_start(std::string_view name, std::string_view attrs, bool) override;
  void on_end(std::string_view name) override;
  void on_text(std::string_view text, bool cdata) override;

 private:
  enum class Type : unsigned char {
    number,
    shared,
    inline_string,
    formula_string,
    boolean,
    error,
    iso_date
  };

  void start_row(std::string_view attrs);
  void start_cell(std::string_view attrs);
  static Type type_of(std::string_view t);
  void end_cell();
  /// The number cell's text: a view of its own bytes when they stay, else of scratch_.
  std::string_view number_text();
  void note_outside(std::size_t column);
  std::string cell_name(std::size_t column) const;
  void end_row();

  XlsxCellContext context_;  // references into the workbook, which outlives its reader
  RecordSink& sink_;
  XmlScanner scanner_;
  std::vector<std::string> cells_;    // this row's values by column
  std::vector<std::size_t> touched_;  // columns with a value in this row
  std::vector<std::string_view> fields_;
  std::string value_, raw_, inline_, scratch_;
  Message row_error_;  // why the current row is skipped (pulse.row.016); no code: none
  std::size_t row_ = 0, column_ = 0, next_column_ = 0, style_ = 0, first_ = 0, last_ = 0;
  int phonetic_ = 0;
  Type type_ = Type::number;
  bool in_row_ = false, in_cell_ = false, in_v_ = false, in_is_ = false, in_t_ = false;
  bool header_ = false;
};

}  // namespace pulse::io
