// The key that makes audit hashes. It lives outside the database (an environment variable or a key
// file), so holding the database — even as its owner — is not enough to rewrite the log unnoticed.
// HMAC-SM3 is the default, as a 商用密码应用安全性评估 (GM/T 0054) expects; HMAC-SHA256 is offered for
// deployments that need it.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const AUDIT_ALGORITHMS = ['sm3', 'sha256'] as const;
export type AuditAlgorithm = (typeof AUDIT_ALGORITHMS)[number];

/** Hashes of entries written before the log was keyed (stream "legacy"): plain SHA-256. */
export const LEGACY_KEY_ID = 'sha256';

export interface AuditSigner {
  /** Recorded with every entry: `hmac-<algorithm>:<key name>`. */
  readonly keyId: string;
  mac(data: string): string;
}

/** Verifies with every key the log may have used, by key id; the newest signs. */
export interface AuditKeyring {
  signer: AuditSigner;
  /** The MAC of `data` under the key `keyId`, or null when that key is not known here. */
  macWith(keyId: string, data: string): string | null;
}

export function createAuditSigner(
  key: Uint8Array,
  name: string,
  algorithm: AuditAlgorithm = 'sm3',
): AuditSigner {
  if (key.length < 16) throw new RangeError('an audit key needs at least 128 bits');
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(name)) throw new RangeError(`bad audit key name "${name}"`);
  const keyBytes = Buffer.from(key);
  return {
    keyId: `hmac-${algorithm}:${name}`,
    mac: (data) => createHmac(algorithm, keyBytes).update(data).digest('hex'),
  };
}

/** A keyring of one or more signers; the first signs new entries, all of them verify. */
export function createAuditKeyring(signers: readonly AuditSigner[]): AuditKeyring {
  const [signer] = signers;
  if (!signer) throw new RangeError('an audit keyring needs a key');
  const byId = new Map(signers.map((s) => [s.keyId, s]));
  return {
    signer,
    macWith: (keyId, data) => {
      if (keyId === LEGACY_KEY_ID) return createHash('sha256').update(data).digest('hex');
      return byId.get(keyId)?.mac(data) ?? null;
    },
  };
}

/** Constant-time comparison of two hex MACs. */
export function sameMac(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

export interface AuditKeyConfig {
  /** The key, hex (64+ digits) or base64; or a file holding it. */
  key?: string | undefined;
  keyFile?: string | undefined;
  /** The key's name, recorded with each entry so keys can be rotated. */
  keyName?: string | undefined;
  algorithm?: string | undefined;
  /** Keys that signed older entries, `name=hex,…`, still accepted for verification. */
  previousKeys?: string | undefined;
}

function keyBytes(text: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]+$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (bytes.length < 16) throw new RangeError('the audit key must be at least 128 bits (32 hex digits)');
  return bytes;
}

function algorithmOf(text: string | undefined): AuditAlgorithm {
  const value = (text ?? 'sm3').trim().toLowerCase();
  const found = AUDIT_ALGORITHMS.find((a) => a === value);
  if (!found) throw new RangeError(`AUDIT_ALGORITHM must be sm3 or sha256, not "${value}"`);
  return found;
}

/** The keyring the configuration names; throws when no key is configured. */
export async function auditKeyringFrom(config: AuditKeyConfig): Promise<AuditKeyring> {
  const algorithm = algorithmOf(config.algorithm);
  const text = config.key ?? (config.keyFile ? await readFile(config.keyFile, 'utf8') : undefined);
  if (!text) throw new Error('no audit key: set AUDIT_KEY or AUDIT_KEY_FILE (see README, 审计)');
  const current = createAuditSigner(keyBytes(text), config.keyName ?? 'k1', algorithm);
  const previous = (config.previousKeys ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, value] = entry.split('=');
      if (!name || !value) throw new RangeError('AUDIT_PREVIOUS_KEYS is name=key,name=key');
      return createAuditSigner(keyBytes(value), name, algorithm);
    });
  return createAuditKeyring([current, ...previous]);
}

/** The keyring of the process environment (AUDIT_KEY / AUDIT_KEY_FILE, AUDIT_KEY_NAME, …). */
export function auditKeyringFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<AuditKeyring> {
  return auditKeyringFrom({
    key: env.AUDIT_KEY,
    keyFile: env.AUDIT_KEY_FILE,
    keyName: env.AUDIT_KEY_NAME,
    algorithm: env.AUDIT_ALGORITHM,
    previousKeys: env.AUDIT_PREVIOUS_KEYS,
  });
}

/**
 * The embedded default: a key file created once outside the data folder, readable by its owner
 * only. Deleting `.data` to start over keeps the key; losing the key leaves old entries unverifiable.
 */
export async function ensureAuditKeyFile(file: string): Promise<string> {
  try {
    await readFile(file, 'utf8');
    return file;
  } catch {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' }).catch(
      (error: unknown) => {
        // Another process created it first: that key is the one.
        if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      },
    );
    await chmod(file, 0o600);
    return file;
  }
}

/** Where the embedded default keeps its key: outside the data folder, so `rm -rf .data` keeps it. */
export function defaultAuditKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME ?? env.USERPROFILE ?? '.';
  return path.join(env.PILOT_SECRETS_DIR ?? path.join(home, '.config', 'pilot-platform'), 'audit.key');
}

let processKeyring: Promise<AuditKeyring> | null = null;

/**
 * The process's keyring: the configured key (AUDIT_KEY / AUDIT_KEY_FILE), or else the embedded
 * default's key file, created on first use. Production deployments mount the key file from a
 * secret store (see README, 审计); it must never sit in the database or its backups.
 */
export function defaultAuditKeyring(env: NodeJS.ProcessEnv = process.env): Promise<AuditKeyring> {
  processKeyring ??= (async () => {
    if (env.AUDIT_KEY || env.AUDIT_KEY_FILE) return auditKeyringFromEnv(env);
    const keyFile = await ensureAuditKeyFile(defaultAuditKeyFile(env));
    return auditKeyringFromEnv({ ...env, AUDIT_KEY_FILE: keyFile });
  })();
  return processKeyring;
}
