import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseTarget } from './target.js';

export interface OpenedAdapter {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Releases the embedded database or the pool; safe to call twice. */
  close(): Promise<void>;
}

/**
 * @prisma/adapter-pg runs a migration script by splitting it on every ';', which cuts dollar-quoted
 * function bodies (our audit-log trigger) apart. PostgreSQL's simple-query protocol takes the whole
 * script at once, so scripts go to the pool unsplit; everything else is the stock adapter.
 */
function scriptSafe(factory: PrismaPg, pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      adapter.executeScript = async (script: string) => {
        await pool.query(script);
      };
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}

export interface AdapterOptions {
  /** A role every session acts as (`SET ROLE`), e.g. the runtime role; the owner's own when absent. */
  role?: string;
  /** PostgreSQL connections in the pool. */
  poolSize?: number;
}

/** One driver adapter for both Prisma Client and the schema engine, so both see the same database. */
export async function openAdapter(
  target: DatabaseTarget,
  options: AdapterOptions = {},
): Promise<OpenedAdapter> {
  if (options.role !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.role)) {
    throw new RangeError(`bad role name "${options.role}"`);
  }
  if (target.kind === 'postgres') {
    // We own the pool so close() really ends its sessions (the schema engine holds an advisory lock on one).
    const pool = new pg.Pool({
      connectionString: target.url,
      max: options.poolSize ?? 10,
      ...(options.role ? { options: `-c role=${options.role}` } : {}),
    });
    // An idle session the server ends (a restart, a forced drop, a network cut) reaches the pool as an
    // 'error' event; without a listener Node throws it and the whole process dies. The pool has
    // already discarded that session and opens a new one on the next query, so saying so is enough.
    pool.on('error', (error) => {
      console.warn(`database: an idle connection was closed (${error.message}); the pool reconnects`);
    });
    let ended = false;
    return {
      factory: scriptSafe(new PrismaPg(pool), pool),
      close: async () => {
        if (ended) return;
        ended = true;
        await pool.end();
      },
    };
  }
  const pglite = target.kind === 'pglite' ? new PGlite(target.dataDir) : new PGlite();
  await pglite.waitReady;
  // PGlite has one session, opened as its superuser: acting as the runtime role is as close to a
  // separate login as the embedded engine allows (its privileges hold for every statement the app runs).
  if (options.role) await pglite.exec(`SET ROLE "${options.role}"`);
  let closed = false;
  return {
    factory: new PrismaPGlite(pglite),
    close: async () => {
      if (closed) return;
      closed = true;
      await pglite.close();
    },
  };
}
