#pragma once

#include <vector>

#include "pulse/model/load_report.h"
#include "pulse/model/string_pool.h"
#include "pulse/model/table.h"

namespace pulse {

/// Everything loaded: one string pool shared by all tables, the tables, their load reports.
struct Dataset {
  StringPool strings;
  std::vector<Table> tables;
  std::vector<LoadReport> loads;

  std::vector<const Table*> tables_of(Role role) const {
    std::vector<const Table*> out;
    for (const Table& t : tables)
      if (t.role == role) out.push_back(&t);
    return out;
  }
};

}  // namespace pulse
