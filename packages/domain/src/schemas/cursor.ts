import * as z from 'zod';
import { instantSchema } from '../contract/instant.js';
import { localizedParams } from './custom-issue.js';

/*
 * Keyset paging: a list answers `nextCursor`, the sort key of its last item, and the next request
 * sends it back to continue after that item. The cursor is opaque to clients (base64url of the
 * key's JSON) but not secret: it names only what the caller has already seen, and the key is
 * checked by its schema before it reaches a query, so a forged one is a 400, never a 5xx.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX: ReadonlyMap<string, number> = new Map([...ALPHABET].map((char, index) => [char, index]));

/** Longer than any key below encodes to; anything longer is not one of ours. */
const MAX_CURSOR_LENGTH = 600;

/** base64url without padding. Written out because the domain runs where neither Buffer nor btoa is. */
function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2]!;
    out += ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    if (b !== undefined) out += ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    if (c !== undefined) out += ALPHABET[c & 63]!;
  }
  return out;
}

function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = INDEX.get(char);
    if (value === undefined) return null;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 255);
    }
  }
  return Uint8Array.from(bytes);
}

const BAD_CURSOR = localizedParams(
  '无效或已过期，请从第一页重新开始。',
  'is not valid (or no longer fits this list); start again from the first page.',
);

/**
 * The key's JSON with every non-ASCII character written as a \u escape, so its bytes are its
 * characters: no UTF-8 codec needed (the domain has no TextEncoder), and JSON.parse undoes it.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The JSON a cursor carries, or undefined when the text is not a cursor at all. */
function decodeCursor(text: string): unknown {
  const bytes = fromBase64Url(text);
  if (bytes === null || bytes.some((byte) => byte > 0x7f)) return undefined;
  try {
    return JSON.parse(String.fromCharCode(...bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** The cursor for `key`; the key's schema types it, so only keys the list can read are made. */
export function encodeCursor<S extends z.ZodType>(_schema: S, key: z.input<S>): string {
  return toBase64Url(Uint8Array.from(asciiJson(key), (char) => char.charCodeAt(0)));
}

/**
 * A query parameter holding a cursor of `key`: the text is decoded and the key validated here, so
 * a handler only ever sees a well-formed key. Every failure is one message on the cursor field.
 */
export function cursorParam<S extends z.ZodType>(key: S) {
  return z
    .string()
    .min(1)
    .max(MAX_CURSOR_LENGTH)
    .transform((text, ctx): z.output<S> => {
      const parsed = key.safeParse(decodeCursor(text));
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', params: BAD_CURSOR, input: text });
        return z.NEVER;
      }
      return parsed.data;
    });
}

const order = z.enum(['asc', 'desc']);
const id = z.string().min(1).max(200);
/** Audit sequence numbers are bigints; JSON carries them as digits. */
const seq = z.string().regex(/^[1-9]\d{0,18}$/);

/** 试点 list: the sort the cursor was made for, the sorted value of the last item, and its id. */
export const pilotListCursorKeySchema = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('startDate'), order, value: instantSchema, id }),
  z.strictObject({ by: z.literal('score'), order, value: z.number().finite().nullable(), id }),
  z.strictObject({ by: z.literal('name'), order, value: z.string().max(200), id }),
]);

/** Tasks by due time and rectification items by deadline: that instant of the last item, and its id. */
export const dueCursorKeySchema = z.strictObject({ order, at: instantSchema, id });

/** The audit log and a pilot's timeline, newest first: the sequence number of the last entry. */
export const auditCursorKeySchema = z.strictObject({ seq });

export type PilotListCursorKey = z.output<typeof pilotListCursorKeySchema>;
export type DueCursorKey = z.output<typeof dueCursorKeySchema>;
export type AuditCursorKey = z.output<typeof auditCursorKeySchema>;

/**
 * A cursor continues the sort it was made for; under another sort it would skip or repeat items,
 * so a query whose sort differs from its cursor's is refused on the cursor field.
 */
export function refuseCursorOfOtherSort(
  query: { cursor?: { by?: string; order: string } | undefined; sortBy?: string; sortOrder: string },
  ctx: z.RefinementCtx,
): void {
  const cursor = query.cursor;
  // A cursor refused by its own schema arrives here as zod's NEVER, without an order: said once.
  if (cursor?.order === undefined) return;
  if (cursor.order !== query.sortOrder || cursor.by !== query.sortBy) {
    ctx.addIssue({ code: 'custom', path: ['cursor'], params: BAD_CURSOR });
  }
}
