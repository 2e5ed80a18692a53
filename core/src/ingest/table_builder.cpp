#include "pulse/ingest/table_builder.h"

#include <cmath>
#include <limits>

namespace pulse::ingest {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' ||
                        s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

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
    Slot slot{f, mapping.at(f), field_kind(f), required_in_row(mapping.role, f, mapping),
              kNoStr, {}, {}};
    slot.number.mark = conventions.decimal;
    slot.date.order = conventions.date_order;
    slots_.push_back(std::move(slot));
  }
  cells_.resize(slots_.size());
  need_price_or_total_ = mapping.role == Role::order_lines;
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

bool TableBuilder::convert(Slot& slot, std::string_view raw, std::size_t line, Cell& cell) {
  cell.pending = false;
  switch (slot.kind) {
    case FieldKind::text:
      // Runs of equal values (an invoice's lines) skip the hash; the pool's text is stable.
      if (slot.last_id == kNoStr || raw != strings_.view(slot.last_id)) slot.last_id = strings_.intern(raw);
      cell.text = slot.last_id;
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
      cell.number = used == io::DecimalMark::comma ? scan.as_comma : scan.as_dot;
      if (undecided && scan.as_dot != scan.as_comma) {
        cell.pending = true;
        cell.alt = used == io::DecimalMark::comma ? scan.as_dot : scan.as_comma;
      }
      return true;
    }

    case FieldKind::date: {
      if (slot.date.last_day != kNoDay && raw == slot.date.last_text) {
        cell.day = slot.date.last_day;
        return true;
      }
      const io::DateScan scan = io::scan_date(raw);
      if (!scan.ok) {
        problem(line, slot, "bad date '" + std::string(raw) + "'");
        return false;
      }
      if (slot.date.shape == io::DateShape::none) slot.date.shape = scan.shape;
      if (scan.shape == io::DateShape::slash) {
        io::DateOrder order = slot.date.order;
        if (scan.evidence != io::DateOrder::unknown) {
          if (order == io::DateOrder::unknown) {
            decide_date(slot, scan.evidence);
          } else if (order != scan.evidence) {
            problem(line, slot, "bad date '" + std::string(raw) + "': the column reads " +
                                    order_label(order));
            return false;
          }
          cell.day = scan.day;
        } else if (order != io::DateOrder::unknown) {
          cell.day = io::resolve_slash(scan, order).value_or(kNoDay);
        } else {
          cell.day = kNoDay;
          cell.pending = true;
          cell.scan = scan;
          return true;  // not cached: its day is not known yet
        }
      } else {
        cell.day = scan.day;
      }
      slot.date.last_text.assign(raw);
      slot.date.last_day = cell.day;
      return true;
    }
  }
  return false;
}

bool TableBuilder::add_row(std::size_t line, const std::vector<std::string_view>& fields) {
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    Slot& slot = slots_[i];
    Cell& cell = cells_[i];
    const std::string_view raw = static_cast<std::size_t>(slot.column) < fields.size()
                                     ? trim(fields[static_cast<std::size_t>(slot.column)])
                                     : std::string_view{};
    if (raw.empty()) {
      if (slot.required) {
        problem(line, slot, "missing value");
        return false;
      }
      cell.text = kNoStr;
      cell.day = kNoDay;
      cell.number = kNaN;
      cell.pending = false;
      continue;
    }
    if (!convert(slot, raw, line, cell)) return false;
  }
  if (need_price_or_total_) {
    bool priced = false;
    for (std::size_t i = 0; i < slots_.size(); ++i)
      if ((slots_[i].field == Field::unit_price || slots_[i].field == Field::line_total) &&
          !std::isnan(cells_[i].number))
        priced = true;
    if (!priced) {
      report_.add_problem({report_.file, line, "unit_price", "missing unit_price and line_total"});
      return false;
    }
  }
  const std::size_t row = table_.rows;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    Slot& slot = slots_[i];
    const Cell& cell = cells_[i];
    Column& column = table_.column(slot.field);
    switch (slot.kind) {
      case FieldKind::text:
        column.text.push_back(cell.text);
        break;
      case FieldKind::number:
        column.numbers.push_back(cell.number);
        if (cell.pending) slot.number.pending.push_back({row, cell.alt});
        break;
      case FieldKind::date:
        column.days.push_back(cell.day);
        if (cell.pending) slot.date.pending.push_back({row, cell.scan});
        break;
    }
  }
  ++table_.rows;
  return true;
}

void TableBuilder::finish(const std::vector<std::string>& column_names) {
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
