// The engine's first run, done ahead on made-up order lines (docs/performance.md "The engine's
// first run, ahead of the file").
//
// Why: a browser runs a wasm function first with its baseline compiler and compiles the
// optimised code only after the function has run a while; the optimised code is used from its
// next call on. The load's and the report's loops run in few long calls, so on a fresh page
// the first file's load and report ran mostly in baseline code: Online Retail's first report
// took 1.5–2 times as long as after a warm-up (626–854 against 360–545 ms in a bare worker). The compiled code belongs to the module, which
// the page compiled once and shares with every worker, so a load and report on another worker,
// while the user picks a file, leaves the optimised code ready for the engine's worker.
//
// The lines are invented, deterministic and never shown: a warm-up worker loads them into its
// own engine, reports, and is closed.

/** Made-up order lines in the engine's own column names: `customers` companies ordering every
 *  few weeks over two years from `skus` products whose prices move, so that every dashboard's
 *  code runs (return models, elasticity fits, attention list). About 60 bytes a line. */
export function warmUpLines({ customers = 300, skus = 240, days = 730 } = {}) {
  let seed = 0x2545f491;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;  // a linear congruential generator
    return seed / 4294967296;
  };
  const start = Date.UTC(2022, 0, 3);
  const rows = ['order_id,order_date,customer_id,sales_rep,sku,product_name,quantity,unit_price'];
  let order = 100000;
  for (let c = 0; c < customers; c++) {
    const every = 7 + Math.floor(random() * 50);  // days between orders
    const stops = random() < 0.3 ? Math.floor(days * (0.4 + 0.5 * random())) : days;  // some slip away
    for (let day = Math.floor(random() * every); day < stops; day += every + Math.floor(random() * every * 0.5)) {
      const date = new Date(start + day * 86400000).toISOString().slice(0, 10);
      const lines = 1 + Math.floor(random() * 6);
      order++;
      for (let l = 0; l < lines; l++) {
        const sku = Math.floor(random() * random() * skus);  // a few products sell most
        const base = 2 + (sku % 37) * 1.5;
        const price = base * (0.85 + 0.3 * random());
        const quantity = Math.max(1, Math.round((12 * base) / price * (0.5 + random())));
        rows.push(`SO-${order},${date},C${c},R${c % 7},SKU-${sku},Product ${sku},${quantity},${price.toFixed(2)}`);
      }
    }
  }
  return rows.join('\n') + '\n';
}

/** Loads the made-up lines into `engine` (real-engine.js), reports as the page does (the whole
 *  period, then a narrower one) and clears it. Resolves to the lines' count and the time taken. */
export async function warmUp(engine) {
  const t0 = performance.now();
  const text = warmUpLines();
  const load = await engine.loadFile('warm-up.csv', new Blob([text], { type: 'text/csv' }), { onProgress() {} });
  engine.reportText({}, undefined);
  engine.reportText({ from: '2023-01-01' }, ['customers', 'catalogs', 'attention']);
  engine.clear();
  return { lines: load ? load.rows_loaded : null, ms: performance.now() - t0 };
}
