#include "pulse/kpi/facts.h"

#include "pulse/kpi/catalog_names.h"
#include "pulse/kpi/customer_directory.h"
#include "pulse/kpi/dense_index.h"
#include "pulse/message_codes.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace pulse::kpi {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// What an orders file says about one order.
struct Header {
  Day day = kNoDay;
  StrId customer = kNoStr;
  StrId customer_name = kNoStr;
  StrId status = kNoStr;
  StrId catalog = kNoStr;
  StrId rep = kNoStr;
  double total = kNaN;
};

StrId first_of(StrId a, StrId b) {
  return a != kNoStr ? a : b;
}

/// Decides once per distinct status text whether it is excluded (a lookup per line after).
class StatusFilter {
 public:
  StatusFilter(const std::vector<std::string>& excluded, const StringPool& strings)
      : strings_(strings), cache_(strings.size(), kUnknown) {
    for (const std::string& s : excluded) excluded_.insert(config::fold_status(s));
  }
  bool excluded(StrId status) {
    if (status == kNoStr) return false;
    std::int8_t& known = cache_[status];
    if (known == kUnknown) known = excluded_.count(config::fold_status(strings_.view(status))) > 0;
    return known == 1;
  }

 private:
  static constexpr std::int8_t kUnknown = -1;
  const StringPool& strings_;
  std::unordered_set<std::string> excluded_;
  std::vector<std::int8_t> cache_;  // by StrId
};

/// Orders as first seen, before grouping by customer; each one's count of lines.
struct RawOrders {
  std::vector<Day> day;
  std::vector<std::int32_t> customer;
  std::vector<std::uint32_t> rep;
  std::vector<std::uint32_t> lines;
};

class FactsBuilder {
 public:
  FactsBuilder(const Dataset& dataset, const config::Settings& settings, StringPool& strings)
      : dataset_(dataset),
        strings_(strings),
        status_(settings.excluded_statuses, strings),
        all_(strings.intern("All")),
        unassigned_(strings.intern("Unassigned")),
        orders_(strings.size()),
        customers_(strings.size()),
        catalogs_(strings.size()),
        reps_(strings.size()),
        sku_name_(strings.size(), {kNoStr, kNoDay}),
        sku_category_(strings.size(), {kNoStr, kNoDay}),
        excluded_order_(strings.size(), 0) {}

  Facts build() {
    directory_ = CustomerDirectory(dataset_);
    catalog_names_ = CatalogNames(dataset_);
    read_headers();
    const auto line_tables = dataset_.tables_of(Role::order_lines);
    facts_.has_lines = !line_tables.empty();
    mark_excluded_orders(line_tables);
    for (const Table* t : line_tables)
      if (t->has(Field::unit_cost)) facts_.has_cost = true;
    // Two walks over the lines: the first finds every line's order and counts each order's
    // lines, so that the orders can be grouped by customer and every line's place is known;
    // the second writes each line's values straight to its place. Reading the lines into file
    // order first and moving them after cost a second copy of them (a big file's memory peak)
    // or a permutation in place, a cache miss a line (docs/performance.md "Lines placed as
    // read").
    if (facts_.has_lines) {
      for (const Table* t : line_tables)
        walk_lines(*t, true, [&](std::size_t, std::uint32_t o, Day, StrId, const Header*) {
          ++raw_.lines[o];
        });
    } else {
      by_header_ = headers_order();
      walk_headers([&](std::uint32_t o, StrId, const Header*) { ++raw_.lines[o]; });
    }
    group_orders();
    if (facts_.has_lines) {
      for (const Table* t : line_tables) place_lines(*t);
    } else {
      walk_headers([&](std::uint32_t o, StrId customer, const Header* h) {
        const std::uint32_t at = next_line_[o]++;
        facts_.line_product.set(
            at, product_of(catalog_index(line_catalog(kNoStr, h, customer)), kNoStr));
        facts_.line_quantity.set(at, kNaN);
        facts_.line_revenue[at] = std::isnan(h->total) ? 0.0 : h->total;
        if (facts_.has_cost) facts_.line_cost[at] = kNaN;
      });
    }
    std::vector<std::uint32_t>().swap(next_line_);  // the walks are done
    name_products();
    describe_customers();
    if (skipped_no_date_ > 0)
      facts_.warnings.push_back(
          Message(ids::kWarnLinesNoDate, std::to_string(skipped_no_date_) +
                                             " order lines have no order date (their order is not "
                                             "in any orders file) and are left out")
              .count("n", skipped_no_date_));
    if (facts_.has_lines) {
      // Orders-file rows that no line names: with line items loaded they cannot count.
      std::size_t without_lines = 0;
      for (const auto& [id, h] : headers_)
        if (!excluded_order_[id] && orders_.find(id) == DenseIndex::kMissing) ++without_lines;
      if (without_lines > 0)
        facts_.warnings.push_back(Message(ids::kWarnOrdersNoLines,
                                          std::to_string(without_lines) +
                                              " orders of the orders files have no line items and "
                                              "are left out (the figures come from order lines)")
                                      .count("n", without_lines));
    }
    if (skipped_children_ > 0)
      facts_.warnings.push_back(
          Message(ids::kWarnChildItems, std::to_string(skipped_children_) +
                                            " child items of configurable or bundle products are "
                                            "counted through their parent item")
              .count("n", skipped_children_));
    return std::move(facts_);
  }

