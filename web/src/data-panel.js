// The Data panel: add files (pick, drop, URL, samples), see how each one was read (role,
// column mapping, conventions, problems with line numbers), correct it, save the workspace.
import { html, setHtml } from './html.js';
import { icon } from './table.js';
import { rulesCard, wireRules, showRulesMessage } from './rules-panel.js';
import { storageCards } from './storage-panel.js';
import { wordError, wordMessage, wordProblem, wordStop } from './engine-messages.js';

/** The engine's roles with their fields and required fields (`b2b-pulse schema`), which the
 *  worker hands over when it starts: the page keeps no copy of its own. */
function roleSchema(host) {
  return (host.schema && host.schema.roles) || {};
}
const DELIMS = [['auto', null], [',', ','], [';', ';'], ['tab', 'Tab'], ['|', '|']];
const DECIMALS = [['auto', null], ['.', '1234.5'], [',', '1234,5']];
const DATES = [['auto', null], ['DD/MM/YYYY', 'DD/MM/YYYY'], ['MM/DD/YYYY', 'MM/DD/YYYY']];
const ENCODINGS = [['auto', null], ['utf-8', 'UTF-8'], ['windows-1251', 'Windows-1251'], ['windows-1252', 'Windows-1252'], ['utf-16', 'UTF-16']];

/** The delimiter as the file card names it: the engine writes a tab as the two characters `\\t`
 *  (load[].delimiter), never as a tab character, which the card compared with before. */
function delimiterLabel(delimiter) {
  return delimiter === '\\t' ? 'Tab' : delimiter;
}


export function renderDataPanel(host, root) {
  const { t } = host;
  const files = host.files;
  const warnings = (host.report && host.report.warnings) || [];
  setHtml(root, html`
    <header class="dash-head"><div><h2>${t('data.title')}</h2><p class="question">${t('data.question')}</p></div>
      <p class="scope">${t('app.privacy')}</p></header>
    <div class="grid">
      <div class="span-7"><section class="card">
        <div class="card-head"><h3>${t('data.files')}</h3></div>
        <div class="dropzone" data-role="dropzone">
          ${icon('upload')}<span>${t('data.drop')}</span>
          <button type="button" class="btn" data-action="choose-files">${t('action.choose_files')}</button>
        </div>
        <form class="url-form" data-role="url-form">
          <label class="sr" for="url-in">${t('data.url')}</label>
          <span class="url-ic">${icon('link')}</span>
          <input id="url-in" type="url" name="url" required placeholder="${t('empty.url')}" aria-label="${t('data.url')}">
          <button type="submit" class="btn btn-ghost">${t('action.fetch')}</button>
        </form>
        ${host.samplesUrl() ? html`<div class="samples-row"><button type="button" class="btn btn-ghost" data-action="load-samples">${icon('sample')} ${t('action.load_samples')}</button></div>`
          : host.getAttribute('samples') ? html`<p class="hint">${t('empty.samples_note')}</p>` : ''}
      </section></div>
      <div class="span-5"><section class="card">
        <div class="card-head"><h3>${t('data.workspace')}</h3></div>
        <p class="hint">${t('data.workspace.hint')}</p>
        <div class="row-actions">
          <button type="button" class="btn btn-ghost" data-action="save-workspace" ${files.length ? '' : 'disabled'}>${icon('save')} ${t('action.save_ws')}</button>
          <button type="button" class="btn btn-ghost" data-action="load-workspace">${icon('folder')} ${t('action.load_ws')}</button>
          <button type="button" class="btn btn-ghost btn-danger" data-action="clear-files" ${files.length ? '' : 'disabled'}>${icon('trash')} ${t('action.clear')}</button>
        </div>
        ${host.dataMessage ? html`<p class="note" data-role="data-message">${host.dataMessage}</p>` : ''}
      </section></div>
      ${storageCards(host)}
      ${rulesCard(host)}
      <div class="span-12" data-role="file-list">
        ${files.length ? files.map((f) => fileCard(host, f)) : html`<p class="muted pad">${t('data.none')}</p>`}
      </div>
      ${warnings.length ? html`<div class="span-12"><section class="card"><div class="card-head"><h3>${t('data.warnings')}</h3></div><ul class="plain">${warnings.map((w) => html`<li data-code="${w.code || ''}">${wordMessage(host.t, host.fmt, w)}</li>`)}</ul></section></div>` : ''}
    </div>`);
  showRulesMessage(host, root);
}

