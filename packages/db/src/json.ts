import type { Prisma } from './generated/prisma/client.js';

/**
 * A plain value (what a zod-parsed shape or a workflow's JSON state is) as Prisma's JSON input.
 * Prisma types JSON columns structurally, which a shape declared elsewhere cannot satisfy without a
 * cast; walking the value proves it instead, and drops `undefined` fields the way JSON would.
 */
export function jsonValue(value: unknown): Prisma.InputJsonValue {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a JSON number: ${value}`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => (item === null ? null : jsonValue(item)));
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Prisma.InputJsonValue | null> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      out[key] = item === null ? null : jsonValue(item);
    }
    return out;
  }
  throw new TypeError(`not a JSON value: ${typeof value}`);
}
