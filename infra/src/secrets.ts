// Secrets of a local production shape, kept in its state folder (readable by the owner only) so a
// second bring-up finds the same passwords and audit key; production mounts them from a secret store.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The file's secret, or a new random one written there first. */
export async function ensureSecret(file: string, bytes = 24): Promise<string> {
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored) return stored;
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(bytes).toString('hex');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

/** A password given by the caller wins; otherwise the stored (or a new) one. */
export async function resolvePassword(given: string | undefined, file: string): Promise<string> {
  return given?.trim() ? given.trim() : ensureSecret(file);
}
