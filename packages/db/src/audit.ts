import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from './generated/prisma/client.js';

export interface AuditEntry {
  actorId?: string | null;
  actorRole?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  at?: Date;
  /** When set, a second append with the same key is skipped (retried activities). */
  dedupeKey?: string | null;
}

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys, so the same content always hashes the same. */
function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

interface HashedFields {
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export function auditHash(prevHash: string, row: HashedFields): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(
      canonical({
        at: row.at.toISOString(),
        actorId: row.actorId,
        actorRole: row.actorRole,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        before: row.before ?? null,
        after: row.after ?? null,
        requestId: row.requestId,
      }),
    )
    .digest('hex');
}

type Tx = Prisma.TransactionClient;

/**
 * Appends one entry inside the caller's transaction, so the audit row and the change it describes
 * commit together or not at all. A transaction-scoped advisory lock serialises writers, so each row
 * links to the true previous one.
 */
export async function appendAudit(tx: Tx, entry: AuditEntry): Promise<{ seq: bigint; hash: string }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(7242001)`;
  if (entry.dedupeKey) {
    const existing = await tx.auditLog.findUnique({
      where: { dedupeKey: entry.dedupeKey },
      select: { seq: true, hash: true },
    });
    if (existing) return existing;
  }
  const last = await tx.auditLog.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
  const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  // Millisecond precision: what PostgreSQL's timestamp(3) stores is what the hash covers.
  const at = new Date(Math.floor((entry.at ?? new Date()).getTime()));
  const fields: HashedFields = {
    at,
    actorId: entry.actorId ?? null,
    actorRole: entry.actorRole ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before === undefined ? null : JSON.parse(JSON.stringify(entry.before)),
    after: entry.after === undefined ? null : JSON.parse(JSON.stringify(entry.after)),
    requestId: entry.requestId ?? null,
  };
  const hash = auditHash(prevHash, fields);
  const row = await tx.auditLog.create({
    data: {
      ...fields,
      before: fields.before === null ? undefined : (fields.before as Prisma.InputJsonValue),
      after: fields.after === null ? undefined : (fields.after as Prisma.InputJsonValue),
      dedupeKey: entry.dedupeKey ?? null,
      prevHash,
      hash,
    },
    select: { seq: true },
  });
  return { seq: row.seq, hash };
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** The first row whose link or content does not match, when the chain is broken. */
  brokenAt?: bigint;
}

/** Recomputes the hash chain from the first row; any edited, inserted or removed row breaks it. */
export async function verifyAuditChain(prisma: PrismaClient | Tx, batchSize = 1000): Promise<ChainCheck> {
  let prevHash = AUDIT_GENESIS_HASH;
  let checked = 0;
  let cursor: bigint | undefined;
  for (;;) {
    const rows = await prisma.auditLog.findMany({
      where: cursor === undefined ? {} : { seq: { gt: cursor } },
      orderBy: { seq: 'asc' },
      take: batchSize,
    });
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      const expected = auditHash(prevHash, row);
      if (row.prevHash !== prevHash || row.hash !== expected)
        return { ok: false, checked, brokenAt: row.seq };
      prevHash = row.hash;
      checked++;
      cursor = row.seq;
    }
  }
}
