// Arbitraries (fast-check) for what an attacker or a careless client sends: near-valid bodies drawn
// from a route's own JSON Schema with hostile fields mixed in, wrong types, deep nesting, broken
// JSON and multipart, NUL bytes and unpaired surrogates, bad percent-encoding, odd headers.
import fc from 'fast-check';
import { PNG_BYTES } from './pilot-fixtures.js';

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
};

/** What goes on the wire: the body's bytes and the content type that announces them. */
export interface WireBody {
  contentType?: string;
  bytes: Uint8Array;
  /** For the failure report. */
  preview: string;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

export function jsonBody(value: unknown, contentType = 'application/json'): WireBody {
  const text = JSON.stringify(value) ?? 'null';
  return { contentType, bytes: utf8(text), preview: text.slice(0, 300) };
}

export function rawBody(text: string | Uint8Array, contentType?: string): WireBody {
  const bytes = typeof text === 'string' ? utf8(text) : text;
  const preview = typeof text === 'string' ? text.slice(0, 300) : `<${bytes.byteLength} bytes>`;
  return { ...(contentType !== undefined ? { contentType } : {}), bytes, preview };
}

// ─── strings and values ────────────────────────────────────────────────────────────────────

/** Text PostgreSQL cannot keep, or that is not Unicode at all. */
export const invalidText = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\udc00\ud800', '\u0000\ud83d'),
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\ud834', '\udd1e')).map(([a, b]) => a + b),
);

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: invalidText },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      "' OR 1=1 --",
      '"; DROP TABLE app_user; --',
      '<script>alert(1)</script>',
      '../../../etc/passwd',
      '%00',
      '\u202e\u0645',
      '😀'.repeat(30),
      '\r\n\t',
      '${jndi:ldap://x}',
      '{{7*7}}',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)) },
);

/** Values of the wrong shape for whatever field they land in. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.constantFrom(1e308, -1e308, -0, 2 ** 53 + 1, 0.1 + 0.2),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.constant(null)), { maxKeys: 4 }),
  // Parsed, so `__proto__` is an own key (as a JSON body carries it), not the literal's prototype.
  fc.constantFrom<unknown>(
    JSON.parse('{"__proto__":{"admin":true}}'),
    JSON.parse('{"constructor":{"prototype":{"x":1}}}'),
  ),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: wrongType },
);

// ─── bodies from a route's schema ──────────────────────────────────────────────────────────

export interface KnownIds {
  /** Real ids a property called e.g. `pilotId` may take, so some requests get past the lookups. */
  byProperty(name: string): string[];
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

function patternArbitrary(pattern: string): fc.Arbitrary<string> | null {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return null;
  }
}

const localDate = fc
  .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/**
 * A value the schema accepts (mostly: patterns, ranges and lengths are honoured, cross-field rules
 * are not), with a hostile value in place of some fields when `hostility` > 0.
 */
export function fromSchema(
  schema: JsonSchema,
  ids: KnownIds,
  hostility: number,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const valid = validFromSchema(schema, ids, hostility, name, depth);
  if (hostility === 0) return valid;
  return fc.oneof({ weight: 8, arbitrary: valid }, { weight: hostility, arbitrary: hostileValue });
}

function validFromSchema(
  schema: JsonSchema,
  ids: KnownIds,
  hostility: number,
  name: string,
  depth: number,
): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0) {
    return fc.oneof(...alternatives.map((s) => validFromSchema(s, ids, hostility, name, depth + 1)));
  }
  if (schema.allOf && schema.allOf.length > 0) {
    return validFromSchema(schema.allOf[0]!, ids, hostility, name, depth + 1);
  }
  const known = ids.byProperty(name);
  switch (typeOf(schema)) {
    case 'string': {
      const generic =
        (schema.pattern ? patternArbitrary(schema.pattern) : null) ??
        (schema.format === 'date'
          ? localDate
          : schema.format === 'date-time'
            ? localDate.map((day) => `${day}T09:00:00+08:00`)
            : fc.string({
                minLength: schema.minLength ?? 0,
                maxLength: Math.min(schema.maxLength ?? 40, Math.max(schema.minLength ?? 0, 40)),
              }));
      return known.length > 0 ? fc.oneof(fc.constantFrom(...known), generic) : generic;
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({
        min: schema.minimum ?? schema.exclusiveMinimum ?? -1000,
        max: schema.maximum ?? schema.exclusiveMaximum ?? 1000,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(schema.items ?? {}, ids, hostility, name, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const record = Object.fromEntries(
        Object.entries(properties).map(([key, property]) => [
          key,
          fromSchema(property, ids, hostility, key, depth + 1),
        ]),
      );
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    }
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null));
  }
}

/** Puts invalid text somewhere in a value: a string field, a key, or an element. */
export function withInvalidText(value: unknown): fc.Arbitrary<unknown> {
  return fc.tuple(invalidText, fc.nat(), fc.boolean()).map(([bad, pick, asKey]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { field: bad };
    const record = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(record);
    if (asKey || keys.length === 0) return { ...record, [`k${bad}`]: 'v' };
    const key = keys[pick % keys.length]!;
    const current = record[key];
    record[key] = typeof current === 'string' ? `${current}${bad}` : Array.isArray(current) ? [bad] : bad;
    return record;
  });
}

