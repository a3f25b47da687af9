import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from './target.js';

export interface ScratchDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/** A throw-away PGlite folder, for tests that want the embedded engine as the start command runs it. */
export async function scratchPglite(): Promise<ScratchDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pilot-pglite-'));
  return { target: { kind: 'pglite', dataDir: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A fresh database on a PostgreSQL server (given by an admin URL that may CREATE DATABASE), so tests
 * never share state with each other or with a developer's data.
 */
export async function scratchPostgres(adminUrl: string): Promise<ScratchDatabase> {
  const name = `pilot_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Every database engine the tests should run against on this machine: PGlite always, PostgreSQL when configured. */
export function testTargets(
  env: NodeJS.ProcessEnv = process.env,
): Array<{ name: string; create: () => Promise<ScratchDatabase> }> {
  const targets = [{ name: 'pglite', create: scratchPglite }];
  const adminUrl = env.TEST_DATABASE_URL?.trim();
  if (adminUrl) targets.push({ name: 'postgres', create: () => scratchPostgres(adminUrl) });
  return targets;
}
