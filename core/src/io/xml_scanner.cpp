#include "xml_scanner.h"

#include <cstring>

#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/io/text_encoding.h"
#include "pulse/text/ascii.h"

namespace pulse::io {
namespace {

std::string_view local_name(std::string_view name) {
  const std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// A character reference (&#...; or _xHHHH_): NUL is no XML character either.
void append_char_ref(std::string& out, unsigned long cp) {
  io::append_utf8(
      out, cp == 0 ? 0xFFFD : static_cast<std::uint32_t>(cp));  // the callers saturate at 0x110000
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Decodes the entity at text[0] == '&' into out; returns the bytes consumed (0: not an entity).
std::size_t decode_entity(std::string_view text, std::string& out) {
  const std::size_t semi = text.find(';');
  if (semi == std::string_view::npos || semi > 12) return 0;
  const std::string_view name = text.substr(1, semi - 1);
  if (name == "amp")
    out += '&';
  else if (name == "lt")
    out += '<';
  else if (name == "gt")
    out += '>';
  else if (name == "quot")
    out += '"';
  else if (name == "apos")
    out += '\'';
  else if (name.size() >= 2 && name[0] == '#') {
    unsigned long cp = 0;
    const bool hex = name[1] == 'x' || name[1] == 'X';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      const int d = hex ? hex_digit(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
      if (d < 0) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(d);
      if (cp > 0x10FFFF) cp = 0x110000;  // saturate: replaced below
    }
    append_char_ref(out, cp);
  } else {
    return 0;
  }
  return semi + 1;
}

// The bytes that end a run of a tag outside quoted values: quotes, its '>' and a stray '<'.
struct TagStops {
  bool stop[256] = {};
  constexpr TagStops() {
    stop[static_cast<unsigned char>('"')] = stop[static_cast<unsigned char>('\'')] = true;
    stop[static_cast<unsigned char>('>')] = stop[static_cast<unsigned char>('<')] = true;
  }
};
constexpr TagStops kTagStops;

}  // namespace

XmlScanner::XmlScanner(XmlHandler& handler, std::string part, std::size_t max_token)
    : handler_(handler), part_(std::move(part)), max_token_(max_token) {}

void XmlScanner::malformed(const std::string& why) const {
  throw PulseError(ids::kXlsxBadXml, part_ + ": " + why);
}

void XmlScanner::feed(std::string_view bytes) {
  if (!started_) {
    // A byte order mark is skipped even when it comes split over the first chunks (it was
    // read as text when cut: found by fuzz/xml_scanner_fuzz.cpp).
    constexpr std::string_view kBom = "\xEF\xBB\xBF";
    head_.append(bytes);
    if (head_.size() < kBom.size() && kBom.substr(0, head_.size()) == head_) return;
    started_ = true;
    std::string first = std::move(head_);
    head_.clear();
    if (std::string_view(first).substr(0, kBom.size()) == kBom) first.erase(0, kBom.size());
    feed(first);
    return;
  }
  if (pending_.empty()) {
    const std::size_t used = scan(bytes, false);
    pending_.assign(bytes.substr(used));
  } else {
    pending_.append(bytes);
    const std::size_t used = scan(pending_, false);
    pending_.erase(0, used);
  }
  if (pending_.size() > max_token_) too_long();
}

void XmlScanner::too_long() const {
  malformed("an element or text longer than " + std::to_string(max_token_ >> 20) + " MiB");
}

void XmlScanner::finish() {
  if (!started_) {  // fewer bytes than a byte order mark, all of them its start
    started_ = true;
    head_.clear();
  }
  const std::size_t used = scan(pending_, true);
  if (used < pending_.size()) malformed("the XML ends inside a tag (truncated part?)");
  pending_.clear();
}

/// Handles every complete token of `text`; returns how many bytes were consumed. With `last`,
/// trailing text is complete too.
std::size_t XmlScanner::scan(std::string_view text, bool last) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* p = begin;
  // Every token (a text run, a tag, a comment, a CDATA section, a declaration) is held to
  // max_token_ here, where it is complete, and not only when a chunk ends inside it: a token
  // over the limit that arrived in one chunk passed, the same token cut over several chunks
  // stopped the part (found by fuzz/xml_scanner_fuzz.cpp, a 4 KiB '<?xml' declaration).
  const char* token = p;
  // How far the first token was searched in the previous call without finding its end: the
  // search resumes there, so a token cut over many chunks is read once, not once per chunk
  // (reading it again from its start made an 8 MiB comment in 4 KiB chunks take 44 s).
  const std::size_t searched = resume_;
  const char resumed_quote = resume_quote_;
  resume_ = 0;
  resume_quote_ = 0;
  const auto from = [&](std::size_t floor, std::size_t back) {  // where the first token resumes
    const std::size_t again = p == begin && searched > back ? searched - back : 0;
    return again > floor ? again : floor;
  };
  while (p < end) {
    if (static_cast<std::size_t>(p - token) > max_token_) too_long();
    token = p;
    if (*p != '<') {
      const char* const look = p + from(0, 0);
      const char* lt =
          static_cast<const char*>(std::memchr(look, '<', static_cast<std::size_t>(end - look)));
      if (!lt) {
        if (!last) {
          resume_ = static_cast<std::size_t>(end - p);
          break;
        }
        lt = end;
      }
      handler_.on_text(std::string_view(p, static_cast<std::size_t>(lt - p)), false);
      p = lt;
      continue;
    }
    const std::size_t left = static_cast<std::size_t>(end - p);
    if (left < 2) break;
    if (p[1] == '!') {
      const std::string_view rest(p, left);
      if (rest.size() < 9 && !last) break;  // "<![CDATA[" or "<!--" may still be arriving
      if (rest.substr(0, 4) == "<!--") {
        const std::size_t close = rest.find("-->", from(4, 2));
        if (close == std::string_view::npos) {
          resume_ = left;
          break;
        }
        p += close + 3;
      } else if (rest.substr(0, 9) == "<![CDATA[") {
        const std::size_t close = rest.find("]]>", from(9, 2));
        if (close == std::string_view::npos) {
          resume_ = left;
          break;
        }
        handler_.on_text(rest.substr(9, close - 9), true);
        p += close + 3;
      } else {  // <!DOCTYPE ...>: no entity definitions are honoured, the declaration is skipped
        const std::size_t look = from(0, 0);
        const char* gt = static_cast<const char*>(std::memchr(p + look, '>', left - look));
        if (!gt) {
          resume_ = left;
          break;
        }
        p = gt + 1;
      }
      continue;
    }
    if (p[1] == '?') {
      const std::string_view rest(p, left);
      const std::size_t close = rest.find("?>", from(2, 1));
      if (close == std::string_view::npos) {
        resume_ = left;
        break;
      }
      p += close + 2;
      continue;
    }
    // A tag: find its '>' outside quoted attribute values, a run at a time (a sheet's bytes
    // are mostly its cells' tags: one table lookup a byte, not the quote state's tests).
    const char* q = p + from(1, 0);
    char quote = p == begin ? resumed_quote : 0;
    while (q < end) {
      if (quote) {
        while (q < end && *q != quote) ++q;
        if (q == end) break;
        quote = 0;
        ++q;
        continue;
      }
      while (q < end && !kTagStops.stop[static_cast<unsigned char>(*q)]) ++q;
      if (q == end || *q == '>') break;
      if (*q == '<') malformed("'<' inside a tag");
      quote = *q++;
    }
    if (q >= end) {
      resume_ = left;
      resume_quote_ = quote;
      break;
    }
    std::string_view tag(p + 1, static_cast<std::size_t>(q - p - 1));
    p = q + 1;
    if (!tag.empty() && tag[0] == '/') {
      tag.remove_prefix(1);
      while (!tag.empty() && text::is_ascii_space(tag.back())) tag.remove_suffix(1);
      handler_.on_end(local_name(tag));
      continue;
    }
    const bool self_closing = !tag.empty() && tag.back() == '/';
    if (self_closing) tag.remove_suffix(1);
    std::size_t name_end = 0;
    while (name_end < tag.size() && !text::is_ascii_space(tag[name_end])) ++name_end;
    if (name_end == 0) malformed("a tag without a name");
    handler_.on_start(local_name(tag.substr(0, name_end)), tag.substr(name_end), self_closing);
    if (self_closing) handler_.on_end(local_name(tag.substr(0, name_end)));
  }
  if (static_cast<std::size_t>(p - token) > max_token_) too_long();
  return static_cast<std::size_t>(p - begin);
}

bool next_xml_attribute(std::string_view attributes, std::size_t& at, XmlAttribute& out) {
  std::size_t i = at;
  const std::size_t n = attributes.size();
  while (i < n && text::is_ascii_space(attributes[i])) ++i;
  if (i >= n) return false;
  const std::size_t key_begin = i;
  while (i < n && attributes[i] != '=' && !text::is_ascii_space(attributes[i])) ++i;
  const std::string_view key = attributes.substr(key_begin, i - key_begin);
  while (i < n && text::is_ascii_space(attributes[i])) ++i;
  if (i >= n || attributes[i] != '=') return false;  // not an attribute list we understand
  ++i;
  while (i < n && text::is_ascii_space(attributes[i])) ++i;
  if (i >= n || (attributes[i] != '"' && attributes[i] != '\'')) return false;
  const char quote = attributes[i++];
  const std::size_t value_end = attributes.find(quote, i);
  if (value_end == std::string_view::npos) return false;
  out.name = local_name(key);
  out.raw = attributes.substr(i, value_end - i);
  at = value_end + 1;
  return true;
}

bool xml_attribute(std::string_view attributes, std::string_view name, std::string& out) {
  std::size_t at = 0;
  for (XmlAttribute a; next_xml_attribute(attributes, at, a);) {
    if (a.name == name) {
      out.clear();
      append_xml_text(out, a.raw);
      return true;
    }
  }
  return false;
}

void append_xml_text(std::string& out, std::string_view text, bool ooxml_escapes) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t next = i;
    while (next < text.size() && text[next] != '&' && !(ooxml_escapes && text[next] == '_')) ++next;
    out.append(text.substr(i, next - i));
    if (next >= text.size()) break;
    i = next;
    if (text[i] == '&') {
      const std::size_t used = decode_entity(text.substr(i), out);
      if (used == 0) {
        out += '&';  // a stray '&': kept as written
        ++i;
      } else {
        i += used;
      }
      continue;
    }
    // "_xHHHH_": a character XML 1.0 cannot hold (ECMA-376 ST_Xstring).
    if (i + 7 <= text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      unsigned long cp = 0;
      bool ok = true;
      for (std::size_t k = i + 2; k < i + 6; ++k) {
        const int d = hex_digit(text[k]);
        if (d < 0)
          ok = false;
        else
          cp = cp * 16 + static_cast<unsigned long>(d);
      }
      if (ok) {
        append_char_ref(out, cp);
        i += 7;
        continue;
      }
    }
    out += '_';
    ++i;
  }
}

}  // namespace pulse::io
