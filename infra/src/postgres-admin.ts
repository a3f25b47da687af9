// The database administrator's part of the production shape, through psql with an administrator's
// URL: infra/deploy/postgres-setup.sql (the very file the compose file and the Kubernetes Job run)
// makes the logins and the records' database; checks and clean-up sit beside it.
import { fileURLToPath } from 'node:url';
import { run } from './run.js';

export const SETUP_SQL = fileURLToPath(new URL('../deploy/postgres-setup.sql', import.meta.url));

export interface Login {
  name: string;
  password: string;
}

/** What postgres-setup.sql makes: Temporal's login, the records' owner and runtime logins, the database. */
export interface SetupSpec {
  temporal: Login;
  owner: Login;
  runtime: Login;
  database: string;
}

/** Role and database names go into SQL as identifiers; only plain lower-case names are accepted. */
export function sqlName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new RangeError(`"${name}" is not a plain PostgreSQL name`);
  return `"${name}"`;
}

/** The URL with another database, login or password. */
export function withUrl(
  url: string,
  change: { database?: string; user?: string; password?: string },
): string {
  const next = new URL(url);
  if (change.database !== undefined) next.pathname = `/${change.database}`;
  if (change.user !== undefined) next.username = encodeURIComponent(change.user);
  if (change.password !== undefined) next.password = encodeURIComponent(change.password);
  return next.toString();
}

/** A URL for messages: the password is never printed. */
export function redactUrl(url: string): string {
  return url.replace(/:[^:@/]*@/, ':***@');
}

/**
 * Runs SQL with psql: a script on standard input, or a file. The password goes through the
 * environment, never the command line; so do the file's own settings (`env`).
 */
export function psql(
  url: string,
  sql: { script: string } | { file: string },
  env: Record<string, string> = {},
): Promise<string> {
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = '';
  const args = ['--no-psqlrc', '--quiet', '--tuples-only', '--no-align', '-v', 'ON_ERROR_STOP=1'];
  return run('psql', [...args, '-d', target.toString(), '-f', 'file' in sql ? sql.file : '-'], {
    ...('script' in sql ? { input: sql.script } : {}),
    env: { ...env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' },
    what: `psql on ${redactUrl(url)}`,
  }).catch((error: unknown) => {
    if (error instanceof Error && error.message.includes('was not found'))
      throw new Error(
        "psql (PostgreSQL's client, 15 or later) is needed to create the production shape's roles and " +
          'databases: install the Debian package postgresql-client',
        { cause: error },
      );
    throw error;
  });
}

/** Runs postgres-setup.sql for these names and passwords. */
export async function setupPostgres(adminUrl: string, spec: SetupSpec): Promise<void> {
  for (const name of [spec.temporal.name, spec.owner.name, spec.runtime.name, spec.database]) sqlName(name);
  await psql(
    adminUrl,
    { file: SETUP_SQL },
    {
      TEMPORAL_DB_USER: spec.temporal.name,
      TEMPORAL_DB_PASSWORD: spec.temporal.password,
      PILOT_OWNER_USER: spec.owner.name,
      PILOT_OWNER_PASSWORD: spec.owner.password,
      PILOT_APP_USER: spec.runtime.name,
      PILOT_APP_PASSWORD: spec.runtime.password,
      PILOT_DB_NAME: spec.database,
    },
  );
}

/** Fails unless the login works with this password: a role that existed may have another one. */
export async function assertLogin(
  adminUrl: string,
  login: Login,
  database: string,
  hint: string,
): Promise<void> {
  try {
    await psql(withUrl(adminUrl, { user: login.name, password: login.password, database }), {
      script: 'SELECT 1;',
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n').slice(-3).join(' ') : String(error);
    throw new Error(
      `role ${login.name} cannot log in to ${database}; if the role existed before, set ${hint} to its password (${reason})`,
      { cause: error },
    );
  }
}

/** Drops the database, closing its sessions first. */
export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  await psql(adminUrl, { script: `DROP DATABASE IF EXISTS ${sqlName(database)} WITH (FORCE);` });
}

/** Drops a login role and what it still owns or was granted in the admin URL's database. */
export async function dropRole(adminUrl: string, role: string): Promise<void> {
  const name = sqlName(role);
  await psql(adminUrl, {
    script: `DO $pilot$ BEGIN
      IF EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN
        EXECUTE 'DROP OWNED BY ${name}';
        EXECUTE 'DROP ROLE ${name}';
      END IF;
    END $pilot$;`,
  });
}
