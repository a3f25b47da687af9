// The records' database of the production shape, as production keeps it: an owner login that runs
// the migrations (MIGRATION_DATABASE_URL) and a login of its own for the API and workers
// (DATABASE_URL), which the migrate command makes a member of the runtime role pilot_runtime.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactUrl, withUrl, type Login } from './postgres-admin.js';
import { run } from './run.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dbCli = path.join(root, 'packages/db/dist/cli.js');

export interface AppDatabase {
  name: string;
  /** The owner's URL: migrations and the demo data. */
  ownerUrl: string;
  /** The runtime login's URL: what the API and the workers get as DATABASE_URL. */
  runtimeUrl: string;
}

/** The URLs of the two logins of the records' database (made by postgres-setup.sql). */
export function appDatabase(adminUrl: string, name: string, owner: Login, runtime: Login): AppDatabase {
  return {
    name,
    ownerUrl: withUrl(adminUrl, { database: name, user: owner.name, password: owner.password }),
    runtimeUrl: withUrl(adminUrl, { database: name, user: runtime.name, password: runtime.password }),
  };
}

/** The repository's own migrate command (`pnpm db:deploy`), as the owner, granting the runtime login. */
export async function migrateAppDatabase(db: AppDatabase, logFile: string): Promise<string> {
  const output = await run(process.execPath, [dbCli, 'deploy'], {
    cwd: root,
    env: { MIGRATION_DATABASE_URL: db.ownerUrl, DATABASE_URL: db.runtimeUrl },
    logFile,
    what: `migrations on ${redactUrl(db.ownerUrl)}`,
  });
  return output.trim();
}

/** The demo data (districts, firms, compounds, catalogues, users); skipped when already loaded. */
export async function seedAppDatabase(
  db: AppDatabase,
  env: Record<string, string>,
  logFile: string,
): Promise<string> {
  const output = await run(process.execPath, [dbCli, 'seed'], {
    cwd: root,
    env: { ...env, DATABASE_URL: db.ownerUrl },
    logFile,
    what: 'demo data',
  });
  return output.trim();
}
