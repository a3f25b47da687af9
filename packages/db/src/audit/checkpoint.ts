// Checkpoints: every stream that moved since the previous checkpoint, with its length and head,
// chained and keyed. The checkpoint's MAC is then recorded outside the database (the audit-anchor
// workflow keeps it in its history), so a stream shortened or rewritten after a checkpoint no
// longer matches what was anchored.
import type { AuditAnchor } from '@pilot/domain';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { jsonValue } from '../json.js';
import { AUDIT_GENESIS_HASH } from './append.js';
import { canonical } from './canonical.js';
import type { AuditSigner } from './signer.js';

export interface StreamHead {
  stream: string;
  seq: number;
  head: string;
}

export interface AuditCheckpointRecord {
  id: number;
  at: Date;
  streams: StreamHead[];
  streamCount: number;
  entryCount: number;
  prevMac: string;
  mac: string;
  keyId: string;
}

export function checkpointText(checkpoint: Omit<AuditCheckpointRecord, 'mac' | 'keyId'>): string {
  return canonical({
    v: 1,
    id: checkpoint.id,
    at: checkpoint.at.toISOString(),
    streams: [...checkpoint.streams].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0)),
    streamCount: checkpoint.streamCount,
    entryCount: checkpoint.entryCount,
    prevMac: checkpoint.prevMac,
  });
}

/** Checkpoints are written by one anchor at a time; this lock (not in any write path) orders them. */
const CHECKPOINT_LOCK = 7242002;

/**
 * Makes a checkpoint of the streams that moved, or returns null when none did. Locking the moved
 * streams' rows makes an in-flight append either finish first (and be covered) or wait and be
 * covered by the next checkpoint; appends to other streams go on meanwhile.
 */
export async function checkpointAudit(
  prisma: PrismaClient,
  signer: AuditSigner,
  at: Date = new Date(),
): Promise<AuditCheckpointRecord | null> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHECKPOINT_LOCK})`;
    const moved = await tx.$queryRaw<StreamHead[]>`
      SELECT "stream", "seq", "head" FROM "audit_stream"
      WHERE "seq" <> "checkpointedSeq" ORDER BY "stream" FOR UPDATE`;
    if (moved.length === 0) return null;
    const previous = await tx.auditCheckpoint.findFirst({ orderBy: { id: 'desc' } });
    const [counts] = await tx.$queryRaw<Array<{ streams: number; entries: number }>>`
      SELECT COUNT(*)::INTEGER AS "streams", COALESCE(SUM("seq"), 0)::INTEGER AS "entries" FROM "audit_stream"`;
    const record = {
      id: (previous?.id ?? 0) + 1,
      at: new Date(Math.floor(at.getTime())),
      streams: moved.map((m) => ({ stream: m.stream, seq: m.seq, head: m.head })),
      streamCount: counts?.streams ?? 0,
      entryCount: counts?.entries ?? 0,
      prevMac: previous?.mac ?? AUDIT_GENESIS_HASH,
    };
    const mac = signer.mac(checkpointText(record));
    await tx.auditCheckpoint.create({
      data: { ...record, streams: jsonValue(record.streams), mac, keyId: signer.keyId },
    });
    await markCheckpointed(tx, record.streams);
    return { ...record, mac, keyId: signer.keyId };
  });
}

async function markCheckpointed(tx: Prisma.TransactionClient, streams: StreamHead[]): Promise<void> {
  for (const chunk of chunks(streams, 500)) {
    await tx.$executeRaw`
      UPDATE "audit_stream" AS s SET "checkpointedSeq" = c."seq"
      FROM (SELECT UNNEST(${chunk.map((c) => c.stream)}::TEXT[]) AS "stream",
                   UNNEST(${chunk.map((c) => c.seq)}::INTEGER[]) AS "seq") AS c
      WHERE s."stream" = c."stream"`;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function anchorOf(checkpoint: AuditCheckpointRecord): AuditAnchor {
  return {
    checkpointId: checkpoint.id,
    mac: checkpoint.mac,
    at: checkpoint.at.toISOString(),
    streamCount: checkpoint.streamCount,
    entryCount: checkpoint.entryCount,
  };
}
