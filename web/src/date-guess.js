// The day/month order of slash dates, when the engine had to guess it (docs/formats.md, "Day
// or month first"): a banner above the dashboards per file, with a one-click swap that reloads
// the file with the other date_format. The engine says it is a guess with a note whose code is
// pulse.note.006 (docs/errors.md), and gives the order and an example value in the load's
// conventions.
import { html, join } from './html.js';

const GUESS = 'pulse.note.006';
const OTHER = { 'DD/MM/YYYY': 'MM/DD/YYYY', 'MM/DD/YYYY': 'DD/MM/YYYY' };

/** Files whose date order is a guess: [{name, order, example}]. */
export function dateGuesses(files) {
  const out = [];
  for (const f of files || []) {
    const load = f.load;
    const conv = (load && load.conventions) || {};
    if (!OTHER[conv.date_order] || !(load.notes || []).some((n) => n && n.code === GUESS)) continue;
    out.push({ name: f.name, order: conv.date_order, example: conv.date_order_example || '' });
  }
  return out;
}

/** The banners' markup (empty when no file's order is a guess). */
export function dateGuessBanner(host) {
  const { t } = host;
  return join(dateGuesses(host.files).map((g) => {
    const order = t(g.order === 'DD/MM/YYYY' ? 'dates.day_month' : 'dates.month_day');
    const text = t('dates.guess', { example: g.example || g.order, order, file: g.name });
    return html`<div class="banner dev date-guess" role="status" data-date-guess="${g.name}" data-order="${g.order}">
      ${text} <button type="button" class="btn btn-sm" data-action="swap-date-order" data-name="${g.name}">${t('dates.switch')}</button></div>`;
  }));
}

/** Reloads `name` with the other order, as if picked in its card's date format. */
export function swapDateOrder(host, name) {
  const f = host.files.find((x) => x.name === name);
  const g = f && dateGuesses([f])[0];
  if (!g) return;
  f.draft = { ...JSON.parse(JSON.stringify(f.options)), date_format: OTHER[g.order] };
  return host.applyFileOptions(name);
}
