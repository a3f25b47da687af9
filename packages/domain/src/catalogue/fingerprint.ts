import type { CatalogueVersion } from './types.js';

/**
 * JSON with object keys sorted at every level, so two catalogues that hold the same data hash the
 * same however their objects were assembled. Array order is kept: it is meaningful (checklist order).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    // undefined and functions have no JSON form; treat them like JSON.stringify does inside arrays.
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const entries = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${entries.join(',')}}`;
}

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/** 64-bit FNV-1a over the UTF-8 bytes of `text`, as 16 hex digits. Not cryptographic; a change detector. */
export function fnv1a64(text: string): string {
  let hash = FNV64_OFFSET;
  const mix = (byte: number): void => {
    hash = ((hash ^ BigInt(byte)) * FNV64_PRIME) & MASK64;
  };
  for (const char of text) {
    const point = char.codePointAt(0) ?? 0;
    if (point < 0x80) {
      mix(point);
    } else if (point < 0x800) {
      mix(0xc0 | (point >> 6));
      mix(0x80 | (point & 0x3f));
    } else if (point < 0x10000) {
      mix(0xe0 | (point >> 12));
      mix(0x80 | ((point >> 6) & 0x3f));
      mix(0x80 | (point & 0x3f));
    } else {
      mix(0xf0 | (point >> 18));
      mix(0x80 | ((point >> 12) & 0x3f));
      mix(0x80 | ((point >> 6) & 0x3f));
      mix(0x80 | (point & 0x3f));
    }
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * Fingerprint of a catalogue version's full content. Store it when a version is first used; if a
 * later fingerprint differs, the "used versions are immutable" rule was broken.
 */
export function catalogueFingerprint(catalogue: CatalogueVersion): string {
  return `fnv1a64:${fnv1a64(canonicalJson(catalogue))}`;
}