// ─── raw JSON bodies ───────────────────────────────────────────────────────────────────────

/** Nesting past the edge's limit (33 up to far beyond any stack), and just under it. */
export const deepBody: fc.Arbitrary<WireBody> = fc
  .tuple(fc.integer({ min: 20, max: 30_000 }), fc.constantFrom('array', 'object', 'mixed'))
  .map(([depth, shape]) => {
    const open = shape === 'array' ? '[' : shape === 'object' ? '{"a":' : '[{"a":';
    const close = shape === 'array' ? ']' : shape === 'object' ? '}' : '}]';
    const units = shape === 'mixed' ? Math.ceil(depth / 2) : depth;
    return rawBody(open.repeat(units) + '1' + close.repeat(units), 'application/json');
  });

export const malformedJson: fc.Arbitrary<WireBody> = fc.oneof(
  fc
    .constantFrom(
      '{',
      '{"a":}',
      '[1,]',
      'nul',
      '"unterminated',
      '{"a":1}garbage',
      '\ufeff{}',
      '',
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '{"a":"\\u0000"}',
      '{"a":"\\ud800"}',
      '{"\\u0000":1}',
      '1e999999',
      '{"a":' + '9'.repeat(5000) + '}',
    )
    .map((text) => rawBody(text, 'application/json')),
  fc.constant(rawBody(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), 'application/json')),
  // Past the 1 MiB body limit.
  fc.constant(rawBody(`{"a":"${'x'.repeat(1_100_000)}"}`, 'application/json')),
);

/** A plausible JSON body announced as something else, or an odd JSON content type. */
export function oddContentType(json: string): fc.Arbitrary<WireBody> {
  return fc.oneof(
    fc
      .constantFrom(
        'text/plain',
        'text/plain; charset=utf-8',
        'application/xml',
        'application/json; charset=utf-16',
        'application/json;charset=latin1',
        'application/vnd.api+json',
        'application/x-www-form-urlencoded',
        '*/*',
        'multipart/form-data',
        'application/json, text/plain',
        'APPLICATION/JSON',
        'image/png',
      )
      .map((type) => rawBody(json, type)),
    fc.constant(rawBody(json)),
    fc
      .constantFrom('a=1&b=%00', 'username=a%00b&password=x', 'x=%ED%A0%80', '%ZZ=1', 'a[b][c]=1')
      .map((form) => rawBody(form, 'application/x-www-form-urlencoded')),
  );
}

// ─── multipart ─────────────────────────────────────────────────────────────────────────────

interface Part {
  name: string;
  filename?: string;
  type?: string;
  data: Uint8Array | string;
  /** Replaces the part's headers with these raw lines. */
  rawHeaders?: string;
}

