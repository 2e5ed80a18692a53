#include "pulse/io/xlsx_workbook.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "pulse/error.h"
#include "pulse/model/day.h"
#include "xml_scanner.h"

namespace pulse::io {
namespace {

constexpr std::size_t kMaxColumns = 16384;  // Excel's XFD

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string folder_of(const std::string& part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

/// A relationship target resolved against the folder of the part that holds it: "/xl/x.xml"
/// is absolute, "worksheets/sheet1.xml" and "../x.xml" are relative.
std::string resolve(const std::string& base_folder, const std::string& target) {
  std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : base_folder + target;
  std::vector<std::string> parts;
  std::size_t at = 0;
  while (at <= path.size()) {
    std::size_t slash = path.find('/', at);
    if (slash == std::string::npos) slash = path.size();
    const std::string piece = path.substr(at, slash - at);
    if (piece == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!piece.empty() && piece != ".") {
      parts.push_back(piece);
    }
    at = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

/// False when a relationship's Target names a folder rather than a part: "", "/", ".",
/// "xl/", "..": whatever it resolves against, there is no entry to read there.
bool names_a_part(const std::string& target) {
  const std::size_t slash = target.rfind('/');
  const std::string last = slash == std::string::npos ? target : target.substr(slash + 1);
  return !last.empty() && last != "." && last != "..";
}

/// Feeds a whole part through a handler.
void scan_part(XmlHandler& handler, const std::string& part, std::string_view bytes) {
  XmlScanner scanner(handler, part);
  scanner.feed(bytes);
  scanner.finish();
}

struct Relationship {
  std::string id, type, target;
};

struct RelsHandler : XmlHandler {
  std::vector<Relationship> rels;
  std::string value;
  void on_start(std::string_view name, std::string_view attrs, bool) override {
    if (name != "Relationship") return;
    Relationship r;
    xml_attribute(attrs, "Id", r.id);
    xml_attribute(attrs, "Type", r.type);
    xml_attribute(attrs, "Target", r.target);
    if (xml_attribute(attrs, "TargetMode", value) && value == "External") return;
    rels.push_back(std::move(r));
  }
  void on_end(std::string_view) override {}
  void on_text(std::string_view, bool) override {}
};

struct WorkbookHandler : XmlHandler {
  std::vector<XlsxSheet> sheets;
  std::vector<std::string> rel_ids;
  bool date1904 = false;
  std::string value;
  void on_start(std::string_view name, std::string_view attrs, bool) override {
    if (name == "workbookPr") {
      if (xml_attribute(attrs, "date1904", value)) date1904 = value == "1" || value == "true";
    } else if (name == "sheet") {
      XlsxSheet sheet;
      xml_attribute(attrs, "name", sheet.name);
      if (xml_attribute(attrs, "state", value)) sheet.hidden = value != "visible";
      std::string id;
      xml_attribute(attrs, "id", id);  // r:id (the relationships namespace)
      sheets.push_back(std::move(sheet));
      rel_ids.push_back(std::move(id));
    }
  }
  void on_end(std::string_view) override {}
  void on_text(std::string_view, bool) override {}
};

/// <sst><si><t>text</t></si><si><r><t>rich</t></r><r><t> runs</t></r><rPh>..</rPh></si></sst>
struct SharedStringsHandler : XmlHandler {
  std::vector<std::string>& out;
  std::string current;
  bool in_si = false, in_t = false;
  int in_phonetic = 0;  // <rPh> runs are reading aids, not part of the text
  explicit SharedStringsHandler(std::vector<std::string>& o) : out(o) {}
  void on_start(std::string_view name, std::string_view, bool) override {
    if (name == "si") {
      in_si = true;
      current.clear();
    } else if (name == "t") {
      in_t = in_si;
    } else if (name == "rPh") {
      ++in_phonetic;
    }
  }
  void on_end(std::string_view name) override {
    if (name == "si") {
      out.push_back(current);
      in_si = false;
    } else if (name == "t") {
      in_t = false;
    } else if (name == "rPh") {
      --in_phonetic;
    }
  }
  void on_text(std::string_view text, bool cdata) override {
    if (!in_t || in_phonetic > 0) return;
    if (cdata)
      current.append(text);
    else
      append_xml_text(current, text, true);
  }
};

/// <numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts> and
/// <cellXfs><xf numFmtId="14"/>...</cellXfs> (cellStyleXfs' xf elements are styles, not cells).
struct StylesHandler : XmlHandler {
  std::map<int, std::string> custom;
  std::vector<int> xf_format;
  bool in_cell_xfs = false;
  std::string value;
  static int number(const std::string& s) { return std::atoi(s.c_str()); }
  void on_start(std::string_view name, std::string_view attrs, bool self_closing) override {
    if (name == "numFmt") {
      std::string code;
      if (xml_attribute(attrs, "numFmtId", value) && xml_attribute(attrs, "formatCode", code))
        custom[number(value)] = code;
    } else if (name == "cellXfs") {
      in_cell_xfs = !self_closing;
    } else if (name == "xf" && in_cell_xfs) {
      xf_format.push_back(xml_attribute(attrs, "numFmtId", value) ? number(value) : 0);
    }
  }
  void on_end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs = false;
  }
  void on_text(std::string_view, bool) override {}
};

bool is_elapsed(std::string_view code) {
  for (std::size_t i = 0; i + 1 < code.size(); ++i) {
    const char c = lower(code[i + 1]);
    if (code[i] == '[' && (c == 'h' || c == 'm' || c == 's')) return true;
  }
  return false;
}

std::string two(long long v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02lld", v);
  return buf;
}

}  // namespace

NumberKind number_kind(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
      (id >= 50 && id <= 58))
    return NumberKind::date;  // 27-36, 50-58: the East Asian built-in date formats
  if (id == 22) return NumberKind::datetime;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 33) || (id >= 45 && id <= 47))
    return NumberKind::time;
  return NumberKind::number;
}

