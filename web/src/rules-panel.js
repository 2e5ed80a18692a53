// The rules a workspace file holds (docs/workspace.md), edited in the Data view: the rhythm
// thresholds (due, overdue, lapsed), which deal statuses count as won or lost, which order
// statuses are excluded, and the SKUs that are not products, with the engine's suggestions from
// the data (report.catalogs.non_products) explained. Apply validates, keeps them in the
// element's workspace settings (saved with "Save workspace") and recomputes.
import { html } from './html.js';

// The engine's defaults (core/include/pulse/config/settings.h), shown until a workspace or an
// edit sets a rule.
export const DEFAULT_RULES = {
  status_thresholds: [1.0, 1.5, 3.0],
  won_statuses: ['ordered', 'won', 'closed won'],
  lost_statuses: ['declined', 'expired', 'closed', 'lost', 'closed lost'],
  excluded_statuses: ['canceled', 'cancelled', 'closed', 'fraud', 'unavailable', 'отменен', 'отменён', 'отменено', 'отменена', 'аннулирован', 'аннулировано', 'аннулирована'],
  non_product_skus: [],
};
const LISTS = [['won_statuses', 'rules.won'], ['lost_statuses', 'rules.lost'], ['excluded_statuses', 'rules.excluded']];
const THRESHOLDS = ['rules.due', 'rules.overdue', 'rules.lapsed'];
const MAX_THRESHOLD = 1000; // the engine's range for status_thresholds

/** The rule `key` in force: the workspace's, else the engine's default. */
const current = (host, key) => host.wsSettings[key] ?? DEFAULT_RULES[key];

/** "a, b\nc" -> ['a', 'b', 'c'] (trimmed, no empties, no repeats). */
export function parseList(text) {
  return [...new Set(String(text).split(/[\n,;]/).map((s) => s.trim()).filter(Boolean))];
}

/** Three thresholds as typed -> {values} or {error} (a number in [0, MAX], increasing). */
export function parseThresholds(t, texts) {
  const values = [];
  for (let i = 0; i < 3; i++) {
    const raw = String(texts[i]).trim().replace(',', '.');
    const v = raw === '' ? NaN : Number(raw);
    if (!Number.isFinite(v) || v < 0 || v > MAX_THRESHOLD) return { error: t('rules.bad_number', { field: t(THRESHOLDS[i]), value: texts[i], max: MAX_THRESHOLD }), field: i };
    values.push(v);
  }
  if (!(values[0] < values[1] && values[1] < values[2])) return { error: t('rules.bad_order', { due: values[0], overdue: values[1], lapsed: values[2] }), field: 1 };
  return { values };
}

function suggestionReason(t, s) {
  if (s.reason_code === 'no_digits') return t('rules.reason.no_digits');
  return t(s.reason_code === 'charge_word' ? 'rules.reason.word' : 'rules.reason.both', { word: s.word || '' });
}

