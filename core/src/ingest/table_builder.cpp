#include "pulse/ingest/table_builder.h"

#include <cmath>
#include <limits>

#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/error_message.h"
#include "pulse/message_codes.h"
#include "pulse/text/same_text.h"

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

// The params a page words in its language (web/src/strings/engine-messages.js).
const char* mark_code(io::DecimalMark m) {
  return m == io::DecimalMark::comma ? "comma" : "point";
}
const char* order_code(io::DateOrder o) {
  return o == io::DateOrder::dmy ? "dmy" : "mdy";
}

// Why the order reads as it does, after the order in the column's label; today's labels stay
// for the bases that are sure (a value over 12, the workspace) and for the US default.
const char* basis_suffix(DateOrderBasis basis) {
  switch (basis) {
    case DateOrderBasis::other_column:
      return " (as another date column)";
    case DateOrderBasis::row_order:
      return " (dates run forward in file order)";
    case DateOrderBasis::step_size:
      return " (consecutive dates closer)";
    case DateOrderBasis::file_conventions:
      return " (guess: decimal comma or ';' file)";
    case DateOrderBasis::default_guess:
      return " (US order: no value decided)";
    default:
      return "";
  }
}

// The date part of a slash date ("01/12/2010 08:26" -> "01/12/2010"), for the report.
std::string date_part(std::string_view raw) {
  return std::string(raw.substr(0, raw.find_first_of(" ,T")));
}

// The same day with day and month swapped: both are 12 or less, so it is a valid date.
Day swap_day_month(Day day) {
  const CivilDate c = civil_from_day(day);
  return day_from_civil(c.year, c.day, c.month);
}

// Adds `row` to runs of consecutive rows.
template <class Runs>
void mark_row(Runs& runs, std::size_t row) {
  if (!runs.empty() && runs.back().end == row)
    ++runs.back().end;
  else
    runs.push_back({row, row + 1});
}

