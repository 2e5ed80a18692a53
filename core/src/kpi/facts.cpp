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

/// Lines and orders as read, before grouping.
struct Raw {
  std::vector<std::uint32_t> line_order;
  // The line's product (catalog x SKU), numbered as first seen in file order: 2 bytes a line
  // below 65,536 products, where a SKU and a catalog index took 8.
  IndexColumn line_product;
  NumberColumn qty;  // whole quantities 4 bytes a line
  std::vector<double> revenue, cost;
  std::vector<Day> order_day;
  std::vector<std::int32_t> order_customer;
  std::vector<std::uint32_t> order_rep;

  bool with_cost = false;  // a unit cost is mapped somewhere: else `cost` stays empty

  void reserve(std::size_t lines) {
    line_order.reserve(lines);
    line_product.reserve(lines);
    qty.reserve(lines);
    revenue.reserve(lines);
    if (with_cost) cost.reserve(lines);
  }
};

class FactsBuilder {
 public:
  FactsBuilder(const Dataset& dataset, const config::Settings& settings, StringPool& strings,
               std::size_t in_place_from_lines)
      : in_place_from_lines_(in_place_from_lines),
        dataset_(dataset),
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
    std::size_t line_rows = 0;
    for (const Table* t : line_tables) line_rows += t->rows;
    for (const Table* t : line_tables)
      if (t->has(Field::unit_cost)) facts_.has_cost = true;
    raw_.with_cost = facts_.has_cost;
    raw_.reserve(facts_.has_lines ? line_rows : headers_.size());
    for (const Table* t : line_tables) read_lines(*t);
    if (!facts_.has_lines) lines_from_headers();
    group();
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
    raw_.order_day.push_back(day);
    raw_.order_customer.push_back(c);
    raw_.order_rep.push_back(reps_.get(first_of(rep, unassigned_), new_rep));
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

  void read_lines(const Table& t) {
    const bool has_qty = t.has(Field::quantity);
    const bool has_parent = t.has(Field::parent_item_id);
    StrId last_order = kNoStr;
    const Header* h = nullptr;
    for (std::size_t r = 0; r < t.rows; ++r) {
      if (has_parent && t.text(Field::parent_item_id)[r] != kNoStr) {
        ++skipped_children_;
        continue;
      }
      const StrId order = t.text(Field::order_id)[r];
      if (order != last_order) {
        auto it = headers_.find(order);
        h = it == headers_.end() ? nullptr : &it->second;
        last_order = order;
      }
      const Day own_day = t.day_at(Field::order_date, r);
      see_day(own_day);
      if (excluded_order_[order]) continue;
      const Day day = own_day != kNoDay ? own_day : (h ? h->day : kNoDay);
      if (day == kNoDay) {
        ++skipped_no_date_;
        continue;
      }
      const StrId customer =
          directory_.account(first_of(t.text_at(Field::customer_id, r), h ? h->customer : kNoStr));
      const StrId name =
          first_of(t.text_at(Field::customer_name, r), h ? h->customer_name : kNoStr);
      const StrId rep = first_of(t.text_at(Field::sales_rep, r), h ? h->rep : kNoStr);
      const std::uint32_t o = order_index(order, day, customer, name, rep);

      const double qty = has_qty ? t.numbers(Field::quantity)[r] : 1.0;
      const double total = t.number_at(Field::line_total, r);
      double revenue = !std::isnan(total) ? total : qty * t.number_at(Field::unit_price, r);
      const double discount = t.number_at(Field::discount, r);
      if (!std::isnan(discount)) revenue -= discount;
      const double unit_cost = t.number_at(Field::unit_cost, r);

      const StrId sku = t.text(Field::sku)[r];
      raw_.line_order.push_back(o);
      raw_.line_product.push_back(
          product_of(catalog_index(line_catalog(t.text_at(Field::catalog, r), h, customer)), sku));
      raw_.qty.push_back(qty);
      raw_.revenue.push_back(std::isnan(revenue) ? 0.0 : revenue);
      if (raw_.with_cost) raw_.cost.push_back(std::isnan(unit_cost) ? kNaN : qty * unit_cost);
      note_latest(sku_name_[sku], t.text_at(Field::product_name, r), day);
      note_latest(sku_category_[sku], t.text_at(Field::category, r), day);
    }
  }

