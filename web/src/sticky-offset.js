// The header (brand, tabs, language) sticks to the top of the window, and on a phone its tabs
// take two rows. Whatever scrolls a row or a card into view (a tapped row opening the customer,
// "Open the customer", a focused row) must stop below it: the header's height is kept in
// --top-h on .app, which scroll-margin-top reads (styles.css).

/** Brings a card into view below the header: where it is in view already nothing moves (wide
 *  screens), on a phone, where a card can be taller than what the header leaves, its top shows. */
export function reveal(el) {
  el.scrollIntoView({ block: window.innerWidth <= 640 ? 'start' : 'nearest', behavior: 'smooth' });
}

/** Follows the header's height until signal aborts. */
export function followStickyHeader(root, signal) {
  const app = root.querySelector('.app');
  const top = root.querySelector('.top');
  if (!app || !top || typeof ResizeObserver === 'undefined') return;
  const observer = new ResizeObserver(() => app.style.setProperty('--top-h', `${Math.ceil(top.getBoundingClientRect().height)}px`));
  observer.observe(top);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