NumberKind number_kind(std::string_view code) {
  bool date = false, time = false, month_or_minute = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;  // the first section (positive numbers) decides
    if (c == '"') {       // literal text
      const std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {  // escaped char, padding width, fill char
      ++i;
      continue;
    }
    if (c == '[') {  // [Red], [$-409], [>=100]; but [h] [mm] [ss] are elapsed time
      const std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const char first = close > i + 1 ? lower(code[i + 1]) : 0;
      if (first == 'h' || first == 'm' || first == 's') time = true;
      i = close;
      continue;
    }
    switch (lower(c)) {
      case 'd':
      case 'y':
        date = true;
        break;
      case 'h':
      case 's':
        time = true;
        break;
      case 'm':
        month_or_minute = true;
        break;
      default:
        break;
    }
  }
  // "m" is minutes next to hours or seconds ("h:mm", "mm:ss"), else months ("mmm yy").
  if (month_or_minute && !time) date = true;
  if (date && time) return NumberKind::datetime;
  if (date) return NumberKind::date;
  if (time) return NumberKind::time;
  return NumberKind::number;
}

std::string excel_number_text(double value) {
  if (!std::isfinite(value)) return {};
  // %g drops trailing zeros, so the 15-digit rounding is also the shortest text of itself.
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", value);
  if (buf[0] == '-' && buf[1] == '0' && buf[2] == '\0') return "0";
  return buf;
}

std::string excel_serial_text(double serial, NumberKind kind, bool date1904, bool elapsed) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958466.0) return {};  // past 9999-12-31
  const long long total = std::llround(serial * 86400.0);
  const long long seconds = total % 86400;
  const std::string clock =
      two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60);
  if (kind == NumberKind::time) {
    if (!elapsed) return clock;
    return two(total / 3600) + ":" + two(total / 60 % 60) + ":" + two(total % 60);
  }
  const long long days = total / 86400;
  std::string date;
  if (date1904) {
    date = format_day(day_from_civil(1904, 1, 1) + static_cast<Day>(days));
  } else if (days == 60) {
    date = "1900-02-29";  // Lotus 1-2-3's leap day, kept by Excel: not a date, reported as such
  } else {
    // Serial 1 is 1900-01-01; past the phantom 1900-02-29 every serial is one day ahead.
    date = format_day(days < 60 ? day_from_civil(1899, 12, 31) + static_cast<Day>(days)
                                : day_from_civil(1899, 12, 30) + static_cast<Day>(days));
  }
  return kind == NumberKind::datetime ? date + " " + clock : date;
}

