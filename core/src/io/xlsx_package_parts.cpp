#include "xlsx_package_parts.h"

namespace pulse::io::opc {

std::string folder_of(const std::string& part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

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

bool names_a_part(const std::string& target) {
  const std::size_t slash = target.rfind('/');
  const std::string last = slash == std::string::npos ? target : target.substr(slash + 1);
  return !last.empty() && last != "." && last != "..";
}

void scan_part(XmlHandler& handler, const std::string& part, std::string_view bytes) {
  XmlScanner scanner(handler, part);
  scanner.feed(bytes);
  scanner.finish();
}

}  // namespace pulse::io::opc
