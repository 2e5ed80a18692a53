#include "test_support.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace pulse::test {

void CollectingSink::on_columns(const std::vector<std::string>& names) {
  columns = names;
  ++column_updates;
}

void CollectingSink::on_record(std::size_t line, const std::vector<std::string_view>& fields) {
  Row row{line, {}};
  for (std::string_view f : fields) row.fields.emplace_back(f);
  rows.push_back(std::move(row));
}

void CollectingSink::on_bad_record(std::size_t line, const Message& reason) {
  bad.push_back({line, reason.text, reason.code, reason.params});
}

bool same_bits(const NumberColumn& a, const NumberColumn& b) {
  if (a.narrow() != b.narrow() || a.size() != b.size()) return false;
  if (a.empty()) return true;
  return a.narrow() ? std::memcmp(a.ints().data(), b.ints().data(), a.size() * 4) == 0
                    : std::memcmp(a.reals().data(), b.reals().data(), a.size() * 8) == 0;
}

std::string source_path(const std::string& relative) {
  return std::string(PULSE_SOURCE_DIR) + "/" + relative;
}

std::string shared_path(const std::string& relative) {
  const char* dir = std::getenv("PULSE_SHARED_DIR");
  return std::string(dir && *dir ? dir : PULSE_SHARED_DIR) + "/" + relative;
}

bool has_shared(const std::string& relative) {
  return std::filesystem::exists(shared_path(relative));
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace pulse::test
