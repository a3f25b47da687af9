// The role the running API and workers act as. Migrations run as the database owner; the runtime
// may read and write the records, but may only add to the audit log and its checkpoints, never
// change or remove them, and cannot alter tables (so it cannot switch their triggers off either).
import type { PrismaClient } from './generated/prisma/client.js';

export const RUNTIME_ROLE = 'pilot_runtime';

/**
 * Tables the runtime may only read and append to: the audit log, and the firms' logbooks, whose
 * entries are corrected by new entries, never changed.
 */
const APPEND_ONLY = ['audit_log', 'audit_checkpoint', 'logbook_entry'] as const;

/** Quotes an identifier for SQL (the role names come from configuration). */
function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new RangeError(`bad role name "${name}"`);
  return `"${name}"`;
}

/**
 * Creates the runtime role if needed and (re)grants its privileges on every table, as the owner
 * after migrations; `members` are login roles that connect as the runtime (DATABASE_URL's user).
 */
export async function grantRuntimeRole(
  owner: PrismaClient,
  members: readonly string[] = [],
  role: string = RUNTIME_ROLE,
): Promise<void> {
  const r = ident(role);
  // Roles are per cluster; two databases migrated at once may both try to create it.
  await owner.$executeRawUnsafe(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${r} NOLOGIN; END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  await owner.$executeRawUnsafe(`GRANT USAGE ON SCHEMA public TO ${r}`);
  await owner.$executeRawUnsafe(
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
  );
  await owner.$executeRawUnsafe(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  await owner.$executeRawUnsafe(
    `REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY.map((t) => `"${t}"`).join(', ')} FROM ${r}`,
  );
  // The migration history is the owner's.
  await owner.$executeRawUnsafe(`REVOKE INSERT, UPDATE, DELETE ON "_prisma_migrations" FROM ${r}`);
  for (const member of members) await owner.$executeRawUnsafe(`GRANT ${r} TO ${ident(member)}`);
}

/** Whether the connection may change audit entries: true means it is not the runtime role. */
export async function canRewriteAudit(prisma: PrismaClient): Promise<boolean> {
  const [row] = await prisma.$queryRaw<Array<{ update: boolean; delete: boolean }>>`
    SELECT has_table_privilege('audit_log', 'UPDATE') AS "update",
           has_table_privilege('audit_log', 'DELETE') AS "delete"`;
  return row?.update === true || row?.delete === true;
}
