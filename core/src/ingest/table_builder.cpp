#include "pulse/ingest/table_builder.h"

#include <cmath>
#include <limits>

namespace pulse::ingest {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Fields a row cannot do without (beyond them, a missing value is simply missing).
bool required_in_row(Role role, Field f, const ColumnMapping& mapping) {
  for (Field r : role_spec(role).required)
    if (r == f) return true;
  return role == Role::order_lines && f == Field::quantity && mapping.has(Field::quantity);
}

const char* mark_label(io::DecimalMark m) {
  return m == io::DecimalMark::comma ? "decimal comma" : "decimal point";
}

const char* order_label(io::DateOrder o) {
  return o == io::DateOrder::dmy ? "DD/MM/YYYY" : "MM/DD/YYYY";
}

const char* shape_label(io::DateShape shape) {
  switch (shape) {
    case io::DateShape::iso: return "YYYY-MM-DD";
    case io::DateShape::dotted: return "DD.MM.YYYY";
    case io::DateShape::month_name: return "Mon DD, YYYY";
    default: return "";
  }
}

}  // namespace

TableBuilder::TableBuilder(Table& table, StringPool& strings, const ColumnMapping& mapping,
                           Conventions conventions, LoadReport& report)
    : table_(table), strings_(strings), conventions_(conventions), report_(report) {
  table_.role = mapping.role;
  for (Field f : role_spec(mapping.role).fields) {
    if (!mapping.has(f)) continue;
    Column& column = table_.column(f);
    column.mapped = true;
    column.kind = field_kind(f);
    Slot slot;
    slot.field = f;
    slot.column = mapping.at(f);
    slot.kind = field_kind(f);
    slot.required = required_in_row(mapping.role, f, mapping);
    slot.prices_line = f == Field::unit_price || f == Field::line_total;
    slot.rule = mapping.rule[static_cast<std::size_t>(f)];
    slot.plain = slot.rule.plain();
    if (slot.rule.empty_skips_row) slot.required = true;
    slot.target = &column;
    slot.number.mark = conventions.decimal;
    slot.date.order = conventions.date_order;
    slots_.push_back(std::move(slot));
  }
  need_price_or_total_ = mapping.role == Role::order_lines;
}

void TableBuilder::add_late_field(Field field, int column_index, const SourceRule& rule) {
  for (const Slot& slot : slots_)
    if (slot.field == field) return;
  Column& column = table_.column(field);
  column.mapped = true;
  column.kind = field_kind(field);
  Slot slot;
  slot.field = field;
  slot.column = column_index;
  slot.kind = field_kind(field);
  slot.prices_line = field == Field::unit_price || field == Field::line_total;
  slot.rule = rule;
  slot.rule.empty_skips_row = false;  // earlier rows were kept without it
  slot.plain = slot.rule.plain();
  slot.target = &column;
  slot.number.mark = conventions_.decimal;
  slot.date.order = conventions_.date_order;
  for (std::size_t row = 0; row < table_.rows; ++row) append_missing(slot);
  slots_.push_back(std::move(slot));
}

void TableBuilder::problem(std::size_t line, const Slot& slot, std::string reason) {
  report_.add_problem({report_.file, line, std::string(field_name(slot.field)), std::move(reason)});
}

void TableBuilder::decide_number(Slot& slot, io::DecimalMark mark) {
  slot.number.mark = mark;
  if (mark != conventions_.decimal_default) {
    std::vector<double>& values = table_.column(slot.field).numbers;
    for (const PendingNumber& p : slot.number.pending) values[p.row] = p.alternative;
  }
  slot.number.pending.clear();
  slot.number.pending.shrink_to_fit();
}

void TableBuilder::decide_date(Slot& slot, io::DateOrder order) {
  slot.date.order = order;
  std::vector<Day>& days = table_.column(slot.field).days;
  for (const PendingDate& p : slot.date.pending)
    days[p.row] = io::resolve_slash(p.scan, order).value_or(kNoDay);
  slot.date.pending.clear();
  slot.date.pending.shrink_to_fit();
}

bool TableBuilder::append(Slot& slot, std::string_view raw, std::size_t line, std::size_t row) {
  Column& column = *slot.target;
  switch (slot.kind) {
    case FieldKind::text:
      // Runs of equal values (an invoice's lines) skip the hash; the pool's text is stable.
      if (slot.last_id == kNoStr || raw != strings_.view(slot.last_id)) slot.last_id = strings_.intern(raw);
      column.text.push_back(slot.last_id);
      return true;

    case FieldKind::number: {
      const io::NumberScan scan = io::scan_number(raw);
      if (!scan.ok) {
        problem(line, slot, "bad number '" + std::string(raw) + "'");
        return false;
      }
      io::DecimalMark mark = slot.number.mark;
      if (scan.evidence != io::DecimalMark::unknown) {
        if (mark == io::DecimalMark::unknown) {
          decide_number(slot, scan.evidence);
          mark = scan.evidence;
        } else if (mark != scan.evidence) {
          problem(line, slot, "'" + std::string(raw) + "' does not read with the column's " +
                                  mark_label(mark));
          return false;
        }
      }
      const bool undecided = mark == io::DecimalMark::unknown;
      const io::DecimalMark used = undecided ? conventions_.decimal_default : mark;
      column.numbers.push_back(used == io::DecimalMark::comma ? scan.as_comma : scan.as_dot);
      if (undecided && scan.as_dot != scan.as_comma)
        slot.number.pending.push_back({row, used == io::DecimalMark::comma ? scan.as_dot : scan.as_comma});
      return true;
    }

    case FieldKind::date: {
      if (slot.date.last_day != kNoDay && raw == slot.date.last_text) {
        column.days.push_back(slot.date.last_day);
        return true;
      }
      const io::DateScan scan = io::scan_date(raw);
      if (!scan.ok) {
        problem(line, slot, "bad date '" + std::string(raw) + "'");
        return false;
      }
      if (slot.date.shape == io::DateShape::none) slot.date.shape = scan.shape;
      Day day = scan.day;
      if (scan.shape == io::DateShape::slash) {
        const io::DateOrder order = slot.date.order;
        if (scan.evidence != io::DateOrder::unknown) {
          if (order == io::DateOrder::unknown) {
            decide_date(slot, scan.evidence);
          } else if (order != scan.evidence) {
            problem(line, slot, "bad date '" + std::string(raw) + "': the column reads " +
                                    order_label(order));
            return false;
          }
        } else if (order != io::DateOrder::unknown) {
          day = io::resolve_slash(scan, order).value_or(kNoDay);
        } else {
          // Either order reads it; which one is decided later (and patched then).
          column.days.push_back(kNoDay);
          slot.date.pending.push_back({row, scan});
          return true;
        }
      }
      column.days.push_back(day);
      slot.date.last_text.assign(raw);
      slot.date.last_day = day;
      return true;
    }
  }
  return false;
}

