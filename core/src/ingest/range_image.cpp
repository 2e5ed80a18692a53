// A range's parse result as one byte buffer and back (range_image.h): what crosses from a
// page's helper worker to its engine worker, which share no memory.
#include "pulse/ingest/range_image.h"

#include <cstdint>

#include "pulse/ingest/flat_bytes.h"

namespace pulse::ingest {
namespace {

// Names the layout; an image of another layout (another build) is refused, not misread.
constexpr std::string_view kMagic = "pulse-range-image-2";

void write_message(FlatWriter& out, const Message& m) {
  out.put_text(m.code);
  out.put<std::uint64_t>(m.params.size());
  for (const MessageParam& p : m.params) {
    out.put_text(p.name);
    out.put_text(p.value);
    out.put<unsigned char>(p.number ? 1 : 0);
  }
  out.put_text(m.text);
}

void read_message(FlatReader& in, Message& m) {
  m.code = std::string(in.get_text());
  const auto params = in.get<std::uint64_t>();
  for (std::uint64_t i = 0; i < params && in.ok(); ++i) {
    MessageParam p;
    p.name = std::string(in.get_text());
    p.value = std::string(in.get_text());
    p.number = in.get<unsigned char>() != 0;
    m.params.push_back(std::move(p));
  }
  m.text = std::string(in.get_text());
}

}  // namespace

std::string write_range_image(const TableBuilder& fork, const Table& table,
                              const StringPool& strings, const LoadReport& report,
                              const RangeEnd& end) {
  FlatWriter out;
  out.put_text(kMagic);
  out.put<std::uint64_t>(end.quote_problems);
  out.put<unsigned char>(end.between_rows ? 1 : 0);
  out.put<unsigned char>(end.failed ? 1 : 0);
  // The pool in id order: interned again in that order, the ids come back the same.
  out.put<std::uint64_t>(strings.size());
  for (StrId id = 1; id < strings.size(); ++id) out.put_text(strings.view(id));
  out.put<std::uint64_t>(table.rows);
  for (const Column& column : table.columns) {
    out.put<unsigned char>(column.mapped ? 1 : 0);
    if (!column.mapped) continue;
    out.put(static_cast<unsigned char>(column.kind));
    out.put_vector(column.text.values());  // ids, as the pool's: the reader re-codes them
    out.put_vector(column.days.values());
    // Numbers as stored: scaled decimals as 32-bit integers with their scale, else doubles
    // (NumberColumn).
    out.put<unsigned char>(column.numbers.narrow() ? 1 : 0);
    if (column.numbers.narrow()) {
      out.put<unsigned char>(static_cast<unsigned char>(column.numbers.scale()));
      out.put_vector(column.numbers.ints());
    } else {
      out.put_vector(column.numbers.reals());
    }
  }
  out.put<std::uint64_t>(report.rows_read);
  out.put<std::uint64_t>(report.rows_loaded);
  out.put<std::uint64_t>(report.rows_skipped);
  out.put<std::uint64_t>(report.problems.size());
  for (const Problem& p : report.problems) {
    out.put<std::uint64_t>(p.line);
    out.put_text(p.field);
    write_message(out, p.reason);
  }
  fork.write_fork_state(out);
  return out.take();
}

bool read_range_image(std::string_view image, TableBuilder& fork, Table& table, StringPool& strings,
                      LoadReport& report, RangeEnd& end) {
  FlatReader in(image);
  if (in.get_text() != kMagic || !in.ok()) return false;
  end.quote_problems = static_cast<std::size_t>(in.get<std::uint64_t>());
  end.between_rows = in.get<unsigned char>() != 0;
  end.failed = in.get<unsigned char>() != 0;
  const auto pool_size = in.get<std::uint64_t>();
  if (!in.ok() || strings.size() != 1 || pool_size == 0) return false;
  for (std::uint64_t id = 1; id < pool_size; ++id) {
    const std::string_view text = in.get_text();
    // A text twice would take the first one's id: the columns' ids would be off.
    if (!in.ok() || strings.intern(text) != id) return false;
  }
  table.rows = static_cast<std::size_t>(in.get<std::uint64_t>());
  for (Column& column : table.columns) {
    const bool mapped = in.get<unsigned char>() != 0;
    if (!in.ok() || mapped != column.mapped) return false;
    if (!mapped) continue;
    if (in.get<unsigned char>() != static_cast<unsigned char>(column.kind)) return false;
    std::vector<StrId> ids;
    in.get_vector(ids);
    std::vector<Day> days;
    in.get_vector(days);
    column.days.assign(days);
    if (in.get<unsigned char>() != 0) {
      const unsigned scale = in.get<unsigned char>();
      std::vector<std::int32_t> ints;
      in.get_vector(ints);
      if (!column.numbers.assign_ints(std::move(ints), scale)) return false;
    } else {
      std::vector<double> reals;
      in.get_vector(reals);
      column.numbers.assign_reals(std::move(reals));
    }
    const std::size_t values = column.kind == FieldKind::text   ? ids.size()
                               : column.kind == FieldKind::date ? column.days.size()
                                                                : column.numbers.size();
    if (!in.ok() || values != table.rows) return false;
    column.text.clear();
    column.text.reserve(ids.size());
    for (StrId id : ids) {
      if (id >= pool_size) return false;
      column.text.push_back(id);
    }
  }
  report.rows_read = static_cast<std::size_t>(in.get<std::uint64_t>());
  report.rows_loaded = static_cast<std::size_t>(in.get<std::uint64_t>());
  report.rows_skipped = static_cast<std::size_t>(in.get<std::uint64_t>());
  const auto problems = in.get<std::uint64_t>();
  for (std::uint64_t i = 0; i < problems && in.ok(); ++i) {
    Problem p;
    p.file = report.file;
    p.line = static_cast<std::size_t>(in.get<std::uint64_t>());
    p.field = std::string(in.get_text());
    read_message(in, p.reason);
    report.problems.push_back(std::move(p));
  }
  return in.ok() && fork.read_fork_state(in) && in.at_end();
}

}  // namespace pulse::ingest
