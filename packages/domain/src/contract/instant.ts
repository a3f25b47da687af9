import * as z from 'zod';
import { SHANGHAI_UTC_OFFSET_MS } from '../calendar/shanghai.js';

/**
 * An instant as every response shows it: ISO 8601 in Asia/Shanghai time with its offset
 * (`2026-12-01T18:30:00.000+08:00`), so a person reading a response or an export sees the local
 * time the subdistrict works in, and every client still parses it as an absolute instant.
 */
export function formatInstant(at: number | Date): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return `${new Date(ms + SHANGHAI_UTC_OFFSET_MS).toISOString().slice(0, -1)}+08:00`;
}

/** An instant in a response: ISO 8601 with an offset. */
export const instantSchema = z.iso.datetime({ offset: true });

/**
 * An instant that crosses from a workflow (epoch milliseconds, as its state is plain JSON) to a
 * response (ISO 8601): one field declaration for both sides. `schema.decode(fromWorkflow)` gives
 * the response; `z.input` of a schema is the workflow's type, `z.output` the response's.
 */
export const epochInstant = z.codec(z.number().int(), instantSchema, {
  decode: (ms) => formatInstant(ms),
  encode: (iso) => Date.parse(iso),
});

/** `formatInstant`, or null for a time that has not happened (yet). */
export function formatInstantOrNull(at: number | Date | null | undefined): string | null {
  return at === null || at === undefined ? null : formatInstant(at);
}