std::string column_letters(std::size_t index) {
  std::string out;
  ++index;
  while (index > 0) {
    out.insert(out.begin(), static_cast<char>('A' + (index - 1) % 26));
    index = (index - 1) / 26;
  }
  return out;
}

/// The sheet, streamed: <sheetData><row r="5"><c r="C5" t="s" s="3"><v>7</v></c>...</row>.
class XlsxWorkbook::SheetReader : public XmlHandler {
 public:
  SheetReader(const XlsxWorkbook& book, RecordSink& sink)
      : book_(book), sink_(sink), scanner_(*this, book.sheet_part()) {}

  void feed(std::string_view bytes) { scanner_.feed(bytes); }
  void finish() { scanner_.finish(); }

  std::size_t outside = 0;
  std::string first_outside;

  void on_start(std::string_view name, std::string_view attrs, bool) override {
    if (name == "row") {
      start_row(attrs);
    } else if (name == "c") {
      start_cell(attrs);
    } else if (in_cell_) {
      if (name == "v")
        in_v_ = true;
      else if (name == "is")
        in_is_ = true;
      else if (name == "t" && in_is_)
        in_t_ = true;
      else if (name == "rPh")
        ++phonetic_;
    }
  }

  void on_end(std::string_view name) override {
    if (name == "c") {
      end_cell();
    } else if (name == "row") {
      end_row();
    } else if (in_cell_) {
      if (name == "v")
        in_v_ = false;
      else if (name == "is")
        in_is_ = false;
      else if (name == "t")
        in_t_ = false;
      else if (name == "rPh")
        --phonetic_;
    }
  }

  void on_text(std::string_view text, bool cdata) override {
    if (in_v_) {
      if (cdata)
        append_escaped(raw_, text);
      else
        raw_.append(text);
    } else if (in_t_ && phonetic_ == 0) {
      if (cdata)
        inline_.append(text);
      else
        append_xml_text(inline_, text, true);
    }
  }

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

  static void append_escaped(std::string& out, std::string_view text) {
    for (char c : text) {
      if (c == '&')
        out += "&amp;";
      else
        out += c;
    }
  }

