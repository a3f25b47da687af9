/** How far an apply has got, as this app's progress endpoint answers it. */
export interface Progress {
  done: number;
  total: number;
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** The progress in an answer of GET …/progress, or null when the answer has none (not applying). */
export function readProgress(body: unknown): Progress | null {
  if (typeof body !== 'object' || body === null || !('progress' in body)) return null;
  const progress = body.progress;
  if (typeof progress !== 'object' || progress === null) return null;
  if (!('done' in progress) || !('total' in progress)) return null;
  const { done, total } = progress;
  return isCount(done) && isCount(total) ? { done, total } : null;
}
