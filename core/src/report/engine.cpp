#include "pulse/report/engine.h"

#include "pulse/kpi/catalogs.h"
#include "pulse/kpi/customer_profiles.h"
#include "pulse/kpi/scope.h"
#include "pulse/report/report_json.h"

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
  if (loader_) {
    loader_->finish();
    loader_.reset();
    facts_.reset();
  }
  return dataset_.loads.back();
}

const LoadReport& Engine::load_path(const std::string& path, const std::string& display_name,
                                    const ingest::FileOptions& options) {
  if (loader_) finish_file();
  ingest::load_path(dataset_, path, display_name, options);
  facts_.reset();
  return dataset_.loads.back();
}

void Engine::clear() {
  loader_.reset();
  facts_.reset();
  dataset_ = Dataset{};
}

const kpi::Facts& Engine::facts_for(const kpi::Settings& settings) {
  if (!facts_ || facts_exclusions_ != settings.excluded_statuses) {
    facts_ = kpi::build_facts(dataset_, settings, dataset_.strings);
    facts_exclusions_ = settings.excluded_statuses;
  }
  return *facts_;
}

json Engine::report(const kpi::Settings& settings) {
  const kpi::Facts& facts = facts_for(settings);
  const kpi::Scope scope = kpi::resolve_scope(settings, dataset_.strings, facts.first_day, facts.last_day);
  auto day_json = [](Day d) { return d == kNoDay ? json(nullptr) : json(format_day(d)); };
  auto text_json = [](const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); };

  json doc;
  doc["as_of"] = day_json(scope.as_of);
  doc["period"] = {{"from", day_json(scope.from)}, {"to", day_json(scope.to)}};
  doc["filters"] = {{"catalog", text_json(settings.catalog)},
                    {"sales_rep", text_json(settings.sales_rep)},
                    {"customer", text_json(settings.customer)}};
  doc["load"] = json::array();
  for (const LoadReport& load : dataset_.loads) doc["load"].push_back(load_to_json(load));
  doc["warnings"] = facts.warnings;

  const bool have_orders = !dataset_.tables_of(Role::order_lines).empty() ||
                           !dataset_.tables_of(Role::orders).empty();
  if (!have_orders || scope.as_of == kNoDay) {
    doc["customers"] = unavailable(have_orders ? "no order has a readable date"
                                               : "load order lines or orders to see customer profiles");
  } else {
    doc["customers"] = customers_to_json(kpi::customer_profiles(facts, scope, settings, dataset_.strings),
                                         facts, dataset_.strings);
  }
  if (!facts.has_lines || scope.as_of == kNoDay) {
    doc["catalogs"] = unavailable(have_orders ? "the catalogs need order lines (line items with SKUs); only order headers are loaded"
                                              : "load order lines to compare catalogs and products");
  } else {
    doc["catalogs"] = catalogs_to_json(kpi::catalog_report(facts, scope, settings, dataset_.strings),
                                       facts, dataset_.strings);
  }
  doc["negotiations"] = unavailable("deals are not supported yet: load deals when this version reads them");
  doc["sales_team"] = unavailable("deals are not supported yet: load deals when this version reads them");
  return doc;
}

}  // namespace pulse::report
