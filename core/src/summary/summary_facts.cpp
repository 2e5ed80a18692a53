#include "pulse/summary/summary_facts.h"

#include <cmath>
#include <limits>

#include "pulse/error_ids.h"
#include "pulse/kpi/dense_index.h"
#include "pulse/message_codes.h"
#include "pulse/summary/summary_schema.h"

namespace pulse::summary {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The facts rebuilt in the order the summaries were written in (the raw facts' order), so
/// that every dashboard meets orders, lines and products in the same order as from raw.
class SummaryFactsBuilder {
 public:
  SummaryFactsBuilder(const Dataset& dataset, StringPool& strings)
      : dataset_(dataset),
        unassigned_(strings.intern("Unassigned")),
        customers_(strings.size()),
        orders_(strings.size()),
        catalogs_(strings.size()),
        reps_(strings.size()),
        sku_name_(strings.size(), kNoStr),
        sku_category_(strings.size(), kNoStr) {}

  kpi::Facts build() {
    read_customers();
    read_orders();
    read_products();
    group_orders();
    read_items();
    describe_customers();
    return std::move(facts_);
  }

 private:
  void see_day(Day d) {
    if (d == kNoDay) return;
    if (facts_.first_day == kNoDay || d < facts_.first_day) facts_.first_day = d;
    if (facts_.last_day == kNoDay || d > facts_.last_day) facts_.last_day = d;
  }

  void read_customers() {
    for (const Table* t : dataset_.tables_of(Role::summary_customers))
      for (std::size_t r = 0; r < t->rows; ++r) {
        bool added;
        customers_.get(t->text(Field::customer_id)[r], added);
        if (!added) continue;
        name_.push_back(t->text_at(Field::customer_name, r));
        catalog_.push_back(t->text_at(Field::catalog, r));
        rep_.push_back(t->text_at(Field::sales_rep, r));
      }
  }

  /// Counted orders in file order; every order's date widens the extent, as raw dates do.
  void read_orders() {
    for (const Table* t : dataset_.tables_of(Role::summary_orders))
      for (std::size_t r = 0; r < t->rows; ++r) {
        const Day day = t->day_at(Field::order_date, r);
        see_day(day);
        if (!(t->number_at(Field::counted, r) == 1.0) || day == kNoDay) continue;
        bool added;
        orders_.get(t->text(Field::order_id)[r], added);
        if (!added) continue;
        const StrId customer = t->text_at(Field::customer_id, r);
        std::int32_t c = kpi::kNone;
        if (customer != kNoStr) {
          bool new_customer;
          c = static_cast<std::int32_t>(customers_.get(customer, new_customer));
          if (new_customer) {  // a customer the customers table does not list
            name_.push_back(kNoStr);
            catalog_.push_back(kNoStr);
            rep_.push_back(kNoStr);
          }
        }
        const StrId rep = t->text_at(Field::sales_rep, r);
        raw_day_.push_back(day);
        raw_customer_.push_back(c);
        raw_rep_.push_back(reps_.get(rep != kNoStr ? rep : unassigned_));
      }
  }

  void read_products() {
    for (const Table* t : dataset_.tables_of(Role::summary_products))
      for (std::size_t r = 0; r < t->rows; ++r) {
        const StrId sku = t->text(Field::sku)[r];
        if (const StrId name = t->text_at(Field::product_name, r); name != kNoStr)
          sku_name_[sku] = name;
        if (const StrId category = t->text_at(Field::category, r); category != kNoStr)
          sku_category_[sku] = category;
      }
  }

  /// Orders by customer (orders without a customer last), stable: a counting sort.
  void group_orders() {
    const std::size_t n_orders = raw_day_.size();
    const std::size_t n_customers = customers_.ids().size();
    auto slot_of = [&](std::int32_t c) {
      return c == kpi::kNone ? n_customers : static_cast<std::size_t>(c);
    };
    std::vector<std::uint32_t> bucket(n_customers + 2, 0);
    for (std::size_t o = 0; o < n_orders; ++o) ++bucket[slot_of(raw_customer_[o]) + 1];
    for (std::size_t i = 1; i < bucket.size(); ++i) bucket[i] += bucket[i - 1];
    facts_.customer_order_begin.assign(
        bucket.begin(), bucket.begin() + static_cast<std::ptrdiff_t>(n_customers + 1));
    new_index_.resize(n_orders);
    std::vector<std::uint32_t> next(bucket.begin(), bucket.end() - 1);
    for (std::size_t o = 0; o < n_orders; ++o) new_index_[o] = next[slot_of(raw_customer_[o])]++;
    facts_.order_id.resize(n_orders);
    facts_.order_day.resize(n_orders);
    facts_.order_customer.resize(n_orders);
    facts_.order_rep.resize(n_orders);
    for (std::size_t o = 0; o < n_orders; ++o) {
      const std::uint32_t k = new_index_[o];
      facts_.order_id[k] = orders_.ids()[o];
      facts_.order_day[k] = raw_day_[o];
      facts_.order_customer[k] = raw_customer_[o];
      facts_.order_rep[k] = raw_rep_[o];
    }
  }

  /// Items become the lines of their order, in file order within it.
  void read_items() {
    struct Item {
      std::uint32_t order;
      std::uint32_t catalog;
      StrId sku;
      double quantity, revenue, cost;
    };
    std::vector<Item> items;
    for (const Table* t : dataset_.tables_of(Role::summary_items)) {
      if (t->has(Field::line_count))
        for (const double n : t->numbers(Field::line_count))
          facts_.has_lines = facts_.has_lines || n > 0;
      for (std::size_t r = 0; r < t->rows; ++r) {
        const std::uint32_t o = orders_.find(t->text(Field::order_id)[r]);
        if (o == kpi::DenseIndex::kMissing) {
          ++orphan_items_;
          continue;
        }
        const double cost = t->number_at(Field::line_cost, r);
        if (!std::isnan(cost)) facts_.has_cost = true;
        const double revenue = t->number_at(Field::line_total, r);
        items.push_back({new_index_[o], catalogs_.get(t->text(Field::catalog)[r]),
                         t->text_at(Field::sku, r), t->number_at(Field::quantity, r),
                         std::isnan(revenue) ? 0.0 : revenue, cost});
      }
    }
    const std::size_t n_orders = facts_.order_id.size();
    std::vector<std::uint32_t> begin(n_orders + 1, 0);
    for (const Item& it : items) ++begin[it.order + 1];
    for (std::size_t i = 1; i <= n_orders; ++i) begin[i] += begin[i - 1];
    facts_.order_line_begin = begin;
    const std::size_t n = items.size();
    facts_.line_product.resize(n);
    facts_.line_quantity.resize(n);
    facts_.line_revenue.resize(n);
    facts_.line_cost.resize(n);
    std::vector<std::uint32_t> item_at(n);  // the item at each grouped line
    for (std::uint32_t i = 0; i < n; ++i) {
      const Item& it = items[i];
      const std::uint32_t k = begin[it.order]++;
      item_at[k] = i;
      facts_.line_quantity.set(k, facts_.has_lines ? it.quantity : kNaN);
      facts_.line_revenue[k] = it.revenue;
      facts_.line_cost[k] = it.cost;
    }
    // Products numbered in the grouped lines' order, as before.
    kpi::PairIndex product_index;
    for (std::size_t k = 0; k < n; ++k) {
      const Item& it = items[item_at[k]];
      bool added;
      facts_.line_product.set(k, product_index.get(it.catalog, it.sku, added));
      if (added)
        facts_.products.push_back({it.catalog, it.sku, sku_name_[it.sku], sku_category_[it.sku]});
    }
    facts_.catalogs = catalogs_.ids();
    facts_.reps = reps_.ids();
    if (orphan_items_ > 0)
      facts_.warnings.push_back(Message(ids::kWarnOrphanSummaryItems,
                                        std::to_string(orphan_items_) +
                                            " summary order items name an order that pulse_orders "
                                            "does not count, and are left out")
                                    .count("n", orphan_items_));
  }

  /// As written; a customer the customers table missed takes its latest order's rep and
  /// first line's catalog, as the raw facts do.
  void describe_customers() {
    facts_.customer_id = customers_.ids();
    facts_.customer_name = name_;
    facts_.customer_catalog = catalog_;
    facts_.customer_rep = rep_;
    kpi::fill_customer_rep_and_catalog_from_latest_order(facts_);
  }

  const Dataset& dataset_;
  StrId unassigned_;
  kpi::DenseIndex customers_;
  kpi::DenseIndex orders_;
  kpi::DenseIndex catalogs_;
  kpi::DenseIndex reps_;
  std::vector<StrId> name_, catalog_, rep_;  // by customer, as the customers table says
  std::vector<StrId> sku_name_, sku_category_;
  std::vector<Day> raw_day_;  // counted orders in file order
  std::vector<std::int32_t> raw_customer_;
  std::vector<std::uint32_t> raw_rep_;
  std::vector<std::uint32_t> new_index_;  // file order -> grouped order
  std::size_t orphan_items_ = 0;
  kpi::Facts facts_;
};

std::string files_of(const Dataset& dataset, std::initializer_list<std::string_view> roles) {
  std::string out;
  for (const LoadReport& load : dataset.loads)
    for (std::string_view role : roles)
      if (load.role == role && load.rows_loaded > 0) out += (out.empty() ? "" : ", ") + load.file;
  return out;
}

}  // namespace

bool has_order_summaries(const Dataset& dataset) {
  return !dataset.tables_of(Role::summary_orders).empty() ||
         !dataset.tables_of(Role::summary_items).empty();
}

kpi::Facts facts_from_summaries(const Dataset& dataset, StringPool& strings) {
  return SummaryFactsBuilder(dataset, strings).build();
}

std::optional<std::string> double_count_error(const Dataset& dataset) {
  if (!has_order_summaries(dataset)) return std::nullopt;
  const bool raw_orders =
      !dataset.tables_of(Role::order_lines).empty() || !dataset.tables_of(Role::orders).empty();
  if (!raw_orders) return std::nullopt;
  return "[" + std::string(ids::kSummaryDoubleCount) + "] " +
         files_of(dataset, {"order_lines", "orders"}) + " and the summary tables " +
         files_of(dataset, {"summary_orders", "summary_items"}) +
         " both hold orders: the orders would be counted twice. Load either the raw order files "
         "or the summaries written from them (b2b-pulse summarize), not both";
}

}  // namespace pulse::summary
