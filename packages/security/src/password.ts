import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Cost parameters of one scrypt hash; stored inside the encoded string so they can be raised later. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
  /** Length of the random salt in bytes. */
  saltBytes: number;
  /** Length of the derived key in bytes. */
  keyBytes: number;
}

/** What new hashes use. Raising a value here makes `needsRehash` true for every older hash. */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({
  N: 2 ** 15,
  r: 8,
  p: 1,
  saltBytes: 16,
  keyBytes: 32,
});

const SCHEME = 'scrypt';

// Limits on what an encoded string may ask for, so a corrupted or hostile row cannot make one
// login allocate gigabytes or spin for minutes.
const LIMITS = {
  minLogN: 10,
  maxMemoryBytes: 256 * 1024 * 1024,
  maxR: 32,
  maxP: 16,
  minSaltBytes: 16,
  maxSaltBytes: 64,
  minKeyBytes: 32,
  maxKeyBytes: 64,
} as const;

// Decoding is lenient by default (Buffer.from ignores stray characters), so the text is checked first.
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DECIMAL = /^[1-9]\d{0,9}$/;

export interface DecodedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 1 && (n & (n - 1)) === 0;
}

function checkParams(N: number, r: number, p: number): boolean {
  return (
    isPowerOfTwo(N) &&
    N >= 2 ** LIMITS.minLogN &&
    r >= 1 &&
    r <= LIMITS.maxR &&
    p >= 1 &&
    p <= LIMITS.maxP &&
    128 * N * r <= LIMITS.maxMemoryBytes
  );
}

/** Reads `scrypt$N$r$p$saltB64$hashB64`; null when the text is not a hash this module can verify. */
export function decodePasswordHash(encoded: string): DecodedHash | null {
  const parts = encoded.split('$');
  if (parts.length !== 6) return null;
  const [scheme, nText, rText, pText, saltText, hashText] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (scheme !== SCHEME) return null;
  if (![nText, rText, pText].every((text) => DECIMAL.test(text))) return null;
  if (!BASE64.test(saltText) || !BASE64.test(hashText)) return null;
  const N = Number(nText);
  const r = Number(rText);
  const p = Number(pText);
  if (!checkParams(N, r, p)) return null;
  const salt = Buffer.from(saltText, 'base64');
  const hash = Buffer.from(hashText, 'base64');
  if (salt.length < LIMITS.minSaltBytes || salt.length > LIMITS.maxSaltBytes) return null;
  if (hash.length < LIMITS.minKeyBytes || hash.length > LIMITS.maxKeyBytes) return null;
  return { params: { N, r, p, saltBytes: salt.length, keyBytes: hash.length }, salt, hash };
}

export function encodePasswordHash({ params, salt, hash }: DecodedHash): string {
  return [SCHEME, params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/**
 * The same password typed on different keyboards or input methods can reach us in different
 * Unicode forms (composed vs decomposed); NFC makes them one. Changing this later would lock users
 * out, so it is fixed here.
 */
function normalize(password: string): string {
  return password.normalize('NFC');
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // OpenSSL needs 128·r·(N+p+2) bytes; Node's 32 MiB default is just short of that for N=2^15, r=8.
    maxmem: 128 * params.r * (params.N + params.p + 2) + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(normalize(password), salt, params.keyBytes, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** Hashes a password with a fresh random salt; the result carries its own parameters. */
export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<string> {
  if (!checkParams(params.N, params.r, params.p)) {
    throw new RangeError(`unsupported scrypt parameters N=${params.N} r=${params.r} p=${params.p}`);
  }
  if (
    params.saltBytes < LIMITS.minSaltBytes ||
    params.saltBytes > LIMITS.maxSaltBytes ||
    params.keyBytes < LIMITS.minKeyBytes ||
    params.keyBytes > LIMITS.maxKeyBytes
  ) {
    throw new RangeError(`salt must be 16..64 bytes and the key 32..64 bytes`);
  }
  const salt = randomBytes(params.saltBytes);
  const hash = await derive(password, salt, params);
  return encodePasswordHash({ params, salt, hash });
}

/**
 * True when `password` matches `encoded`. A malformed or unsupported stored hash is a mismatch, not
 * an error, so a damaged row can never let anyone in.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const decoded = decodePasswordHash(encoded);
  if (!decoded) return false;
  const candidate = await derive(password, decoded.salt, decoded.params);
  return candidate.length === decoded.hash.length && timingSafeEqual(candidate, decoded.hash);
}

/**
 * True when a stored hash is weaker than `target` (or not one we can read), so the caller should
 * re-hash the password it just verified and store the new value.
 */
export function needsRehash(encoded: string, target: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const decoded = decodePasswordHash(encoded);
  if (!decoded) return true;
  const { params } = decoded;
  return (
    params.N < target.N ||
    params.r < target.r ||
    params.p < target.p ||
    params.saltBytes < target.saltBytes ||
    params.keyBytes < target.keyBytes
  );
}
