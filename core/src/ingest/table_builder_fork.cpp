// TableBuilder's forks, for parallel loading: a later range of a file is built apart from the
// decisions known when it started, then appended to the file's builder in file order.
#include <vector>

#include "pulse/ingest/table_builder.h"

namespace pulse::ingest {

TableBuilder::TableBuilder(const TableBuilder& from, Table& table, StringPool& strings,
                           LoadReport& report)
    : table_(table),
      strings_(strings),
      conventions_(from.conventions_),
      report_(report),
      slots_(from.slots_),
      need_price_or_total_(from.need_price_or_total_) {
  table_.role = from.table_.role;
  table_.source = from.table_.source;
  for (Slot& slot : slots_) {
    Column& column = table_.column(slot.field);
    column.mapped = true;
    column.kind = slot.kind;
    slot.target = &column;
    slot.last_id = kNoStr;  // an id of the other pool
    slot.number.pending.clear();
    DateState& date = slot.date;
    date.pending.clear();
    // The cache of the last date only saves a parse once the order is known; a fork of an
    // undecided column starts without it (can_absorb() checks that nothing depended on it).
    date.last_text.clear();
    date.last_day = kNoDay;
    date.last_pending = false;
    forked_marks_.push_back(slot.number.mark);
    forked_orders_.push_back(date.order);
  }
}

std::unique_ptr<TableBuilder> TableBuilder::fork(Table& table, StringPool& strings,
                                                 LoadReport& report) const {
  return std::unique_ptr<TableBuilder>(new TableBuilder(*this, table, strings, report));
}

bool TableBuilder::can_absorb(const TableBuilder& part) const {
  if (part.slots_.size() != slots_.size() || part.forked_marks_.size() != slots_.size())
    return false;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const Slot& here = slots_[i];
    const Slot& there = part.slots_[i];
    if (here.kind == FieldKind::number && part.forked_marks_[i] != here.number.mark) return false;
    if (here.kind != FieldKind::date) continue;
    if (part.forked_orders_[i] != here.date.order) return false;
    if (here.date.order != io::DateOrder::unknown) continue;
    // Undecided: exact only while neither side read an ambiguous value the other's evidence
    // would need (the fork may have decided its column, which resets its own readings).
    if (!here.date.example.empty() || !here.date.pending.empty()) return false;
    if (there.date.order == io::DateOrder::unknown && !there.date.example.empty()) return false;
  }
  return true;
}

void TableBuilder::absorb(TableBuilder& part, const StringPool& part_strings) {
  const std::size_t offset = table_.rows;
  // The fork's ids in its first-seen order are this file's first-seen order from here on.
  std::vector<StrId> ids(part_strings.size(), kNoStr);
  for (StrId id = 1; id < ids.size(); ++id) ids[id] = strings_.intern(part_strings.view(id));
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    Slot& slot = slots_[i];
    Slot& from = part.slots_[i];
    Column& column = *slot.target;
    const Column& source = *from.target;
    switch (slot.kind) {
      case FieldKind::text:
        column.text.append(source.text, ids);
        slot.last_id = kNoStr;
        break;
      case FieldKind::number:
        // A mark the fork decided fixes this column's earlier pending values as it would have.
        if (slot.number.mark == io::DecimalMark::unknown &&
            from.number.mark != io::DecimalMark::unknown)
          decide_number(slot, from.number.mark);
        column.numbers.append(source.numbers);
        for (const PendingNumber& p : from.number.pending)
          slot.number.pending.push_back({p.row + offset, p.alternative});
        break;
      case FieldKind::date:
        if (slot.date.order == io::DateOrder::unknown && from.date.order != io::DateOrder::unknown)
          decide_date(slot, from.date.order, from.date.basis);
        column.days.append(source.days);
        if (slot.date.shape == io::DateShape::none) slot.date.shape = from.date.shape;
        if (slot.date.example.empty()) slot.date.example = from.date.example;
        slot.date.last_text.clear();
        slot.date.last_day = kNoDay;
        slot.date.last_pending = false;
        break;
    }
  }
  table_.rows += part.table_.rows;
  quiet_skips_ += part.quiet_skips_;
  if (!part.quiet_skip_field_.empty()) quiet_skip_field_ = part.quiet_skip_field_;
}

}  // namespace pulse::ingest
