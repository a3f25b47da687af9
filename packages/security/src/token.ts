import { createHash, randomBytes } from 'node:crypto';

/** A bearer token for a session: 32 random bytes (256 bits), base64url so it fits a header or cookie. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the database stores instead of the token. The token already has 256 bits of entropy, so a
 * fast unsalted hash suffices: it cannot be brute-forced, and lookups stay a single indexed match.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
