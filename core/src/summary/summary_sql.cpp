#include "pulse/summary/summary_sql.h"

#include <cctype>
#include <functional>

#include "pulse/summary/summary_schema.h"

namespace pulse::summary {
namespace {

using F = Field;

/// What differs between the engines: quoting, type names, how a table is replaced, and
/// whether the raw files are read in place (DuckDB) or are tables already.
struct Traits {
  char quote;
  const char* text_type;
  const char* number_type;
  bool reads_files;
  // What makes text sort by its bytes, as the engine compares names (PostgreSQL sorts by the
  // database's locale otherwise; the others compare bytes or code points already).
  const char* bytewise;
  std::string create(const std::string& table) const {
    switch (dialect) {
      case Dialect::duckdb:
      case Dialect::bigquery:
        return "CREATE OR REPLACE TABLE " + table + " AS\n";
      case Dialect::postgres:
      case Dialect::spark:
        return "DROP TABLE IF EXISTS " + table + ";\nCREATE TABLE " + table + " AS\n";
    }
    return {};
  }
  /// A table for the shared joins that lives only as long as the connection (or the script,
  /// BigQuery): built once, read by each summary table, dropped at the end.
  std::string create_shared(const std::string& table) const {
    switch (dialect) {
      case Dialect::duckdb:
      case Dialect::bigquery:
        return "CREATE OR REPLACE TEMP TABLE " + table + " AS\n";
      case Dialect::postgres:
        return "DROP TABLE IF EXISTS " + table + ";\nCREATE TEMP TABLE " + table + " AS\n";
      case Dialect::spark:
        // A temporary view cached eagerly is Spark's materialized temporary table.
        return "DROP VIEW IF EXISTS " + table + ";\nCACHE TABLE " + table + " AS\n";
    }
    return {};
  }
  std::string drop_shared(const std::string& table) const {
    return std::string(dialect == Dialect::spark ? "DROP VIEW IF EXISTS "
                                                 : "DROP TABLE IF EXISTS ") +
           table + ";\n";
  }
  Dialect dialect;
};

Traits traits_of(Dialect d) {
  switch (d) {
    case Dialect::duckdb:
      return {'"', "VARCHAR", "DOUBLE", true, "", d};
    case Dialect::postgres:
      return {'"', "TEXT", "DOUBLE PRECISION", false, " COLLATE \"C\"", d};
    case Dialect::spark:
      return {'`', "STRING", "DOUBLE", false, "", d};
    case Dialect::bigquery:
      return {'`', "STRING", "FLOAT64", false, "", d};
  }
  return {'"', "VARCHAR", "DOUBLE", true, "", d};
}

std::string literal(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string stem(const std::string& path) {
  std::string name = path.substr(path.find_last_of("/\\") + 1);
  const std::size_t dot = name.find('.');
  if (dot != std::string::npos) name.resize(dot);
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name.empty() || std::isdigit(static_cast<unsigned char>(name[0])) ? "t_" + name : name;
}

/// Reads one source's columns as the canonical fields, typed.
class SourceReader {
 public:
  SourceReader(const Traits& t, const SqlSource& s) : t_(t), s_(s) {}

  std::string relation() const {
    if (t_.reads_files)
      return "read_csv(" + literal(s_.file) + ", header = true, all_varchar = true)";
    return stem(s_.file);
  }
  bool has(Field f) const { return s_.columns.count(f) > 0; }
  std::string column(Field f) const {
    std::string out(1, t_.quote);
    for (char c : s_.columns.at(f)) {
      if (c == t_.quote) out += c;
      out += c;
    }
    return out + t_.quote;
  }
  std::string text(Field f) const {
    if (!has(f)) return std::string("CAST(NULL AS ") + t_.text_type + ")";
    if (t_.reads_files) return "NULLIF(" + column(f) + ", '')";
    return "NULLIF(CAST(" + column(f) + " AS " + t_.text_type + "), '')";
  }
  std::string number(Field f) const {
    if (!has(f)) return std::string("CAST(NULL AS ") + t_.number_type + ")";
    if (t_.reads_files) return "TRY_CAST(NULLIF(" + column(f) + ", '') AS DOUBLE)";
    return std::string("CAST(") + column(f) + " AS " + t_.number_type + ")";
  }
  /// A day: DuckDB parses the text the way the engine detected it (day or month first).
  std::string date(Field f) const {
    if (!has(f)) return "CAST(NULL AS DATE)";
    if (!t_.reads_files) return "CAST(" + column(f) + " AS DATE)";
    const auto convention = s_.date_conventions.find(f);
    const std::string c = column(f);
    if (convention != s_.date_conventions.end()) {
      const std::string& label = convention->second;
      const char* format = label.rfind("DD/MM", 0) == 0   ? "%d/%m/%Y"
                           : label.rfind("MM/DD", 0) == 0 ? "%m/%d/%Y"
                                                          : nullptr;
      if (format)
        return "CAST(TRY_STRPTIME(SPLIT_PART(" + c + ", ' ', 1), '" + format + "') AS DATE)";
    }
    return "TRY_CAST(LEFT(" + c + ", 10) AS DATE)";
  }

 private:
  const Traits& t_;
  const SqlSource& s_;
};

struct Output {
  Field field;
  const char* name;
  enum Kind { text, number, date } kind;
};

/// One role's sources as one relation of canonical columns (UNION ALL of its files), or an
/// empty relation of the same columns when no file has the role.
std::string source_union(const Traits& t, const std::vector<SqlSource>& sources, Role role,
                         const std::vector<Output>& outputs) {
  std::string out;
  for (const SqlSource& s : sources) {
    if (s.role != role) continue;
    const SourceReader r(t, s);
    out += out.empty() ? "    SELECT " : "\n    UNION ALL\n    SELECT ";
    for (std::size_t i = 0; i < outputs.size(); ++i) {
      const Output& o = outputs[i];
      out += i ? ",\n           " : "";
      out += o.kind == Output::text     ? r.text(o.field)
             : o.kind == Output::number ? r.number(o.field)
                                        : r.date(o.field);
      out += std::string(" AS ") + o.name;
    }
    out += "\n    FROM " + r.relation();
  }
  if (!out.empty()) return out;
  out = "    SELECT ";
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const Output& o = outputs[i];
    out += i ? ", " : "";
    out += std::string("CAST(NULL AS ") +
           (o.kind == Output::text     ? t.text_type
            : o.kind == Output::number ? t.number_type
                                       : "DATE") +
           ") AS " + o.name;
  }
  return out + "\n    WHERE 1 = 0";
}

/// The tables the joins are built into once (temporary), which every summary table reads:
/// before, each CREATE TABLE repeated the joins over the raw files (docs/summaries.md, "The
/// SQL"), four reads of the order lines where one is needed.
constexpr const char* kCountedLines = "pulse_counted_lines";
constexpr const char* kOrderFacts = "pulse_order_facts";

/// The customers file, one row per account (the first value of each column).
std::string customers_ctes(const Traits& t, const std::vector<SqlSource>& sources) {
  return "  src_customers AS (\n" +
         source_union(t, sources, Role::customers,
                      {{F::customer_id, "customer_id", Output::text},
                       {F::customer_name, "customer_name", Output::text},
                       {F::catalog, "catalog", Output::text},
                       {F::sales_rep, "sales_rep", Output::text}}) +
         "\n  ),\n"
         "  directory AS (\n"
         "    SELECT customer_id, MIN(customer_name) AS customer_name, MIN(catalog) AS catalog,\n"
         "           MIN(sales_rep) AS sales_rep\n"
         "    FROM src_customers WHERE customer_id IS NOT NULL GROUP BY customer_id\n"
         "  )";
}

/// The joins of SPEC §2 as facts.cpp makes them, built once into kCountedLines: a line takes
/// date, customer, catalog and rep from its order when it has none; catalog falls back to
/// the customer's, then "All"; rep to the customer's, then "Unassigned"; an excluded status
/// on the order or on any of its (parent) lines drops the order. One row per counted line.
std::string counted_lines_sql(const Traits& t, const std::vector<SqlSource>& sources,
                              const config::Settings& settings) {
  bool has_lines = false;
  for (const SqlSource& s : sources) has_lines = has_lines || s.role == Role::order_lines;
  std::string excluded;
  for (const std::string& s : settings.excluded_statuses)
    excluded += (excluded.empty() ? "" : ", ") + literal(config::fold_status(s));
  const std::string is_excluded =
      excluded.empty() ? "1 = 0" : "LOWER(TRIM(status)) IN (" + excluded + ")";

  std::string sql = "WITH\n  src_lines AS (\n";
  sql += source_union(t, sources, Role::order_lines,
                      {{F::order_id, "order_id", Output::text},
                       {F::sku, "sku", Output::text},
                       {F::order_date, "order_date", Output::date},
                       {F::customer_id, "customer_id", Output::text},
                       {F::customer_name, "customer_name", Output::text},
                       {F::sales_rep, "sales_rep", Output::text},
                       {F::catalog, "catalog", Output::text},
                       {F::status, "status", Output::text},
                       {F::quantity, "quantity", Output::number},
                       {F::unit_price, "unit_price", Output::number},
                       {F::line_total, "line_total", Output::number},
                       {F::discount, "discount", Output::number},
                       {F::unit_cost, "unit_cost", Output::number},
                       {F::parent_item_id, "parent_item_id", Output::text},
                       {F::quote_id, "quote_id", Output::text},
                       {F::product_name, "product_name", Output::text},
                       {F::category, "category", Output::text}});
  // A file without a quantity column counts 1 per line; one with it counts what it says.
  bool quantity_everywhere = true;
  for (const SqlSource& s : sources)
    if (s.role == Role::order_lines && !s.columns.count(F::quantity)) quantity_everywhere = false;
  sql += "\n  ),\n  src_orders AS (\n";
  sql += source_union(t, sources, Role::orders,
                      {{F::order_id, "order_id", Output::text},
                       {F::order_date, "order_date", Output::date},
                       {F::customer_id, "customer_id", Output::text},
                       {F::customer_name, "customer_name", Output::text},
                       {F::status, "status", Output::text},
                       {F::catalog, "catalog", Output::text},
                       {F::sales_rep, "sales_rep", Output::text},
                       {F::order_total, "order_total", Output::number},
                       {F::quote_id, "quote_id", Output::text}});
  sql += "\n  ),\n" + customers_ctes(t, sources) + ",\n";
  sql +=
      "  headers AS (\n"
      "    SELECT order_id, MIN(order_date) AS order_date, MIN(customer_id) AS customer_id,\n"
      "           MIN(customer_name) AS customer_name, MIN(catalog) AS catalog,\n"
      "           MIN(sales_rep) AS sales_rep, MIN(order_total) AS order_total,\n"
      "           MAX(CASE WHEN " +
      is_excluded +
      " THEN 1 ELSE 0 END) AS excluded\n"
      "    FROM src_orders WHERE order_id IS NOT NULL GROUP BY order_id\n"
      "  ),\n"
      // Only the excluded orders' ids: grouping every line by order to find the few excluded
      // ones took a tenth of the joins' statement on 1 M lines (EXPLAIN ANALYZE, DuckDB).
      "  excluded_orders AS (\n"
      "    SELECT DISTINCT order_id FROM (\n"
      "      SELECT order_id FROM headers WHERE excluded = 1\n"
      "      UNION ALL\n"
      "      SELECT order_id FROM src_lines WHERE parent_item_id IS NULL AND " +
      is_excluded +
      "\n"
      "    ) AS u\n"
      "  ),\n";
  if (has_lines) {
    const std::string qty = quantity_everywhere ? "l.quantity" : "COALESCE(l.quantity, 1)";
    sql +=
        "  joined AS (\n"
        "    SELECT l.order_id, l.sku, l.product_name, l.category, l.parent_item_id,\n"
        "           COALESCE(l.order_date, h.order_date) AS order_date,\n"
        "           COALESCE(l.customer_id, h.customer_id) AS customer_id,\n"
        "           COALESCE(l.customer_name, h.customer_name) AS customer_name,\n"
        "           COALESCE(l.sales_rep, h.sales_rep) AS sales_rep,\n"
        "           COALESCE(l.catalog, h.catalog) AS catalog,\n"
        "           " +
        qty +
        " AS quantity,\n"
        "           COALESCE(COALESCE(l.line_total, " +
        qty +
        " * l.unit_price) - COALESCE(l.discount, 0), 0) AS revenue,\n"
        "           " +
        qty +
        " * l.unit_cost AS cost, 1 AS line_weight\n"
        "    FROM src_lines l LEFT JOIN headers h ON h.order_id = l.order_id\n"
        "  )\n";
  } else {
    sql +=
        "  joined AS (\n"
        "    SELECT h.order_id, CAST(NULL AS " +
        std::string(t.text_type) + ") AS sku, CAST(NULL AS " + t.text_type +
        ") AS product_name,\n"
        "           CAST(NULL AS " +
        t.text_type + ") AS category, CAST(NULL AS " + t.text_type +
        ") AS parent_item_id,\n"
        "           h.order_date, h.customer_id, h.customer_name, h.sales_rep, h.catalog,\n"
        "           CAST(NULL AS " +
        t.number_type +
        ") AS quantity, COALESCE(h.order_total, 0) AS revenue,\n"
        "           CAST(NULL AS " +
        t.number_type +
        ") AS cost, 0 AS line_weight\n"
        "    FROM headers h\n"
        "  )\n";
  }
  sql +=
      "SELECT j.order_id, j.sku, j.product_name, j.category, j.order_date, j.customer_id,\n"
      "       j.customer_name, COALESCE(j.sales_rep, d.sales_rep, 'Unassigned') AS sales_rep,\n"
      "       COALESCE(j.catalog, d.catalog, 'All') AS catalog,\n"
      "       j.quantity, j.revenue, j.cost, j.line_weight\n"
      "FROM joined j\n"
      "LEFT JOIN directory d ON d.customer_id = j.customer_id\n"
      "LEFT JOIN excluded_orders x ON x.order_id = j.order_id\n"
      "WHERE j.parent_item_id IS NULL AND x.order_id IS NULL\n"
      "  AND j.order_date IS NOT NULL AND j.order_id IS NOT NULL";
  return sql;
}

/// One row per counted order (its date, customer, rep and catalog from its lines), built once
/// into kOrderFacts: pulse_orders and pulse_customers both read it.
std::string order_facts_sql() {
  return std::string(
             "SELECT order_id, MIN(order_date) AS order_date, MIN(customer_id) AS customer_id,\n"
             "       MAX(customer_name) AS customer_name, MIN(sales_rep) AS sales_rep,\n"
             "       MIN(catalog) AS catalog\n"
             "FROM ") +
         kCountedLines + " GROUP BY order_id";
}

/// Each summary column's expression over the shared tables, by table and field.
std::string select_list(const SummaryTable& table,
                        const std::function<std::string(Field)>& expression) {
  std::string out = "SELECT ";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    out += i ? ",\n       " : "";
    out += expression(table.columns[i].field) + " AS " + table.columns[i].header;
  }
  return out;
}

/// Every order id seen, counted or not: the raw files are read again here, for the three
/// columns only (order id, date, quote), as excluded orders and child lines are not in
/// kCountedLines.
std::string orders_sql(const Traits& t, const std::vector<SqlSource>& sources) {
  const SummaryTable& table = summary_table(Role::summary_orders);
  const std::vector<Output> seen = {{F::order_id, "order_id", Output::text},
                                    {F::order_date, "order_date", Output::date},
                                    {F::quote_id, "quote_id", Output::text}};
  return "WITH\n  src_orders AS (\n" + source_union(t, sources, Role::orders, seen) +
         "\n  ),\n  src_lines AS (\n" + source_union(t, sources, Role::order_lines, seen) +
         "\n  )\n" +
         select_list(table,
                     [](Field f) -> std::string {
                       switch (f) {
                         case F::order_id:
                           return "s.order_id";
                         case F::order_date:
                           return "CASE WHEN o.order_id IS NULL THEN s.first_date ELSE "
                                  "o.order_date END";
                         case F::quote_id:
                           return "s.quote_id";
                         case F::customer_id:
                           return "o.customer_id";
                         case F::sales_rep:
                           return "o.sales_rep";
                         default:
                           return "CASE WHEN o.order_id IS NULL THEN 0 ELSE 1 END";
                       }
                     }) +
         "\nFROM (\n"
         "  SELECT order_id, MIN(order_date) AS first_date, MIN(quote_id) AS quote_id FROM (\n"
         "    SELECT order_id, order_date, quote_id FROM src_orders\n"
         "    UNION ALL\n"
         "    SELECT order_id, order_date, quote_id FROM src_lines\n"
         "  ) AS seen WHERE order_id IS NOT NULL GROUP BY order_id\n"
         ") AS s\n"
         "LEFT JOIN " +
         kOrderFacts +
         " o ON o.order_id = s.order_id\n"
         "ORDER BY 6 DESC, 1";
}

std::string items_sql() {
  const SummaryTable& table = summary_table(Role::summary_items);
  return select_list(table,
                     [](Field f) -> std::string {
                       switch (f) {
                         case F::order_id:
                           return "order_id";
                         case F::catalog:
                           return "catalog";
                         case F::sku:
                           return "sku";
                         case F::quantity:
                           return "quantity";
                         case F::line_total:
                           return "revenue";
                         case F::line_cost:
                           return "cost";
                         default:
                           return "line_weight";
                       }
                     }) +
         "\nFROM " + kCountedLines +
         "\n"
         "ORDER BY 1, 2, 3";
}

std::string customers_sql(const Traits& t, const std::vector<SqlSource>& sources) {
  const SummaryTable& table = summary_table(Role::summary_customers);
  return "WITH\n" + customers_ctes(t, sources) + "\n" +
         select_list(table,
                     [](Field f) -> std::string {
                       switch (f) {
                         case F::customer_id:
                           return "o.customer_id";
                         case F::customer_name:
                           return "COALESCE(d.customer_name, o.customer_name)";
                         case F::catalog:
                           return "COALESCE(d.catalog, o.catalog)";
                         default:
                           return "COALESCE(d.sales_rep, o.sales_rep)";
                       }
                     }) +
         "\nFROM (\n"
         "  SELECT " +
         kOrderFacts +
         ".*, ROW_NUMBER() OVER (\n"
         "    PARTITION BY customer_id ORDER BY order_date DESC, order_id DESC) AS latest\n"
         "  FROM " +
         kOrderFacts +
         " WHERE customer_id IS NOT NULL\n"
         ") AS o\n"
         "LEFT JOIN directory d ON d.customer_id = o.customer_id\n"
         "WHERE o.latest = 1\n"
         "ORDER BY 1";
}

std::string products_sql(const Traits& t) {
  const SummaryTable& table = summary_table(Role::summary_products);
  // The name and category of a SKU: those on its latest-dated line that has one, the greatest
  // in byte order among that day's, as the engine keeps them (facts.cpp, note_latest).
  auto latest = [&t](const char* column) {
    return std::string("(\n  SELECT sku, ") + column + " FROM (\n    SELECT sku, " + column +
           ", ROW_NUMBER() OVER (\n      PARTITION BY sku ORDER BY order_date DESC, " + column +
           t.bytewise + " DESC) AS latest\n    FROM " + kCountedLines + " WHERE " + column +
           " IS NOT NULL\n  ) AS ranked WHERE latest = 1\n)";
  };
  return select_list(table,
                     [](Field f) -> std::string {
                       switch (f) {
                         case F::catalog:
                           return "p.catalog";
                         case F::sku:
                           return "p.sku";
                         case F::product_name:
                           return "n.product_name";
                         default:
                           return "c.category";
                       }
                     }) +
         "\nFROM (SELECT DISTINCT catalog, sku FROM " + kCountedLines +
         " WHERE sku IS NOT NULL) AS p\n"
         "LEFT JOIN " +
         latest("product_name") + " AS n ON n.sku = p.sku\nLEFT JOIN " + latest("category") +
         " AS c ON c.sku = p.sku\n"
         "ORDER BY 1, 2";
}

}  // namespace

