#include "pulse/report/engine.h"

#include <algorithm>

#include "json_values.h"

#include "pulse/error.h"
#include "pulse/error_ids.h"
#include "pulse/error_message.h"
#include "pulse/kpi/attention.h"
#include "pulse/kpi/catalogs.h"
#include "pulse/kpi/customer_profiles.h"
#include "pulse/kpi/negotiations.h"
#include "pulse/kpi/period_comparison.h"
#include "pulse/kpi/sales_team.h"
#include "pulse/kpi/scope.h"
#include "pulse/kpi/win_calibration.h"
#include "pulse/message_codes.h"
#include "pulse/report/attention_json.h"
#include "pulse/report/comparison_json.h"
#include "pulse/report/deals_json.h"
#include "pulse/report/report_json.h"
#include "pulse/summary/summary_facts.h"

namespace pulse::report {

using nlohmann::json;

Engine::Engine() = default;
Engine::~Engine() = default;

void Engine::begin_file(std::string name, ingest::FileOptions options) {
  if (loader_) finish_file();
  loader_ = std::make_unique<ingest::FileLoader>(dataset_, std::move(name), std::move(options));
}

void Engine::feed(std::string_view bytes) {
  if (loader_) loader_->feed(bytes);
}

const LoadReport& Engine::finish_file() {
  if (!loader_) {
    no_file_.error = with_id(ids::kEngineNoFile, "no file was begun");
    return no_file_;
  }
  loader_->finish();
  loader_.reset();
  refuse_double_count();
  drop_caches();
  return dataset_.loads.back();
}

void Engine::abandon_file() {
  // The loader adds its table and report only in finish(), so dropping it leaves no trace.
  loader_.reset();
}

const LoadReport& Engine::load_path(const std::string& path, const std::string& display_name,
                                    const ingest::FileOptions& options) {
  if (loader_) finish_file();
  ingest::load_path(dataset_, path, display_name, options);
  refuse_double_count();
  drop_caches();
  return dataset_.loads.back();
}

Dataset& Engine::dataset_to_load() {
  if (loader_) finish_file();
  return dataset_;
}

const LoadReport& Engine::loaded() {
  refuse_double_count();
  drop_caches();
  return dataset_.loads.back();
}

std::vector<summary::SummaryFile> Engine::summaries(const config::Settings& settings) {
  return summary::write_summaries(dataset_, facts_for(settings));
}

void Engine::refuse_double_count() {
  const auto error = summary::double_count_error(dataset_);
  if (!error || dataset_.tables.empty() || dataset_.loads.back().rows_loaded == 0) return;
  // The file just loaded made the mix: it is refused whole, the files before it stay.
  dataset_.tables.pop_back();
  LoadReport& load = dataset_.loads.back();
  load.error = *error;
  load.role.clear();
  load.rows_skipped = load.rows_read;
  load.rows_loaded = 0;
}

void Engine::clear() {
  loader_.reset();
  kept_lists_.clear();
  drop_caches();
  dataset_ = Dataset{};
}

void Engine::drop_caches() {
  last_.reset();
  facts_.reset();
  deals_.reset();
  outlook_.reset();
  points_.reset();
  suggestions_.reset();
  order_totals_.reset();
  order_totals_facts_ = nullptr;
  text_bytes_hint_ = 0;
}

const kpi::Facts& Engine::facts_for(const config::Settings& settings) {
  if (!facts_ || facts_exclusions_ != settings.excluded_statuses) {
    // Summary tables (docs/summaries.md) are layer 1 already written: the same facts from them.
    facts_ = summary::has_order_summaries(dataset_)
                 ? summary::facts_from_summaries(dataset_, dataset_.strings)
                 : kpi::build_facts(dataset_, settings, dataset_.strings);
    facts_exclusions_ = settings.excluded_statuses;
    last_.reset();
    outlook_.reset();
    points_.reset();
    suggestions_.reset();
    order_totals_.reset();
    order_totals_facts_ = nullptr;
  }
  return *facts_;
}

const kpi::DealFacts& Engine::deals_for(const config::Settings& settings) {
  std::vector<std::vector<std::string>> key{settings.won_statuses,
                                            settings.lost_statuses,
                                            settings.stage_order,
                                            {settings.rounds_status}};
  if (!deals_ || deals_key_ != key) {
    deals_ = kpi::build_deal_facts(dataset_, settings, dataset_.strings);
    deals_key_ = std::move(key);
  }
  return *deals_;
}

const kpi::CustomerOutlook& Engine::outlook_for(const kpi::Facts& facts, Day as_of,
                                                const config::Settings& settings) {
  // The model sees every order up to as_of whatever the filters, so a filter change reuses it.
  const std::vector<double> key{static_cast<double>(as_of),
                                static_cast<double>(settings.horizon_days),
                                static_cast<double>(settings.shrinking_recent_orders)};
  if (!outlook_ || outlook_key_ != key || outlook_facts_ != &facts) {
    outlook_ = kpi::customer_outlook(facts, as_of, settings);
    outlook_key_ = key;
    outlook_facts_ = &facts;
  }
  return *outlook_;
}

const kpi::OrderTotals* Engine::order_totals_for(const kpi::Facts& facts) {
  // Every line of each order summed once, from the second report over the same facts on (a
  // re-filter): the profiles of the period, the period before and a year earlier, and each
  // re-filter after, then add orders, not lines (order_totals.h). A single report (the CLI's,
  // a page's first) reads lines, as fast, and never holds the sums: 144 bytes an order, 164 MB
  // for the 1.1 M orders of the 2.18 GB benchmark file (docs/performance.md "Each order summed
  // once").
  if (order_totals_facts_ != &facts) {
    order_totals_.reset();
    order_totals_facts_ = &facts;
    reports_on_facts_ = 0;
  }
  if (!order_totals_ && ++reports_on_facts_ >= 2) order_totals_ = kpi::order_totals(facts);
  return order_totals_ ? &*order_totals_ : nullptr;
}

const kpi::ProductPoints& Engine::points_for(const kpi::Facts& facts,
                                             const config::Settings& settings) {
  // The points depend on the facts and the period unit only: filters select among them.
  const bool monthly = settings.elasticity_period == "month";
  if (!points_ || points_->monthly != monthly || points_facts_ != &facts) {
    points_ = kpi::product_points(facts, monthly);
    points_facts_ = &facts;
  }
  return *points_;
}

const std::vector<kpi::NonProductSuggestion>& Engine::suggestions_for(const kpi::Facts& facts) {
  if (!suggestions_) suggestions_ = kpi::suggest_non_products(facts, dataset_.strings);
  return *suggestions_;
}

namespace {

Day earlier(Day a, Day b) {
  return a == kNoDay ? b : (b == kNoDay ? a : std::min(a, b));
}
Day later(Day a, Day b) {
  return a == kNoDay ? b : (b == kNoDay ? a : std::max(a, b));
}

Message no_deals() {
  return {
      ids::kNoDealsLoaded,
      "load deals (quotes or opportunities) to see negotiations: a file with deal_id and status"};
}

}  // namespace

/// The dashboards of the last report's settings (each computed when first asked for), for the
/// next report with the same settings: the page asks for the view's sections, then for the
/// whole report, which then only writes what the first one computed.
struct Engine::Dashboards {
  std::optional<kpi::CustomerReport> profiles;
  std::optional<kpi::CatalogReport> catalogs;
  std::optional<kpi::NegotiationReport> negotiation;  // with team: the deal dashboards
  std::optional<kpi::SalesTeamReport> team;
};

namespace {

/// `negotiations` needs deals; `sales_team` needs deals or orders (`facts` null without). Both
/// are computed (into `d`, unless there already) whenever one of them or the attention list is
/// asked for; only the sections asked for are written.
void write_deal_dashboards(JsonWriter& w, Engine::Dashboards& d, const kpi::DealFacts& deals,
                           const kpi::Facts* facts, const kpi::OrderTotals* order_totals,
                           const kpi::Scope& scope, const config::Settings& settings,
                           StringPool& strings, Sections sections) {
  const bool negotiations_key = sections.has(Section::negotiations);
  const bool team_key = sections.has(Section::sales_team);
  if (!deals.has_deals && !facts) {
    if (negotiations_key) w.key("negotiations"), write_unavailable(w, no_deals());
    if (team_key) {
      w.key("sales_team");
      write_unavailable(
          w, Message(ids::kNoDealsOrOrders,
                     "load deals (quotes or opportunities) or orders to see the sales team"));
    }
    return;
  }
  if (scope.as_of == kNoDay) {
    const Message why(ids::kNoDatedDealOrOrder,
                      "no deal or order has a readable date: set as_of or map a date column");
    if (negotiations_key)
      w.key("negotiations"), write_unavailable(w, deals.has_deals ? why : no_deals());
    if (team_key) w.key("sales_team"), write_unavailable(w, why);
    return;
  }
  if (!d.negotiation) {
    const kpi::DealSelection selection = kpi::select_deals(deals, facts, scope, strings);
    kpi::NegotiationReport& negotiation =
        d.negotiation.emplace(kpi::negotiations(deals, selection, scope, settings, strings));
    // How far to trust the win chances: the deals of 90 days ago against what became of them.
    if (deals.has_deals)
      negotiation.calibration = kpi::win_calibration(deals, facts, scope, settings, strings);
    // The sales team reads the customers' statuses (computed before the deals, report_text).
    d.team.emplace(kpi::sales_team(deals, selection, negotiation, facts,
                                   d.profiles ? &*d.profiles : nullptr, scope, settings, strings,
                                   order_totals));
  }
  if (negotiations_key) {
    w.key("negotiations");
    if (deals.has_deals)
      write_negotiations(w, *d.negotiation, deals, strings);
    else
      write_unavailable(w, no_deals());
  }
  if (team_key) w.key("sales_team"), write_sales_team(w, *d.team, deals, strings);
}

}  // namespace

json Engine::report(const config::Settings& settings, Sections sections) {
  return json::parse(report_text(settings, sections));
}

std::string Engine::report_text(const config::Settings& settings, Sections sections) {
  kept_lists_.clear();  // the last report's lists go before this one's are made
  const kpi::Facts& facts = facts_for(settings);
  const kpi::DealFacts& deals = deals_for(settings);
  // as_of defaults to the latest order or deal date, from to the earliest (SPEC §3 Scope).
  const kpi::Scope scope =
      kpi::resolve_scope(settings, dataset_.strings, earlier(facts.first_day, deals.first_day),
                         later(facts.last_day, deals.last_day));
  // A catalog filter that picks lines makes its profiles read lines: such a report neither sums
  // the orders nor counts towards summing them.
  const kpi::OrderTotals* order_totals =
      kpi::catalog_keeps_every_line(scope, facts) ? order_totals_for(facts) : nullptr;
  const StringPool& strings = dataset_.strings;
  JsonWriter w;
  w.reserve(text_bytes_hint_);
  w.ascii_only(ascii_report_);
  w.keep_tables(keep_lists_);
  auto text_value = [&](const std::optional<std::string>& s) {
    if (s)
      w.value(*s);
    else
      w.null();
  };

  w.begin_object();
  w.key("as_of"), day_value(w, scope.as_of);
  w.key("period");
  w.begin_object();
  w.key("from"), day_value(w, scope.from);
  w.key("to"), day_value(w, scope.to);
  w.end_object();
  w.key("filters");
  w.begin_object();
  w.key("catalog"), text_value(settings.catalog);
  w.key("sales_rep"), text_value(settings.sales_rep);
  w.key("customer"), text_value(settings.customer);
  w.end_object();
  w.key("load");
  w.begin_array();
  for (const LoadReport& load : dataset_.loads) write_load(w, load);
  w.end_array();
  w.key("warnings");
  w.begin_array();
  for (const Message& warning : facts.warnings) message_value(w, warning);
  for (const Message& warning : deals.warnings) message_value(w, warning);
  for (const Message& warning : config::unknown_setting_warnings(settings))
    message_value(w, warning);
  w.end_array();

  const bool have_orders = !dataset_.tables_of(Role::order_lines).empty() ||
                           !dataset_.tables_of(Role::orders).empty() ||
                           summary::has_order_summaries(dataset_);
  // What each asked section reads: the sales team reads the customers' statuses, the attention
  // list reads the four dashboards; a dashboard not asked for is neither computed nor written.
  const bool want_customers = sections.has(Section::customers);
  const bool want_catalogs = sections.has(Section::catalogs);
  const bool want_attention = sections.has(Section::attention);
  const bool want_deals =
      sections.has(Section::negotiations) || sections.has(Section::sales_team) || want_attention;
  const bool dated_orders = have_orders && scope.as_of != kNoDay;
  // The same settings as the last report's: what it computed is reused (Dashboards). The key is
  // every setting as the workspace file writes them (a new setting must be written there).
  std::string key = config::settings_to_json(settings).dump();
  if (!last_ || last_key_ != key) {
    last_ = std::make_unique<Dashboards>();
    last_key_ = std::move(key);
  }
  Dashboards& d = *last_;
  if (dated_orders && (want_customers || want_deals) && !d.profiles)
    d.profiles = kpi::customer_profiles(facts, scope, settings, strings,
                                        &outlook_for(facts, scope.as_of, settings), order_totals);
  const std::optional<kpi::CustomerReport>& profiles = d.profiles;
  if (want_customers) {
    w.key("customers");
    if (!profiles)
      write_unavailable(w, have_orders
                               ? Message(ids::kNoDatedOrder, "no order has a readable date")
                               : Message(ids::kNoOrdersLoaded,
                                         "load order lines or orders to see customer profiles"));
    else
      write_customers(w, *profiles, facts, strings);
  }
  const bool catalogs_available = facts.has_lines && scope.as_of != kNoDay;
  if (catalogs_available && (want_catalogs || want_attention) && !d.catalogs)
    d.catalogs.emplace(kpi::catalog_report(facts, scope, settings, strings,
                                           &points_for(facts, settings), &suggestions_for(facts)));
  const std::optional<kpi::CatalogReport>& catalogs = d.catalogs;
  if (want_catalogs) {
    w.key("catalogs");
    if (!catalogs_available)
      write_unavailable(
          w, have_orders ? Message(ids::kOnlyOrderHeaders,
                                   "the catalogs need order lines (line items with SKUs); only "
                                   "order headers are loaded")
                         : Message(ids::kNoOrderLines,
                                   "load order lines to compare catalogs and products"));
    else
      write_catalogs(w, *catalogs, facts, strings);
  }
  if (want_deals)
    write_deal_dashboards(w, d, deals, have_orders ? &facts : nullptr, order_totals, scope,
                          settings, dataset_.strings, sections);
  if (want_attention) {
    // What needs action this week, read from the four dashboards above (docs/kpi.md).
    kpi::AttentionSources sources;
    sources.facts = &facts;
    sources.customers = profiles ? &*profiles : nullptr;
    sources.catalogs = catalogs ? &*catalogs : nullptr;
    sources.deals = &deals;
    sources.negotiation = d.negotiation ? &*d.negotiation : nullptr;
    sources.team = d.team ? &*d.team : nullptr;
    write_attention(w, kpi::attention_list(sources, scope, settings, strings));
  }
  if (sections.has(Section::comparisons)) {
    // The tiles' "compared with what?": the previous period and the same dates a year earlier.
    // The return model is the one the customers' profiles read (kept across reports).
    const kpi::CustomerOutlook* outlook =
        dated_orders ? &outlook_for(facts, scope.as_of, settings) : nullptr;
    write_comparisons(w, kpi::compare_periods(dated_orders ? &facts : nullptr, deals, scope,
                                              settings, strings, outlook, order_totals));
  }
  w.end_object();
  text_bytes_hint_ = std::max(text_bytes_hint_, w.str().size());
  kept_lists_ = w.take_kept_tables();
  return w.take();
}

}  // namespace pulse::report
