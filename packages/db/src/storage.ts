import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Where evidence files and archives keep their bytes; keys are relative, forward-slash paths. */
export interface BlobStorage {
  put(key: string, bytes: Uint8Array): Promise<{ sha256: string; sizeBytes: number }>;
  get(key: string): Promise<Uint8Array>;
  exists(key: string): Promise<boolean>;
  /**
   * Writes what `source` yields without holding it in memory (a file book of hundreds of photos),
   * atomically like `put`, and returns the hash of the bytes written.
   */
  putStream(key: string, source: AsyncIterable<Uint8Array>): Promise<{ sha256: string; sizeBytes: number }>;
  /** The bytes as a stream, for files too large to read whole. */
  openStream(key: string): Readable;
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
    async putStream(key, source) {
      const file = resolve(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomUUID()}.tmp`;
      const hash = createHash('sha256');
      let sizeBytes = 0;
      async function* counted() {
        for await (const chunk of source) {
          hash.update(chunk);
          sizeBytes += chunk.byteLength;
          yield chunk;
        }
      }
      try {
        await pipeline(counted(), createWriteStream(temp));
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { sha256: hash.digest('hex'), sizeBytes };
    },
    openStream(key) {
      return createReadStream(resolve(key));
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
