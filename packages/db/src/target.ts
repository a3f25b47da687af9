import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the records live: an embedded PGlite folder, or a PostgreSQL server. */
export type DatabaseTarget =
  { kind: 'pglite'; dataDir: string } | { kind: 'pglite-memory' } | { kind: 'postgres'; url: string };

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The repository's data folder; everything the embedded mode persists lives below it. */
export function dataRoot(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.PILOT_DATA_DIR ?? path.join(repoRoot, '.data'));
}

/** `DATABASE_URL` selects PostgreSQL; without it the embedded PGlite under the data folder is used. */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must be a postgresql:// URL, got "${url.replace(/:[^:@/]*@/, ':***@')}"`);
    }
    return { kind: 'postgres', url };
  }
  return { kind: 'pglite', dataDir: path.join(dataRoot(env), 'pglite') };
}

export function describeTarget(target: DatabaseTarget): string {
  switch (target.kind) {
    case 'pglite':
      return `PGlite at ${target.dataDir}`;
    case 'pglite-memory':
      return 'PGlite in memory';
    case 'postgres':
      return `PostgreSQL at ${target.url.replace(/:[^:@/]*@/, ':***@')}`;
  }
}
