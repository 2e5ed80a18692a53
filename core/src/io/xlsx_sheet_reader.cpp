#include "xlsx_sheet_reader.h"

#include <cstdlib>
#include <optional>

#include "pulse/error_ids.h"
#include "pulse/io/number_parser.h"
#include "pulse/io/xlsx_workbook.h"
#include "pulse/text/ascii.h"

namespace pulse::io {
namespace {

constexpr std::size_t kMaxColumns = 16384;  // Excel's XFD

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c == '&')
      out += "&amp;";
    else
      out += c;
  }
}

/// "C5" -> column 2 (row part ignored: the row element says it). False when not a reference.
bool parse_column(std::string_view ref, std::size_t& column) {
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

}  // namespace

std::string column_letters(std::size_t index) {
  std::string out;
  ++index;
  while (index > 0) {
    out.insert(out.begin(), static_cast<char>('A' + (index - 1) % 26));
    index = (index - 1) / 26;
  }
  return out;
}

void XlsxSheetReader::on_start(std::string_view name, std::string_view attrs,
                               bool /*self_closing*/) {
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

void XlsxSheetReader::on_end(std::string_view name) {
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

void XlsxSheetReader::on_text(std::string_view text, bool cdata) {
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

void XlsxSheetReader::start_row(std::string_view attrs) {
  in_row_ = true;
  std::size_t number = row_ + 1;
  if (xml_attribute(attrs, "r", value_)) {
    const long long r = std::atoll(value_.c_str());
    if (r > 0) number = static_cast<std::size_t>(r);
  }
  row_ = number;
  next_column_ = 0;
  row_error_ = Message();
  for (std::size_t c : touched_) cells_[c].clear();
  touched_.clear();
}

void XlsxSheetReader::start_cell(std::string_view attrs) {
  in_cell_ = true;
  in_v_ = in_is_ = in_t_ = false;
  phonetic_ = 0;
  raw_.clear();
  inline_.clear();
  column_ = next_column_;
  type_ = Type::number;
  style_ = 0;
  // The attribute text read once for the three (a cell's tag is a third of a sheet's bytes);
  // the first of a name counts, as xml_attribute would find it.
  bool seen_r = false, seen_t = false, seen_s = false;
  std::size_t at = 0;
  for (XmlAttribute a; next_xml_attribute(attrs, at, a);) {
    if (a.name.size() != 1) continue;
    bool* seen = a.name[0] == 'r'   ? &seen_r
                 : a.name[0] == 't' ? &seen_t
                 : a.name[0] == 's' ? &seen_s
                                    : nullptr;
    if (seen == nullptr || *seen) continue;
    *seen = true;
    value_.clear();
    append_xml_text(value_, a.raw);
    if (a.name[0] == 'r') {
      if (!parse_column(value_, column_)) column_ = kMaxColumns;
    } else if (a.name[0] == 't') {
      type_ = type_of(value_);
    } else {
      style_ = static_cast<std::size_t>(std::atol(value_.c_str()));
    }
  }
  next_column_ = column_ + 1;
}

// A cell's t attribute; an unknown one reads as a number, as no t does.
XlsxSheetReader::Type XlsxSheetReader::type_of(std::string_view t) {
  if (t == "s") return Type::shared;
  if (t == "inlineStr") return Type::inline_string;
  if (t == "str") return Type::formula_string;
  if (t == "b") return Type::boolean;
  if (t == "e") return Type::error;
  if (t == "d") return Type::iso_date;
  return Type::number;
}

void XlsxSheetReader::end_cell() {
  if (!in_cell_) return;
  in_cell_ = false;
  // The cell's text as a view (of a shared string, the cell's own bytes or scratch_), copied
  // once into its column's string, whose buffer the next rows reuse: no allocation a cell.
  std::string_view text;
  switch (type_) {
    case Type::shared: {
      // Up to 9 plain digits, as every writer puts them, read here; anything else as strtoul
      // reads it (a sign, spaces, more digits).
      unsigned long index = 0;
      const char* end = raw_.c_str();
      if (!raw_.empty() && raw_.size() <= 9) {
        while (*end >= '0' && *end <= '9')
          index = index * 10 + static_cast<unsigned long>(*end++ - '0');
      }
      if (*end != '\0') {
        char* stop = nullptr;
        index = std::strtoul(raw_.c_str(), &stop, 10);
        end = stop;
      }
      if (raw_.empty() || *end != '\0' || index >= context_.shared_strings.size()) {
        if (row_error_.code.empty()) {
          const std::string cell = cell_name(column_);
          row_error_ = Message(ids::kRowXlsxNoSharedString,
                               "cell " + cell + ": no shared string '" + raw_ + "' in the workbook")
                           .param("cell", cell)
                           .param("index", raw_);
        }
      } else {
        text = context_.shared_strings[index];
      }
      break;
    }
    case Type::inline_string:
      text = inline_;
      break;
    case Type::formula_string:
      scratch_.clear();
      append_xml_text(scratch_, raw_, true);
      text = scratch_;
      break;
    case Type::boolean:
      text = raw_ == "1"   ? std::string_view("TRUE")
             : raw_ == "0" ? std::string_view("FALSE")
                           : std::string_view(raw_);
      break;
    case Type::error:
      break;  // #N/A, #DIV/0!, #REF!: no value
    case Type::iso_date:
      scratch_.clear();
      append_xml_text(scratch_, raw_);
      text = scratch_;
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
  cells_[column_].assign(text.data(), text.size());
}

std::string_view XlsxSheetReader::number_text() {
  const std::string_view digits = text::trim_ascii_space(raw_);
  if (digits.empty()) return {};
  const NumberKind kind =
      style_ < context_.xf_kinds.size() ? context_.xf_kinds[style_] : NumberKind::number;
  if (kind == NumberKind::number) {
    if (is_excel_number_text(digits)) return digits;
    // Excel's 17 digits ("2.5499999999999998") rounded to its 15 from the text itself.
    if (excel_number_text_from_digits(digits, scratch_)) return scratch_;
  }
  // A cell's number is a plain decimal ("40513.351388888889") but for the odd writer's "+5" or
  // "INF"; strtod reads those.
  double value;
  if (const std::optional<double> plain = plain_decimal_value(digits)) {
    value = *plain;
  } else {
    const std::string terminated(digits);
    char* end = nullptr;
    value = std::strtod(terminated.c_str(), &end);
    if (*end != '\0') return digits;  // not a number after all: kept as written
  }
  scratch_.clear();
  if (kind != NumberKind::number)
    scratch_ = excel_serial_text(value, kind, context_.date1904, context_.xf_elapsed[style_]);
  if (scratch_.empty()) scratch_ = excel_number_text(value);
  return scratch_;
}

// "C7"; a cell whose reference could not be read is "?7".
std::string XlsxSheetReader::cell_name(std::size_t column) const {
  return (column >= kMaxColumns ? std::string("?") : column_letters(column)) + std::to_string(row_);
}

void XlsxSheetReader::note_outside(std::size_t column) {
  if (outside++ == 0) first_outside = cell_name(column);
}

void XlsxSheetReader::end_row() {
  if (!in_row_) return;
  in_row_ = false;
  if (touched_.empty() && row_error_.code.empty()) return;
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
  if (!row_error_.code.empty()) {
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

}  // namespace pulse::io
