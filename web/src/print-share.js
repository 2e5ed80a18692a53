// Printing (the button or Ctrl+P: every table row, up to a thousand, no controls) and sharing
// (the view's URL, hash included, to the clipboard).

/** Follows the browser's print events; the listeners go when signal aborts. */
export function followPrinting(host, signal) {
  window.addEventListener('beforeprint', () => printMode(host, true), { signal });
  window.addEventListener('afterprint', () => printMode(host, false), { signal });
}

export function print(host) {
  printMode(host, true);
  window.print();
}

export function printMode(host, on) {
  if (!!host.printing === on) return;
  host.printing = on;
  host.$('.app').classList.toggle('printing', on);
  // Tables print every row (up to a thousand), not only the page on screen; the charts are
  // drawn now, not at the next frame (charts/chart-set.js), which the print's layout does not wait for.
  if (host.report) {
    host.scheduler.everything();
    host.charts.flush();
  }
}

/** Copies the view's link; the button says so for a moment (timer cleared by the host's dispose). */
export async function share(host, btn) {
  host.writeHash();
  try {
    await navigator.clipboard.writeText(location.href);
  } catch {
    /* clipboard refused (file://, permissions): the hash is in the address bar anyway */
  }
  btn.classList.add('done');
  btn.title = host.t('action.shared');
  clearTimeout(host.shareTimer);
  host.shareTimer = setTimeout(() => {
    btn.classList.remove('done');
    btn.title = host.t('action.share');
  }, 1600);
}