 private:
  void read_headers() {
    for (const Table* t : dataset_.tables_of(Role::orders))
      for (std::size_t r = 0; r < t->rows; ++r) {
        const StrId id = t->text_at(Field::order_id, r);
        if (headers_.count(id)) continue;  // the first row of an order id wins
        Header h;
        h.day = t->day_at(Field::order_date, r);
        h.customer = t->text_at(Field::customer_id, r);
        h.customer_name = t->text_at(Field::customer_name, r);
        h.status = t->text_at(Field::status, r);
        h.catalog = t->text_at(Field::catalog, r);
        h.rep = t->text_at(Field::sales_rep, r);
        h.total = t->number_at(Field::order_total, r);
        headers_.emplace(id, h);
        see_day(h.day);
      }
  }

  /// An excluded status on an order's header or on any of its lines drops the whole order
  /// (SPEC §3), so it is known before the first line of the order is read.
  void mark_excluded_orders(const std::vector<const Table*>& line_tables) {
    for (const auto& [id, h] : headers_)
      if (status_.excluded(h.status)) excluded_order_[id] = 1;
    for (const Table* t : line_tables) {
      if (!t->has(Field::status)) continue;
      const bool has_parent = t->has(Field::parent_item_id);
      const auto& ids = t->text(Field::order_id);
      const auto& statuses = t->text(Field::status);
      for (std::size_t r = 0; r < t->rows; ++r)
        if ((!has_parent || t->text(Field::parent_item_id)[r] == kNoStr) &&
            status_.excluded(statuses[r]))
          excluded_order_[ids[r]] = 1;
    }
  }

  void see_day(Day d) {
    if (d == kNoDay) return;
    if (facts_.first_day == kNoDay || d < facts_.first_day) facts_.first_day = d;
    if (facts_.last_day == kNoDay || d > facts_.last_day) facts_.last_day = d;
  }

  const CustomerInfo* info_of(StrId account) const { return directory_.find(account); }

  std::uint32_t catalog_index(StrId catalog) {
    bool added;
    return catalogs_.get(catalog_names_(catalog), added);
  }

  /// The dense order for `id`, created with the order-level attributes on first sight.
  std::uint32_t order_index(StrId id, Day day, StrId customer, StrId customer_name, StrId rep) {
    bool added;
    const std::uint32_t o = orders_.get(id, added);
    if (!added) return o;
    std::int32_t c = kNone;
    if (customer != kNoStr) {
      bool new_customer;
      c = static_cast<std::int32_t>(customers_.get(customer, new_customer));
    }
    const CustomerInfo* info = info_of(customer);
    rep = first_of(rep, info ? info->rep : kNoStr);
    bool new_rep;
    raw_.day.push_back(day);
    raw_.customer.push_back(c);
    raw_.rep.push_back(reps_.get(first_of(rep, unassigned_), new_rep));
    raw_.lines.push_back(0);
    if (c != kNone && customer_name != kNoStr) note_name(c, customer_name, day);
    return o;
  }

