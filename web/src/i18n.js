// Every UI string, in English and Russian. t(key, vars) looks the key up in the current
// language, falls back to English, and fills {name} placeholders from vars.

import * as a11y from './strings/a11y.js';
import * as attention from './strings/attention.js';
import * as catalogs from './strings/catalogs.js';
import * as columns from './strings/columns.js';
import * as common from './strings/common.js';
import * as customers from './strings/customers.js';
import * as data from './strings/data.js';
import * as loads from './strings/loads.js';
import * as memory from './strings/memory.js';
import * as drill from './strings/drill.js';
import * as engineMessages from './strings/engine-messages.js';
import * as language from './strings/language.js';
import * as monday from './strings/monday.js';
import * as storage from './strings/storage.js';
import * as summaries from './strings/summaries.js';
import * as negotiations from './strings/negotiations.js';
import * as paging from './strings/paging.js';
import * as parquet from './strings/parquet.js';
import * as team from './strings/team.js';

// One module per area of the page in strings/; a key lives in exactly one of them.
const parts = [a11y, attention, catalogs, columns, common, customers, data, drill, engineMessages, language, loads, memory, monday, negotiations, paging, parquet, storage, summaries, team];
const en = Object.assign({}, ...parts.map((p) => p.en));
const ru = Object.assign({}, ...parts.map((p) => p.ru));  // empty in the hosted page's script until fetched: language-loader.js


export const dictionaries = { en, ru };
export const languages = ['en', 'ru'];
export const locales = { en: 'en-US', ru: 'ru-RU' };

export function translator(lang) {
  const dict = dictionaries[lang] || en;
  function t(key, vars) {
    let s = dict[key] ?? en[key] ?? key;
    if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] === undefined ? m : String(vars[k])));
    return s;
  }
  // A count with its noun in the right plural form: key.one / key.few / key.many / key.other
  // chosen by Intl.PluralRules on the number n; text is n as the caller formatted it.
  const rules = new Intl.PluralRules(locales[lang] || 'en-US');
  t.lang = dictionaries[lang] ? lang : 'en'; // for the column definitions (definitions.js)
  t.n = (key, n, text) => {
    const form = key + '.' + rules.select(n);
    return t(dict[form] !== undefined || en[form] !== undefined ? form : key + '.other', { n: text ?? n });
  };
  return t;
}
