#!/usr/bin/env node
import { mkdir } from 'node:fs/promises';
import { createMigration, deployMigrations, pendingSchemaChanges } from './migrate.js';
import { describeTarget, targetFromEnv } from './target.js';

const usage = `pilot-db <command>
  migrate-dev [name]  create a migration from schema changes (if any), then apply all to the database
  deploy              apply committed migrations not yet applied (like prisma migrate deploy)
  seed                load the demo data (idempotent: skipped when already loaded)
  check               fail when schema.prisma has changes no migration carries`;

async function ensureDataDir(): Promise<ReturnType<typeof targetFromEnv>> {
  const target = targetFromEnv();
  if (target.kind === 'pglite') await mkdir(target.dataDir, { recursive: true });
  return target;
}

function userOf(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url).username) || null;
  } catch {
    return null;
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, arg] = argv;
  switch (command) {
    case 'migrate-dev': {
      const created = await createMigration(arg ?? 'change', new Date());
      console.log(created ? `created migration ${created}` : 'schema unchanged: no new migration');
      const target = await ensureDataDir();
      const applied = await deployMigrations(target);
      console.log(`${describeTarget(target)}: applied ${applied.length} migration(s) ${applied.join(', ')}`);
      return 0;
    }
    case 'deploy': {
      // Production migrates as the owner (MIGRATION_DATABASE_URL) and lets DATABASE_URL's login act
      // as the runtime role; with one URL the same login is both, and the runtime sets the role itself.
      const owner = process.env.MIGRATION_DATABASE_URL?.trim();
      const runtime = process.env.DATABASE_URL?.trim();
      const target = owner ? targetFromEnv({ DATABASE_URL: owner }) : await ensureDataDir();
      const members =
        owner && runtime && userOf(runtime) && userOf(runtime) !== userOf(owner) ? [userOf(runtime)!] : [];
      const applied = await deployMigrations(target, { runtimeMembers: members });
      console.log(`${describeTarget(target)}: applied ${applied.length} migration(s) ${applied.join(', ')}`);
      return 0;
    }
    case 'seed': {
      const target = await ensureDataDir();
      const { demoPasswordsFromEnv, seedDemoData } = await import('./seed/index.js');
      const summary = await seedDemoData(target, { demoPasswords: demoPasswordsFromEnv() });
      console.log(`${describeTarget(target)}: ${summary}`);
      const { seedDemoNotices } = await import('./seed/demo-notices.js');
      console.log(`${describeTarget(target)}: ${await seedDemoNotices(target)} demo notices in 消息中心`);
      return 0;
    }
    case 'check': {
      const pending = await pendingSchemaChanges();
      if (!pending) {
        console.log('schema.prisma and prisma/migrations agree');
        return 0;
      }
      console.error(`schema.prisma has changes without a migration; run pnpm db:migrate\n${pending}`);
      return 1;
    }
    default:
      console.error(usage);
      return 2;
  }
}

// The WASM schema engine keeps the event loop alive, so the process ends explicitly.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