  void note_name(std::int32_t c, StrId name, Day day) {
    if (static_cast<std::size_t>(c) >= seen_name_.size())
      seen_name_.resize(c + 1, {kNoStr, kNoDay});
    auto& slot = seen_name_[static_cast<std::size_t>(c)];
    if (slot.second == kNoDay || day >= slot.second) slot = {name, day};
  }

  /// The latest value wins: the one on the latest-dated line, the greatest in byte order among
  /// that day's. Not the last in file order: SQL, which has no file order, says the same
  /// (summary_sql.cpp), so a report from summaries built by SQL names products as from raw.
  void note_latest(std::pair<StrId, Day>& slot, StrId value, Day day) const {
    if (value == kNoStr) return;
    // The same name again (nearly every line): only its day can move, and no bytes compared
    // (a product's lines of one day compared its name with itself, a byte loop in wasm).
    if (value == slot.first) {
      if (day > slot.second) slot.second = day;
      return;
    }
    if (slot.first == kNoStr || day > slot.second ||
        (day == slot.second && strings_.view(value) > strings_.view(slot.first)))
      slot = {value, day};
  }

  /// The dense index of a (catalog, SKU) product, numbered as first seen.
  std::uint32_t product_of(std::uint32_t catalog, StrId sku) {
    bool added;
    const std::uint32_t p = product_index_.get(catalog, sku, added);
    if (added) product_keys_.emplace_back(catalog, sku);
    return p;
  }

  StrId line_catalog(StrId own, const Header* h, StrId customer) const {
    if (own != kNoStr) return own;
    if (h && h->catalog != kNoStr) return h->catalog;
    const CustomerInfo* info = info_of(customer);
    if (info && info->catalog != kNoStr) return info->catalog;
    return all_;
  }

  /// Calls visit(row, order, day, customer, header) for every row of line table t that makes a
  /// fact line, `order` its raw index (numbered on first sight). Both walks see the same rows
  /// and orders; the first (`first_walk`) also counts the rows left out and sees their days.
  template <class Visit>
  void walk_lines(const Table& t, bool first_walk, Visit visit) {
    const bool has_parent = t.has(Field::parent_item_id);
    StrId last_order = kNoStr;
    const Header* h = nullptr;
    for (std::size_t r = 0; r < t.rows; ++r) {
      if (has_parent && t.text(Field::parent_item_id)[r] != kNoStr) {
        if (first_walk) ++skipped_children_;
        continue;
      }
      const StrId order = t.text(Field::order_id)[r];
      if (order != last_order) {
        auto it = headers_.find(order);
        h = it == headers_.end() ? nullptr : &it->second;
        last_order = order;
      }
      const Day own_day = t.day_at(Field::order_date, r);
      if (first_walk) see_day(own_day);
      if (excluded_order_[order]) continue;
      const Day day = own_day != kNoDay ? own_day : (h ? h->day : kNoDay);
      if (day == kNoDay) {
        if (first_walk) ++skipped_no_date_;
        continue;
      }
      const StrId customer =
          directory_.account(first_of(t.text_at(Field::customer_id, r), h ? h->customer : kNoStr));
      std::uint32_t o = orders_.find(order);
      if (o == DenseIndex::kMissing) {  // the order's first line: its name and rep count
        const StrId name =
            first_of(t.text_at(Field::customer_name, r), h ? h->customer_name : kNoStr);
        const StrId rep = first_of(t.text_at(Field::sales_rep, r), h ? h->rep : kNoStr);
        o = order_index(order, day, customer, name, rep);
      }
      visit(r, o, day, customer, h);
    }
  }

