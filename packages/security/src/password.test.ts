import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT_PARAMS,
  decodePasswordHash,
  encodePasswordHash,
  hashPassword,
  needsRehash,
  verifyPassword,
} from './password.js';

// A cheaper cost for tests that only exercise parameter handling, not strength.
const CHEAP = { ...DEFAULT_SCRYPT_PARAMS, N: 2 ** 12 };

describe('hashPassword / verifyPassword', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const encoded = await hashPassword('Pilot@2024');
    expect(await verifyPassword('Pilot@2024', encoded)).toBe(true);
    expect(await verifyPassword('pilot@2024', encoded)).toBe(false);
    expect(await verifyPassword('Pilot@2024 ', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('encodes the scheme, the default parameters, a 16-byte salt and a 32-byte key', async () => {
    const encoded = await hashPassword('玫瑰家园-祥顺');
    expect(encoded).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/);
    const decoded = decodePasswordHash(encoded);
    expect(decoded?.params).toEqual(DEFAULT_SCRYPT_PARAMS);
    expect(decoded?.salt).toHaveLength(16);
    expect(decoded?.hash).toHaveLength(32);
    expect(encodePasswordHash(decoded!)).toBe(encoded);
  });

  it('salts: two hashes of one password differ and both verify', async () => {
    const [a, b] = await Promise.all([hashPassword('same-password'), hashPassword('same-password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same-password', a)).toBe(true);
    expect(await verifyPassword('same-password', b)).toBe(true);
  });

  it('refuses a tampered hash, salt or parameter', async () => {
    const encoded = await hashPassword('secret-1', CHEAP);
    const decoded = decodePasswordHash(encoded)!;
    const flip = (buffer: Buffer): Buffer => {
      const copy = Buffer.from(buffer);
      copy[0] = copy[0]! ^ 0x01;
      return copy;
    };
    const tamperedHash = encodePasswordHash({ ...decoded, hash: flip(decoded.hash) });
    const tamperedSalt = encodePasswordHash({ ...decoded, salt: flip(decoded.salt) });
    const tamperedCost = encodePasswordHash({ ...decoded, params: { ...decoded.params, N: 2 ** 13 } });
    for (const bad of [tamperedHash, tamperedSalt, tamperedCost]) {
      expect(bad).not.toBe(encoded);
      expect(await verifyPassword('secret-1', bad)).toBe(false);
    }
    expect(await verifyPassword('secret-1', encoded)).toBe(true);
  });

  it('treats malformed or unsupported stored values as a mismatch', async () => {
    const encoded = await hashPassword('secret-2', CHEAP);
    const [, , r, p, salt, hash] = encoded.split('$');
    const bad = [
      '',
      'secret-2',
      encoded.replace(/^scrypt/, 'argon2id'),
      encoded.slice(0, -4),
      `${encoded}$extra`,
      `scrypt$4095$${r}$${p}$${salt}$${hash}`, // N not a power of two
      `scrypt$1024$1$1$${salt}$${hash}x!`, // not base64
      `scrypt$1048576$64$1$${salt}$${hash}`, // asks for far too much memory
      `scrypt$4096$${r}$${p}$${salt}$${Buffer.alloc(8).toString('base64')}`, // key too short
    ];
    for (const value of bad) {
      expect(decodePasswordHash(value)).toBeNull();
      expect(await verifyPassword('secret-2', value)).toBe(false);
    }
  });

  it('normalises Unicode so composed and decomposed input match', async () => {
    const composed = 'caf\u00e9-密码';
    const decomposed = 'cafe\u0301-密码';
    const encoded = await hashPassword(composed, CHEAP);
    expect(await verifyPassword(decomposed, encoded)).toBe(true);
  });

  it('refuses to create weak or absurd hashes', async () => {
    await expect(hashPassword('x', { ...DEFAULT_SCRYPT_PARAMS, N: 1000 })).rejects.toThrow(RangeError);
    await expect(hashPassword('x', { ...DEFAULT_SCRYPT_PARAMS, keyBytes: 16 })).rejects.toThrow(RangeError);
    await expect(hashPassword('x', { ...DEFAULT_SCRYPT_PARAMS, saltBytes: 8 })).rejects.toThrow(RangeError);
  });
});

describe('needsRehash', () => {
  it('reads the parameters from the stored string, so older hashes still verify', async () => {
    const old = await hashPassword('raise-me', CHEAP);
    expect(old.startsWith('scrypt$4096$8$1$')).toBe(true);
    expect(await verifyPassword('raise-me', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(old, CHEAP)).toBe(false);
  });

  it('is false for a current hash and true once the target is raised', async () => {
    const current = await hashPassword('current');
    expect(needsRehash(current)).toBe(false);
    expect(needsRehash(current, { ...DEFAULT_SCRYPT_PARAMS, N: 2 ** 16 })).toBe(true);
    expect(needsRehash(current, { ...DEFAULT_SCRYPT_PARAMS, keyBytes: 64 })).toBe(true);
  });

  it('is true for anything that is not a readable scrypt hash', () => {
    expect(needsRehash('')).toBe(true);
    expect(needsRehash('$2b$10$abcdefghijklmnopqrstuv')).toBe(true);
  });
});
