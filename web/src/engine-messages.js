// The engine's messages in the page's language. The engine gives each message a code
// (core/include/pulse/error_ids.h, docs/errors.md), named params and an English text; the
// words are in strings/engine-messages.js, keyed 'engine.' + code. A code the page does not
// know reads as the engine's English text (tests/web/error-ids.test.mjs keeps that from
// happening for every code the engine has).

// Params that are words, not values: their own keys ('engine.mark.comma', 'role.deal_events').
const WORD_PARAMS = { mark: 'engine.mark.', order: 'engine.order.', basis: 'engine.basis.', role: 'role.' };

function known(t, key) {
  return t(key) !== key;
}

/** The params as the sentence shows them: counts formatted, word params translated. */
function fill(t, fmt, params) {
  const vars = {};
  for (const [name, value] of Object.entries(params || {})) {
    if (WORD_PARAMS[name] && known(t, WORD_PARAMS[name] + value)) vars[name] = t(WORD_PARAMS[name] + value);
    else if (typeof value === 'number') vars[name] = fmt ? fmt.int(value) : String(value);
    else vars[name] = value;
  }
  return vars;
}

/**
 * A message {code, params, text} in the page's language. A code whose key has plural forms
 * (key.one, key.few, ...) takes the form Intl.PluralRules chooses for the param `n`.
 */
export function wordMessage(t, fmt, message) {
  if (!message) return '';
  if (typeof message === 'string') return message;
  const { code, params, text } = message;
  const key = 'engine.' + code;
  const vars = fill(t, fmt, params);
  const n = params && params.n;
  if (typeof n === 'number' && known(t, key + '.other')) {
    const form = key + '.' + new Intl.PluralRules(t.lang === 'ru' ? 'ru-RU' : 'en-US').select(n);
    return t(known(t, form) ? form : key + '.other', vars);
  }
  return code && known(t, key) ? t(key, vars) : text || code || '';
}

/** A row problem {file, line, field, reason_code, params, text}: its reason in the page's language. */
export function wordProblem(t, fmt, problem) {
  return wordMessage(t, fmt, { code: problem.reason_code, params: problem.params, text: problem.text });
}

/**
 * Why a partial load stopped ({line, reason, code, params}) in the page's language: the code's
 * wording, with the engine's English reason kept as the detail (shown on hover); English readers
 * get the engine's own sentence, which names the line and the limit.
 */
export function wordStop(t, stopped) {
  const reason = String((stopped && stopped.reason) || '');
  const code = (stopped && stopped.code) || errorCode(reason);
  if (!code || !known(t, 'engine.' + code) || t.lang === 'en') return { text: reason, code, detail: '' };
  return { text: t('engine.' + code), code, detail: reason };
}

/** The id at the start of an engine error ("[pulse.ingest.101] ..."), or null. */
export function errorCode(message) {
  const m = /^\[(pulse\.[a-z]+\.\w+)\]/.exec(String(message || ''));
  return m ? m[1] : null;
}

/**
 * A refused file's error in the page's language: the id's meaning from the strings, the engine's
 * English detail kept for English readers and on hover.
 */
export function wordError(t, message) {
  const code = errorCode(message);
  if (!code || !known(t, 'engine.' + code) || t.lang === 'en') return { text: String(message || ''), code, detail: '' };
  return { text: t('engine.' + code), code, detail: String(message) };
}
