// Markup by construction. html`<td>${value}</td>` escapes every interpolated value unless it
// is itself markup made here (by html`` or raw()), and returns an Html, the only type setHtml
// and appendHtml write into the DOM. A customer called `<img onerror=…>` is then text wherever
// it lands; the one way to insert unescaped markup is raw(), which is grep-able and reviewed
// (icons, the shell's own constants).

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Markup that is safe to insert: built by html`` or declared with raw(). */
export class Html {
  constructor(text) {
    this.text = text;
  }

  toString() {
    return this.text;
  }
}

/** Text as markup: every character that means something in HTML is escaped. */
export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Declares a constant string as markup (icons, SVG paths of ours): never for data. */
export function raw(markup) {
  return markup instanceof Html ? markup : new Html(String(markup ?? ''));
}

/** One interpolated value: markup as is, lists item by item, null/undefined/false as nothing,
 *  anything else as escaped text (numbers included). */
function part(value) {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) {
    let s = '';
    for (const v of value) s += part(v);
    return s;
  }
  return escapeHtml(value);
}

/** The tag: html`<b>${name}</b>`. */
export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Items joined by markup (or text) sep: join(list.map(...), html`<br>`). */
export function join(items, sep = '') {
  const s = part(sep);
  return new Html(items.map(part).join(s));
}

function checked(markup) {
  if (!(markup instanceof Html)) throw new TypeError('markup must be built with html`…` (web/src/html.js), not a string');
  return markup.text;
}

/** el.innerHTML = markup, for markup built here only. */
export function setHtml(el, markup) {
  el.innerHTML = checked(markup);
}

/** el.insertAdjacentHTML(position, markup), for markup built here only. */
export function appendHtml(el, position, markup) {
  el.insertAdjacentHTML(position, checked(markup));
}
