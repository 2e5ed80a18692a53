-- The customer and catalog figures of B2B Pulse's report (docs/kpi.md) on Online Retail's
-- order lines, as SQL for DuckDB: what bench/duckdb-vs-pulse.mjs runs in DuckDB-Wasm and in
-- native DuckDB. {{CSV}} is replaced by the file's path or registered name. Statements are
-- separated by ";" at the end of a line; the last three return the rows the bench checks.
-- Definitions kept: a line with quantity < 0 is a return (it counts in revenue and units, net);
-- an order is an invoice with at least one positive line; customers are those with an order;
-- no status column in this file, so no excluded orders; lines without a date are left out.
CREATE OR REPLACE TABLE lines AS
SELECT InvoiceNo AS order_id, StockCode AS sku, Description AS product_name,
       Quantity::DOUBLE AS quantity, InvoiceDate::TIMESTAMP::DATE AS order_day,
       UnitPrice::DOUBLE AS unit_price, CAST(CustomerID AS VARCHAR) AS customer_id,
       Quantity::DOUBLE * UnitPrice::DOUBLE AS revenue
FROM read_csv('{{CSV}}', header = true, auto_detect = true)
WHERE InvoiceDate IS NOT NULL;

-- Customer profiles: one row per customer with an order up to as_of (the latest date).
CREATE OR REPLACE TABLE customer_profiles AS
WITH as_of AS (SELECT max(order_day) AS d FROM lines)
SELECT customer_id,
       count(DISTINCT order_id) FILTER (WHERE quantity > 0) AS orders,
       sum(revenue) AS revenue, sum(quantity) AS units,
       sum(revenue) / nullif(count(DISTINCT order_id) FILTER (WHERE quantity > 0), 0) AS aov,
       min(order_day) FILTER (WHERE quantity > 0) AS first_order,
       max(order_day) FILTER (WHERE quantity > 0) AS last_order,
       (SELECT d FROM as_of) - max(order_day) FILTER (WHERE quantity > 0) AS days_since
FROM lines
WHERE customer_id IS NOT NULL
GROUP BY customer_id
HAVING count(DISTINCT order_id) FILTER (WHERE quantity > 0) > 0;

-- Catalog x SKU (Online Retail has one catalog, "All"): units, revenue, orders, customers,
-- average price of positive lines, revenue share and the ABC class (A below 80% of the
-- cumulated revenue before the SKU, B below 95%, else C; SKUs with revenue <= 0 are C).
CREATE OR REPLACE TABLE catalog_products AS
WITH per_sku AS (
  SELECT sku, sum(quantity) AS units, sum(revenue) AS revenue,
         count(DISTINCT order_id) FILTER (WHERE quantity > 0) AS orders,
         count(DISTINCT customer_id) FILTER (WHERE quantity > 0) AS customers,
         sum(revenue) FILTER (WHERE quantity > 0) / nullif(sum(quantity) FILTER (WHERE quantity > 0), 0) AS avg_price
  FROM lines GROUP BY sku),
ranked AS (
  SELECT *, revenue / sum(revenue) OVER () AS revenue_share,
         coalesce(sum(CASE WHEN revenue > 0 THEN revenue END) OVER (ORDER BY CASE WHEN revenue > 0 THEN 0 ELSE 1 END, revenue DESC, sku
                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
         sum(CASE WHEN revenue > 0 THEN revenue END) OVER () AS positive_total
  FROM per_sku)
SELECT sku, units, revenue, orders, customers, avg_price, revenue_share,
       CASE WHEN revenue <= 0 THEN 'C' WHEN before / positive_total < 0.80 THEN 'A'
            WHEN before / positive_total < 0.95 THEN 'B' ELSE 'C' END AS abc
FROM ranked;

-- The customers summary (the figures compared with B2B Pulse's report).
SELECT (SELECT count(*) FROM customer_profiles) AS customers,
       count(DISTINCT order_id) FILTER (WHERE quantity > 0) AS orders,
       sum(revenue) AS revenue, sum(quantity) AS units,
       sum(revenue) FILTER (WHERE customer_id IS NULL) AS unattributed_revenue,
       (SELECT count(*) FROM customer_profiles WHERE orders >= 2) AS repeat_customers,
       (SELECT count(*) FROM catalog_products WHERE orders > 0) AS skus
FROM lines;

-- Every customer row and every product row, as the page receives them.
SELECT * FROM customer_profiles ORDER BY revenue DESC, customer_id;

SELECT * FROM catalog_products ORDER BY revenue DESC, sku;
