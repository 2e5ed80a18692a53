// Two cards of the Data panel about what this browser keeps: the files (consent checkbox, when
// they were kept, "Forget this data", a storage error in a sentence) and the saved views
// (filters + dashboard by name: save, apply, delete).
import { html } from './html.js';
import { icon } from './table.js';
import { FILTERS } from './filters.js';
import { counted, keptDate, setKeep, forget } from './kept-files.js';
import { listViews, saveView, deleteView, findView, MAX_NAME } from './saved-views.js';

export function storageCards(host) {
  if (!host.kept) return ''; // an element built without the keeping state (none yet)
  return html`<div class="span-6"><section class="card" data-role="kept" data-kept-state="${host.kept.state}">
      <div class="card-head"><h3>${host.t('kept.title')}</h3></div>
      ${keptBody(host)}
    </section></div>
    <div class="span-6"><section class="card" data-role="views">
      <div class="card-head"><h3>${host.t('views.title')}</h3></div>
      ${viewsBody(host)}
    </section></div>`;
}

function keptBody(host) {
  const { t } = host;
  const k = host.kept;
  const n = host.files.length;
  const status = k.state === 'saving' ? t('kept.saving')
    : k.state === 'kept' && k.savedAt ? counted(host, 'kept.saved', n, { date: keptDate(host, k.savedAt) })
      : '';
  return html`<label class="check"><input type="checkbox" data-role="keep-files" ${k.consent ? 'checked' : ''}> ${t('kept.keep')}</label>
    <p class="hint">${t('kept.hint')}</p>
    ${status ? html`<p class="note" data-role="kept-status">${status}</p>` : ''}
    ${k.message ? html`<p class="${k.state === 'error' ? 'file-error' : 'note'}" data-role="kept-message" role="${k.state === 'error' ? 'alert' : 'status'}">${k.message}</p>` : ''}
    <div class="row-actions"><button type="button" class="btn btn-ghost btn-danger" data-action="forget-kept" ${k.consent ? '' : 'disabled'}>${icon('trash')} ${t('kept.forget')}</button></div>`;
}

function viewsBody(host) {
  const { t } = host;
  let views = [];
  let unreadable = '';
  try {
    views = listViews();
  } catch (err) {
    unreadable = t('views.error.' + (err.kind || 'unavailable'));
  }
  return html`<p class="hint">${t('views.hint')}</p>
    <form class="view-form" data-role="view-form">
      <label class="sr" for="view-name">${t('views.name')}</label>
      <input id="view-name" name="name" maxlength="${MAX_NAME}" placeholder="${t('views.name')}" aria-label="${t('views.name')}">
      <button type="submit" class="btn btn-ghost">${icon('save')} ${t('views.save')}</button>
    </form>
    ${host.viewMessage || unreadable ? html`<p class="note" data-role="view-message" role="status">${host.viewMessage || unreadable}</p>` : ''}
    ${views.length ? html`<ul class="plain views" data-role="view-list">${views.map((v) => html`<li data-view="${v.name}">
        <button type="button" class="btn btn-ghost btn-sm" data-action="apply-view" data-name="${v.name}" title="${t('views.apply')}"><b>${v.name}</b></button>
        <small class="muted">${viewSummary(host, v)}</small>
        <button type="button" class="btn btn-ghost btn-sm" data-action="delete-view" data-name="${v.name}" title="${t('views.delete')}" aria-label="${t('views.delete') + ': ' + v.name}">${icon('close')}</button></li>`)}</ul>`
      : html`<p class="muted">${t('views.none')}</p>`}`;
}

function viewSummary(host, v) {
  const { t } = host;
  const named = FILTERS.filter((k) => v.filters[k]).map((k) => `${t('filter.' + k)}: ${v.filters[k]}`);
  return [v.tab ? t('tab.' + v.tab) : null, named.length ? named.join(' · ') : t('views.no_filters')].filter(Boolean).join(' — ');
}

function viewError(host, err) {
  host.viewMessage = host.t('views.error.' + ((err && err.kind) || 'unavailable'));
}

/** Applies a saved view: its filters replace the current ones, and its dashboard opens. */
export function applyView(host, name) {
  const v = findView(name);
  if (!v) return;
  host.viewMessage = '';
  if (v.tab) host.showTab(v.tab, true);
  return host.setFilters(v.filters);
}

/** Wires the two cards (delegated: the panel re-renders its content). */
export function wireStorage(host, root, signal) {
  root.addEventListener('change', (e) => {
    if (e.target.matches('[data-role=keep-files]')) setKeep(host, e.target.checked);
  }, { signal });
  root.addEventListener('submit', (e) => {
    const form = e.target.closest('[data-role=view-form]');
    if (!form) return;
    e.preventDefault();
    const name = form.elements.name.value;
    try {
      saveView(name, host.lastDashboard || 'attention', host.filters);
      host.viewMessage = host.t('views.saved', { name: name.trim() });
    } catch (err) {
      viewError(host, err);
    }
    host.renderData();
  }, { signal });
  host.shadowRoot.addEventListener('click', (e) => {
    const act = e.target.closest('[data-action]');
    if (!act) return;
    if (act.dataset.action === 'forget-kept') forget(host);
    else if (act.dataset.action === 'apply-view') applyView(host, act.dataset.name);
    else if (act.dataset.action === 'delete-view') {
      try {
        deleteView(act.dataset.name);
        host.viewMessage = '';
      } catch (err) {
        viewError(host, err);
      }
      host.renderData();
    }
  }, { signal });
}
