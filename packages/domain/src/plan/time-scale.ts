/**
 * Maps an instant computed on the real calendar onto the compressed timeline: its offset from the
 * origin is divided by `timeScale`. Flooring keeps the mapping monotone, so task order survives,
 * and never pushes an instant past the scaled end of its round.
 */
export function scaleInstant(originMs: number, instantMs: number, timeScale: number): number {
  assertTimeScale(timeScale);
  if (timeScale === 1) return instantMs;
  return originMs + Math.floor((instantMs - originMs) / timeScale);
}

/** Inverse of scaleInstant (up to rounding): where a compressed instant lies on the real calendar. */
export function unscaleInstant(originMs: number, scaledMs: number, timeScale: number): number {
  assertTimeScale(timeScale);
  if (timeScale === 1) return scaledMs;
  return originMs + Math.floor((scaledMs - originMs) * timeScale);
}

/** A plan duration (e.g. an extension of N days) on the compressed timeline. */
export function scaleDuration(durationMs: number, timeScale: number): number {
  assertTimeScale(timeScale);
  return timeScale === 1 ? durationMs : Math.floor(durationMs / timeScale);
}

export function assertTimeScale(timeScale: number): void {
  if (!Number.isFinite(timeScale) || timeScale < 1) {
    throw new RangeError(`timeScale must be a finite number >= 1, got ${timeScale}`);
  }
}
