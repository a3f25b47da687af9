// Who the production shape is on the PostgreSQL server: the names of its roles and databases, their
// passwords (given, or made once and kept in the shape's secrets folder), and the connection
// settings each part gets from them.
import path from 'node:path';
import { appDatabase, type AppDatabase } from './app-database.js';
import { dropDatabase, dropRole, type Login, type SetupSpec } from './postgres-admin.js';
import { resolvePassword } from './secrets.js';
import type { TemporalStore } from './temporal-server.js';

/** Roles and databases the shape uses on the PostgreSQL server. */
export interface ShapeNames {
  temporalRole: string;
  temporalDatabase: string;
  visibilityDatabase: string;
  appDatabase: string;
  /** Owns the records' database and runs its migrations. */
  ownerRole: string;
  /** The API's and workers' login, a member of pilot_runtime. */
  runtimeRole: string;
}

/** The names infra/bin/production, the compose file and the manifests use. */
export const PRODUCTION_NAMES: ShapeNames = {
  temporalRole: 'temporal',
  temporalDatabase: 'temporal',
  visibilityDatabase: 'temporal_visibility',
  appDatabase: 'pilot',
  ownerRole: 'pilot_owner',
  runtimeRole: 'pilot_app',
};

export interface ShapePasswords {
  temporal?: string | undefined;
  owner?: string | undefined;
  runtime?: string | undefined;
}

export interface ShapeLogins {
  /** What postgres-setup.sql is run with. */
  setup: SetupSpec;
  /** Temporal's two databases, reached with its login on the administrator's host. */
  store: TemporalStore;
  /** The records' database, as the owner and as the runtime login. */
  database: AppDatabase;
}

export async function shapeLogins(
  adminUrl: string,
  names: ShapeNames,
  passwords: ShapePasswords,
  secretsDir: string,
): Promise<ShapeLogins> {
  const login = async (name: string, given: string | undefined): Promise<Login> => ({
    name,
    password: await resolvePassword(given, path.join(secretsDir, `${name}.password`)),
  });
  const temporal = await login(names.temporalRole, passwords.temporal);
  const owner = await login(names.ownerRole, passwords.owner);
  const runtime = await login(names.runtimeRole, passwords.runtime);
  const admin = new URL(adminUrl);
  return {
    setup: { temporal, owner, runtime, database: names.appDatabase },
    store: {
      host: admin.hostname,
      port: Number(admin.port || 5432),
      user: temporal.name,
      password: temporal.password,
      database: names.temporalDatabase,
      visibilityDatabase: names.visibilityDatabase,
    },
    database: appDatabase(adminUrl, names.appDatabase, owner, runtime),
  };
}

/**
 * Drops what a shape made on the PostgreSQL server — its three databases, then its three roles —
 * for a test cleaning up or `production purge`. Run it only after the shape has stopped.
 */
export async function dropProductionShape(adminUrl: string, names: Partial<ShapeNames> = {}): Promise<void> {
  const all = { ...PRODUCTION_NAMES, ...names };
  for (const database of [all.appDatabase, all.temporalDatabase, all.visibilityDatabase])
    await dropDatabase(adminUrl, database);
  for (const role of [all.runtimeRole, all.ownerRole, all.temporalRole]) await dropRole(adminUrl, role);
}