function fileCard(host, f) {
  const { t, fmt } = host;
  const load = f.load;
  const d = f.draft || f.options;
  const role = (load && load.role) || null;
  const shownRole = d.role && d.role !== 'auto' ? d.role : role;
  const state = f.status === 'loading' ? 'loading' : f.error ? 'bad' : load && (load.rows_skipped || load.stopped) ? 'warn' : 'ok';
  const columns = (load && load.columns) || [];
  const mapping = (load && load.mapping) || {};
  const reasons = (load && load.mapping_reasons) || {};
  const reasonCodes = (load && load.mapping_reason_codes) || {};
  const conv = (load && load.conventions) || {};
  const convCodes = (load && load.convention_codes) || {};
  const roles = roleSchema(host);
  const spec = (shownRole && roles[shownRole]) || null;
  const fields = spec ? [...new Set([...spec.fields, ...Object.keys(mapping)])] : Object.keys(mapping);
  const required = (spec && spec.required) || [];
  const problems = (load && load.problems) || [];
  const changed = f.draft && JSON.stringify(f.draft) !== JSON.stringify(f.options);
  const sel = (name, list, value) => html`<select data-opt="${name}">${list.map(([v, label]) => html`<option value="${v}" ${v === (value || 'auto') ? 'selected' : ''}>${label || t('data.auto')}</option>`)}</select>`;

  const mappingRows = fields.map((field) => {
    const explicit = d.columns && d.columns[field];
    const detected = mapping[field];
    const colOpts = [html`<option value="">${detected && !explicit ? `${t('data.auto_col')}: ${detected}` : t('data.auto_col')}</option>`]
      .concat(columns.map((c) => html`<option value="${c}" ${explicit === c ? 'selected' : ''}>${c}</option>`));
    const convKey = detected ? [detected, field].find((k) => conv[k]) : undefined;
    const convText = convKey ? coded(host, convCodes[convKey], conv[convKey]) : '';
    return html`<tr class="${detected ? '' : 'unmapped'}"><th scope="row"><code>${field}</code>${required.includes(field) ? html` <small class="req">${t('data.required')}</small>` : ''}</th>
      <td><select data-col="${field}" aria-label="${field}">${colOpts}</select></td>
      <td class="muted small">${coded(host, reasonCodes[field], reasons[field])}${convText ? html` · ${convText}` : ''}</td></tr>`;
  });

  return html`<article class="file card state-${state}" data-file="${f.name}">
    <div class="file-head">
      <span class="file-ic">${icon('file')}</span>
      <div class="file-title"><b>${f.name}</b>
        <small>${fmt.bytes(f.size)}${load && load.format ? html` · <span data-format="${load.format}" title="${load.format === 'parquet' ? t('parquet.format_title') : ''}">${load.format.toUpperCase()}</span>` : ''}${load && load.delimiter ? html` · “${delimiterLabel(load.delimiter)}”` : ''}${load && load.encoding ? html` · <span data-encoding="${load.encoding}" title="${t('data.encoding') + ': ' + coded(host, load.encoding_reason_code, load.encoding_reason)}">${load.encoding.toUpperCase()}</span>` : ''}</small></div>
      <span class="role-tag ${role ? '' : 'none'}" data-role-detected="${role || ''}">${role ? t('role.' + role) : f.status === 'loading' ? '…' : t('role.none')}</span>
      ${load ? html`<span class="rows" data-rows-loaded="${load.rows_loaded}" data-rows-skipped="${load.rows_skipped}">${t('data.rows', { loaded: fmt.int(load.rows_loaded), read: fmt.int(load.rows_read) })}${load.rows_skipped ? html` · <b class="neg">${t('data.skipped', { n: fmt.int(load.rows_skipped) })}</b>` : ''}</span>` : ''}
      <button type="button" class="btn btn-ghost btn-sm" data-action="remove-file" data-name="${f.name}" title="${t('action.remove')}">${icon('close')}</button>
    </div>
    ${load && load.recognized_as ? html`<p class="recognized" data-recognized="${load.recognized_as}">${t('data.recognized')}: <b>${load.recognized_as}</b></p>` : ''}
    ${f.error ? refusal(host, f.error) : ''}
    ${!f.error && load && load.stopped ? stoppedNote(host, load) : ''}
    <div class="file-opts">
      <label>${t('data.role')} <select data-opt="role"><option value="auto">${t('data.role.auto')}${role && (!d.role || d.role === 'auto') ? ': ' + t('role.' + role) : ''}</option>${Object.keys(roles).map((r) => html`<option value="${r}" ${d.role === r ? 'selected' : ''}>${t('role.' + r)}</option>`)}</select></label>
      <label>${t('data.delimiter')} ${sel('delimiter', DELIMS, d.delimiter)}</label>
      <label>${t('data.decimal')} ${sel('decimal', DECIMALS, d.decimal)}</label>
      <label>${t('data.date_format')} ${sel('date_format', DATES, d.date_format)}</label>
      <label>${t('data.encoding')} ${sel('encoding', ENCODINGS, d.encoding)}</label>
      ${sheetPicker(host, f, load, d)}
      ${changed ? html`<button type="button" class="btn btn-primary btn-sm" data-action="apply-file" data-name="${f.name}">${t('action.apply')}</button>` : ''}
    </div>
    ${changed ? html`<p class="hint">${t('data.changed')}</p>` : ''}
    ${fields.length ? html`<details class="mapping" ${f.open ? 'open' : ''}><summary>${t('data.field')} → ${t('data.column')} (${Object.keys(mapping).length}/${columns.length})</summary>
      <table class="map-table"><thead><tr><th>${t('data.field')}</th><th>${t('data.column')}</th><th>${t('data.why')}</th></tr></thead><tbody>${mappingRows}</tbody></table></details>` : ''}
    ${load && load.notes && load.notes.length ? html`<ul class="notes">${load.notes.map((n) => html`<li data-code="${n.code || ''}">${wordMessage(t, fmt, n)}</li>`)}</ul>` : ''}
    ${problems.length ? problemTable(host, load) : ''}
  </article>`;
}

