#include "pulse/kpi/catalog_names.h"

namespace pulse::kpi {

CatalogNames::CatalogNames(const Dataset& dataset) {
  for (const Table* t : dataset.tables_of(Role::catalogs))
    for (std::size_t r = 0; r < t->rows; ++r) {
      const StrId name = t->text_at(Field::catalog_name, r);
      if (name != kNoStr) names_.emplace(t->text_at(Field::catalog, r), name);
    }
}

}  // namespace pulse::kpi
