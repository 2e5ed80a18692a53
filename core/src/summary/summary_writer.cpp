#include "pulse/summary/summary_writer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "pulse/kpi/dense_index.h"
#include "pulse/summary/summary_schema.h"

namespace pulse::summary {
namespace {

/// CSV text of one table, quoting a field only when it must be.
class CsvText {
 public:
  explicit CsvText(const SummaryTable& table) {
    for (const SummaryColumn& c : table.columns) text(c.header);
    end_row();
    rows_ = 0;
  }
  CsvText& text(std::string_view s) {
    separate();
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
      out_ += s;
      return *this;
    }
    out_ += '"';
    for (char c : s) {
      if (c == '"') out_ += '"';
      out_ += c;
    }
    out_ += '"';
    return *this;
  }
  CsvText& number(double v) {
    separate();
    if (std::isnan(v)) return *this;  // unknown: an empty field
    // The shortest text that reads back as the same double (43.02, not 43.020000000000003).
    char buf[32];
    for (int digits = 15; digits <= 17; ++digits) {
      std::snprintf(buf, sizeof buf, "%.*g", digits, v);
      if (std::strtod(buf, nullptr) == v) break;
    }
    out_ += buf;
    return *this;
  }
  CsvText& day(Day d) {
    separate();
    if (d != kNoDay) out_ += format_day(d);
    return *this;
  }
  void end_row() {
    out_ += '\n';
    first_ = true;
    ++rows_;
  }
  SummaryFile take(const SummaryTable& table) {
    return {std::string(table.name) + ".csv", std::move(out_), rows_};
  }

 private:
  void separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string out_;
  bool first_ = true;
  std::size_t rows_ = 0;
};

/// Every order id of the orders and order-lines files, counted or not: its earliest date and
/// first quote id, as the deals' links read them (kpi/deals.cpp).
struct SeenOrder {
  StrId id;
  Day day = kNoDay;
  StrId quote = kNoStr;
};

std::vector<SeenOrder> seen_orders(const Dataset& dataset) {
  std::vector<SeenOrder> out;
  std::unordered_map<StrId, std::size_t> at;
  for (Role role : {Role::orders, Role::order_lines})
    for (const Table* t : dataset.tables_of(role))
      for (std::size_t r = 0; r < t->rows; ++r) {
        const StrId id = t->text_at(Field::order_id, r);
        if (id == kNoStr) continue;
        auto [it, added] = at.emplace(id, out.size());
        if (added) out.push_back({id});
        SeenOrder& o = out[it->second];
        const Day d = t->day_at(Field::order_date, r);
        if (d != kNoDay && (o.day == kNoDay || d < o.day)) o.day = d;
        if (o.quote == kNoStr) o.quote = t->text_at(Field::quote_id, r);
      }
  return out;
}

SummaryFile orders_table(const Dataset& dataset, const kpi::Facts& facts) {
  const SummaryTable& table = summary_table(Role::summary_orders);
  const StringPool& s = dataset.strings;
  CsvText csv(table);
  const std::vector<SeenOrder> seen = seen_orders(dataset);
  std::unordered_map<StrId, const SeenOrder*> by_id;
  for (const SeenOrder& o : seen) by_id.emplace(o.id, &o);
  std::unordered_map<StrId, bool> counted;
  for (std::size_t o = 0; o < facts.order_count(); ++o) {
    const StrId id = facts.order_id[o];
    counted[id] = true;
    const auto it = by_id.find(id);
    const std::int32_t c = facts.order_customer[o];
    csv.text(s.view(id))
        .day(facts.order_day[o])
        .text(it == by_id.end() ? "" : s.view(it->second->quote))
        .text(c == kpi::kNone ? "" : s.view(facts.customer_id[static_cast<std::size_t>(c)]))
        .text(s.view(facts.reps[facts.order_rep[o]]))
        .number(1);
    csv.end_row();
  }
  for (const SeenOrder& o : seen) {
    if (counted.count(o.id)) continue;
    csv.text(s.view(o.id)).day(o.day).text(s.view(o.quote)).text("").text("").number(0);
    csv.end_row();
  }
  return csv.take(table);
}

/// One row per counted line, in the facts' order: the dashboards add lines up in that order,
/// so the sums read back bit for bit (lines merged by key moved ties between equal revenues
/// on Online Retail: floating-point sums depend on their order).
SummaryFile items_table(const Dataset& dataset, const kpi::Facts& facts) {
  const SummaryTable& table = summary_table(Role::summary_items);
  const StringPool& s = dataset.strings;
  CsvText csv(table);
  for (std::size_t o = 0; o < facts.order_count(); ++o)
    for (std::uint32_t l = facts.order_line_begin[o]; l < facts.order_line_begin[o + 1]; ++l) {
      csv.text(s.view(facts.order_id[o]))
          .text(s.view(facts.catalogs[facts.catalog_of(l)]))
          .text(s.view(facts.sku_of(l)))
          .number(facts.line_quantity[l])
          .number(facts.line_revenue[l])
          .number(facts.cost_of(l))
          .number(facts.has_lines ? 1.0 : 0.0);
      csv.end_row();
    }
  return csv.take(table);
}

SummaryFile customers_table(const Dataset& dataset, const kpi::Facts& facts) {
  const SummaryTable& table = summary_table(Role::summary_customers);
  const StringPool& s = dataset.strings;
  CsvText csv(table);
  for (std::size_t c = 0; c < facts.customer_count(); ++c) {
    csv.text(s.view(facts.customer_id[c]))
        .text(s.view(facts.customer_name[c]))
        .text(s.view(facts.customer_catalog[c]))
        .text(s.view(facts.customer_rep[c]));
    csv.end_row();
  }
  return csv.take(table);
}

SummaryFile products_table(const Dataset& dataset, const kpi::Facts& facts) {
  const SummaryTable& table = summary_table(Role::summary_products);
  const StringPool& s = dataset.strings;
  CsvText csv(table);
  if (facts.has_lines)
    for (const kpi::Facts::Product& p : facts.products) {
      csv.text(s.view(facts.catalogs[p.catalog]))
          .text(s.view(p.sku))
          .text(s.view(p.name))
          .text(s.view(p.category));
      csv.end_row();
    }
  return csv.take(table);
}

}  // namespace

std::vector<SummaryFile> write_summaries(const Dataset& dataset, const kpi::Facts& facts) {
  return {orders_table(dataset, facts), items_table(dataset, facts),
          customers_table(dataset, facts), products_table(dataset, facts)};
}

}  // namespace pulse::summary