  /// The second walk: each line's product and values, written at its place.
  void place_lines(const Table& t) {
    const bool has_qty = t.has(Field::quantity);
    walk_lines(
        t, false, [&](std::size_t r, std::uint32_t o, Day day, StrId customer, const Header* h) {
          const std::uint32_t at = next_line_[o]++;
          const double qty = has_qty ? t.numbers(Field::quantity)[r] : 1.0;
          const double total = t.number_at(Field::line_total, r);
          double revenue = !std::isnan(total) ? total : qty * t.number_at(Field::unit_price, r);
          const double discount = t.number_at(Field::discount, r);
          if (!std::isnan(discount)) revenue -= discount;
          const StrId sku = t.text(Field::sku)[r];
          const StrId catalog = line_catalog(t.text_at(Field::catalog, r), h, customer);
          facts_.line_product.set(at, product_of(catalog_index(catalog), sku));
          facts_.line_quantity.set(at, qty);
          facts_.line_revenue[at] = std::isnan(revenue) ? 0.0 : revenue;
          if (facts_.has_cost) {
            const double unit_cost = t.number_at(Field::unit_cost, r);
            facts_.line_cost[at] = std::isnan(unit_cost) ? kNaN : qty * unit_cost;
          }
          note_latest(sku_name_[sku], t.text_at(Field::product_name, r), day);
          note_latest(sku_category_[sku], t.text_at(Field::category, r), day);
        });
  }

  /// Without order lines: visit(order, customer, header) for each order of the orders files
  /// that makes a pseudo-line (by_header_: in file order).
  template <class Visit>
  void walk_headers(Visit visit) {
    for (const auto& [id, h] : by_header_) {
      if (status_.excluded(h->status) || h->day == kNoDay) continue;
      const StrId customer = directory_.account(h->customer);
      const std::uint32_t o = order_index(id, h->day, customer, h->customer_name, h->rep);
      visit(o, customer, h);
    }
  }

