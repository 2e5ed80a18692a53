#pragma once
// ASCII-only character helpers, locale-free (std::tolower and std::isspace depend on the C
// locale and are undefined for negative chars): what every reader needs for names, codes and
// the white space around values. Bytes >= 0x80 are never changed or taken for space, so UTF-8
// text passes through intact. Header only: readers call these for every byte.

#include <cstddef>
#include <string>
#include <string_view>

namespace pulse::text {

/// 'A'..'Z' -> 'a'..'z'; every other byte as it is.
constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Space, tab, CR or LF: the white space JSON and XML allow between tokens.
constexpr bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// Space or tab: the padding a spreadsheet leaves inside one line.
constexpr bool is_space_or_tab(char c) {
  return c == ' ' || c == '\t';
}

/// `s` without the space, tab, CR and LF around it.
inline std::string_view trim_ascii_space(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

/// `s` without the spaces and tabs around it (line breaks kept).
inline std::string_view trim_spaces_and_tabs(std::string_view s) {
  while (!s.empty() && is_space_or_tab(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space_or_tab(s.back())) s.remove_suffix(1);
  return s;
}

/// `s` with ASCII letters in lower case.
inline std::string ascii_lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

/// Equal but for the case of ASCII letters ("EUR" and "eur").
inline bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

}  // namespace pulse::text