std::optional<Dialect> dialect_from_name(std::string_view name) {
  if (name == "duckdb") return Dialect::duckdb;
  if (name == "postgres" || name == "postgresql") return Dialect::postgres;
  if (name == "spark") return Dialect::spark;
  if (name == "bigquery") return Dialect::bigquery;
  return std::nullopt;
}

SqlSource sql_source(const LoadReport& load, const std::string& path) {
  SqlSource s;
  s.role = role_from_name(load.role).value_or(Role::order_lines);
  s.file = path;
  for (const auto& [field_name, column] : load.mapping) {
    const auto field = field_from_name(field_name);
    if (!field) continue;
    s.columns[*field] = column;
    const auto convention = load.conventions.find(column);
    if (convention != load.conventions.end()) s.date_conventions[*field] = convention->second;
  }
  return s;
}

std::string summary_sql(Dialect dialect, const std::vector<SqlSource>& sources,
                        const config::Settings& settings) {
  const Traits t = traits_of(dialect);
  std::string sql =
      "-- B2B Pulse layer 1: the summary tables of docs/summaries.md, generated by\n"
      "-- `b2b-pulse sql` from the same description the C++ writer uses.\n";
  sql += std::string("\n-- ") + kCountedLines +
         " (temporary): the joins, built once; one row per counted line\n" +
         t.create_shared(kCountedLines) + counted_lines_sql(t, sources, settings) + ";\n";
  sql += std::string("\n-- ") + kOrderFacts + " (temporary): one row per counted order\n" +
         t.create_shared(kOrderFacts) + order_facts_sql() + ";\n";
  const std::vector<std::pair<Role, std::string>> bodies = {
      {Role::summary_orders, orders_sql(t, sources)},
      {Role::summary_items, items_sql()},
      {Role::summary_customers, customers_sql(t, sources)},
      {Role::summary_products, products_sql(t)}};
  for (const auto& [role, body] : bodies) {
    const SummaryTable& table = summary_table(role);
    sql += "\n-- " + std::string(table.name) + ": " + table.grain + "\n";
    sql += t.create(table.name) + body + ";\n";
  }
  sql += "\n-- The temporary tables, no longer needed\n" + t.drop_shared(kOrderFacts) +
         t.drop_shared(kCountedLines);
  return sql;
}

}  // namespace pulse::summary
