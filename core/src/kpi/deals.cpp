#include "pulse/kpi/deals.h"

#include "pulse/kpi/catalog_names.h"
#include "pulse/kpi/customer_directory.h"
#include "pulse/kpi/dense_index.h"
#include "pulse/message_codes.h"
#include "pulse/util/sort_by.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <tuple>
#include <unordered_map>

namespace pulse::kpi {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint32_t kNoIndex = DenseIndex::kMissing;
// Marks "no such order" in the order-date index; kNoDay means "exists, date unknown".
constexpr Day kAbsent = std::numeric_limits<Day>::max();

// Labels and CRM stages ranked after Settings::stage_order, before first appearance, so that
// a funnel of admin labels or CRM stages reads top to bottom without a setting.
const char* const kKnownStages[] = {
    "new",         "draft",         "open",      "submitted", "client reviewed", "updated",
    "prospecting", "qualification", "qualified", "engaging",  "proposal",        "negotiation"};

Day later(Day a, Day b) {
  return a == kNoDay ? b : (b == kNoDay ? a : std::max(a, b));
}
Day earlier(Day a, Day b) {
  return a == kNoDay ? b : (b == kNoDay ? a : std::min(a, b));
}

class DealBuilder {
 public:
  DealBuilder(const Dataset& dataset, const config::Settings& settings, StringPool& strings)
      : dataset_(dataset),
        settings_(settings),
        strings_(strings),
        unassigned_(strings.intern("Unassigned")),
        pool_size_(strings.size()),
        deals_(pool_size_),
        reps_(pool_size_) {}

  DealFacts build() {
    const auto deal_tables = dataset_.tables_of(Role::deals);
    out_.has_deals = !deal_tables.empty();
    customers_ = CustomerDirectory(dataset_);
    catalog_names_ = CatalogNames(dataset_);
    if (out_.has_deals) read_orders();
    for (const Table* t : deal_tables) read_deals(*t);
    for (std::uint32_t& s : raw_status_)
      if (s == kNoIndex) s = status_index(kNoStr);  // a deal whose rows all lack a status
    read_events();
    read_reps();
    rank_statuses();
    resolve();
    describe_reps();
    return std::move(out_);
  }

 private:
  /// Every order id and quote id of every orders, order_lines and summary orders table,
  /// excluded or not.
  void read_orders() {
    order_day_.assign(pool_size_, kAbsent);
    quote_day_.assign(pool_size_, kAbsent);
    auto note = [](std::vector<Day>& index, StrId id, Day day) {
      if (id == kNoStr) return;
      Day& slot = index[id];
      slot = slot == kAbsent ? day : earlier(slot, day);
    };
    for (Role role : {Role::orders, Role::order_lines, Role::summary_orders})
      for (const Table* t : dataset_.tables_of(role))
        for (std::size_t r = 0; r < t->rows; ++r) {
          const StrId order = t->text_at(Field::order_id, r);
          Day day = t->day_at(Field::order_date, r);
          note(order_day_, order, day);
          // A line without its own date takes its order's (headers were read first).
          if (day == kNoDay && order != kNoStr && order_day_[order] != kAbsent)
            day = order_day_[order];
          note(quote_day_, t->text_at(Field::quote_id, r), day);
        }
  }

  std::uint32_t status_index(StrId status) {
    auto it = status_cache_.find(status);
    if (it != status_cache_.end()) return it->second;
    const std::string folded = config::fold_status(strings_.view(status));
    auto [slot, added] = status_by_fold_.emplace(folded, static_cast<std::uint32_t>(folds_.size()));
    if (added) {
      folds_.push_back(folded);
      out_.status_label.push_back(status);
    }
    status_cache_.emplace(status, slot->second);
    return slot->second;
  }

  void read_deals(const Table& t) {
    if (t.has(Field::amount)) out_.has_amount = true;
    for (std::size_t r = 0; r < t.rows; ++r) {
      const StrId id = t.text(Field::deal_id)[r];
      if (id == kNoStr) continue;
      bool added;
      const std::uint32_t d = deals_.get(id, added);
      if (added) {
        raw_rep_.push_back(kNoStr);
        raw_order_.push_back(kNoStr);
        raw_status_.push_back(kNoIndex);
        raw_closed_.push_back(kNoDay);
        out_.customer.push_back(kNoStr);
        out_.created.push_back(kNoDay);
        out_.updated.push_back(kNoDay);
        out_.expires.push_back(kNoDay);
        out_.amount.push_back(kNaN);
        out_.original_amount.push_back(kNaN);
      } else {
        ++repeated_rows_;
      }
      // The first row of a deal id wins; later rows only fill its gaps.
      fill(out_.customer[d], customers_.account(t.text_at(Field::customer_id, r)));
      fill(raw_rep_[d], t.text_at(Field::sales_rep, r));
      fill(raw_order_[d], t.text_at(Field::order_id, r));
      fill_day(out_.created[d], t.day_at(Field::created_at, r));
      fill_day(out_.updated[d], t.day_at(Field::updated_at, r));
      fill_day(out_.expires[d], t.day_at(Field::expires_at, r));
      fill_day(raw_closed_[d], t.day_at(Field::closed_at, r));
      fill_number(out_.amount[d], t.number_at(Field::amount, r));
      fill_number(out_.original_amount[d], t.number_at(Field::original_amount, r));
      const StrId status = t.text_at(Field::status, r);
      if (raw_status_[d] == kNoIndex && status != kNoStr) raw_status_[d] = status_index(status);
    }
  }

