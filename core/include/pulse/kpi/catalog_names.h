#pragma once

#include <unordered_map>

#include "pulse/model/dataset.h"

namespace pulse::kpi {

/// Display names of catalogs from the catalogs files (Magento shared catalogs name the
/// customer groups that orders and companies carry as ids). A catalog without a name keeps
/// its own text; a catalog named twice keeps the first name.
class CatalogNames {
 public:
  CatalogNames() = default;
  explicit CatalogNames(const Dataset& dataset);
  StrId operator()(StrId catalog) const {
    if (names_.empty() || catalog == kNoStr) return catalog;
    auto it = names_.find(catalog);
    return it == names_.end() ? catalog : it->second;
  }

 private:
  std::unordered_map<StrId, StrId> names_;
};

}  // namespace pulse::kpi
