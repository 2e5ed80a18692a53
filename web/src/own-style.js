// A view's own stylesheet (rules for its markup alone, kept beside its code rather than in the
// shared styles.css), put into the page's shadow root once. Written into the markup a view
// redraws, its <style> element was new on every redraw, and a new style element makes the
// browser restyle the whole shadow tree: every dashboard, the hidden ones too (they stay laid
// out so that their charts know their width). With Online Retail loaded (10,000 elements) that
// was about 3 ms a redraw of This week, whose own drawing is 13–20 ms (docs/performance.md
// "A redraw's own stylesheet").

/** Puts `css` into the shadow root (or the document) that holds `el`, once per `key`. An `el`
 *  not in either yet gets it at its next draw. */
export function ownStyle(el, key, css) {
  const root = el.getRootNode ? el.getRootNode() : null;
  // 11: a shadow root, 9: the document.
  const into = root && root.nodeType === 11 ? root : root && root.nodeType === 9 ? root.head : null;
  if (!into || into.querySelector(`style[data-own-style="${key}"]`)) return;
  const style = document.createElement('style');
  style.dataset.ownStyle = key;
  style.textContent = css;  // text, never parsed as markup
  into.appendChild(style);
}
