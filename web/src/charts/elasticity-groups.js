// Which series of the elasticity chart each product's dot is drawn in (dashboards/catalogs.js):
// grey when its class is not reliable, else the colour of its class. Decided once per product,
// so that the chart's series, its interval whiskers and their colours all read the same answer.

/** The classes with a colour of their own, in the chart's series order after the grey one. */
export const DOT_CLASSES = ['elastic', 'inelastic', 'positive'];

/** Group of each of `pts` (products with an `elasticity`): 0 grey (not reliable: with intervals,
 *  the class `uncertain`; before intervals, a standard error of 0.5 or more, or none), 1 + the
 *  index of its class in DOT_CLASSES, or -1 for a reliable fit of no class drawn. */
export function dotGroups(pts, withCi) {
  return pts.map((p) => {
    const e = p.elasticity;
    const sure = withCi ? e.class !== 'uncertain' : e.std_error !== null && e.std_error < 0.5;
    if (!sure) return 0;
    const k = DOT_CLASSES.indexOf(e.class);
    return k < 0 ? -1 : k + 1;
  });
}
