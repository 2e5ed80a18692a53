#pragma once
// The parts of an .xlsx package around its sheets (ECMA-376 Open Packaging Conventions):
// relationships, the workbook's sheet list, shared strings and number styles, each read by a
// small XML handler. Private to io/: XlsxWorkbook asks for the parts and keeps what they say.

#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pulse/io/xlsx_workbook.h"
#include "xml_scanner.h"

namespace pulse::io::opc {

/// "xl/workbook.xml" -> "xl/"; "" for a part at the root.
std::string folder_of(const std::string& part);

/// A relationship target resolved against the folder of the part that holds it: "/xl/x.xml"
/// is absolute, "worksheets/sheet1.xml" and "../x.xml" are relative.
std::string resolve(const std::string& base_folder, const std::string& target);

/// False when a relationship's Target names a folder rather than a part: "", "/", ".",
/// "xl/", "..": whatever it resolves against, there is no entry to read there.
bool names_a_part(const std::string& target);

/// Feeds a whole part through a handler.
void scan_part(XmlHandler& handler, const std::string& part, std::string_view bytes);

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

}  // namespace pulse::io::opc