/** The rules card (a full-width card of the Data view). */
export function rulesCard(host) {
  const { t, fmt } = host;
  const thresholds = current(host, 'status_thresholds');
  const skus = current(host, 'non_product_skus');
  const np = host.report && host.report.catalogs && host.report.catalogs.non_products;
  const suggestions = ((np && np.suggestions) || []).filter((s) => !skus.some((k) => k.trim().toLowerCase() === String(s.sku).trim().toLowerCase()));
  const area = (key, label, value, hint) => html`<label class="rule-list"><span>${t(label)}</span>
    <textarea data-rule="${key}" rows="3" spellcheck="false">${value.join('\n')}</textarea>${hint ? html`<small class="muted">${hint}</small>` : ''}</label>`;
  return html`<div class="span-12"><section class="card rules" data-role="rules">
    <div class="card-head"><h3>${t('rules.title')}</h3></div>
    <p class="hint">${t('rules.hint')}</p>
    <form data-role="rules-form" novalidate>
      <fieldset class="rule-thresholds"><legend>${t('rules.thresholds')}</legend>
        ${THRESHOLDS.map((label, i) => html`<label><span>${t(label)}</span><input type="text" inputmode="decimal" data-threshold="${i}" value="${String(thresholds[i])}" size="5"></label>`)}
      </fieldset>
      <div class="rule-lists">${LISTS.map(([key, label]) => area(key, label, current(host, key), t('rules.list_hint')))}</div>
      <div class="rule-np">
        ${area('non_product_skus', 'rules.non_product', skus, t('rules.non_product.hint'))}
        <div class="rule-suggestions" data-role="np-suggestions"><b>${t('rules.suggested')}</b>
          ${np && !suggestions.length && !(np.suggestions || []).length ? html`<p class="muted">${t('rules.suggested.none')}</p>` : ''}
          ${suggestions.length ? html`<ul class="plain">${suggestions.map((s) => html`<li data-suggested="${s.sku}"><code>${s.sku}</code>${s.product_name ? html` ${s.product_name}` : ''} · ${fmt.money(s.revenue)}
            <small class="muted">(${suggestionReason(t, s)})</small>
            <button type="button" class="chip" data-action="rule-add-sku" data-sku="${s.sku}">${t('rules.add')}</button></li>`)}</ul>
            <button type="button" class="btn btn-ghost btn-sm" data-action="rule-add-all">${t('rules.add_all')}</button>` : ''}
        </div>
      </div>
      <p class="rule-message" data-role="rules-message" role="alert" hidden></p>
      <div class="row-actions">
        <button type="submit" class="btn btn-primary btn-sm">${t('rules.apply')}</button>
        <button type="button" class="btn btn-ghost btn-sm" data-action="rules-defaults">${t('rules.reset')}</button>
      </div>
    </form>
  </section></div>`;
}

/** Says `text` under the rules (error: a refusal, marked at `input` when given). */
function say(form, text, error, input) {
  const el = form.querySelector('[data-role=rules-message]');
  el.hidden = !text;
  el.textContent = text || '';
  el.classList.toggle('bad', !!error);
  form.querySelectorAll('[aria-invalid]').forEach((x) => x.removeAttribute('aria-invalid'));
  if (input) input.setAttribute('aria-invalid', 'true');
}

/** Adds SKUs to the non-product list as typed in the form (nothing applied until Apply). */
function addSkus(form, list) {
  const area = form.querySelector('[data-rule=non_product_skus]');
  area.value = parseList(area.value + '\n' + list.join('\n')).join('\n');
  for (const sku of list) form.querySelector(`[data-suggested="${CSS.escape(sku)}"]`)?.remove();
}

/** Applies the form's rules: validated, kept in the workspace settings, then recomputed. */
function apply(host, form) {
  const t = host.t;
  const inputs = [...form.querySelectorAll('[data-threshold]')];
  const th = parseThresholds(t, inputs.map((i) => i.value));
  if (th.error) return say(form, th.error, true, inputs[th.field]);
  const rules = { status_thresholds: th.values };
  for (const [key] of [...LISTS, ['non_product_skus']]) rules[key] = parseList(form.querySelector(`[data-rule=${key}]`).value);
  host.wsSettings = { ...host.wsSettings, ...rules };
  host.rulesMessage = t('rules.applied');
  return host.runReport();
}

/** Wires the rules card's controls (once; the Data view re-renders its content). */
export function wireRules(host, root, signal) {
  root.addEventListener('submit', (e) => {
    const form = e.target.closest('[data-role=rules-form]');
    if (!form) return;
    e.preventDefault();
    apply(host, form);
  }, { signal });
  root.addEventListener('click', (e) => {
    const form = e.target.closest('[data-role=rules-form]');
    const act = form && e.target.closest('[data-action]');
    if (!act) return;
    if (act.dataset.action === 'rule-add-sku') addSkus(form, [act.dataset.sku]);
    else if (act.dataset.action === 'rule-add-all') addSkus(form, [...form.querySelectorAll('[data-suggested]')].map((li) => li.dataset.suggested));
    else if (act.dataset.action === 'rules-defaults') {
      const rest = { ...host.wsSettings };
      for (const key of Object.keys(DEFAULT_RULES)) delete rest[key];
      host.wsSettings = rest;
      host.rulesMessage = '';
      if (host.hasData()) host.runReport();
      else host.renderData();
    }
  }, { signal });
}

/** After a redraw of the Data view: the last "applied" note, once. */
export function showRulesMessage(host, root) {
  const form = root.querySelector('[data-role=rules-form]');
  if (form && host.rulesMessage) say(form, host.rulesMessage, false);
  host.rulesMessage = '';
}
