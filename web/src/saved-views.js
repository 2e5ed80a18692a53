// Saved views: a name for a set of filters and the tab they were looked at on, kept in this
// browser's localStorage (a few hundred bytes each; nothing leaves the machine). They name no
// file: a view applies to whatever data is loaded, like a shared link does.
import { FILTERS, cleanFilter } from './filters.js';

const KEY = 'b2b-pulse:views';
export const MAX_NAME = 80;

/** Why a view could not be saved or read: `kind` is 'quota', 'unavailable' or 'name'. */
export class ViewError extends Error {
  constructor(kind, cause) {
    super((cause && cause.message) || kind);
    this.kind = kind;
  }
}

function storage() {
  try {
    return window.localStorage; // throws where storage is blocked (sandboxed frames, settings)
  } catch (err) {
    throw new ViewError('unavailable', err);
  }
}

/** The saved views, in the order saved: [{name, tab, filters, savedAt}]. Unreadable entries
 *  (an older format, a hand edit) are left out rather than breaking the list. */
export function listViews() {
  let list;
  try {
    list = JSON.parse(storage().getItem(KEY) || '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  return list.filter((v) => v && typeof v.name === 'string' && v.filters && typeof v.filters === 'object').map((v) => ({
    name: v.name, tab: typeof v.tab === 'string' ? v.tab : null, savedAt: v.savedAt || null, filters: cleanFilters(v.filters),
  }));
}

function cleanFilters(filters) {
  const out = {};
  for (const k of FILTERS) out[k] = cleanFilter(k, filters[k]) ?? null;
  return out;
}

function write(list) {
  try {
    storage().setItem(KEY, JSON.stringify(list));
  } catch (err) {
    throw err instanceof ViewError ? err : new ViewError(err && err.name === 'QuotaExceededError' ? 'quota' : 'unavailable', err);
  }
}

/** Saves (or replaces, by name) a view; returns the list. Throws a ViewError. */
export function saveView(name, tab, filters) {
  const clean = String(name || '').trim().slice(0, MAX_NAME);
  if (!clean) throw new ViewError('name');
  const list = listViews().filter((v) => v.name !== clean);
  list.push({ name: clean, tab, filters: cleanFilters(filters), savedAt: Date.now() });
  write(list);
  return list;
}

export function deleteView(name) {
  const list = listViews().filter((v) => v.name !== name);
  write(list);
  return list;
}

export function findView(name) {
  return listViews().find((v) => v.name === name) || null;
}