const char* shape_label(io::DateShape shape) {
  switch (shape) {
    case io::DateShape::iso:
      return "YYYY-MM-DD";
    case io::DateShape::dotted:
      return "DD.MM.YYYY";
    case io::DateShape::month_name:
      return "Mon DD, YYYY";
    default:
      return "";
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
    if (slot.date.order != io::DateOrder::unknown) slot.date.basis = DateOrderBasis::workspace;
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
  if (slot.date.order != io::DateOrder::unknown) slot.date.basis = DateOrderBasis::workspace;
  for (std::size_t row = 0; row < table_.rows; ++row) append_missing(slot);
  slots_.push_back(std::move(slot));
}

void TableBuilder::problem(std::size_t line, const Slot& slot, Message reason) {
  report_.add_problem({report_.file, line, std::string(field_name(slot.field)), std::move(reason)});
}

void TableBuilder::decide_number(Slot& slot, io::DecimalMark mark) {
  slot.number.mark = mark;
  if (mark != conventions_.decimal_default) {
    NumberColumn& values = table_.column(slot.field).numbers;
    for (const PendingNumber& p : slot.number.pending) values.set(p.row, p.alternative);
  }
  slot.number.pending.clear();
  slot.number.pending.shrink_to_fit();
}

void TableBuilder::decide_date(Slot& slot, io::DateOrder order, DateOrderBasis basis) {
  DateState& date = slot.date;
  date.order = order;
  date.basis = basis;
  if (order == io::DateOrder::dmy) {
    DayColumn& days = table_.column(slot.field).days;
    for (const RowRun& run : date.pending)
      for (std::size_t row = run.begin; row < run.end; ++row)
        days.set(row, swap_day_month(days[row]));
  }
  date.pending.clear();
  date.pending.shrink_to_fit();
  date.evidence = DateOrderEvidence{};
  date.last_text.clear();  // it may hold a month-first reading
  date.last_day = kNoDay;
  date.last_pending = false;
}

bool TableBuilder::append(Slot& slot, std::string_view raw, std::size_t line, std::size_t row) {
  Column& column = *slot.target;
  switch (slot.kind) {
    case FieldKind::text:
      // Runs of equal values (an invoice's lines) skip the hash; the pool's text is stable.
      if (slot.last_id == kNoStr || !text::same_text(raw, slot.last_text)) {
        const ColumnTextCache::Found found = slot.texts.intern(raw, strings_);
        // A NUL byte is binary data in a text file (a damaged export): the row is reported and
        // skipped rather than carrying the byte into names and ids.
        if (found.id == ColumnTextCache::kRefused) {
          problem(line, slot, Message(ids::kRowNulByte, "a NUL byte in the text (binary data?)"));
          return false;
        }
        slot.last_id = found.id;
        slot.last_text = strings_.view(found.id);
        column.text.push_back(found.id, found.code);
        return true;
      }
      column.text.push_back(slot.last_id);
      return true;

    case FieldKind::number: {
      const io::NumberScan scan = io::scan_number(raw);
      if (!scan.ok) {
        problem(line, slot,
                Message(ids::kRowBadNumber, "bad number '" + std::string(raw) + "'")
                    .param("value", std::string(raw)));
        return false;
      }
      io::DecimalMark mark = slot.number.mark;
      if (scan.evidence != io::DecimalMark::unknown) {
        if (mark == io::DecimalMark::unknown) {
          decide_number(slot, scan.evidence);
          mark = scan.evidence;
        } else if (mark != scan.evidence) {
          problem(line, slot,
                  Message(ids::kRowNumberOtherMark, "'" + std::string(raw) +
                                                        "' does not read with the column's " +
                                                        mark_label(mark))
                      .param("value", std::string(raw))
                      .param("mark", mark_code(mark)));
          return false;
        }
      }
      const bool undecided = mark == io::DecimalMark::unknown;
      const io::DecimalMark used = undecided ? conventions_.decimal_default : mark;
      // A whole number reads the same under either mark.
      if (used == io::DecimalMark::dot || scan.places == 0)
        column.numbers.push_decimal(scan.units, scan.places, scan.as_dot);
      else
        column.numbers.push_back(scan.as_comma);
      if (undecided && scan.as_dot != scan.as_comma)
        slot.number.pending.push_back(
            {row, used == io::DecimalMark::comma ? scan.as_dot : scan.as_comma});
      return true;
    }

    case FieldKind::date: {
      if (slot.date.last_day != kNoDay && text::same_text(raw, slot.date.last_text)) {
        column.days.push_back(slot.date.last_day);
        if (slot.date.last_pending) mark_row(slot.date.pending, row);
        return true;
      }
      const io::DateScan scan = io::scan_date(raw);
      if (!scan.ok) {
        problem(line, slot,
                Message(ids::kRowBadDate, "bad date '" + std::string(raw) + "'")
                    .param("value", std::string(raw)));
        return false;
      }
      if (slot.date.shape == io::DateShape::none) slot.date.shape = scan.shape;
      Day day = scan.day;
      if (scan.shape == io::DateShape::slash) {
        const io::DateOrder order = slot.date.order;
        if (scan.evidence != io::DateOrder::unknown) {
          if (order == io::DateOrder::unknown) {
            decide_date(slot, scan.evidence, DateOrderBasis::value_over_12);
          } else if (order != scan.evidence) {
            problem(
                line, slot,
                Message(ids::kRowDateOtherOrder, "bad date '" + std::string(raw) +
                                                     "': the column reads " + order_label(order))
                    .param("value", std::string(raw))
                    .param("order", order_code(order)));
            return false;
          }
        } else if (order != io::DateOrder::unknown) {
          day = io::resolve_slash(scan, order).value_or(kNoDay);
        } else {
          // Either order reads it: read month first for now, re-read if the column turns
          // out day first; its readings are evidence for that decision.
          day = io::resolve_slash(scan, io::DateOrder::mdy).value_or(kNoDay);
          column.days.push_back(day);
          mark_row(slot.date.pending, row);
          slot.date.evidence.add(scan);
          if (slot.date.example.empty()) slot.date.example = date_part(raw);
          slot.date.last_text.assign(raw);
          slot.date.last_day = day;
          slot.date.last_pending = true;
          return true;
        }
      }
      column.days.push_back(day);
      slot.date.last_text.assign(raw);
      slot.date.last_day = day;
      slot.date.last_pending = false;
      return true;
    }
  }
  return false;
}

void TableBuilder::append_missing(Slot& slot) {
  Column& column = *slot.target;
  switch (slot.kind) {
    case FieldKind::text:
      column.text.push_back(kNoStr);
      break;
    case FieldKind::number:
      column.numbers.push_back(kNaN);
      break;
    case FieldKind::date:
      column.days.push_back(kNoDay);
      break;
  }
}

void TableBuilder::roll_back(std::size_t slots, std::size_t row) {
  for (std::size_t i = 0; i < slots; ++i) {
    Slot& slot = slots_[i];
    Column& column = *slot.target;
    switch (slot.kind) {
      case FieldKind::text:
        column.text.pop_back();
        break;
      case FieldKind::number:
        column.numbers.pop_back();
        if (!slot.number.pending.empty() && slot.number.pending.back().row == row)
          slot.number.pending.pop_back();
        break;
      case FieldKind::date:
        column.days.pop_back();
        // (Its reading stays in the evidence: a bad row is still in the file's date order.)
        if (!slot.date.pending.empty() && slot.date.pending.back().end == row + 1 &&
            --slot.date.pending.back().end == slot.date.pending.back().begin)
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
    const std::string_view raw = !slot.plain ? read_source(fields, slot.rule, slot.scratch)
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
        problem(line, slot, Message(ids::kRowMissingValue, "missing value"));
        break;
      }
      append_missing(slot);
      continue;
    }
    if (!append(slot, raw, line, row)) break;
    if (slot.prices_line) priced = true;
  }
  if (done == slots_.size() && !priced)
    report_.add_problem({report_.file, line, "unit_price",
                         Message(ids::kRowNoPrice, "missing unit_price and line_total")});
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
      case FieldKind::text:
        slot.target->text.reserve(rows);
        break;
      case FieldKind::number:
        slot.target->numbers.reserve(rows);
        break;
      case FieldKind::date:
        slot.target->days.reserve(rows);
        break;
    }
  }
}