/** A load entry's reason in the page's language from its {code, params}; the engine's English
 *  text when it has no code (a report written before the codes). */
function coded(host, code, text) {
  return code ? wordMessage(host.t, host.fmt, { ...code, text }) : text || '';
}

/** A load that kept rows and then stopped (not a refusal): how far it got and why. */
function stoppedNote(host, load) {
  const { t, fmt } = host;
  const { line } = load.stopped;
  const why = wordStop(t, load.stopped);
  return html`<div class="file-stopped" role="status" data-role="stopped" data-stopped-line="${line ?? ''}" data-code="${why.code || ''}">
    <b>${t.n('load.stopped', load.rows_loaded, fmt.int(load.rows_loaded))}${line ? ' ' + t('load.stopped.line', { line: fmt.int(line) }) : ''}:</b> <span title="${why.detail}">${why.text}</span>
    <p class="hint">${t('load.stopped.hint')}</p></div>`;
}

/** A refused file: why, in the page's language, with the error's id (docs/errors.md). */
function refusal(host, error) {
  const { t } = host;
  const e = wordError(t, error);
  return html`<div class="file-error" role="alert" data-error-code="${e.code || ''}" title="${e.detail}"><b>${t('data.refused')}:</b> ${e.text}${e.detail ? html` <code>${e.code}</code>` : ''}</div>`;
}

/** The rows skipped, by line: each problem's field and reason, worded from its reason_code. */
function problemTable(host, load) {
  const { t, fmt } = host;
  const rows = [...load.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).map((p) => html`<tr data-line="${p.line ?? ''}" data-reason="${p.reason_code}">
    <td class="num">${p.line ?? '—'}</td><td>${p.field ? html`<code>${p.field}</code>: ` : ''}${wordProblem(t, fmt, p)}</td></tr>`);
  const cap = load.problem_cap;
  return html`<div class="problems" data-role="problems"><h4>${t('data.problems')} (${fmt.int(load.rows_skipped)})</h4>
    <table><thead><tr><th class="num">${t(load.format === 'parquet' ? 'parquet.row' : 'data.line')}</th><th>${t('data.problem')}</th></tr></thead><tbody>${rows}</tbody></table>
    ${cap && load.problems.length >= cap ? html`<p class="hint">${t('data.problems.more', { n: fmt.int(cap) })}</p>` : ''}</div>`;
}

/** A packed file: gzip said; a workbook's sheet that was read and, when it has several, a choice (reloads the file). */
function sheetPicker(host, f, load, d) {
  const { t } = host;
  const sheets = (load && load.sheets) || [];
  if (load && load.container === 'gzip')
    return html`<span class="sheet-read" data-container="gzip">${t('data.gzip')}</span>`;
  if (!load || load.format !== 'xlsx' || !sheets.length) return '';
  const current = d.sheet || load.sheet || sheets[0];
  if (sheets.length < 2)
    return html`<span class="sheet-read" data-sheet="${load.sheet || ''}">${t('data.sheet')}: <b>${load.sheet || ''}</b></span>`;
  return html`<label data-sheet="${load.sheet || ''}">${t('data.sheet')} <select data-opt="sheet" aria-label="${t('data.sheet')}">${sheets.map((name) =>
    html`<option value="${name}" ${name === current ? 'selected' : ''}>${name}</option>`)}</select>
    <small class="muted">${t('data.sheet_of', { n: sheets.length })}</small></label>`;
}

/** Wires the panel's controls to the element (once; the panel re-renders its content). */
export function wireDataPanel(host, root, signal) {
  wireRules(host, root, signal);
  root.addEventListener('change', (e) => {
    const card = e.target.closest('[data-file]');
    if (!card) return;
    const f = host.files.find((x) => x.name === card.dataset.file);
    if (!f) return;
    f.draft ||= JSON.parse(JSON.stringify(f.options));
    const opt = e.target.dataset.opt;
    const col = e.target.dataset.col;
    if (opt) f.draft[opt] = e.target.value;
    if (opt === 'sheet') return host.applyFileOptions(f.name);  // another sheet: read it now
    if (col) {
      f.draft.columns ||= {};
      if (e.target.value) f.draft.columns[col] = e.target.value;
      else delete f.draft.columns[col];
      f.open = true;
    }
    host.renderData();
  }, { signal });
  root.addEventListener('toggle', (e) => {
    const card = e.target.closest && e.target.closest('[data-file]');
    if (!card || !e.target.matches('details')) return;
    const f = host.files.find((x) => x.name === card.dataset.file);
    if (f) f.open = e.target.open;
  }, { capture: true, signal });
  root.addEventListener('submit', (e) => {
    const form = e.target.closest('[data-role=url-form]');
    if (!form) return;
    e.preventDefault();
    const url = form.elements.url.value.trim();
    if (url) host.loadUrls([url]);
  }, { signal });
}
