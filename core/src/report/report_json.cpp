#include "pulse/report/report_json.h"

#include "json_values.h"
#include "pulse/error_message.h"

namespace pulse::report {
namespace {

using nlohmann::json;

void text_or_null(JsonWriter& w, const std::string& text) {
  if (text.empty())
    w.null();
  else
    w.value(text);
}

void string_map(JsonWriter& w, const std::map<std::string, std::string>& map) {
  w.begin_object();
  for (const auto& [k, v] : map) {
    w.key(k);
    w.value(v);
  }
  w.end_object();
}

// {"code", "params"}: the coded form of a reason whose English text is written beside it.
void message_code(JsonWriter& w, const Message& m) {
  w.begin_object();
  w.key("code"), w.value(m.code);
  w.key("params"), message_params(w, m.params);
  w.end_object();
}

void message_code_or_null(JsonWriter& w, const Message& m) {
  if (m.code.empty())
    w.null();
  else
    message_code(w, m);
}

void message_code_map(JsonWriter& w, const std::map<std::string, Message>& map) {
  w.begin_object();
  for (const auto& [k, m] : map) {
    w.key(k);
    message_code(w, m);
  }
  w.end_object();
}

void elasticity_value(JsonWriter& w, const std::optional<kpi::Elasticity>& e) {
  if (!e) {
    w.null();
    return;
  }
  w.begin_object();
  w.key("slope"), w.value(e->slope);
  w.key("std_error"), w.value(e->std_error);
  w.key("r2"), w.value(e->r2);
  w.key("n"), w.value(static_cast<std::uint64_t>(e->n));
  w.key("confidence"), w.value(e->confidence);
  w.key("ci_low"), w.value(e->ci_low);
  w.key("ci_high"), w.value(e->ci_high);
  w.key("seasonally_adjusted"), w.value(e->seasonally_adjusted);
  w.key("adjusted_slope"), w.value(e->adjusted_slope);
  w.key("adjusted_std_error"), w.value(e->adjusted_std_error);
  w.key("pooled_slope"), w.value(e->pooled_slope);
  w.key("pooled_std_error"), w.value(e->pooled_std_error);
  w.key("pooled_ci_low"), w.value(e->pooled_ci_low);
  w.key("pooled_ci_high"), w.value(e->pooled_ci_high);
  w.key("pool_skus"), w.value(static_cast<std::uint64_t>(e->pool_skus));
  w.key("class"), w.value(e->klass);
  w.end_object();
}

// The projected effect of a price cut, point and interval ends, with the given key prefix.
void cut_effect_fields(JsonWriter& w, const kpi::CutEffectRange& r) {
  w.key("projected_units_change_pct"), w.value(r.point.units_change_pct);
  w.key("projected_units_change_pct_low"), w.value(r.low.units_change_pct);
  w.key("projected_units_change_pct_high"), w.value(r.high.units_change_pct);
  w.key("projected_revenue_change"), w.value(r.point.revenue_change);
  w.key("projected_revenue_change_low"), w.value(r.low.revenue_change);
  w.key("projected_revenue_change_high"), w.value(r.high.revenue_change);
  w.key("projected_margin_change"), w.value(r.point.margin_change);
  w.key("projected_margin_change_low"), w.value(r.low.margin_change);
  w.key("projected_margin_change_high"), w.value(r.high.margin_change);
}

void assortment_value(JsonWriter& w, const kpi::CatalogReport& r, const kpi::Facts& facts,
                      const StringPool& s) {
  w.begin_array();
  for (const kpi::CatalogAssortment& a : r.assortment) {
    w.begin_object();
    w.key("catalog"), text_value(w, s, facts.catalogs[a.catalog]);
    w.key("gaps_total"), w.value(static_cast<std::uint64_t>(a.gaps_total));
    w.key("gaps");
    w.begin_array();
    for (const kpi::AssortmentGap& g : a.gaps) {
      w.begin_object();
      w.key("sku"), text_value(w, s, g.sku);
      w.key("product_name"),
          text_value(w, s, facts.products[r.products[g.example_item].product].name);
      w.key("reason_code"), w.value(g.reason);
      w.key("top_in"), w.value(static_cast<std::uint64_t>(g.top_in));
      w.key("other_catalogs"), w.value(static_cast<std::uint64_t>(g.other_catalogs));
      w.key("median_share_where_top"), w.value(g.median_share_where_top);
      w.key("revenue_share_here"), w.value(g.revenue_share_here);
      w.key("revenue_rank_here"), w.value(g.revenue_rank_here);
      w.end_object();
    }
    w.end_array();
    w.key("drop_candidates_total"), w.value(static_cast<std::uint64_t>(a.drop_candidates_total));
    w.key("drop_candidates");
    w.begin_array();
    for (const kpi::DropCandidate& d : a.drop_candidates) {
      const kpi::ProductRow& p = r.products[d.item];
      w.begin_object();
      w.key("sku"), text_value(w, s, facts.products[p.product].sku);
      w.key("product_name"), text_value(w, s, facts.products[p.product].name);
      w.key("reason_code"), w.value(d.reason);
      w.key("revenue"), w.value(p.revenue);
      w.key("units"), w.value(p.units);
      w.key("margin"), w.value(p.margin);
      w.key("abc"), w.value(std::string_view(&p.abc, 1));
      w.key("units_rank"), w.value(d.units_rank);
      w.key("margin_rank"), w.value(d.margin_rank);
      w.key("sold_in"), w.value(static_cast<std::uint64_t>(d.sold_in));
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

// Fields every product and discount candidate row starts with.
void product_head(JsonWriter& w, const kpi::ProductRow& p, const kpi::Facts& facts,
                  const StringPool& s) {
  const auto& prod = facts.products[p.product];
  w.key("catalog"), text_value(w, s, facts.catalogs[prod.catalog]);
  w.key("sku"), text_value(w, s, prod.sku);
  w.key("product_name"), text_value(w, s, prod.name);
}

/// The return model behind the customers' probabilities (docs/kpi.md "Return probability").
void write_outlook(JsonWriter& w, const kpi::CustomerReport& r) {
  w.key("model");
  const kpi::CustomerOutlook* o = r.outlook;
  if (!o || !o->model) {
    w.null();
    return;
  }
  const kpi::FittedModel& m = *o->model;
  w.begin_object();
  w.key("name"), w.value(m.name);
  w.key("k"), w.value(static_cast<std::int64_t>(m.k));
  w.key("r"), w.value(m.r);
  w.key("alpha"), w.value(m.alpha);
  w.key("a"), w.value(m.a);
  w.key("b"), w.value(m.b);
  w.key("log_likelihood"), w.value(m.log_likelihood);
  w.key("customers"), w.value(m.customers);
  w.key("horizon_days"), w.value(static_cast<std::int64_t>(o->horizon_days));
  w.key("selection"),
      w.value("highest log-likelihood among converged fits (equal parameter counts: AIC)");
  w.key("candidates");
  w.begin_array();
  for (const kpi::ModelCandidate& c : o->candidates) {
    w.begin_object();
    w.key("name"), w.value(c.name);
    w.key("k"), w.value(static_cast<std::int64_t>(c.k));
    w.key("log_likelihood"), w.value(c.log_likelihood);
    w.key("converged"), w.value(c.converged);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

/// Retention and revenue kept by first-order month (docs/kpi.md "Cohorts").
void write_cohorts(JsonWriter& w, const kpi::CustomerReport& r) {
  w.key("cohorts");
  w.begin_object();
  w.key("last_month_partial"), w.value(r.last_month_partial);
  w.key("rows");
  w.begin_array();
  for (const kpi::CohortRow& c : r.cohorts) {
    w.begin_object();
    w.key("cohort"), w.value(format_month(c.month));
    w.key("customers"), w.value(c.customers);
    const double base = c.cells.empty() ? 0 : c.cells.front().revenue;
    w.key("cells");
    w.begin_array();
    for (const kpi::CohortCell& cell : c.cells) {
      w.begin_object();
      w.key("active"), w.value(cell.active);
      w.key("retention"),
          w.value(static_cast<double>(cell.active) / static_cast<double>(c.customers));
      w.key("revenue"), w.value(cell.revenue);
      w.key("revenue_retention");
      if (base > 0)
        w.value(cell.revenue / base);
      else
        w.null();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

void write_unavailable(JsonWriter& w, const Message& why) {
  w.begin_object();
  w.key("unavailable"), w.value(why.text);
  w.key("code"), w.value(why.code);
  w.key("params"), message_params(w, why.params);
  w.end_object();
}

void write_load(JsonWriter& w, const LoadReport& load) {
  w.begin_object();
  w.key("file"), w.value(load.file);
  w.key("role"), text_or_null(w, load.role);
  w.key("format"), text_or_null(w, load.format);
  w.key("delimiter"), text_or_null(w, load.delimiter);
  w.key("encoding"), text_or_null(w, load.encoding);
  w.key("encoding_reason"), text_or_null(w, load.encoding_reason);
  w.key("encoding_reason_code"), message_code_or_null(w, load.encoding_reason_code);
  w.key("recognized_as"), text_or_null(w, load.recognized_as);
  w.key("rows_read"), w.value(static_cast<std::uint64_t>(load.rows_read));
  w.key("rows_loaded"), w.value(static_cast<std::uint64_t>(load.rows_loaded));
  w.key("rows_skipped"), w.value(static_cast<std::uint64_t>(load.rows_skipped));
  w.key("lines"), w.value(static_cast<std::uint64_t>(load.lines));
  // Each problem as an object: the page words reason_code with params in its language; text
  // is the English sentence the CLI prints. At most problem_cap are listed.
  w.key("problem_cap"), w.value(static_cast<std::uint64_t>(LoadReport::kMaxProblems));
  w.key("problems");
  w.begin_array();
  for (const Problem& p : load.problems) {
    w.begin_object();
    w.key("file"), w.value(p.file);
    w.key("line");
    if (p.line > 0)
      w.value(static_cast<std::uint64_t>(p.line));
    else
      w.null();
    w.key("field"), text_or_null(w, p.field);
    w.key("reason_code"), w.value(p.reason.code);
    w.key("params"), message_params(w, p.reason.params);
    w.key("text"), w.value(p.to_string());
    w.end_object();
  }
  w.end_array();
  w.key("columns");
  w.begin_array();
  for (const std::string& c : load.columns) w.value(c);
  w.end_array();
  w.key("mapping"), string_map(w, load.mapping);
  w.key("mapping_reasons"), string_map(w, load.mapping_reasons);
  w.key("mapping_reason_codes"), message_code_map(w, load.mapping_reason_codes);
  w.key("conventions"), string_map(w, load.conventions);
  w.key("convention_codes"), message_code_map(w, load.convention_codes);
  w.key("notes");
  w.begin_array();
  for (const Message& n : load.notes) message_value(w, n);
  w.end_array();
  // Packed files and workbooks only: the keys are absent for plain text files.
  if (!load.container.empty()) w.key("container"), w.value(load.container);
  if (load.format == "xlsx") {
    w.key("sheet"), text_or_null(w, load.sheet);
    w.key("sheets");
    w.begin_array();
    for (const std::string& s : load.sheets) w.value(s);
    w.end_array();
  }
  w.key("error"), text_or_null(w, load.error);
  // A partial load (rows kept, then reading stopped) is not a refusal: null otherwise.
  w.key("stopped");
  if (load.partial()) {
    w.begin_object();
    w.key("line"), w.value(static_cast<std::uint64_t>(load.stopped_line));
    w.key("reason"), w.value(load.stopped);
    // The id the reason starts with ("[pulse.csv.003] ..."): the page words it in its language.
    w.key("code"), w.value(id_of(load.stopped));
    w.key("params"), message_params(w, load.stopped_params);
    w.end_object();
  } else {
    w.null();
  }
  w.end_object();
}

void write_customer_summary_fields(JsonWriter& w, const kpi::CustomerSummary& sum) {
  w.key("customers"), w.value(sum.customers);
  w.key("orders"), w.value(sum.orders);
  w.key("revenue"), w.value(sum.revenue);
  w.key("units"), w.value(sum.units);
  w.key("aov"), w.value(sum.aov);
  w.key("margin"), w.value(sum.margin);
  w.key("margin_pct"), w.value(sum.margin_pct);
  w.key("unattributed_revenue"), w.value(sum.unattributed_revenue);
  w.key("repeat_customers"), w.value(sum.repeat_customers);
  w.key("repeat_rate"), w.value(sum.repeat_rate);
  w.key("status_counts");
  w.begin_object();
  for (std::size_t i = 0; i < kpi::kCustomerStatusCount; ++i) {
    w.key(kpi::status_name(static_cast<kpi::CustomerStatus>(i)));
    w.value(sum.status_counts[i]);
  }
  w.end_object();
}

void write_customers(JsonWriter& w, const kpi::CustomerReport& r, const kpi::Facts& facts,
                     const StringPool& s) {
  const kpi::CustomerSummary& sum = r.summary;
  w.begin_object();
  w.key("summary");
  w.begin_object();
  write_customer_summary_fields(w, sum);
  const bool forecast = r.outlook && r.outlook->model;
  w.key("revenue_at_risk");
  if (forecast)
    w.value(r.revenue_at_risk);
  else
    w.null();
  w.key("expected_revenue_next");
  if (forecast)
    w.value(r.expected_revenue_next);
  else
    w.null();
  w.key("horizon_days");
  if (r.outlook)
    w.value(static_cast<std::int64_t>(r.outlook->horizon_days));
  else
    w.null();
  w.key("shrinking_customers"), w.value(r.shrinking_customers);
  w.end_object();

  w.key("monthly");
  w.begin_array();
  for (const kpi::CustomerMonth& m : r.monthly) {
    w.begin_object();
    w.key("month"), w.value(format_month(m.month));
    w.key("revenue"), w.value(m.revenue);
    w.key("orders"), w.value(m.orders);
    w.key("active_customers"), w.value(m.active_customers);
    // A month the period covers only in part: its bar is not comparable with the others.
    const Day next_month = month_start(m.month + 31);
    w.key("partial"), w.value(m.month < r.from || next_month - 1 > r.to);
    w.end_object();
  }
  w.end_array();

  w.key("rows");
  w.begin_table();
  for (const kpi::CustomerRow& row : r.rows) {
    const std::size_t c = row.customer;
    w.begin_object();
    w.key("customer_id"), text_value(w, s, facts.customer_id[c]);
    w.key("customer_name"), text_value(w, s, facts.customer_name[c]);
    w.key("catalog"), text_value(w, s, facts.customer_catalog[c]);
    w.key("sales_rep"), text_value(w, s, facts.customer_rep[c]);
    w.key("orders"), w.value(row.orders);
    w.key("units"), w.value(row.units);
    w.key("revenue"), w.value(row.revenue);
    w.key("aov"), w.value(row.aov);
    w.key("margin"), w.value(row.margin);
    w.key("margin_pct"), w.value(row.margin_pct);
    w.key("first_order"), day_value(w, row.first_order);
    w.key("last_order"), day_value(w, row.last_order);
    w.key("days_since_last_order"), w.value(row.days_since_last_order);
    w.key("median_interval_days"), w.value(row.median_interval_days);
    w.key("expected_next_order"), day_value(w, row.expected_next_order);
    w.key("overdue_ratio"), w.value(row.overdue_ratio);
    w.key("status"), w.value(kpi::status_name(row.status));
    w.key("rfm");
    if (row.rfm.empty())
      w.null();
    else
      w.value(row.rfm);
    w.key("status_basis"), w.value(kpi::status_basis_name(row.status_basis));
    w.key("p_active"), w.value(row.p_active);
    w.key("p_order_next"), w.value(row.p_order_next);
    w.key("expected_orders_next"), w.value(row.expected_orders_next);
    w.key("expected_revenue_next"), w.value(row.expected_revenue_next);
    w.key("revenue_at_risk"), w.value(row.revenue_at_risk);
    w.key("relative_chance"), w.value(row.relative_chance);
    w.key("shrinking"), w.value(row.shrinking);
    w.key("order_value_drop"), w.value(row.order_value_drop);
    w.key("recent_order_value"), w.value(row.recent_order_value);
    w.key("usual_order_value"), w.value(row.usual_order_value);
    w.key("seasonal_pause");
    if (row.seasonal_pause)
      w.value(*row.seasonal_pause);
    else
      w.null();
    w.key("seasonal_evidence");
    w.begin_object();
    w.key("year_ago_from"), day_value(w, row.last_order == kNoDay ? kNoDay : row.last_order - 363);
    w.key("year_ago_to"), day_value(w, r.as_of == kNoDay ? kNoDay : r.as_of - 364);
    w.key("customer_history_covers"), w.value(row.year_ago_covered);
    w.key("year_ago_order_days"), w.value(static_cast<std::int64_t>(row.year_ago_order_days));
    w.key("catalog_dip"), w.value(row.catalog_dip);
    w.end_object();
    w.end_object();
  }
  w.end_table();
  write_outlook(w, r);
  write_cohorts(w, r);
  w.end_object();
}

/// The SKUs left out as not products, their revenue, and the ones the data suggests.
void write_non_products(JsonWriter& w, const kpi::CatalogReport& r, const StringPool& s) {
  w.key("non_products");
  w.begin_object();
  w.key("skus");
  w.begin_array();
  for (const std::string& sku : r.non_product_skus) w.value(sku);
  w.end_array();
  w.key("revenue"), w.value(r.non_product_revenue);
  w.key("suggestions");
  w.begin_array();
  for (const kpi::NonProductSuggestion& n : r.non_product_suggestions) {
    w.begin_object();
    w.key("sku"), text_value(w, s, n.sku);
    w.key("product_name"), text_value(w, s, n.name);
    w.key("reason_code"), w.value(n.reason_code);
    w.key("word");
    if (n.word.empty())
      w.null();
    else
      w.value(n.word);
    w.key("revenue"), w.value(n.revenue);
    w.key("lines"), w.value(n.lines);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void write_catalogs(JsonWriter& w, const kpi::CatalogReport& r, const kpi::Facts& facts,
                    const StringPool& s) {
  w.begin_object();
  w.key("catalogs");
  w.begin_array();
  for (const kpi::CatalogRow& c : r.catalogs) {
    w.begin_object();
    w.key("catalog"), text_value(w, s, facts.catalogs[c.catalog]);
    w.key("revenue"), w.value(c.revenue);
    w.key("orders"), w.value(c.orders);
    w.key("customers"), w.value(c.customers);
    w.key("units"), w.value(c.units);
    w.key("aov"), w.value(c.aov);
    w.key("skus"), w.value(c.skus);
    w.key("revenue_share"), w.value(c.revenue_share);
    w.key("margin"), w.value(c.margin);
    w.key("margin_pct"), w.value(c.margin_pct);
    w.end_object();
  }
  w.end_array();
  w.key("margin_pct"), w.value(r.margin_pct);

  w.key("products");
  w.begin_table();
  for (const kpi::ProductRow& p : r.products) {
    w.begin_object();
    product_head(w, p, facts, s);
    w.key("units"), w.value(p.units);
    w.key("revenue"), w.value(p.revenue);
    w.key("orders"), w.value(p.orders);
    w.key("customers"), w.value(p.customers);
    w.key("avg_price"), w.value(p.avg_price);
    w.key("revenue_share"), w.value(p.revenue_share);
    w.key("margin"), w.value(p.margin);
    w.key("margin_pct"), w.value(p.margin_pct);
    w.key("abc"), w.value(std::string_view(&p.abc, 1));
    w.key("elasticity"), elasticity_value(w, p.elasticity);
    w.end_object();
  }
  w.end_table();

  w.key("discount_candidates");
  w.begin_array();
  for (const kpi::DiscountCandidate& d : r.discount_candidates) {
    const kpi::ProductRow& p = r.products[d.product_row];
    w.begin_object();
    product_head(w, p, facts, s);
    w.key("revenue"), w.value(p.revenue);
    w.key("units"), w.value(p.units);
    w.key("avg_price"), w.value(p.avg_price);
    w.key("margin"), w.value(p.margin);
    w.key("margin_pct"), w.value(p.margin_pct);
    w.key("elasticity"), elasticity_value(w, p.elasticity);
    cut_effect_fields(w, d.effect);
    w.end_object();
  }
  w.end_array();

  w.key("discount_levels");
  w.begin_array();
  for (const kpi::DiscountLevel& l : r.discount_levels) {
    w.begin_object();
    w.key("level"), w.value(l.level);
    w.key("catalog"), text_value(w, s, facts.catalogs[l.catalog]);
    w.key("group");
    if (l.group)
      text_value(w, s, *l.group);
    else
      w.null();
    w.key("elasticity"), w.value(l.elasticity);
    w.key("ci_low"), w.value(l.ci_low);
    w.key("ci_high"), w.value(l.ci_high);
    w.key("skus"), w.value(static_cast<std::uint64_t>(l.skus));
    cut_effect_fields(w, l.effect);
    w.key("verdict"), w.value(l.verdict);
    w.end_object();
  }
  w.end_array();
  w.key("discount_levels_note"), text_or_null(w, r.discount_levels_note);
  w.key("assortment"), assortment_value(w, r, facts, s);
  write_non_products(w, r, s);
  w.end_object();
}

}  // namespace pulse::report
