// The workbook as a sequence of part requests: root relationships, the workbook and its
// relationships, shared strings, styles, then the chosen sheet (xlsx_sheet_reader.cpp).
#include "pulse/io/xlsx_workbook.h"

#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "xlsx_package_parts.h"
#include "xlsx_sheet_reader.h"

namespace pulse::io {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

XlsxWorkbook::XlsxWorkbook(std::string sheet_choice)
    : sheet_choice_(std::move(sheet_choice)), wanted_("_rels/.rels") {}

XlsxWorkbook::~XlsxWorkbook() = default;

void XlsxWorkbook::give_part(std::string_view bytes) {
  read_part(bytes, true);
}

void XlsxWorkbook::part_missing() {
  read_part({}, false);
}

void XlsxWorkbook::read_part(std::string_view bytes, bool present) {
  switch (step_) {
    case Step::root_rels: {  // optional: without it the workbook is at xl/workbook.xml
      if (present) {
        opc::RelsHandler rels;
        opc::scan_part(rels, wanted_, bytes);
        // A Target that resolves to no part ("", "/", ".", or none) is no relationship at all:
        // the workbook is then looked for where it is without one. Taken as given, the empty
        // name ended the part requests with no sheet list (a crash in the loader).
        for (const opc::Relationship& r : rels.rels) {
          if (ends_with(r.type, "/officeDocument") && opc::names_a_part(r.target))
            workbook_part_ = opc::resolve("", r.target);
        }
      }
      step_ = Step::workbook;
      wanted_ = workbook_part_;
      return;
    }
    case Step::workbook: {
      if (!present)
        throw PulseError(ids::kXlsxNotWorkbook,
                         "a zip archive, but not an Excel workbook (no " + workbook_part_ + ")");
      opc::WorkbookHandler book;
      opc::scan_part(book, wanted_, bytes);
      sheets_ = std::move(book.sheets);
      sheet_rel_ids_ = std::move(book.rel_ids);
      date1904_ = book.date1904;
      step_ = Step::workbook_rels;
      const std::size_t slash = workbook_part_.rfind('/');
      wanted_ = opc::folder_of(workbook_part_) + "_rels/" +
                workbook_part_.substr(slash == std::string::npos ? 0 : slash + 1) + ".rels";
      return;
    }
    case Step::workbook_rels: {
      if (!present)
        throw PulseError(ids::kXlsxNoWorkbookRels,
                         "the workbook has no " + wanted_ + ": its sheets cannot be found");
      opc::RelsHandler rels;
      opc::scan_part(rels, wanted_, bytes);
      const std::string base = opc::folder_of(workbook_part_);
      std::vector<XlsxSheet> worksheets;
      for (std::size_t i = 0; i < sheets_.size(); ++i) {
        for (const opc::Relationship& r : rels.rels) {
          // Chart sheets and dialog sheets have no cells: only worksheets are listed.
          if (r.id != sheet_rel_ids_[i] || !ends_with(r.type, "/worksheet")) continue;
          if (!opc::names_a_part(r.target))
            continue;  // no part to read: not a sheet of this workbook
          sheets_[i].part = opc::resolve(base, r.target);
          worksheets.push_back(sheets_[i]);
        }
      }
      for (const opc::Relationship& r : rels.rels) {
        if (!opc::names_a_part(r.target)) continue;  // optional parts: as if absent
        if (ends_with(r.type, "/sharedStrings"))
          shared_strings_part_ = opc::resolve(base, r.target);
        if (ends_with(r.type, "/styles")) styles_part_ = opc::resolve(base, r.target);
      }
      sheets_ = std::move(worksheets);
      choose_sheet();
      step_ = Step::shared_strings;
      wanted_ = shared_strings_part_;
      if (wanted_.empty()) read_part({}, false);
      return;
    }
    case Step::shared_strings: {  // optional: a workbook with no text cells
      if (present) {
        opc::SharedStringsHandler strings(shared_strings_);
        opc::scan_part(strings, wanted_, bytes);
      }
      step_ = Step::styles;
      wanted_ = styles_part_;
      if (wanted_.empty()) read_part({}, false);
      return;
    }
    case Step::styles: {  // optional: then every number is shown as a number
      if (present) {
        opc::StylesHandler styles;
        opc::scan_part(styles, wanted_, bytes);
        for (int id : styles.xf_format) {
          auto custom = styles.custom.find(id);
          if (custom != styles.custom.end()) {
            xf_kinds_.push_back(number_kind(custom->second));
            xf_elapsed_.push_back(shows_elapsed_time(custom->second));
          } else {
            xf_kinds_.push_back(number_kind(id));
            xf_elapsed_.push_back(id == 46);
          }
        }
      }
      step_ = Step::sheet;
      wanted_.clear();
      return;
    }
    case Step::sheet:
      return;
  }
}

void XlsxWorkbook::choose_sheet() {
  std::string names;
  for (const XlsxSheet& s : sheets_) names += (names.empty() ? "'" : ", '") + s.name + "'";
  if (sheets_.empty()) throw PulseError(ids::kXlsxNoWorksheet, "the workbook has no worksheet");
  if (!sheet_choice_.empty()) {
    for (std::size_t i = 0; i < sheets_.size(); ++i) {
      if (sheets_[i].name == sheet_choice_) {
        chosen_ = i;
        return;
      }
    }
    throw PulseError(ids::kXlsxNoSuchSheet,
                     "no sheet '" + sheet_choice_ + "' in the workbook; its sheets: " + names);
  }
  for (std::size_t i = 0; i < sheets_.size(); ++i) {
    if (!sheets_[i].hidden) {
      chosen_ = i;
      return;
    }
  }
  chosen_ = 0;
}

const XlsxSheet& XlsxWorkbook::sheet() const {
  if (chosen_ >= sheets_.size())
    throw PulseError(ids::kXlsxNoWorksheet, "the workbook has no worksheet");
  return sheets_[chosen_];
}

void XlsxWorkbook::begin_sheet(RecordSink& sink) {
  reader_ = std::make_unique<XlsxSheetReader>(
      XlsxCellContext{shared_strings_, xf_kinds_, xf_elapsed_, date1904_}, sink, sheet_part());
}

void XlsxWorkbook::feed_sheet(std::string_view bytes) {
  reader_->feed(bytes);
}

void XlsxWorkbook::finish_sheet() {
  reader_->finish();
}

std::size_t XlsxWorkbook::cells_outside_header() const {
  return reader_ ? reader_->outside : 0;
}

std::string XlsxWorkbook::first_cell_outside_header() const {
  return reader_ ? reader_->first_outside : std::string();
}

}  // namespace pulse::io
