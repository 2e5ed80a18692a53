// DEVELOPMENT ONLY (`node web/build.mjs --fake-engine`): stands in for the wasm engine with the
// golden reports of the bundled samples (tests/golden/*.json). It streams the files it is given
// by chunks like the real one, so progress and the worker protocol are exercised, but every
// figure comes from the canned reports, whatever the files say. It lives with the tests, not in
// web/src, because the page that ships must not carry (or import) test data.
import samples from '../golden/samples.json';
import premiumQ3 from '../golden/samples_premium_q3.json';
import repR03 from '../golden/samples_rep_r03.json';
import schema from '../golden/input_schema.json';

// What the engine says with no file loaded (message_codes.h, pulse.unavailable.*).
const UNAVAILABLE = {
  customers: { unavailable: 'load order lines or orders to see customer profiles', code: 'pulse.unavailable.005', params: {} },
  catalogs: { unavailable: 'load order lines to see catalogs', code: 'pulse.unavailable.007', params: {} },
  negotiations: { unavailable: 'load deals (quotes or opportunities) to see negotiations: a file with deal_id and status', code: 'pulse.unavailable.001', params: {} },
  sales_team: { unavailable: 'load deals or orders with a sales rep to see the sales team', code: 'pulse.unavailable.002', params: {} },
};

export async function openEngine() {
  let loads = [];
  return {
    kind: 'fake',
    async loadFile(name, source, { options, onProgress, chunkSize = 4 << 20 }) {
      const size = source.size ?? source.byteLength ?? 0;
      let lines = 0;
      let head = '';
      for (let at = 0; at < size; at += chunkSize) {
        const part = source.slice(at, Math.min(size, at + chunkSize));
        const bytes = new Uint8Array(part.arrayBuffer ? await part.arrayBuffer() : part);
        if (!head) head = new TextDecoder().decode(bytes.subarray(0, 4096));
        for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) lines++;
        onProgress(Math.min(size, at + chunkSize), size);
      }
      const known = samples.load.find((l) => l.file === name);
      let load;
      if (known) {
        load = { ...known };
        if (options && options.role && options.role !== 'auto') load.role = options.role;
        if (options && options.columns) load.mapping = { ...load.mapping, ...options.columns };
      } else {
        const columns = (head.split(/\r?\n/)[0] || '').split(/[,;\t|]/).map((c) => c.replace(/^"|"$/g, '').trim());
        load = {
          file: name, role: (options && options.role !== 'auto' && options.role) || 'order_lines', format: 'csv', delimiter: ',',
          rows_read: Math.max(0, lines - 1), rows_loaded: Math.max(0, lines - 1), rows_skipped: 0, problems: [],
          columns, mapping: {}, mapping_reasons: {}, conventions: {},
          notes: ['fake engine: this file is not read; figures come from the sample report'], error: null,
        };
      }
      loads = loads.filter((l) => l.file !== name).concat([load]);
      return load;
    },
    reportText(settings = {}) {
      const s = settings || {};
      let base = samples;
      if (s.sales_rep === 'R03') base = repR03;
      else if (s.catalog === 'Premium') base = premiumQ3;
      const doc = JSON.parse(JSON.stringify(base));
      doc.load = loads;
      doc.filters = { catalog: s.catalog ?? null, customer: s.customer ?? null, sales_rep: s.sales_rep ?? null };
      if (s.as_of) doc.as_of = s.as_of;
      if (s.from) doc.period.from = s.from;
      if (s.to) doc.period.to = s.to;
      if (!loads.length) Object.assign(doc, UNAVAILABLE);
      return JSON.stringify(doc);
    },
    clear() {
      loads = [];
    },
    schema: () => schema,
  };
}
