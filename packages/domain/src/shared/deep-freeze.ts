/**
 * Freezes shared constant data (catalogue, default plan) so an accidental write in one caller cannot
 * silently change the rules for every other caller in the same process or workflow sandbox.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) {
      deepFreeze((value as Record<string, unknown>)[key]);
    }
  }
  return value;
}
