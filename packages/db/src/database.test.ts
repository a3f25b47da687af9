import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.js';
import { deployMigrations, loadMigrations, pendingSchemaChanges } from './migrate.js';
import { testTargets, type ScratchDatabase } from './scratch.js';

describe('migrations', () => {
  it('schema.prisma and the committed migrations agree', async () => {
    expect(await pendingSchemaChanges()).toBe('');
  });
});

describe.each(testTargets())('database on %s', ({ create }) => {
  let scratch: ScratchDatabase;
  let db: Database;

  beforeAll(async () => {
    scratch = await create();
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('applies every migration once, then none', async () => {
    const all = (await loadMigrations()).migrationDirectories.map((m) => m.path);
    expect(all.length).toBeGreaterThan(0);
    expect(await deployMigrations(scratch.target)).toEqual(all);
    expect(await deployMigrations(scratch.target)).toEqual([]);
  });

  it('round-trips a record through Prisma Client', async () => {
    db = await openDatabase(scratch.target);
    await db.prisma.engineProbe.create({ data: { id: 'probe-1', note: '玫瑰家园' } });
    const read = await db.prisma.engineProbe.findUniqueOrThrow({ where: { id: 'probe-1' } });
    expect(read.note).toBe('玫瑰家园');
    expect(read.createdAt).toBeInstanceOf(Date);
    const rows = await db.prisma.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
    expect(rows.length).toBe((await loadMigrations()).migrationDirectories.length);
  });
});
