// For tests: a fresh PGlite folder costs ~11 s to migrate (initdb plus every migration through the
// schema engine) and ~4 s more to seed with the demo data, and nearly every test harness wants one.
// Each is made once per set of inputs, kept in the temp directory, and copied (~0.3 s) for each
// harness; a copy is the same database the steps would give, since PGlite keeps all of it in its
// folder.
import { createHash } from 'node:crypto';
import { cpSync, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultAuditKeyring } from './audit/index.js';
import { deployMigrations, loadMigrations } from './migrate.js';
import { seedDemoData, type SeedOptions } from './seed/index.js';
import type { DatabaseTarget } from './target.js';

const require = createRequire(import.meta.url);

function packageRoot(entry: string): string {
  let dir = path.dirname(entry);
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** PGlite's own version: a folder written by another release may not open in this one. */
async function pgliteVersion(): Promise<string> {
  const root = packageRoot(require.resolve('@electric-sql/pglite'));
  return (JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/*
 * The migrations and the built code do not change while a test process runs, and test files that
 * share loaded modules start a harness each: both hashes are read once per process.
 */
let migrationsHash: Promise<string> | null = null;
let codeHash: Promise<string> | null = null;

function migrationsKey(): Promise<string> {
  return (migrationsHash ??= hashMigrations());
}

async function hashMigrations(): Promise<string> {
  const list = await loadMigrations();
  const hash = createHash('sha256').update(`pglite ${await pgliteVersion()}\n`);
  for (const migration of list.migrationDirectories) {
    hash.update(`${migration.path}\n`);
    if (migration.migrationFile.content.tag === 'ok') hash.update(migration.migrationFile.content.value);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Every built file under `dir`, in a stable order, into `hash`: the seed is whatever this code writes. */
async function hashTree(hash: ReturnType<typeof createHash>, dir: string): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await hashTree(hash, full);
    else if (entry.name.endsWith('.js')) hash.update(`${entry.name}\n`).update(await readFile(full));
  }
}

/**
 * What decides the seeded folder's content: the migrations, the built seed and the domain rules it
 * writes, the options, the audit key that signs its entry, and the day (the metrics and governance
 * history run up to "now").
 */
function codeKey(): Promise<string> {
  return (codeHash ??= (async () => {
    const hash = createHash('sha256');
    await hashTree(hash, path.dirname(fileURLToPath(import.meta.url)));
    await hashTree(hash, path.join(packageRoot(require.resolve('@pilot/domain')), 'dist'));
    return hash.digest('hex');
  })());
}

async function seedKey(options: SeedOptions): Promise<string> {
  const hash = createHash('sha256').update(`${await migrationsKey()}\n${await codeKey()}\n`);
  hash.update(JSON.stringify({ p: options.demoPasswords ?? null, g: options.governanceHistory ?? true }));
  hash.update((await defaultAuditKeyring()).signer.mac('seed template'));
  hash.update(new Date().toISOString().slice(0, 10));
  return hash.digest('hex').slice(0, 16);
}

async function isEmpty(dir: string): Promise<boolean> {
  return !existsSync(dir) || (await readdir(dir)).length === 0;
}

/**
 * The template folder `name`, built by `build` into a scratch folder first if it is missing. Test
 * files may run in parallel: the first to finish publishes its folder, the others drop theirs.
 */
async function template(name: string, build: (dataDir: string) => Promise<void>): Promise<string> {
  const dir = path.join(tmpdir(), name);
  if (!existsSync(dir)) {
    const building = await mkdtemp(path.join(tmpdir(), 'pilot-pglite-building-'));
    await build(building);
    await rename(building, dir).catch(() => rm(building, { recursive: true, force: true }));
  }
  return dir;
}

/** fs.promises.cp takes ~1.5 s over a PGlite folder's ~1 200 files; the synchronous copy ~0.3 s. */
function copyFolder(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
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
  const dir = await template(`pilot-pglite-template-${await migrationsKey()}`, async (dataDir) => {
    await deployMigrations({ kind: 'pglite', dataDir });
  });
  copyFolder(dir, target.dataDir);
}

/**
 * Migrates `target` and loads the demo data, as deployMigrationsForTest then seedDemoData would; a
 * new PGlite folder is copied from a seeded template. Options that pin the content (asOf,
 * catalogues, signer) and other targets seed directly.
 */
export async function seedDemoDatabaseForTest(
  target: DatabaseTarget,
  options: SeedOptions = {},
): Promise<void> {
  const direct = options.asOf || options.catalogues || options.signer;
  if (direct || target.kind !== 'pglite' || !(await isEmpty(target.dataDir))) {
    await deployMigrationsForTest(target);
    await seedDemoData(target, options);
    return;
  }
  const dir = await template(`pilot-pglite-seeded-${await seedKey(options)}`, async (dataDir) => {
    await deployMigrationsForTest({ kind: 'pglite', dataDir });
    await seedDemoData({ kind: 'pglite', dataDir }, options);
  });
  copyFolder(dir, target.dataDir);
}
