// The element's language when its words may have to be fetched first (language-loader.js: the
// hosted page carries English only). A switch re-words the page once the words are here, and
// keeps the page in the language it shows until then; a page opened in such a language is
// built once they are here. A fetch that fails leaves the page in English and says why.
import { languages } from './i18n.js';
import { languageReady, loadLanguage } from './language-loader.js';

/** lang if the page knows it, else the browser's language if it does, else English. */
export function pickLang(v) {
  if (v && languages.includes(v)) return v;
  const nav = (navigator.language || 'en').slice(0, 2);
  return languages.includes(nav) ? nav : 'en';
}

/** The language the element opens in: the URL hash's (sync-hash), else its lang attribute's. */
function openingLanguage(host) {
  const hash = host.hasAttribute('sync-hash') ? new URLSearchParams(location.hash.replace(/^#/, '')).get('lang') : null;
  return languages.includes(hash) ? hash : pickLang(host.getAttribute('lang'));
}

/**
 * True when the element can be built now; otherwise fetches the words of the language it opens
 * in and calls build() when they are here (or when they could not be: in English, said in the
 * banner), and returns false.
 */
export function buildWhenWorded(host, build) {
  const lang = openingLanguage(host);
  if (languageReady(lang) || host._openedWithout === lang) return true;
  if (!host._openingWords) {
    host._openingWords = loadLanguage(lang).then(() => {
      host._openingWords = null;
      if (host.isConnected) build();
    }, (err) => {
      host._openingWords = null;
      if (!host.isConnected) return;
      host._openedWithout = lang;
      build();
      fellBack(host, lang, err);
    });
  }
  return false;
}

/** Calls reword() in the element's language (host.lang) now, or once its words are fetched. */
export function whenWorded(host, reword) {
  const lang = host.lang;
  if (languageReady(lang)) {
    reword();
    return;
  }
  loadLanguage(lang).then(() => {
    if (host.lang === lang && host._built) reword();
  }, (err) => {
    if (host.lang !== lang || !host._built) return;
    fellBack(host, lang, err);
    reword();
  });
}

/** The words of lang could not be fetched: back to English (the language the script carries), said. */
function fellBack(host, lang, err) {
  console.error(`b2b-pulse: the words in ${lang} could not be fetched:`, err);
  host.lang = 'en';
  host.showError(host.t('lang.unavailable', { language: lang.toUpperCase(), reason: err.message }));
}