function multipart(parts: Part[], boundary: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    const headers =
      part.rawHeaders ??
      `Content-Disposition: form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}` +
        (part.type ? `\r\nContent-Type: ${part.type}` : '');
    chunks.push(utf8(`--${boundary}\r\n${headers}\r\n\r\n`));
    chunks.push(typeof part.data === 'string' ? utf8(part.data) : part.data);
    chunks.push(utf8('\r\n'));
  }
  chunks.push(utf8(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const BOUNDARY = 'fuzzBoundary7MA4YWxkTrZu0gW';

const png = (name = 'p.png'): Part => ({ name: 'file', filename: name, type: 'image/png', data: PNG_BYTES });

function form(parts: Part[], type = `multipart/form-data; boundary=${BOUNDARY}`, label = 'form'): WireBody {
  const described = parts.map((p) =>
    p.filename !== undefined
      ? `${p.name}(${p.filename}, ${p.type})`
      : `${p.name}=${JSON.stringify(p.data).slice(0, 40)}`,
  );
  return {
    contentType: type,
    bytes: multipart(parts, BOUNDARY),
    preview: `${label}: ${described.join(', ')}`,
  };
}

/** An otherwise good upload with invalid text in a field value, a field name or a file name. */
export function multipartWithInvalidText(pilotIds: string[]): fc.Arbitrary<WireBody> {
  return fc
    .tuple(fc.constantFrom(...pilotIds), invalidText, fc.constantFrom('value', 'name', 'file'))
    .map(([id, bad, where]) =>
      form(
        [
          where === 'name'
            ? { name: `pilot${bad}Id`, data: id }
            : { name: 'pilotId', data: where === 'value' ? id + bad : id },
          png(where === 'file' ? `p${bad}.png` : 'p.png'),
        ],
        undefined,
        `invalid text in the ${where}`,
      ),
    );
}

/** Multipart forms, well-formed and not, for an upload naming `pilotIds`. */
export function multipartBody(pilotIds: string[]): fc.Arbitrary<WireBody> {
  const pilotId = fc.oneof(
    fc.constantFrom(...pilotIds, 'enr-unknown'),
    invalidText,
    fc.string({ maxLength: 70 }),
  );
  const boundary = BOUNDARY;
  return fc.oneof(
    pilotId.map((id) => form([{ name: 'pilotId', data: id }, png()], undefined, 'upload')),
    pilotId.map((id) => form([{ name: 'pilotId', data: id }], undefined, 'no file')),
    pilotId.map((id) =>
      form([
        { name: 'pilotId', data: id },
        { name: 'file', filename: 'a.txt', type: 'text/plain', data: 'hi' },
      ]),
    ),
    pilotId.map((id) =>
      form([
        { name: 'pilotId', data: id },
        { name: 'file', filename: 'a.png', type: 'image/png', data: 'MZ\u0090' },
      ]),
    ),
    pilotId.map((id) =>
      form([
        { name: 'pilotId', data: id },
        { name: 'file', filename: 'e.png', type: 'image/png', data: '' },
      ]),
    ),
    fc
      .tuple(pilotId, invalidText)
      .map(([id, bad]) =>
        form([{ name: `pilot${bad}`, data: id }, png(`n${bad}.png`)], undefined, 'bad names'),
      ),
    pilotId.map((id) =>
      form(
        [{ name: 'pilotId', data: id }, ...Array.from({ length: 11 }, (_, i) => png(`${i}.png`))],
        undefined,
        '11 files',
      ),
    ),
    pilotId.map((id) =>
      form(
        [
          { name: 'pilotId', data: id },
          ...Array.from({ length: 25 }, (_, i) => ({ name: `f${i}`, data: 'x' })),
        ],
        undefined,
        '26 fields',
      ),
    ),
    pilotId.map((id) =>
      form(
        [
          { name: 'pilotId', data: id },
          { ...png(), rawHeaders: 'Content-Type: image/png' },
        ],
        undefined,
        'no disposition',
      ),
    ),
    fc.tuple(pilotId, fc.integer({ min: 1, max: 400 })).map(([id, cut]) => {
      const whole = form([{ name: 'pilotId', data: id }, png()]);
      return {
        ...whole,
        bytes: whole.bytes.subarray(0, Math.min(cut, whole.bytes.byteLength - 1)),
        preview: `cut at ${cut}`,
      };
    }),
    pilotId.map((id) =>
      form([{ name: 'pilotId', data: id }, png()], 'multipart/form-data; boundary=other', 'wrong boundary'),
    ),
    pilotId.map((id) => form([{ name: 'pilotId', data: id }, png()], 'multipart/form-data', 'no boundary')),
    pilotId.map((id) =>
      form([{ name: 'pilotId', data: id }, png()], 'multipart/mixed; boundary=' + boundary, 'mixed'),
    ),
    fc.constant(rawBody('--x\r\n\r\n\r\n--', 'multipart/form-data; boundary=x')),
    fc.constant(rawBody('garbage', `multipart/form-data; boundary=${'b'.repeat(200)}`)),
  );
}

// ─── addresses and headers ─────────────────────────────────────────────────────────────────

/** Path segments as they go on the wire (already percent-encoded, or deliberately not). */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%00',
    'a%00b',
    '%ZZ',
    '%',
    '%E0%A4%A',
    '%ED%A0%80',
    '%C0%AF',
    '%FF',
    '%F0%9F%98%80',
    'x'.repeat(101),
    'x'.repeat(3000),
    '%2e%2e%2f%2e%2e%2f',
    '..%2F..%2Fetc%2Fpasswd',
    '%20',
    '%25',
    "'%20OR%201%3D1",
    'fuzz-unknown-id',
    '%3Cscript%3E',
    '%E2%80%AE',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map((s) => encodeURIComponent(s)),
);

export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?q=%00',
    '?q=a%00',
    '?%00=1',
    '?q=%ZZ',
    '?%ZZ=1',
    '?q=%ED%A0%80',
    '?page=-1&pageSize=1e9',
    '?x=1&x=2&x=3',
    '?__proto__[admin]=1',
    '?constructor=1',
    '?=&&=',
    `?q=${'x'.repeat(4000)}`,
    `?q=${'x'.repeat(20_000)}`,
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => `?q=${encodeURIComponent(s)}`),
);

export const badIdempotencyKey = fc.constantFrom(
  'short',
  'x'.repeat(101),
  'has space in it',
  'semi;colon;key',
  'é'.repeat(10),
  'key/with/slash',
  '',
  '       ',
  'a\tb\tc\td\te',
);

export const acceptLanguage = fc.constantFrom(
  'zh-CN',
  'en',
  'en-US,en;q=0.9',
  '*',
  ';;;',
  'x'.repeat(300),
  'zh',
);

export const odditiesInHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'accept-language': acceptLanguage,
    'x-request-id': fc.constantFrom('fixed-id', 'x'.repeat(2000), ' ', 'é'),
    'content-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x-unknown'),
    accept: fc.constantFrom('application/xml', '*/*', 'text/csv'),
  },
  { requiredKeys: [] },
);