  static void fill(StrId& slot, StrId value) {
    if (slot == kNoStr) slot = value;
  }
  static void fill_day(Day& slot, Day value) {
    if (slot == kNoDay) slot = value;
  }
  static void fill_number(double& slot, double value) {
    if (std::isnan(slot)) slot = value;
  }

  void read_events() {
    const std::size_t n = deals_.ids().size();
    out_.events.assign(n, 0);
    out_.rounds.assign(n, 0);
    out_.first_event.assign(n, kNoDay);
    out_.last_event.assign(n, kNoDay);
    const std::string rounds_status = config::fold_status(settings_.rounds_status);
    std::unordered_map<StrId, bool> is_round;
    std::vector<std::tuple<std::uint32_t, Day, std::uint32_t>> sequence;  // (deal, day, status)
    for (const Table* t : dataset_.tables_of(Role::deal_events)) {
      out_.has_events = true;
      for (std::size_t r = 0; r < t->rows; ++r) {
        const StrId id = t->text(Field::deal_id)[r];
        const std::uint32_t d = id == kNoStr ? kNoIndex : deals_.find(id);
        const Day day = t->day_at(Field::timestamp, r);
        if (d == kNoIndex || day == kNoDay) {
          ++orphan_events_;
          continue;
        }
        const StrId status = t->text_at(Field::status, r);
        auto it = is_round.find(status);
        if (it == is_round.end())
          it = is_round.emplace(status, config::fold_status(strings_.view(status)) == rounds_status)
                   .first;
        ++out_.events[d];
        if (it->second) ++out_.rounds[d];
        out_.first_event[d] = earlier(out_.first_event[d], day);
        out_.last_event[d] = later(out_.last_event[d], day);
        if (status != kNoStr) sequence.emplace_back(d, day, status_index(status));
      }
    }
    stable_sort_by(sequence, [](const auto& a, const auto& b) {
      return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    });
    out_.event_begin.assign(n + 1, 0);
    for (const auto& e : sequence) ++out_.event_begin[std::get<0>(e) + 1];
    for (std::size_t d = 0; d < n; ++d) out_.event_begin[d + 1] += out_.event_begin[d];
    for (const auto& e : sequence) {
      out_.event_day.push_back(std::get<1>(e));
      out_.event_status.push_back(std::get<2>(e));
    }
  }

  void read_reps() {
    // Deal reps first, in deal order, so that the sales_reps file only appends.
    raw_rep_index_.resize(raw_rep_.size());
    for (std::size_t d = 0; d < raw_rep_.size(); ++d) raw_rep_index_[d] = rep_index(resolve_rep(d));
    for (const Table* t : dataset_.tables_of(Role::sales_reps))
      for (std::size_t r = 0; r < t->rows; ++r) {
        const StrId id = t->text_at(Field::sales_rep, r);
        if (id == kNoStr) continue;
        const std::uint32_t k = rep_index(id);
        if (k >= names_.size()) names_.resize(k + 1, {kNoStr, kNoStr, kNoStr});
        fill(names_[k][0], t->text_at(Field::rep_name, r));
        fill(names_[k][1], t->text_at(Field::manager, r));
        fill(names_[k][2], t->text_at(Field::team, r));
      }
  }

  std::uint32_t rep_index(StrId id) {
    bool added;
    return reps_.get(id, added);
  }

  StrId resolve_rep(std::size_t d) const {
    if (raw_rep_[d] != kNoStr) return raw_rep_[d];
    const CustomerInfo* info = customers_.find(out_.customer[d]);
    if (info && info->rep != kNoStr) return info->rep;
    return unassigned_;
  }

