#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pulse::io {

/// A push scanner for the small XML dialect of spreadsheet parts: elements, attributes, text,
/// CDATA; comments, processing instructions and DOCTYPE are skipped. No tree is built, so a
/// 100 MB sheet streams through a buffer the size of its longest element or text run.
/// Names are given without their namespace prefix ("x:row" -> "row").
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  /// `attributes` is the raw text after the name (read it with xml_attribute).
  virtual void on_start(std::string_view name, std::string_view attributes, bool self_closing) = 0;
  virtual void on_end(std::string_view name) = 0;
  /// Character data between tags, entities NOT decoded (decode with append_xml_text); CDATA
  /// sections come with `cdata` true, already literal.
  virtual void on_text(std::string_view text, bool cdata) = 0;
};

class XmlScanner {
 public:
  /// `part` names the XML part in errors; an element or text run longer than `max_token`
  /// bytes stops the part (PulseError "pulse.xlsx.003"), as does malformed or truncated XML.
  XmlScanner(XmlHandler& handler, std::string part, std::size_t max_token = std::size_t{64} << 20);
  void feed(std::string_view bytes);
  void finish();

 private:
  std::size_t scan(std::string_view text, bool last);
  [[noreturn]] void malformed(const std::string& why) const;
  [[noreturn]] void too_long() const;

  XmlHandler& handler_;
  std::string part_;
  std::size_t max_token_;
  std::string pending_;     // an unfinished tag or text run carried over to the next chunk
  std::string head_;        // the first bytes, until they show whether a byte order mark is there
  std::size_t resume_ = 0;  // bytes of pending_'s token already searched for its end
  char resume_quote_ = 0;   // the quote a tag's search stopped inside, if any
  bool started_ = false;
};

/// One attribute of a tag: its local name (prefix dropped) and its value as written between the
/// quotes, entities not decoded (decode with append_xml_text).
struct XmlAttribute {
  std::string_view name;
  std::string_view raw;
};

/// The attribute of a tag's attribute text that starts at or after `at`, `at` moved past it;
/// false at the end or where the text does not read as attributes. A reader that wants several
/// attributes of a tag (a cell's r, t and s) reads the text once with it.
bool next_xml_attribute(std::string_view attributes, std::size_t& at, XmlAttribute& out);

/// The value of attribute `name` (local name, prefix ignored) in a tag's attribute text,
/// entities decoded, into `out`. False when the attribute is absent.
bool xml_attribute(std::string_view attributes, std::string_view name, std::string& out);

/// Appends XML character data with its entities decoded (&amp; &lt; &gt; &quot; &apos;
/// &#NNN; &#xHH;) and, when `ooxml_escapes`, SpreadsheetML's _xHHHH_ escapes (control
/// characters such as _x000D_) turned back into characters.
void append_xml_text(std::string& out, std::string_view text, bool ooxml_escapes = false);

}  // namespace pulse::io