void TableBuilder::finish(const std::vector<std::string>& column_names) {
  if (quiet_skips_ > 0)
    report_.notes.push_back(
        Message(ids::kNoteQuietSkips, std::to_string(quiet_skips_) + " rows carry no " +
                                          quiet_skip_field_ + " and are not " +
                                          std::string(role_name(table_.role)) +
                                          " rows (e.g. history entries that change no status): "
                                          "skipped")
            .count("n", quiet_skips_)
            .param("field", quiet_skip_field_)
            .param("role", std::string(role_name(table_.role))));
  // Dates first: a column's decimal comma counts as a hint only when a value decided it.
  decide_undecided_dates();
  for (Slot& slot : slots_) {
    const std::string name = slot_name(slot, column_names);
    if (slot.kind == FieldKind::number) {
      const bool decided = slot.number.mark != io::DecimalMark::unknown;
      if (!decided) decide_number(slot, conventions_.decimal_default);
      std::string label = mark_label(slot.number.mark);
      if (!decided) label += " (no value decided; default)";
      report_.conventions[name] = label;
      report_.convention_codes[name] = (decided ? Message(ids::kConventionMark, label)
                                                : Message(ids::kConventionMarkDefault, label))
                                           .param("mark", mark_code(slot.number.mark));
    }
  }
  report_dates(column_names);
}

std::string TableBuilder::slot_name(const Slot& slot, const std::vector<std::string>& names) const {
  return static_cast<std::size_t>(slot.column) < names.size()
             ? names[static_cast<std::size_t>(slot.column)]
             : std::string(field_name(slot.field));
}

