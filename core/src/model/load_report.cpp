#include "pulse/model/load_report.h"

namespace pulse {

std::string Problem::to_string() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  if (!field.empty()) out += field + ": ";
  out += reason.text;
  return out;
}

void LoadReport::add_problem(Problem problem) {
  if (problems.size() < kMaxProblems) problems.push_back(std::move(problem));
}

}  // namespace pulse
