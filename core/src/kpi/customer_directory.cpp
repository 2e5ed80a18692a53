#include "pulse/kpi/customer_directory.h"

namespace pulse::kpi {

CustomerDirectory::CustomerDirectory(const Dataset& dataset) {
  auto keep_first = [](StrId& slot, StrId value) {
    if (slot == kNoStr) slot = value;
  };
  for (const Table* t : dataset.tables_of(Role::customers))
    for (std::size_t r = 0; r < t->rows; ++r) {
      CustomerInfo& info = entries_[t->text_at(Field::customer_id, r)];
      keep_first(info.name, t->text_at(Field::customer_name, r));
      keep_first(info.catalog, t->text_at(Field::catalog, r));
      keep_first(info.rep, t->text_at(Field::sales_rep, r));
      keep_first(info.company, t->text_at(Field::company_id, r));
    }
}

}  // namespace pulse::kpi
