#include "report_trees.h"

#include "pulse/report/deals_json.h"
#include "pulse/report/json_writer.h"
#include "pulse/report/report_json.h"

namespace pulse::test {
namespace {

template <class Write>
nlohmann::json as_tree(Write write) {
  report::JsonWriter w;
  write(w);
  return nlohmann::json::parse(w.str());
}

}  // namespace

nlohmann::json load_tree(const LoadReport& load) {
  return as_tree([&](report::JsonWriter& w) { report::write_load(w, load); });
}

nlohmann::json negotiations_tree(const kpi::NegotiationReport& report, const kpi::DealFacts& deals,
                                 const StringPool& strings) {
  return as_tree(
      [&](report::JsonWriter& w) { report::write_negotiations(w, report, deals, strings); });
}

}  // namespace pulse::test
