// TableBuilder's state as bytes, for a range parsed in another engine (the page's helper
// workers): the decisions a fork starts from, and what the file's builder reads of a fork when
// it absorbs it. The fork's columns travel in the range image itself (range_image.cpp).
#include <cstdint>

#include "pulse/ingest/table_builder.h"

namespace pulse::ingest {
namespace {

// Enums travel as their byte; one out of range is a damaged image.
template <typename Enum>
bool get_enum(FlatReader& in, Enum& out, unsigned char last) {
  const auto raw = in.get<unsigned char>();
  if (!in.ok() || raw > last) return false;
  out = static_cast<Enum>(raw);
  return true;
}

constexpr auto kLastMark = static_cast<unsigned char>(io::DecimalMark::comma);
constexpr auto kLastOrder = static_cast<unsigned char>(io::DateOrder::mdy);
constexpr auto kLastBasis = static_cast<unsigned char>(DateOrderBasis::default_guess);
constexpr auto kLastShape = static_cast<unsigned char>(io::DateShape::month_name);
constexpr auto kLastKind = static_cast<unsigned char>(FieldKind::number);

}  // namespace

void TableBuilder::write_decisions(FlatWriter& out) const {
  out.put<std::uint64_t>(slots_.size());
  for (const Slot& slot : slots_) {
    out.put(static_cast<unsigned char>(slot.kind));
    out.put(static_cast<unsigned char>(slot.number.mark));
    out.put(static_cast<unsigned char>(slot.date.order));
    out.put(static_cast<unsigned char>(slot.date.basis));
  }
}

bool TableBuilder::adopt_decisions(FlatReader& in) {
  if (in.get<std::uint64_t>() != slots_.size() || !in.ok()) return false;
  for (Slot& slot : slots_) {
    FieldKind kind{};
    io::DecimalMark mark{};
    io::DateOrder order{};
    DateOrderBasis basis{};
    if (!get_enum(in, kind, kLastKind) || kind != slot.kind || !get_enum(in, mark, kLastMark) ||
        !get_enum(in, order, kLastOrder) || !get_enum(in, basis, kLastBasis))
      return false;
    // The file's builder only adds decisions to those of the head both builders read.
    if (mark != slot.number.mark) {
      if (slot.number.mark != io::DecimalMark::unknown) return false;
      decide_number(slot, mark);
    }
    if (order != slot.date.order) {
      if (slot.date.order != io::DateOrder::unknown) return false;
      decide_date(slot, order, basis);
    }
  }
  return true;
}

void TableBuilder::write_fork_state(FlatWriter& out) const {
  out.put<std::uint64_t>(slots_.size());
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const Slot& slot = slots_[i];
    out.put(static_cast<unsigned char>(slot.kind));
    out.put(static_cast<unsigned char>(forked_marks_[i]));
    out.put(static_cast<unsigned char>(forked_orders_[i]));
    out.put(static_cast<unsigned char>(slot.number.mark));
    out.put_vector(slot.number.pending);
    out.put(static_cast<unsigned char>(slot.date.order));
    out.put(static_cast<unsigned char>(slot.date.basis));
    out.put(static_cast<unsigned char>(slot.date.shape));
    out.put_text(slot.date.example);
  }
  out.put<std::uint64_t>(quiet_skips_);
  out.put_text(quiet_skip_field_);
}

bool TableBuilder::read_fork_state(FlatReader& in) {
  if (in.get<std::uint64_t>() != slots_.size() || !in.ok() || forked_marks_.size() != slots_.size())
    return false;
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    Slot& slot = slots_[i];
    FieldKind kind{};
    if (!get_enum(in, kind, kLastKind) || kind != slot.kind) return false;
    if (!get_enum(in, forked_marks_[i], kLastMark) ||
        !get_enum(in, forked_orders_[i], kLastOrder) || !get_enum(in, slot.number.mark, kLastMark))
      return false;
    in.get_vector(slot.number.pending);
    if (!get_enum(in, slot.date.order, kLastOrder) || !get_enum(in, slot.date.basis, kLastBasis) ||
        !get_enum(in, slot.date.shape, kLastShape))
      return false;
    slot.date.example = std::string(in.get_text());
    // A pending number names a row of the fork's table: one past it is a damaged image.
    for (const PendingNumber& p : slot.number.pending)
      if (p.row >= table_.rows) return false;
  }
  quiet_skips_ = static_cast<std::size_t>(in.get<std::uint64_t>());
  quiet_skip_field_ = std::string(in.get_text());
  return in.ok();
}

}  // namespace pulse::ingest
