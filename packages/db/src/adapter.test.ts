// A PostgreSQL session ended by the server while idle must not take the process down with it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.js';
import { scratchPostgres, type ScratchDatabase } from './scratch.js';

const adminUrl = process.env.TEST_DATABASE_URL?.trim();

describe.skipIf(!adminUrl)('the PostgreSQL pool', () => {
  let scratch: ScratchDatabase;
  let db: Database;

  beforeAll(async () => {
    scratch = await scratchPostgres(adminUrl!);
    db = await openDatabase(scratch.target);
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  async function terminateSessions(): Promise<number> {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const name = new URL(scratch.target.kind === 'postgres' ? scratch.target.url : '').pathname.slice(1);
      const { rowCount } = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      return rowCount ?? 0;
    } finally {
      await admin.end();
    }
  }

  it('gets a new session when the server ended the idle one', async () => {
    const [{ pid } = { pid: -1 }] = await db.prisma.$queryRaw<
      Array<{ pid: number }>
    >`SELECT pg_backend_pid() AS pid`;
    expect(await terminateSessions()).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [{ next } = { next: -1 }] = await db.prisma.$queryRaw<
      Array<{ next: number }>
    >`SELECT pg_backend_pid() AS next`;
    expect(next).not.toBe(pid);
  });

  it('survives the server ending an idle session after Prisma let go of the pool (closing, or before first use)', async () => {
    await db.prisma.$queryRaw`SELECT 1`;
    // Prisma's adapter listens for the pool's errors only while it is connected.
    await db.prisma.$disconnect();
    expect(await terminateSessions()).toBeGreaterThan(0);
    // Without the pool's own listener the 'error' event is thrown and vitest fails the run for it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [{ alive } = { alive: 0 }] = await db.prisma.$queryRaw<Array<{ alive: number }>>`SELECT 1 AS alive`;
    expect(alive).toBe(1);
  });
});
