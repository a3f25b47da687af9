// Appending to the audit log. Each entry belongs to a stream; the stream's head row hands out the
// next number and is locked for the rest of the transaction, so entries of one stream are chained
// in order while writers of different streams never wait for each other (no global lock).
import type { Prisma } from '../generated/prisma/client.js';
import { jsonValue } from '../json.js';
import { canonical } from './canonical.js';
import type { AuditSigner } from './signer.js';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  /** The chain the entry belongs to, e.g. `enrollment:<id>`; by default `<entityType>:<entityId>`. */
  stream?: string;
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

/** What a hash covers: the entry, its place in its stream and the previous hash. */
export interface HashedEntry {
  stream: string;
  streamSeq: number;
  prevHash: string;
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

/** The text a keyed hash is computed over (version 2: streams). */
export function hashedText(entry: HashedEntry): string {
  return canonical({
    v: 2,
    stream: entry.stream,
    streamSeq: entry.streamSeq,
    prevHash: entry.prevHash,
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: entry.requestId,
  });
}

/** The text legacy (pre-stream) entries were hashed over, after their previous hash and a newline. */
export function legacyHashedText(
  prevHash: string,
  entry: Omit<HashedEntry, 'stream' | 'streamSeq' | 'prevHash'>,
): string {
  return `${prevHash}\n${canonical({
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: entry.requestId,
  })}`;
}

type Tx = Prisma.TransactionClient;

/**
 * Appends one entry inside the caller's transaction, so the entry and the change it describes
 * commit together or not at all.
 */
export async function appendAudit(
  tx: Tx,
  signer: AuditSigner,
  entry: AuditEntry,
): Promise<{ seq: bigint; stream: string; streamSeq: number; hash: string }> {
  if (entry.dedupeKey) {
    const existing = await tx.auditLog.findUnique({
      where: { dedupeKey: entry.dedupeKey },
      select: { seq: true, stream: true, streamSeq: true, hash: true },
    });
    if (existing) return existing;
  }
  const stream = entry.stream ?? `${entry.entityType}:${entry.entityId}`;
  // Takes (or creates) the stream's row: its lock orders this stream's writers until commit.
  const [slot] = await tx.$queryRaw<Array<{ seq: number; head: string }>>`
    INSERT INTO "audit_stream" ("stream", "seq", "head", "updatedAt")
    VALUES (${stream}, 1, ${AUDIT_GENESIS_HASH}, CURRENT_TIMESTAMP)
    ON CONFLICT ("stream") DO UPDATE SET "seq" = "audit_stream"."seq" + 1, "updatedAt" = CURRENT_TIMESTAMP
    RETURNING "seq", "head"`;
  if (!slot) throw new Error(`audit stream ${stream} gave no slot`);
  // Millisecond precision: what PostgreSQL's timestamp(3) stores is what the hash covers.
  const hashed: HashedEntry = {
    stream,
    streamSeq: slot.seq,
    prevHash: slot.head,
    at: new Date(Math.floor((entry.at ?? new Date()).getTime())),
    actorId: entry.actorId ?? null,
    actorRole: entry.actorRole ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before === undefined ? null : jsonCopy(entry.before),
    after: entry.after === undefined ? null : jsonCopy(entry.after),
    requestId: entry.requestId ?? null,
  };
  const hash = signer.mac(hashedText(hashed));
  const row = await tx.auditLog.create({
    data: {
      ...hashed,
      before: hashed.before === null ? undefined : jsonValue(hashed.before),
      after: hashed.after === null ? undefined : jsonValue(hashed.after),
      dedupeKey: entry.dedupeKey ?? null,
      hash,
      keyId: signer.keyId,
    },
    select: { seq: true },
  });
  await tx.$executeRaw`UPDATE "audit_stream" SET "head" = ${hash} WHERE "stream" = ${stream}`;
  return { seq: row.seq, stream, streamSeq: slot.seq, hash };
}

/** What the database will give back for a JSON column (dates as strings, no undefined). */
function jsonCopy(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
