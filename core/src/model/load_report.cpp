#include "pulse/model/load_report.h"

#include "pulse/util/sort_by.h"

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

void LoadReport::sort_problems_by_line() {
  // Through sort_by: one sort instantiation for the engine, not one more per comparator (a
  // list of at most kMaxProblems rows).
  stable_sort_by(problems, [](const Problem& a, const Problem& b) { return a.line < b.line; });
}

}  // namespace pulse