void TableBuilder::decide_undecided_dates() {
  const auto undecided = [](const Slot& s) {
    return s.kind == FieldKind::date && s.date.order == io::DateOrder::unknown &&
           !s.date.pending.empty();
  };
  // A value over 12 in another column: one exporter wrote the file's slash dates one way.
  const Slot* proven = nullptr;
  for (const Slot& s : slots_)
    if (s.kind == FieldKind::date && s.date.basis == DateOrderBasis::value_over_12) {
      proven = &s;
      break;
    }
  for (Slot& s : slots_) {
    if (!undecided(s)) continue;
    if (proven) {
      decide_date(s, proven->date.order, DateOrderBasis::other_column);
      continue;
    }
    const DateOrderEvidence::Verdict v = s.date.evidence.verdict();
    if (v.order == io::DateOrder::unknown) continue;
    s.date.steps = s.date.evidence.steps();
    decide_date(s, v.order, v.basis);
    s.date.weak = v.weak;
  }
  // Still undecided: a column its own rows decided (the surest one), then the file's
  // conventions (a decimal comma or ';' is written in day-first countries), then month first.
  const Slot* told = nullptr;
  for (const Slot& s : slots_) {
    const bool own =
        s.date.basis == DateOrderBasis::row_order || s.date.basis == DateOrderBasis::step_size;
    if (s.kind == FieldKind::date && own && (!told || (told->date.weak && !s.date.weak))) told = &s;
  }
  bool day_first_file = conventions_.decimal == io::DecimalMark::comma ||
                        conventions_.decimal_default == io::DecimalMark::comma;
  for (const Slot& s : slots_)
    if (s.kind == FieldKind::number && s.number.mark == io::DecimalMark::comma)
      day_first_file = true;
  for (Slot& s : slots_) {
    if (!undecided(s)) continue;
    if (told) {
      decide_date(s, told->date.order, DateOrderBasis::other_column);
      s.date.weak = told->date.weak;
      s.date.steps = told->date.steps;
    } else {
      decide_date(
          s, day_first_file ? io::DateOrder::dmy : io::DateOrder::mdy,
          day_first_file ? DateOrderBasis::file_conventions : DateOrderBasis::default_guess);
      s.date.weak = true;
    }
  }
}

void TableBuilder::report_dates(const std::vector<std::string>& names) {
  const Slot* first_slash = nullptr;
  for (const Slot& slot : slots_) {
    if (slot.kind != FieldKind::date) continue;
    const std::string name = slot_name(slot, names);
    const DateState& date = slot.date;
    if (date.shape != io::DateShape::slash || date.order == io::DateOrder::unknown) {
      if (date.shape != io::DateShape::none) {
        report_.conventions[name] = shape_label(date.shape);
        report_.convention_codes[name] = Message(ids::kConventionDateShape, shape_label(date.shape))
                                             .param("format", shape_label(date.shape));
      }
      continue;
    }
    if (!first_slash) first_slash = &slot;
    report_.conventions[name] = std::string(order_label(date.order)) + basis_suffix(date.basis);
    // The bases basis_suffix() leaves unsaid (a value over 12, the workspace) are sure.
    if (*basis_suffix(date.basis) == '\0')
      report_.convention_codes[name] = Message(ids::kConventionDateOrder, report_.conventions[name])
                                           .param("order", order_code(date.order));
    else
      report_.convention_codes[name] = Message(ids::kConventionDateGuess, report_.conventions[name])
                                           .param("order", order_code(date.order))
                                           .param("basis", date_order_basis_name(date.basis));
    if (!date.weak) continue;
    // A stable code the page words as a banner with a one-click swap.
    const bool dmy = date.order == io::DateOrder::dmy;
    std::string why;
    switch (date.basis) {
      case DateOrderBasis::default_guess:
        why =
            "no day above 12, and neither the order of the rows nor the spacing of the dates tells";
        break;
      case DateOrderBasis::file_conventions:
        why =
            "no day above 12 and the rows do not tell; the file's decimal comma or ';' suggests "
            "day first";
        break;
      default:
        why = "told by only " + std::to_string(date.steps) + " changes of date" +
              (date.basis == DateOrderBasis::other_column ? " in another date column" : "");
        break;
    }
    report_.notes.push_back(
        Message(ids::kNoteDateGuess, name + ": dates like " + date.example + " read as " +
                                         order_label(date.order) +
                                         (dmy ? " (day first): " : " (month first): ") + why +
                                         "; if wrong, set the date format to " +
                                         order_label(dmy ? io::DateOrder::mdy : io::DateOrder::dmy))
            .param("field", name)
            .param("example", date.example)
            .param("order", order_code(date.order))
            .param("basis", date_order_basis_name(date.basis)));
  }
  if (!first_slash) return;
  report_.conventions["date_order"] = order_label(first_slash->date.order);
  report_.conventions["date_order_basis"] = date_order_basis_name(first_slash->date.basis);
  if (first_slash->date.weak) report_.conventions["date_order_example"] = first_slash->date.example;
}

}  // namespace pulse::ingest
