// The words of a language the page's script does not carry, fetched the first time the page is
// shown in it. The hosted build (web/build.mjs) keeps only the English words and definitions in
// the script and writes each other language as a JSON file of its own next to it
// (PULSE_LANGUAGE_FILES, replaced at build time: { ru: 'lang-ru.json' }); a page opened in
// English never downloads the Russian. The single file dist/b2b-pulse.html and the sources run
// under Node carry every language (PULSE_LANGUAGE_FILES null or undefined): nothing to fetch.
/* global PULSE_LANGUAGE_FILES */
import { dictionaries } from './i18n.js';
import { definitionsByLanguage } from './definitions.js';

const files = typeof PULSE_LANGUAGE_FILES === 'object' && PULSE_LANGUAGE_FILES ? PULSE_LANGUAGE_FILES : {};
// Relative to this script, as the wasm is (engine-client.js): currentScript is only set while
// the script first runs, so the base is read now.
const base = (typeof document !== 'undefined' && document.currentScript && document.currentScript.src) ||
  (typeof location !== 'undefined' ? location.href : '');
const loading = new Map();  // lang → Promise of its words in place
const loaded = new Set();

/** Whether the words of lang are in the page now (always, but for a language still to fetch). */
export function languageReady(lang) {
  return !files[lang] || loaded.has(lang);
}

/** Puts the words of lang in the page, fetching them once; rejects with an Error saying why. */
export function loadLanguage(lang) {
  if (languageReady(lang)) return Promise.resolve();
  if (!loading.has(lang)) {
    const pending = fetchWords(lang, new URL(files[lang], base).href);
    // A failed fetch is not remembered: switching again tries again.
    pending.catch(() => loading.delete(lang));
    loading.set(lang, pending);
  }
  return loading.get(lang);
}

async function fetchWords(lang, url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const pack = await response.json();
  if (!isWords(pack.strings) || !isWords(pack.definitions)) throw new Error(`${url}: not the page's words (strings and definitions)`);
  Object.assign(dictionaries[lang], pack.strings);
  Object.assign(definitionsByLanguage[lang], pack.definitions);
  loaded.add(lang);
}

const isWords = (o) => o !== null && typeof o === 'object' && Object.values(o).every((v) => typeof v === 'string');