  void lines_from_headers() {
    for (const auto& [id, h] : headers_order()) {
      if (status_.excluded(h->status) || h->day == kNoDay) continue;
      const StrId customer = directory_.account(h->customer);
      const std::uint32_t o = order_index(id, h->day, customer, h->customer_name, h->rep);
      raw_.line_order.push_back(o);
      raw_.line_product.push_back(
          product_of(catalog_index(line_catalog(kNoStr, h, customer)), kNoStr));
      raw_.qty.push_back(kNaN);
      raw_.revenue.push_back(std::isnan(h->total) ? 0.0 : h->total);
      if (raw_.with_cost) raw_.cost.push_back(kNaN);
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

  /// to[place[l]] = from[l] for every line, then `from` is given back to the allocator.
  template <typename Column>
  static void scatter_and_free(const std::vector<std::uint32_t>& place, Column& from, Column& to) {
    to = Column();
    to.resize(from.size());
    for (std::size_t l = 0; l < from.size(); ++l) set(to, place[l], from[l]);
    from = Column();
  }
  template <typename T>
  static void set(std::vector<T>& to, std::size_t at, T value) {
    to[at] = value;
  }
  template <typename Column, typename T>
  static void set(Column& to, std::size_t at, T value) {
    to.set(at, value);
  }

  /// One raw line's values and where it goes, carried while the lines are moved in place.
  struct CarriedLine {
    std::uint32_t place;
    std::uint32_t product;
    double qty;
    double revenue;
    double cost;
  };
  CarriedLine take_line(const std::vector<std::uint32_t>& place, std::size_t at) const {
    return {place[at], raw_.line_product[at], raw_.qty[at], raw_.revenue[at],
            raw_.cost.empty() ? 0.0 : raw_.cost[at]};
  }
  void put_line(std::vector<std::uint32_t>& place, std::size_t at, const CarriedLine& line) {
    place[at] = line.place;
    raw_.line_product.set(at, line.product);
    raw_.qty.set(at, line.qty);  // from the same column: never widens it
    raw_.revenue[at] = line.revenue;
    if (!raw_.cost.empty()) raw_.cost[at] = line.cost;
  }

  /// Moves every raw line l to place[l] (product, quantity, revenue, cost together), in place,
  /// with no second copy of the lines: with the loaded table beside them, a copy was the memory
  /// peak of a big file (docs/performance.md "Compact columns"). `place` is used up.
  ///
  /// Walking the permutation's cycles directly lands each step far from the last, a cache miss
  /// a line (4-5 times the copy's time). So first an American flag sort (McIlroy, Bostic and
  /// McIlroy, "Engineering radix sort", 1993) moves every line into its block of 2^14
  /// destinations, writing at one head per block (the blocks' sizes are known: `place` is a
  /// permutation); then the cycles, each now inside one block that fits the cache, are walked.
  void move_lines_in_place(std::vector<std::uint32_t>& place) {
    constexpr unsigned kBlockBits = 14;
    const std::size_t n = place.size();
    const std::size_t blocks = (n >> kBlockBits) + 1;
    std::vector<std::size_t> head(blocks);
    for (std::size_t b = 0; b < blocks; ++b) head[b] = b << kBlockBits;
    const auto block_end = [&](std::size_t b) { return std::min(n, (b + 1) << kBlockBits); };
    for (std::size_t b = 0; b < blocks; ++b) {
      while (head[b] < block_end(b)) {
        const std::size_t at = head[b];
        if ((place[at] >> kBlockBits) == b) {
          ++head[b];
          continue;
        }
        // Carry the line at `at` to its block's head, taking the one there, until a line of
        // block b comes back to `at`.
        CarriedLine carried = take_line(place, at);
        while ((carried.place >> kBlockBits) != b) {
          const std::size_t d = carried.place >> kBlockBits;
          while ((place[head[d]] >> kBlockBits) == d) ++head[d];  // already in its block
          const std::size_t to = head[d]++;
          const CarriedLine there = take_line(place, to);
          put_line(place, to, carried);
          carried = there;
        }
        put_line(place, at, carried);
        ++head[b];
      }
    }
    for (std::size_t start = 0; start < n; ++start) {
      if (place[start] == start) continue;
      CarriedLine carried = take_line(place, start);
      while (carried.place != start) {
        // Leave the carried line at its place, pick up the one that was there.
        const std::size_t to = carried.place;
        const CarriedLine there = take_line(place, to);
        put_line(place, to, carried);  // place[to] == to now: done
        carried = there;
      }
      put_line(place, start, carried);
    }
  }

  /// Counting sorts: orders by customer (no customer last), lines by order.
  void group() {
    const std::size_t n_orders = raw_.order_day.size();
    const std::size_t n_customers = customers_.ids().size();
    std::vector<std::uint32_t> bucket(n_customers + 2, 0);
    auto slot_of = [&](std::int32_t c) {
      return c == kNone ? n_customers : static_cast<std::size_t>(c);
    };
    for (std::size_t o = 0; o < n_orders; ++o) ++bucket[slot_of(raw_.order_customer[o]) + 1];
    for (std::size_t i = 1; i < bucket.size(); ++i) bucket[i] += bucket[i - 1];
    facts_.customer_order_begin.assign(
        bucket.begin(), bucket.begin() + static_cast<std::ptrdiff_t>(n_customers + 1));
    std::vector<std::uint32_t> new_index(n_orders);
    {
      std::vector<std::uint32_t> next(bucket.begin(), bucket.end() - 1);
      for (std::size_t o = 0; o < n_orders; ++o)
        new_index[o] = next[slot_of(raw_.order_customer[o])]++;
    }
    facts_.order_id.resize(n_orders);
    facts_.order_day.resize(n_orders);
    facts_.order_customer.resize(n_orders);
    facts_.order_rep.resize(n_orders);
    for (std::size_t o = 0; o < n_orders; ++o) {
      const std::uint32_t k = new_index[o];
      facts_.order_id[k] = orders_.ids()[o];
      facts_.order_day[k] = raw_.order_day[o];
      facts_.order_customer[k] = raw_.order_customer[o];
      facts_.order_rep[k] = raw_.order_rep[o];
    }

    const std::size_t n_lines = raw_.line_order.size();
    std::vector<std::uint32_t> begin(n_orders + 1, 0);
    for (std::size_t l = 0; l < n_lines; ++l) ++begin[new_index[raw_.line_order[l]] + 1];
    for (std::size_t i = 1; i <= n_orders; ++i) begin[i] += begin[i - 1];
    facts_.order_line_begin = begin;
    // Each line's place among its order's, written over its order (raw_.line_order). Products
    // are numbered in the lines' first-seen order (product_of), named by their latest line.
    for (std::size_t l = 0; l < n_lines; ++l)
      raw_.line_order[l] = begin[new_index[raw_.line_order[l]]]++;
    facts_.products.reserve(product_keys_.size());
    for (const auto& [catalog, sku] : product_keys_)
      facts_.products.push_back({catalog, sku, sku_name_[sku].first, sku_category_[sku].first});
    std::vector<std::pair<std::uint32_t, StrId>>().swap(product_keys_);
    if (n_lines >= in_place_from_lines_) {
      move_lines_in_place(raw_.line_order);
      facts_.line_product = std::move(raw_.line_product);
      facts_.line_quantity = std::move(raw_.qty);
      facts_.line_revenue = std::move(raw_.revenue);
      facts_.line_cost = std::move(raw_.cost);
    } else {
      // One column at a time, the raw one freed once moved: sequential reads, writes in runs
      // (an order's lines are mostly together in a file). Kept for the files memory does not
      // limit: the in-place path was not measured on them on a quiet machine.
      const std::vector<std::uint32_t>& place = raw_.line_order;
      scatter_and_free(place, raw_.line_product, facts_.line_product);
      scatter_and_free(place, raw_.qty, facts_.line_quantity);
      scatter_and_free(place, raw_.revenue, facts_.line_revenue);
      scatter_and_free(place, raw_.cost, facts_.line_cost);
    }
    std::vector<std::uint32_t>().swap(raw_.line_order);
    facts_.catalogs = catalogs_.ids();
    facts_.reps = reps_.ids();
    facts_.customer_id = customers_.ids();
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

  std::size_t in_place_from_lines_;
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
  Raw raw_;
  PairIndex product_index_;                                    // (catalog, SKU) -> product
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

Facts build_facts(const Dataset& dataset, const config::Settings& settings, StringPool& strings,
                  std::size_t in_place_from_lines) {
  return FactsBuilder(dataset, settings, strings, in_place_from_lines).build();
}

}  // namespace pulse::kpi
