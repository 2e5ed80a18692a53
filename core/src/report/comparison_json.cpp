#include "pulse/report/comparison_json.h"

#include "json_values.h"
#include "pulse/report/deals_json.h"
#include "pulse/report/report_json.h"

namespace pulse::report {
namespace {

void write_period(JsonWriter& w, const std::optional<kpi::PeriodFigures>& p) {
  if (!p) {
    w.null();
    return;
  }
  w.begin_object();
  w.key("from"), day_value(w, p->from);
  w.key("to"), day_value(w, p->to);
  w.key("customers");
  if (p->customers) {
    w.begin_object();
    write_customer_summary_fields(w, *p->customers);
    w.end_object();
  } else {
    w.null();
  }
  w.key("negotiations");
  if (p->negotiations)
    write_negotiation_summary(w, *p->negotiations);
  else
    w.null();
  w.end_object();
}

}  // namespace

void write_comparisons(JsonWriter& w, const kpi::PeriodComparison& comparison) {
  w.key("comparisons");
  w.begin_object();
  w.key("previous"), write_period(w, comparison.previous);
  w.key("year_ago"), write_period(w, comparison.year_ago);
  w.end_object();
}

}  // namespace pulse::report
