// web/src/html.js: markup by construction. Every interpolated value is escaped unless it is
// markup made by html`` or raw(); setHtml refuses plain strings. Run: node --test tests/web/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { html, raw, join, setHtml, appendHtml, Html } from '../../web/src/html.js';

const EVIL = '"><script>window.__pwned=1</script><img src=x onerror=window.__pwned=1>';

test('values are escaped in text and in attributes', () => {
  const out = html`<td title="${EVIL}">${EVIL}</td>`;
  assert.ok(out instanceof Html);
  assert.equal(String(out), '<td title="&quot;&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=window.__pwned=1&gt;">'
    + '&quot;&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=window.__pwned=1&gt;</td>');
  assert.equal(String(html`<b>${"O'Neil & Sons"}</b>`), '<b>O&#39;Neil &amp; Sons</b>');
});

test('markup made here nests as it is; lists join; null, undefined and false are nothing', () => {
  const cell = (v) => html`<td>${v}</td>`;
  assert.equal(String(html`<tr>${['<a>', 'b'].map(cell)}</tr>`), '<tr><td>&lt;a&gt;</td><td>b</td></tr>');
  assert.equal(String(html`<p>${null}${undefined}${false}${0}${''}</p>`), '<p>0</p>');
  assert.equal(String(html`${raw('<svg/>')}`), '<svg/>');
  assert.equal(String(join([html`<i>1</i>`, '<2>'], html`<br>`)), '<i>1</i><br>&lt;2&gt;');
});

test('a string is never taken as markup by setHtml or appendHtml', () => {
  const el = { innerHTML: '', insertAdjacentHTML(pos, s) { this.innerHTML += s; } };
  assert.throws(() => setHtml(el, '<img src=x onerror=alert(1)>'), TypeError);
  assert.throws(() => appendHtml(el, 'beforeend', '<b>x</b>'), TypeError);
  setHtml(el, html`<b>${EVIL}</b>`);
  assert.ok(!el.innerHTML.includes('<script>') && !el.innerHTML.includes('<img'));
  appendHtml(el, 'beforeend', html`<i>${'<u>'}</i>`);
  assert.ok(el.innerHTML.endsWith('<i>&lt;u&gt;</i>'));
});
