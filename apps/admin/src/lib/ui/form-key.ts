/**
 * A fresh Idempotency-Key for one attempt of a form: the API runs a write carrying it once, so a
 * double click or a resent form changes nothing twice. getRandomValues works on plain http too
 * (randomUUID needs a secure context).
 */
export function newFormKey(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `ui-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