  /// Orders in file order (headers_ is a hash map; file order keeps results reproducible).
  std::vector<std::pair<StrId, const Header*>> headers_order() const {
    std::vector<std::pair<StrId, const Header*>> out;
    for (const Table* t : dataset_.tables_of(Role::orders))
      for (std::size_t r = 0; r < t->rows; ++r) {
        const StrId id = t->text(Field::order_id)[r];
        out.emplace_back(id, &headers_.at(id));
      }
    std::unordered_set<StrId> seen;
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const auto& p) { return !seen.insert(p.first).second; }),
              out.end());
    return out;
  }

  /// Counting sorts: orders by customer (no customer last), each order's lines after the
  /// previous order's. Leaves next_line_[o], by raw order, at the place of o's first line, and
  /// the line columns sized for the second walk.
  void group_orders() {
    const std::size_t n_orders = raw_.day.size();
    const std::size_t n_customers = customers_.ids().size();
    std::vector<std::uint32_t> bucket(n_customers + 2, 0);
    auto slot_of = [&](std::int32_t c) {
      return c == kNone ? n_customers : static_cast<std::size_t>(c);
    };
    for (std::size_t o = 0; o < n_orders; ++o) ++bucket[slot_of(raw_.customer[o]) + 1];
    for (std::size_t i = 1; i < bucket.size(); ++i) bucket[i] += bucket[i - 1];
    facts_.customer_order_begin.assign(
        bucket.begin(), bucket.begin() + static_cast<std::ptrdiff_t>(n_customers + 1));
    std::vector<std::uint32_t> new_index(n_orders);
    {
      std::vector<std::uint32_t> next(bucket.begin(), bucket.end() - 1);
      for (std::size_t o = 0; o < n_orders; ++o) new_index[o] = next[slot_of(raw_.customer[o])]++;
    }
    facts_.order_id.resize(n_orders);
    facts_.order_day.resize(n_orders);
    facts_.order_customer.resize(n_orders);
    facts_.order_rep.resize(n_orders);
    std::vector<std::uint32_t> begin(n_orders + 1, 0);
    for (std::size_t o = 0; o < n_orders; ++o) {
      const std::uint32_t k = new_index[o];
      facts_.order_id[k] = orders_.ids()[o];
      facts_.order_day[k] = raw_.day[o];
      facts_.order_customer[k] = raw_.customer[o];
      facts_.order_rep[k] = raw_.rep[o];
      begin[k + 1] = raw_.lines[o];
    }
    for (std::size_t i = 1; i <= n_orders; ++i) begin[i] += begin[i - 1];
    next_line_.resize(n_orders);
    for (std::size_t o = 0; o < n_orders; ++o) next_line_[o] = begin[new_index[o]];
    const std::size_t n_lines = begin.back();
    facts_.order_line_begin = std::move(begin);
    raw_ = RawOrders();
    facts_.line_product.resize(n_lines);
    facts_.line_quantity.resize(n_lines);
    facts_.line_revenue.resize(n_lines);
    if (facts_.has_cost) facts_.line_cost.resize(n_lines);
    facts_.reps = reps_.ids();
    facts_.customer_id = customers_.ids();
  }

  /// Products are numbered in the lines' first-seen order (product_of), named by their latest
  /// line; the catalogs are known only now, after the second walk.
  void name_products() {
    facts_.products.reserve(product_keys_.size());
    for (const auto& [catalog, sku] : product_keys_)
      facts_.products.push_back({catalog, sku, sku_name_[sku].first, sku_category_[sku].first});
    std::vector<std::pair<std::uint32_t, StrId>>().swap(product_keys_);
    facts_.catalogs = catalogs_.ids();
  }

  /// Name, catalog and rep of each customer: the customers file's, else the latest order's.
  void describe_customers() {
    const std::size_t n = facts_.customer_id.size();
    facts_.customer_name.assign(n, kNoStr);
    facts_.customer_catalog.assign(n, kNoStr);
    facts_.customer_rep.assign(n, kNoStr);
    for (std::size_t c = 0; c < n; ++c) {
      const CustomerInfo* info = info_of(facts_.customer_id[c]);
      if (info) {
        facts_.customer_name[c] = info->name;
        facts_.customer_catalog[c] = catalog_names_(info->catalog);
        facts_.customer_rep[c] = info->rep;
      }
      if (facts_.customer_name[c] == kNoStr && c < seen_name_.size())
        facts_.customer_name[c] = seen_name_[c].first;
    }
    fill_customer_rep_and_catalog_from_latest_order(facts_);
  }

  const Dataset& dataset_;
  StringPool& strings_;
  StatusFilter status_;
  StrId all_;
  StrId unassigned_;
  DenseIndex orders_;
  DenseIndex customers_;
  DenseIndex catalogs_;
  DenseIndex reps_;
  CustomerDirectory directory_;
  CatalogNames catalog_names_;
  std::unordered_map<StrId, Header> headers_;
  // By SKU id: the latest product name and category seen, with the day of their line.
  std::vector<std::pair<StrId, Day>> sku_name_;
  std::vector<std::pair<StrId, Day>> sku_category_;
  std::vector<std::pair<StrId, Day>> seen_name_;
  std::vector<std::uint8_t> excluded_order_;  // by order id: 1 when the order is left out
  RawOrders raw_;
  std::vector<std::uint32_t> next_line_;  // by raw order: where its next line goes
  std::vector<std::pair<StrId, const Header*>> by_header_;  // without lines: orders in file order
  PairIndex product_index_;                                 // (catalog, SKU) -> product
  std::vector<std::pair<std::uint32_t, StrId>> product_keys_;  // each product's (catalog, SKU)
  Facts facts_;
  std::size_t skipped_no_date_ = 0;
  std::size_t skipped_children_ = 0;
};

}  // namespace

void fill_customer_rep_and_catalog_from_latest_order(Facts& facts) {
  for (std::size_t c = 0; c < facts.customer_id.size(); ++c) {
    const std::uint32_t begin = facts.customer_order_begin[c];
    const std::uint32_t end = facts.customer_order_begin[c + 1];
    if (begin == end) continue;
    std::uint32_t latest = begin;
    for (std::uint32_t o = begin; o < end; ++o)
      if (facts.order_day[o] >= facts.order_day[latest]) latest = o;
    if (facts.customer_rep[c] == kNoStr)
      facts.customer_rep[c] = facts.reps[facts.order_rep[latest]];
    const std::uint32_t first_line = facts.order_line_begin[latest];
    if (facts.customer_catalog[c] == kNoStr && first_line < facts.order_line_begin[latest + 1])
      facts.customer_catalog[c] = facts.catalogs[facts.catalog_of(first_line)];
  }
}

Facts build_facts(const Dataset& dataset, const config::Settings& settings, StringPool& strings) {
  return FactsBuilder(dataset, settings, strings).build();
}

}  // namespace pulse::kpi
