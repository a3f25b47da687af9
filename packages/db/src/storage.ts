import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where evidence files and archives keep their bytes; keys are relative, forward-slash paths. */
export interface BlobStorage {
  put(key: string, bytes: Uint8Array): Promise<{ sha256: string; sizeBytes: number }>;
  get(key: string): Promise<Uint8Array>;
  exists(key: string): Promise<boolean>;
}

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Files under a root folder (the data folder by default); writes are atomic via rename. */
export function createFileStorage(root: string): BlobStorage {
  const resolve = (key: string): string => {
    if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`invalid storage key "${key}"`);
    return path.join(root, ...key.split('/'));
  };
  return {
    async put(key, bytes) {
      const file = resolve(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, file);
      return { sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.byteLength };
    },
    async get(key) {
      return new Uint8Array(await readFile(resolve(key)));
    },
    async exists(key) {
      try {
        await stat(resolve(key));
        return true;
      } catch {
        return false;
      }
    },
  };
}
