// Temporal's own databases on PostgreSQL, through infra/temporal/setup-schema.sh: the script the
// deployments run too, given the same environment variables.
import { fileURLToPath } from 'node:url';
import { run } from './run.js';
import type { TemporalServerBuild, TemporalStore } from './temporal-server.js';

const SETUP_SCHEMA = fileURLToPath(new URL('../temporal/setup-schema.sh', import.meta.url));

/** The script's settings: the schema tool's own variables and the server's database names. */
export function schemaEnv(build: TemporalServerBuild, store: TemporalStore): Record<string, string> {
  return {
    TEMPORAL_SERVER_DIR: build.dir,
    SQL_HOST: store.host,
    SQL_PORT: String(store.port),
    SQL_USER: store.user,
    SQL_PASSWORD: store.password,
    DBNAME: store.database,
    VISIBILITY_DBNAME: store.visibilityDatabase,
  };
}

export async function applyTemporalSchema(
  build: TemporalServerBuild,
  store: TemporalStore,
  logFile: string,
): Promise<void> {
  await run('bash', [SETUP_SCHEMA], {
    env: schemaEnv(build, store),
    logFile,
    what: `Temporal schema (${store.database}, ${store.visibilityDatabase})`,
  });
}
