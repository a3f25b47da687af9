/**
 * Series colours: the accent red first, then slate, amber, teal and blue. Each has at least 3:1
 * contrast against white (WCAG 1.4.11, non-text), and the table beside every chart carries the
 * numbers, so no reading depends on telling colours apart.
 */
export const SERIES_COLORS = ['#b91c1c', '#475569', '#b45309', '#0f766e', '#1d4ed8', '#7e22ce'] as const;

export function seriesColor(index: number, override?: string): string {
  return override ?? SERIES_COLORS[index % SERIES_COLORS.length] ?? '#475569';
}
