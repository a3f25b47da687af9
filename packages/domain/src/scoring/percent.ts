/** Scores are shown and compared with two decimals; rounding here keeps every consumer consistent. */
export function roundTo2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** `earned / possible` as 0..100 with two decimals, or null when nothing was possible. */
export function percentOf(earned: number, possible: number): number | null {
  if (possible <= 0) return null;
  return Math.min(100, Math.max(0, roundTo2((earned / possible) * 100)));
}

export function ratioOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 10000) / 10000;
}