  /// "C5" -> column 2 (row part ignored: the row element says it). False when not a reference.
  static bool parse_column(std::string_view ref, std::size_t& column) {
    std::size_t col = 0, i = 0;
    for (; i < ref.size(); ++i) {
      char c = ref[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (c < 'A' || c > 'Z') break;
      col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
      if (col > kMaxColumns) return false;
    }
    if (i == 0) return false;
    column = col - 1;
    return true;
  }

  void start_row(std::string_view attrs) {
    in_row_ = true;
    std::size_t number = row_ + 1;
    if (xml_attribute(attrs, "r", value_)) {
      const long long r = std::atoll(value_.c_str());
      if (r > 0) number = static_cast<std::size_t>(r);
    }
    row_ = number;
    next_column_ = 0;
    row_error_.clear();
    for (std::size_t c : touched_) cells_[c].clear();
    touched_.clear();
  }

  void start_cell(std::string_view attrs) {
    in_cell_ = true;
    in_v_ = in_is_ = in_t_ = false;
    phonetic_ = 0;
    raw_.clear();
    inline_.clear();
    column_ = next_column_;
    if (xml_attribute(attrs, "r", value_) && !parse_column(value_, column_)) column_ = kMaxColumns;
    next_column_ = column_ + 1;
    type_ = Type::number;
    if (xml_attribute(attrs, "t", value_)) {
      if (value_ == "s")
        type_ = Type::shared;
      else if (value_ == "inlineStr")
        type_ = Type::inline_string;
      else if (value_ == "str")
        type_ = Type::formula_string;
      else if (value_ == "b")
        type_ = Type::boolean;
      else if (value_ == "e")
        type_ = Type::error;
      else if (value_ == "d")
        type_ = Type::iso_date;
    }
    style_ = 0;
    if (xml_attribute(attrs, "s", value_))
      style_ = static_cast<std::size_t>(std::atol(value_.c_str()));
  }

  void end_cell() {
    if (!in_cell_) return;
    in_cell_ = false;
    std::string text;
    switch (type_) {
      case Type::shared: {
        char* end = nullptr;
        const unsigned long index = std::strtoul(raw_.c_str(), &end, 10);
        if (raw_.empty() || *end != '\0' || index >= book_.shared_strings_.size()) {
          if (row_error_.empty())
            row_error_ = "cell " + column_letters(column_) + std::to_string(row_) +
                         ": no shared string '" + raw_ + "' in the workbook";
        } else {
          text = book_.shared_strings_[index];
        }
        break;
      }
      case Type::inline_string:
        text = std::move(inline_);
        break;
      case Type::formula_string:
        append_xml_text(text, raw_, true);
        break;
      case Type::boolean:
        text = raw_ == "1" ? "TRUE" : raw_ == "0" ? "FALSE" : raw_;
        break;
      case Type::error:
        break;  // #N/A, #DIV/0!, #REF!: no value
      case Type::iso_date:
        append_xml_text(text, raw_);
        break;
      case Type::number:
        text = number_text();
        break;
    }
    if (text.empty()) return;
    if (column_ >= kMaxColumns) {
      note_outside(column_);
      return;
    }
    if (cells_.size() <= column_) cells_.resize(column_ + 1);
    if (cells_[column_].empty()) touched_.push_back(column_);
    cells_[column_] = std::move(text);
  }

  std::string number_text() {
    std::size_t b = 0, e = raw_.size();
    while (b < e && (raw_[b] == ' ' || raw_[b] == '\n' || raw_[b] == '\r' || raw_[b] == '\t')) ++b;
    while (e > b && (raw_[e - 1] == ' ' || raw_[e - 1] == '\n' || raw_[e - 1] == '\r' ||
                     raw_[e - 1] == '\t'))
      --e;
    if (b == e) return {};
    const std::string digits = raw_.substr(b, e - b);
    char* end = nullptr;
    const double value = std::strtod(digits.c_str(), &end);
    if (*end != '\0') return digits;  // not a number after all: kept as written
    const NumberKind kind =
        style_ < book_.xf_kinds_.size() ? book_.xf_kinds_[style_] : NumberKind::number;
    if (kind != NumberKind::number) {
      std::string date = excel_serial_text(value, kind, book_.date1904_, book_.xf_elapsed_[style_]);
      if (!date.empty()) return date;
    }
    return excel_number_text(value);
  }

  void note_outside(std::size_t column) {
    if (outside++ == 0)
      first_outside = (column >= kMaxColumns ? std::string("?") : column_letters(column)) +
                      std::to_string(row_);
  }

  void end_row() {
    if (!in_row_) return;
    in_row_ = false;
    if (touched_.empty() && row_error_.empty()) return;
    if (!header_) {
      if (touched_.empty()) return;
      first_ = last_ = touched_.front();
      for (std::size_t c : touched_) {
        if (c < first_) first_ = c;
        if (c > last_) last_ = c;
      }
      std::vector<std::string> names;
      for (std::size_t c = first_; c <= last_; ++c)
        names.push_back(cells_[c].empty() ? column_letters(c) : cells_[c]);
      header_ = true;
      sink_.on_columns(names);
      return;
    }
    if (!row_error_.empty()) {
      sink_.on_bad_record(row_, row_error_);
      return;
    }
    bool any = false;
    for (std::size_t c : touched_) {
      if (c < first_ || c > last_)
        note_outside(c);
      else
        any = true;
    }
    if (!any) return;  // a blank row (or only notes beside the table)
    fields_.clear();
    for (std::size_t c = first_; c <= last_; ++c)
      fields_.emplace_back(c < cells_.size() ? std::string_view(cells_[c]) : std::string_view());
    sink_.on_record(row_, fields_);
  }

  const XlsxWorkbook& book_;
  RecordSink& sink_;
  XmlScanner scanner_;
  std::vector<std::string> cells_;    // this row's values by column
  std::vector<std::size_t> touched_;  // columns with a value in this row
  std::vector<std::string_view> fields_;
  std::string value_, raw_, inline_, row_error_;
  std::size_t row_ = 0, column_ = 0, next_column_ = 0, style_ = 0, first_ = 0, last_ = 0;
  int phonetic_ = 0;
  Type type_ = Type::number;
  bool in_row_ = false, in_cell_ = false, in_v_ = false, in_is_ = false, in_t_ = false;
  bool header_ = false;
};

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
        RelsHandler rels;
        scan_part(rels, wanted_, bytes);
        // A Target that resolves to no part ("", "/", ".", or none) is no relationship at all:
        // the workbook is then looked for where it is without one. Taken as given, the empty
        // name ended the part requests with no sheet list (a crash in the loader).
        for (const Relationship& r : rels.rels) {
          if (ends_with(r.type, "/officeDocument") && names_a_part(r.target))
            workbook_part_ = resolve("", r.target);
        }
      }
      step_ = Step::workbook;
      wanted_ = workbook_part_;
      return;
    }
    case Step::workbook: {
      if (!present)
        throw PulseError("pulse.ingest.003",
                         "a zip archive, but not an Excel workbook (no " + workbook_part_ + ")");
      WorkbookHandler book;
      scan_part(book, wanted_, bytes);
      sheets_ = std::move(book.sheets);
      sheet_rel_ids_ = std::move(book.rel_ids);
      date1904_ = book.date1904;
      step_ = Step::workbook_rels;
      const std::size_t slash = workbook_part_.rfind('/');
      wanted_ = folder_of(workbook_part_) + "_rels/" +
                workbook_part_.substr(slash == std::string::npos ? 0 : slash + 1) + ".rels";
      return;
    }
    case Step::workbook_rels: {
      if (!present)
        throw PulseError("pulse.xlsx.001",
                         "the workbook has no " + wanted_ + ": its sheets cannot be found");
      RelsHandler rels;
      scan_part(rels, wanted_, bytes);
      const std::string base = folder_of(workbook_part_);
      std::vector<XlsxSheet> worksheets;
      for (std::size_t i = 0; i < sheets_.size(); ++i) {
        for (const Relationship& r : rels.rels) {
          // Chart sheets and dialog sheets have no cells: only worksheets are listed.
          if (r.id != sheet_rel_ids_[i] || !ends_with(r.type, "/worksheet")) continue;
          if (!names_a_part(r.target)) continue;  // no part to read: not a sheet of this workbook
          sheets_[i].part = resolve(base, r.target);
          worksheets.push_back(sheets_[i]);
        }
      }
      for (const Relationship& r : rels.rels) {
        if (!names_a_part(r.target)) continue;  // optional parts: as if absent
        if (ends_with(r.type, "/sharedStrings")) shared_strings_part_ = resolve(base, r.target);
        if (ends_with(r.type, "/styles")) styles_part_ = resolve(base, r.target);
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
        SharedStringsHandler strings(shared_strings_);
        scan_part(strings, wanted_, bytes);
      }
      step_ = Step::styles;
      wanted_ = styles_part_;
      if (wanted_.empty()) read_part({}, false);
      return;
    }
    case Step::styles: {  // optional: then every number is shown as a number
      if (present) {
        StylesHandler styles;
        scan_part(styles, wanted_, bytes);
        for (int id : styles.xf_format) {
          auto custom = styles.custom.find(id);
          if (custom != styles.custom.end()) {
            xf_kinds_.push_back(number_kind(custom->second));
            xf_elapsed_.push_back(is_elapsed(custom->second));
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
  if (sheets_.empty()) throw PulseError("pulse.xlsx.001", "the workbook has no worksheet");
  if (!sheet_choice_.empty()) {
    for (std::size_t i = 0; i < sheets_.size(); ++i) {
      if (sheets_[i].name == sheet_choice_) {
        chosen_ = i;
        return;
      }
    }
    throw PulseError("pulse.xlsx.002",
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
    throw PulseError("pulse.xlsx.001", "the workbook has no worksheet");
  return sheets_[chosen_];
}

void XlsxWorkbook::begin_sheet(RecordSink& sink) {
  reader_ = std::make_unique<SheetReader>(*this, sink);
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
