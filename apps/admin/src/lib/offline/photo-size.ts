// How a photo taken on the phone is shrunk before it waits in the outbox: the longest edge brought
// within a bound, then JPEG quality stepped down until the file fits. Pure arithmetic, so the limits
// are tested without a canvas; the browser side draws and encodes by this plan.

/** A photo after compression is at most this many bytes (readable evidence of a defect, not a print). */
export const PHOTO_TARGET_BYTES = 400 * 1024;
/** The longest edge first tried, and the smallest the plan goes down to. */
export const PHOTO_MAX_EDGE = 1600;
export const PHOTO_MIN_EDGE = 800;
/** JPEG qualities tried at each size, best first. */
export const PHOTO_QUALITIES = [0.82, 0.72, 0.62, 0.5] as const;
/** What the phone will not even try to open (a panorama or a RAW file). */
export const PHOTO_INPUT_MAX_BYTES = 25 * 1024 * 1024;

export interface Size {
  width: number;
  height: number;
}

/** The size that fits within `maxEdge` on its longest side, never enlarged, never below 1 px. */
export function fitWithin(size: Size, maxEdge: number): Size {
  const longest = Math.max(size.width, size.height);
  if (longest <= maxEdge) return { width: size.width, height: size.height };
  const scale = maxEdge / longest;
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}

export interface EncodeStep {
  size: Size;
  quality: number;
}

/**
 * The encodings to try in order: every quality at the largest size, then the same at smaller sizes
 * (each 3/4 of the last) down to the minimum edge. The first that fits the target is kept; when none
 * does, the photo is refused with a message rather than kept too large or silently dropped.
 */
export function encodePlan(original: Size): EncodeStep[] {
  const steps: EncodeStep[] = [];
  const seen = new Set<string>();
  for (let edge = PHOTO_MAX_EDGE; edge >= PHOTO_MIN_EDGE; edge = Math.floor(edge * 0.75)) {
    const size = fitWithin(original, edge);
    const id = `${size.width}x${size.height}`;
    // A small photo gives the same size at every edge: try its qualities once.
    if (seen.has(id)) continue;
    seen.add(id);
    for (const quality of PHOTO_QUALITIES) steps.push({ size, quality });
  }
  return steps;
}

export type PhotoRefusal = 'too_large_to_open' | 'does_not_fit';

/** Whether the chosen encoding can be kept, or why not. */
export function judgeInput(bytes: number): PhotoRefusal | null {
  return bytes > PHOTO_INPUT_MAX_BYTES ? 'too_large_to_open' : null;
}