  /// Settings::stage_order first, then known labels and CRM stages, then first appearance.
  void rank_statuses() {
    const std::size_t n = folds_.size();
    std::vector<std::pair<std::size_t, std::size_t>> keys(n);  // (tier position, first seen)
    std::unordered_map<std::string, std::size_t> tier;
    std::size_t at = 0;
    for (const std::string& s : settings_.stage_order) tier.emplace(config::fold_status(s), at++);
    for (const char* s : kKnownStages) tier.emplace(s, at++);
    for (std::size_t i = 0; i < n; ++i) {
      auto it = tier.find(folds_[i]);
      keys[i] = {it == tier.end() ? at : it->second, i};
    }
    std::vector<std::uint32_t> order(n);
    for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
    sort_by(order, [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
    out_.status_rank.assign(n, 0);
    for (std::uint32_t r = 0; r < n; ++r) out_.status_rank[order[r]] = r;

    std::unordered_map<std::string, Outcome> sets;
    for (const std::string& s : settings_.lost_statuses)
      sets[config::fold_status(s)] = Outcome::lost;
    for (const std::string& s : settings_.won_statuses)
      sets[config::fold_status(s)] = Outcome::won;  // won wins
    out_.status_outcome.assign(n, Outcome::open);
    for (std::size_t i = 0; i < n; ++i) {
      auto it = sets.find(folds_[i]);
      if (it != sets.end()) out_.status_outcome[i] = it->second;
    }
  }

  /// The order-linked date of deal d: kAbsent when no order links it.
  Day linked_order_day(std::size_t d) const {
    if (order_day_.empty()) return kAbsent;
    const StrId order = raw_order_[d];
    const Day by_order = order != kNoStr ? order_day_[order] : kAbsent;
    const Day by_quote = quote_day_[out_.deal_id[d]];
    if (by_order != kAbsent && by_order != kNoDay) return by_order;
    if (by_quote != kAbsent && by_quote != kNoDay) return by_quote;
    return by_order != kAbsent ? by_order : by_quote;
  }

  void resolve() {
    out_.deal_id = deals_.ids();
    const std::size_t n = out_.deal_id.size();
    out_.rep = raw_rep_index_;
    out_.status.resize(n);
    out_.outcome.resize(n);
    out_.close.assign(n, kNoDay);
    out_.last_activity.resize(n);
    out_.customer_catalog.assign(n, kNoStr);
    std::size_t undated_closed = 0;
    for (std::size_t d = 0; d < n; ++d) {
      const std::uint32_t s = raw_status_[d];
      out_.status[d] = s;
      const Day order_day = linked_order_day(d);
      Outcome outcome = order_day != kAbsent ? Outcome::won : out_.status_outcome[s];
      out_.outcome[d] = outcome;
      if (outcome != Outcome::open) {
        Day close = raw_closed_[d];
        if (close == kNoDay && outcome == Outcome::won && order_day != kAbsent) close = order_day;
        if (close == kNoDay) close = out_.last_event[d];
        if (close == kNoDay) close = out_.updated[d];
        out_.close[d] = close;
        if (close == kNoDay) ++undated_closed;
      }
      out_.last_activity[d] = later(out_.last_event[d], out_.updated[d]);
      if (const CustomerInfo* info = customers_.find(out_.customer[d]))
        out_.customer_catalog[d] = catalog_names_(info->catalog);
      for (Day day : {out_.created[d], out_.updated[d], out_.close[d], out_.first_event[d],
                      out_.last_event[d]}) {
        out_.first_day = earlier(out_.first_day, day);
        out_.last_day = later(out_.last_day, day);
      }
    }
    if (repeated_rows_ > 0)
      out_.warnings.push_back(Message(ids::kWarnRepeatedDeals,
                                      std::to_string(repeated_rows_) +
                                          " deal rows repeat a deal id seen before: the first "
                                          "row's values are kept, later rows only fill its empty "
                                          "fields")
                                  .count("n", repeated_rows_));
    if (orphan_events_ > 0)
      out_.warnings.push_back(
          Message(ids::kWarnOrphanEvents, std::to_string(orphan_events_) +
                                              " quote history events name no loaded deal and are "
                                              "left out")
              .count("n", orphan_events_));
    if (undated_closed > 0)
      out_.warnings.push_back(Message(ids::kWarnUndatedClosed,
                                      std::to_string(undated_closed) +
                                          " won or lost deals have no close date (no closed_at, "
                                          "order, history or updated_at) and count in no period")
                                  .count("n", undated_closed));
  }

  void describe_reps() {
    out_.reps = reps_.ids();
    names_.resize(out_.reps.size(), {kNoStr, kNoStr, kNoStr});
    for (const auto& n : names_) {
      out_.rep_name.push_back(n[0]);
      out_.rep_manager.push_back(n[1]);
      out_.rep_team.push_back(n[2]);
    }
  }

  const Dataset& dataset_;
  const config::Settings& settings_;
  StringPool& strings_;
  StrId unassigned_;
  std::size_t pool_size_;
  DenseIndex deals_;
  DenseIndex reps_;
  CustomerDirectory customers_;
  CatalogNames catalog_names_;
  std::vector<Day> order_day_;  // by order id; kAbsent = no such order
  std::vector<Day> quote_day_;  // by deal id named in an order's quote_id
  std::unordered_map<StrId, std::uint32_t> status_cache_;
  std::unordered_map<std::string, std::uint32_t> status_by_fold_;
  std::vector<std::string> folds_;
  std::vector<StrId> raw_rep_;
  std::vector<std::uint32_t> raw_rep_index_;
  std::vector<StrId> raw_order_;
  std::vector<std::uint32_t> raw_status_;
  std::vector<Day> raw_closed_;
  std::vector<std::array<StrId, 3>> names_;  // name, manager, team per rep
  std::size_t repeated_rows_ = 0;
  std::size_t orphan_events_ = 0;
  DealFacts out_;
};

}  // namespace

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::won:
      return "won";
    case Outcome::lost:
      return "lost";
    default:
      return "open";
  }
}

DealFacts build_deal_facts(const Dataset& dataset, const config::Settings& settings,
                           StringPool& strings) {
  return DealBuilder(dataset, settings, strings).build();
}

}  // namespace pulse::kpi
