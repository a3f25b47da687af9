// For tests: a fresh PGlite folder costs ~11 s to migrate (initdb plus every migration through the
// schema engine) and every test harness wants one. The migrated folder is made once per set of
// migrations, kept in the temp directory, and copied (~0.3 s) for each harness; a copy is the same
// database a migration would give, since PGlite keeps all of it in its folder.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deployMigrations, loadMigrations } from './migrate.js';
import type { DatabaseTarget } from './target.js';

/** PGlite's own version: a folder written by another release may not open in this one. */
async function pgliteVersion(): Promise<string> {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return (JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

async function migrationsKey(): Promise<string> {
  const list = await loadMigrations();
  const hash = createHash('sha256').update(`pglite ${await pgliteVersion()}\n`);
  for (const migration of list.migrationDirectories) {
    hash.update(`${migration.path}\n`);
    if (migration.migrationFile.content.tag === 'ok') hash.update(migration.migrationFile.content.value);
  }
  return hash.digest('hex').slice(0, 16);
}

async function isEmpty(dir: string): Promise<boolean> {
  return !existsSync(dir) || (await readdir(dir)).length === 0;
}

/**
 * Migrates `target` as deployMigrations does; a new PGlite folder is copied from the migrated
 * template instead (made first if this set of migrations has none yet). Other targets, and folders
 * that hold a database already, are migrated as usual.
 */
export async function deployMigrationsForTest(target: DatabaseTarget): Promise<void> {
  if (target.kind !== 'pglite' || !(await isEmpty(target.dataDir))) {
    await deployMigrations(target);
    return;
  }
  const template = path.join(tmpdir(), `pilot-pglite-template-${await migrationsKey()}`);
  if (!existsSync(template)) {
    const building = await mkdtemp(path.join(tmpdir(), 'pilot-pglite-building-'));
    await deployMigrations({ kind: 'pglite', dataDir: building });
    // Test files run in parallel: the first to finish publishes its folder, the others drop theirs.
    await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
  }
  await cp(template, target.dataDir, { recursive: true });
}