void TableBuilder::append_missing(Slot& slot) {
  Column& column = *slot.target;
  switch (slot.kind) {
    case FieldKind::text: column.text.push_back(kNoStr); break;
    case FieldKind::number: column.numbers.push_back(kNaN); break;
    case FieldKind::date: column.days.push_back(kNoDay); break;
  }
}

void TableBuilder::roll_back(std::size_t slots, std::size_t row) {
  for (std::size_t i = 0; i < slots; ++i) {
    Slot& slot = slots_[i];
    Column& column = *slot.target;
    switch (slot.kind) {
      case FieldKind::text: column.text.pop_back(); break;
      case FieldKind::number:
        column.numbers.pop_back();
        if (!slot.number.pending.empty() && slot.number.pending.back().row == row)
          slot.number.pending.pop_back();
        break;
      case FieldKind::date:
        column.days.pop_back();
        if (!slot.date.pending.empty() && slot.date.pending.back().row == row)
          slot.date.pending.pop_back();
        break;
    }
  }
}

bool TableBuilder::add_row(std::size_t line, const std::vector<std::string_view>& fields) {
  // Values go straight into the columns; the rare bad row is taken back out.
  const std::size_t row = table_.rows;
  bool priced = !need_price_or_total_;
  std::size_t done = 0;
  for (; done < slots_.size(); ++done) {
    Slot& slot = slots_[done];
    const std::string_view raw =
        !slot.plain ? read_source(fields, slot.rule, slot.scratch)
        : static_cast<std::size_t>(slot.column) < fields.size()
            ? trim_value(fields[static_cast<std::size_t>(slot.column)])
            : std::string_view{};
    if (raw.empty()) {
      if (slot.rule.empty_skips_row) {
        ++quiet_skips_;
        quiet_skip_field_ = std::string(field_name(slot.field));
        break;
      }
      if (slot.required) {
        problem(line, slot, "missing value");
        break;
      }
      append_missing(slot);
      continue;
    }
    if (!append(slot, raw, line, row)) break;
    if (slot.prices_line) priced = true;
  }
  if (done == slots_.size() && !priced)
    report_.add_problem({report_.file, line, "unit_price", "missing unit_price and line_total"});
  if (done < slots_.size() || !priced) {
    roll_back(done, row);
    return false;
  }
  ++table_.rows;
  return true;
}

void TableBuilder::reserve(std::size_t rows) {
  for (Slot& slot : slots_) {
    switch (slot.kind) {
      case FieldKind::text: slot.target->text.reserve(rows); break;
      case FieldKind::number: slot.target->numbers.reserve(rows); break;
      case FieldKind::date: slot.target->days.reserve(rows); break;
    }
  }
}

void TableBuilder::finish(const std::vector<std::string>& column_names) {
  if (quiet_skips_ > 0)
    report_.notes.push_back(std::to_string(quiet_skips_) + " rows carry no " + quiet_skip_field_ +
                            " and are not " + std::string(role_name(table_.role)) +
                            " rows (e.g. history entries that change no status): skipped");
  for (Slot& slot : slots_) {
    const std::string name = static_cast<std::size_t>(slot.column) < column_names.size()
                                 ? column_names[static_cast<std::size_t>(slot.column)]
                                 : std::string(field_name(slot.field));
    if (slot.kind == FieldKind::number) {
      const bool decided = slot.number.mark != io::DecimalMark::unknown;
      if (!decided) decide_number(slot, conventions_.decimal_default);
      std::string label = mark_label(slot.number.mark);
      if (!decided) label += " (no value decided; default)";
      report_.conventions[name] = label;
    } else if (slot.kind == FieldKind::date) {
      const bool undecided = !slot.date.pending.empty() && slot.date.order == io::DateOrder::unknown;
      if (undecided) decide_date(slot, io::DateOrder::mdy);
      if (slot.date.shape == io::DateShape::slash && slot.date.order != io::DateOrder::unknown)
        report_.conventions[name] = std::string(order_label(slot.date.order)) +
                                    (undecided ? " (US order: no value decided)" : "");
      else if (slot.date.shape != io::DateShape::none)
        report_.conventions[name] = shape_label(slot.date.shape);
    }
  }
}

}  // namespace pulse::ingest
