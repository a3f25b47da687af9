// The outbox's rules, pure so they are tested without a browser: which captured item goes next, what
// an answer (or no answer) from the server does to it, and when an item may be deleted. The
// IndexedDB store and the sender only apply these.

/** What a phone captures without signal and sends later. */
export const OUTBOX_KINDS = ['inspection', 'rectification_answer', 'logbook_entry'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** waiting: to send (again); sending: on the wire; sent: the server recorded it; refused: it said no. */
export const OUTBOX_STATES = ['waiting', 'sending', 'sent', 'refused'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxItem {
  /** Made when the user pressed submit, and sent as the Idempotency-Key on every try. */
  key: string;
  kind: OutboxKind;
  /**
   * Items of one lane go in the order captured (a task's inspection before the answers to the
   * rectifications it opens; one compound's logbook in time order); lanes do not wait for each other.
   */
  lane: string;
  /** Order of capture across the outbox (a counter, so two captures in one millisecond keep their order). */
  seq: number;
  /** When the user pressed submit, by the phone's clock (sent with the submission). */
  capturedAtMs: number;
  state: OutboxState;
  attempts: number;
  /** Not before this instant (a back-off after a failed try); 0 to send at once. */
  notBeforeMs: number;
  /** The server's reason for a refusal, in the words it gave. */
  refusal: { status: number; code: string | null; message: string } | null;
}

/** The first retry waits this long, doubling per failed try up to the cap. */
export const RETRY_BASE_MS = 2_000;
export const RETRY_CAP_MS = 5 * 60_000;

/**
 * The items to send now, in order: per lane, its earliest unsent item, and only when it is due and
 * not already on the wire. A refused item holds its lane until the user fixes or discards it, so
 * nothing that depends on it is sent ahead of it.
 */
export function nextToSend(items: readonly OutboxItem[], nowMs: number): OutboxItem[] {
  const firstOfLane = new Map<string, OutboxItem>();
  for (const item of [...items].sort((a, b) => a.seq - b.seq)) {
    if (item.state === 'sent') continue;
    if (!firstOfLane.has(item.lane)) firstOfLane.set(item.lane, item);
  }
  return [...firstOfLane.values()]
    .filter((item) => item.state === 'waiting' && item.notBeforeMs <= nowMs)
    .sort((a, b) => a.seq - b.seq);
}

/** What came back from one try: an HTTP answer, or none at all (offline, timed out, connection lost). */
export type SendOutcome =
  | { kind: 'answered'; status: number; code: string | null; message: string; retryAfterMs: number | null }
  | { kind: 'no_answer' };

/** Answers that say "not now" rather than "no": the same request may succeed later under the same key. */
function transient(status: number, code: string | null): boolean {
  if (status >= 500 || status === 429 || status === 408) return true;
  // The first try of this key is still running on the server: its answer will be replayed.
  return status === 409 && code === 'idempotency_in_progress';
}

export function retryDelay(attempts: number): number {
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** The item after one try. A lost answer is retried under the same key: the server replays it. */
export function afterTry(item: OutboxItem, outcome: SendOutcome, nowMs: number): OutboxItem {
  const attempts = item.attempts + 1;
  if (outcome.kind === 'no_answer')
    return { ...item, state: 'waiting', attempts, notBeforeMs: nowMs + retryDelay(attempts) };
  if (outcome.status >= 200 && outcome.status < 300)
    return { ...item, state: 'sent', attempts, notBeforeMs: 0, refusal: null };
  if (transient(outcome.status, outcome.code)) {
    const wait = Math.max(outcome.retryAfterMs ?? 0, retryDelay(attempts));
    return { ...item, state: 'waiting', attempts, notBeforeMs: nowMs + wait };
  }
  return {
    ...item,
    state: 'refused',
    attempts,
    notBeforeMs: 0,
    refusal: { status: outcome.status, code: outcome.code, message: outcome.message },
  };
}

/**
 * A refused item the user corrected goes again under its key: the server keeps only 2xx answers
 * against a key, so the corrected request is judged afresh.
 */
export function resend(item: OutboxItem): OutboxItem {
  return { ...item, state: 'waiting', notBeforeMs: 0, refusal: null };
}

/** An item leaves the phone only once the server said it was recorded. */
export const deletable = (item: OutboxItem): boolean => item.state === 'sent';

/** A page that died mid-send left items "sending": on the next start they are simply due again. */
export function recoverAfterRestart(items: readonly OutboxItem[]): OutboxItem[] {
  return items.map((item) =>
    item.state === 'sending' ? { ...item, state: 'waiting', notBeforeMs: 0 } : item,
  );
}
