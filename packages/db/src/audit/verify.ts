// Verifying the audit log: every stream's chain (numbers without gaps, each hash linked to the
// previous one and made with a known key), every checkpoint (chained and keyed), and the anchors
// recorded outside the database against the checkpoints and the streams they cover. The report
// names the first broken link and the newest anchor that still holds.
import type { AuditLog, PrismaClient } from '../generated/prisma/client.js';
import { AUDIT_GENESIS_HASH, hashedText, legacyHashedText } from './append.js';
import type { AuditAnchor, AuditBreakKind } from '@pilot/domain';
import { checkpointText, type StreamHead } from './checkpoint.js';
import { LEGACY_KEY_ID, sameMac, type AuditKeyring } from './signer.js';

export interface AuditBreak {
  kind: AuditBreakKind;
  /** The stream, or `checkpoint` for a broken checkpoint. */
  stream: string;
  /** Position in the stream (or checkpoint id) where it breaks. */
  position: number;
  /** The entry's global sequence number, when the entry exists. */
  seq: string | null;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  streams: number;
  /** Entries from before the log was keyed (plain SHA-256 chain): weaker evidence. */
  legacyEntries: number;
  checkpoints: number;
  firstBreak: AuditBreak | null;
  /** The newest anchor whose checkpoint is unchanged and whose streams are all still intact. */
  lastGoodAnchor: AuditAnchor | null;
  anchorsChecked: number;
}

const BATCH = 2000;

interface StreamState {
  length: number;
  /** Entries up to here are intact; the first break is after it. */
  valid: number;
  /** Hashes at the positions checkpoints refer to. */
  at: Map<number, string>;
}

