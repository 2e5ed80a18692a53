// Numbers, money, percentages and dates for the chosen locale, all through Intl. A figure the
// engine could not compute (null) reads as an em dash, never as 0.
import { Html, escapeHtml } from './html.js';

export const DASH = '—';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

export function formatter(locale, currency) {
  const cache = new Map();
  const nf = (key, opts) => {
    let f = cache.get(key);
    if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, opts)));
    return f;
  };
  const moneyOpts = (digits, compact) => ({
    ...(currency ? { style: 'currency', currency, currencyDisplay: 'narrowSymbol' } : {}),
    maximumFractionDigits: digits,
    minimumFractionDigits: compact ? 0 : Math.min(digits, currency ? digits : 0),
    ...(compact ? { notation: 'compact' } : {}),
  });
  const dateF = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  // Tables: compact dates (ru 22.10.2026; en Oct 22, 2026).
  const dateShortF = new Intl.DateTimeFormat(locale, locale.startsWith('ru')
    ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }
    : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const byteUnits = locale.startsWith('ru') ? ['Б', 'КБ', 'МБ', 'ГБ'] : ['B', 'kB', 'MB', 'GB'];
  const monthF = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const monthShortF = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const yearF = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' });

  const f = {
    locale,
    currency,
    int: (v) => (isNum(v) ? nf('int', { maximumFractionDigits: 0 }).format(v) : DASH),
    num: (v, digits = 1) => (isNum(v) ? nf('num' + digits, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v) : DASH),
    num2: (v) => (isNum(v) ? nf('num2', { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(v) : DASH),
    signed: (v, digits = 2) => (isNum(v) ? nf('signed' + digits, { maximumFractionDigits: digits, minimumFractionDigits: digits, signDisplay: 'exceptZero' }).format(v) : DASH),
    // Money in tables: whole units from 100, cents below.
    money: (v) => (isNum(v) ? (Math.abs(v) >= 100 ? nf('money0', moneyOpts(0)) : nf('money2', { ...moneyOpts(2), minimumFractionDigits: 2 })).format(v) : DASH),
    // Unit prices always with cents.
    price: (v) => (isNum(v) ? nf('price', { ...moneyOpts(2), minimumFractionDigits: 2 }).format(v) : DASH),
    moneySigned: (v) => (isNum(v) ? nf('moneyS', { ...moneyOpts(0), signDisplay: 'exceptZero' }).format(v) : DASH),
    // Money in tiles and axes: 12.6M / 12,6 млн.
    moneyShort: (v) => (isNum(v) ? nf('moneyC', moneyOpts(Math.abs(v) >= 1000 ? 1 : 0, true)).format(v) : DASH),
    // Axis ticks: compact with up to 3 significant digits (1.25M, not 1.3M).
    axisMoney: (v) => (isNum(v) ? nf('axisM', { ...moneyOpts(0, true), maximumFractionDigits: undefined, minimumFractionDigits: undefined, maximumSignificantDigits: 3 }).format(v) : ''),
    compact: (v) => (isNum(v) ? nf('compact', { notation: 'compact', maximumFractionDigits: 1 }).format(v) : DASH),
    pct: (v, digits = 1) => (isNum(v) ? nf('pct' + digits, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v) : DASH),
    pctSigned: (v) => (isNum(v) ? nf('pctS', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v) : DASH),
    bytes: (v) => {
      if (!isNum(v)) return DASH;
      const units = byteUnits;
      let i = 0;
      while (v >= 1000 && i < units.length - 1) (v /= 1000), i++;
      return nf('bytes' + i, { maximumFractionDigits: i ? 1 : 0 }).format(v) + ' ' + units[i];
    },
    date: (s) => (s ? dateF.format(parseDay(s)) : DASH),
    dateShort: (s) => (s ? dateShortF.format(parseDay(s)) : DASH),
    month: (s) => (s ? monthF.format(parseDay(s + '-01')) : DASH),
    monthShort: (d) => monthShortF.format(d),
    year: (d) => yearF.format(d),
  };
  return f;
}

/** 'YYYY-MM-DD' as a UTC Date. */
export function parseDay(s) {
  const [y, m, d] = String(s).slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
}

/** Whole days from a to b ('YYYY-MM-DD'). */
export function daysBetween(a, b) {
  return Math.round((parseDay(b) - parseDay(a)) / 86400000);
}

/** Text as markup, escaped: html`${s}` (web/src/html.js) for a single value. */
export function esc(s) {
  return new Html(escapeHtml(s));
}
