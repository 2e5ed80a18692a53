// The page's chart colours and font: one palette for every dashboard.
export const FONT = 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif';

export const C = {
  ink: '#1c2024', muted: '#60646c', faint: '#8b8d98', grid: '#eceef2', axis: '#d3d6dc', bg: '#ffffff',
  accent: '#5b5bd6', accentSoft: '#e6e7fb', blue: '#0d74ce', teal: '#12a594', green: '#30a46c',
  amber: '#e2a336', orange: '#ef5f00', red: '#e5484d', redText: '#ce2c31', greenText: '#18794e', violet: '#8e4ec6', pink: '#d6409f', gray: '#b9bbc6',
};
export const STATUS_COLORS = { on_track: C.green, due: C.amber, overdue: C.orange, lapsed: C.red, unknown: C.gray };
export const OUTCOME_COLORS = { won: C.green, lost: C.red, open: C.blue };
export const CLASS_COLORS = { elastic: C.teal, inelastic: C.accent, positive: C.amber };
export const STAGE_PALETTE = ['#c2c4f5', '#9b9ef0', '#7c7fe6', '#5b5bd6', '#4241b0', '#2f2e85', '#8e4ec6', '#d6409f', '#12a594', '#e2a336'];