export async function verifyAudit(
  prisma: PrismaClient,
  keyring: AuditKeyring,
  anchors: readonly AuditAnchor[] = [],
): Promise<AuditVerification> {
  const breaks: AuditBreak[] = [];
  const record = (found: AuditBreak) => breaks.push(found);

  // ── checkpoints: chained and keyed ──
  const checkpoints = await prisma.auditCheckpoint.findMany({ orderBy: { id: 'asc' } });
  const refs = new Map<string, Set<number>>();
  let prevMac = AUDIT_GENESIS_HASH;
  let intactCheckpoints = 0;
  for (const [index, checkpoint] of checkpoints.entries()) {
    const streams = streamHeads(checkpoint.streams);
    const expected = keyring.macWith(
      checkpoint.keyId,
      checkpointText({ ...checkpoint, streams: streams ?? [] }),
    );
    const intact =
      streams !== null &&
      checkpoint.id === index + 1 &&
      checkpoint.prevMac === prevMac &&
      expected !== null &&
      sameMac(expected, checkpoint.mac);
    if (!intact) {
      record({ kind: 'checkpoint_broken', stream: 'checkpoint', position: checkpoint.id, seq: null });
      break;
    }
    intactCheckpoints = index + 1;
    prevMac = checkpoint.mac;
    for (const head of streams) {
      const set = refs.get(head.stream) ?? new Set<number>();
      set.add(head.seq);
      refs.set(head.stream, set);
    }
  }
  const newestAnchor = anchors.reduce((max, a) => Math.max(max, a.checkpointId), 0);
  if (newestAnchor > checkpoints.length) {
    record({ kind: 'checkpoint_missing', stream: 'checkpoint', position: checkpoints.length + 1, seq: null });
  }

  // ── streams: each chain in order ──
  const states = new Map<string, StreamState>();
  let entries = 0;
  let legacyEntries = 0;
  let cursor: { stream: string; streamSeq: number } | null = null;
  let current: { stream: string; state: StreamState; prev: string; broken: boolean } | null = null;
  for (;;) {
    const rows: AuditLog[] = await prisma.auditLog.findMany({
      where: cursor
        ? {
            OR: [
              { stream: cursor.stream, streamSeq: { gt: cursor.streamSeq } },
              { stream: { gt: cursor.stream } },
            ],
          }
        : {},
      orderBy: [{ stream: 'asc' }, { streamSeq: 'asc' }],
      take: BATCH,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      entries++;
      if (!current || current.stream !== row.stream) {
        const state: StreamState = { length: 0, valid: 0, at: new Map() };
        states.set(row.stream, state);
        current = { stream: row.stream, state, prev: AUDIT_GENESIS_HASH, broken: false };
      }
      const { state } = current;
      state.length = row.streamSeq;
      if (refs.get(row.stream)?.has(row.streamSeq)) state.at.set(row.streamSeq, row.hash);
      if (current.broken) continue;
      const expectedSeq = state.valid + 1;
      const legacy = row.keyId === LEGACY_KEY_ID;
      if (legacy) legacyEntries++;
      const text = legacy ? legacyHashedText(current.prev, row) : hashedText(row);
      const mac = keyring.macWith(row.keyId, text);
      const kind: AuditBreakKind | null =
        row.streamSeq !== expectedSeq
          ? 'sequence_gap'
          : row.prevHash !== current.prev
            ? 'link_broken'
            : mac === null
              ? 'unknown_key'
              : !sameMac(mac, row.hash)
                ? 'hash_mismatch'
                : null;
      if (kind) {
        record({ kind, stream: row.stream, position: expectedSeq, seq: row.seq.toString() });
        current.broken = true;
        continue;
      }
      state.valid = row.streamSeq;
      current.prev = row.hash;
    }
    const last = rows.at(-1)!;
    cursor = { stream: last.stream, streamSeq: last.streamSeq };
  }

  // ── what the checkpoints saw must still be there ──
  const holds: boolean[] = [];
  const cumulative = new Map<string, StreamHead>();
  let failing = new Set<string>();
  const intactAt = (head: StreamHead): boolean => {
    const state = states.get(head.stream);
    const hash = state?.at.get(head.seq);
    return state !== undefined && state.valid >= head.seq && hash !== undefined && sameMac(hash, head.head);
  };
  for (const checkpoint of checkpoints.slice(0, intactCheckpoints)) {
    failing = new Set(failing);
    for (const head of streamHeads(checkpoint.streams) ?? []) {
      cumulative.set(head.stream, head);
      if (intactAt(head)) failing.delete(head.stream);
      else {
        if (!failing.has(head.stream)) {
          const state = states.get(head.stream);
          const kind: AuditBreakKind =
            !state || state.length < head.seq ? 'stream_truncated' : 'stream_rewritten';
          if (!breaks.some((b) => b.stream === head.stream)) {
            record({
              kind,
              stream: head.stream,
              position: Math.min(head.seq, (state?.valid ?? 0) + 1),
              seq: null,
            });
          }
        }
        failing.add(head.stream);
      }
    }
    holds[checkpoint.id] = failing.size === 0;
  }

  let lastGoodAnchor: AuditAnchor | null = null;
  for (const anchor of [...anchors].sort((a, b) => a.checkpointId - b.checkpointId)) {
    const checkpoint = checkpoints[anchor.checkpointId - 1];
    const good =
      anchor.checkpointId <= intactCheckpoints &&
      checkpoint !== undefined &&
      sameMac(checkpoint.mac, anchor.mac) &&
      holds[anchor.checkpointId] === true;
    if (!good && checkpoint && !sameMac(checkpoint.mac, anchor.mac)) {
      record({ kind: 'checkpoint_broken', stream: 'checkpoint', position: anchor.checkpointId, seq: null });
    }
    if (good) lastGoodAnchor = anchor;
  }

  return {
    ok: breaks.length === 0,
    entries,
    streams: states.size,
    legacyEntries,
    checkpoints: checkpoints.length,
    firstBreak: firstOf(breaks),
    lastGoodAnchor,
    anchorsChecked: anchors.length,
  };
}

/** The earliest break: a broken checkpoint first, then by the entry's global order. */
function firstOf(breaks: AuditBreak[]): AuditBreak | null {
  const ranked = [...breaks].sort((a, b) => {
    if (a.stream === 'checkpoint' || b.stream === 'checkpoint') {
      return Number(b.stream === 'checkpoint') - Number(a.stream === 'checkpoint') || a.position - b.position;
    }
    if (a.seq !== null && b.seq !== null) return Number(BigInt(a.seq) - BigInt(b.seq));
    return a.seq === null ? 1 : -1;
  });
  return ranked[0] ?? null;
}

/** A checkpoint's stream list as stored, or null when it is not one (a tampered row). */
function streamHeads(value: unknown): StreamHead[] | null {
  if (!Array.isArray(value)) return null;
  const heads: StreamHead[] = [];
  for (const item of value) {
    if (
      typeof item !== 'object' ||
      item === null ||
      !('stream' in item) ||
      !('seq' in item) ||
      !('head' in item) ||
      typeof item.stream !== 'string' ||
      typeof item.seq !== 'number' ||
      typeof item.head !== 'string'
    ) {
      return null;
    }
    heads.push({ stream: item.stream, seq: item.seq, head: item.head });
  }
  return heads;
}
