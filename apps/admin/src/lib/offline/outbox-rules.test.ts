import { describe, expect, it } from 'vitest';
import {
  afterTry,
  deletable,
  nextToSend,
  recoverAfterRestart,
  resend,
  retryDelay,
  RETRY_CAP_MS,
  type OutboxItem,
} from './outbox-rules';

const NOW = Date.parse('2026-12-03T02:00:00Z');

function item(seq: number, lane: string, patch: Partial<OutboxItem> = {}): OutboxItem {
  return {
    key: `key-${seq}`,
    kind: 'inspection',
    lane,
    seq,
    capturedAtMs: NOW - 60_000 + seq,
    state: 'waiting',
    attempts: 0,
    notBeforeMs: 0,
    refusal: null,
    ...patch,
  };
}

const answered = (status: number, code: string | null = null, retryAfterMs: number | null = null) =>
  ({ kind: 'answered', status, code, message: `answer ${status}`, retryAfterMs }) as const;

describe('the outbox order', () => {
  it('sends each lane in capture order, lanes side by side', () => {
    const items = [item(3, 'task-a'), item(1, 'task-a'), item(2, 'task-b'), item(4, 'task-b')];
    expect(nextToSend(items, NOW).map((i) => i.seq)).toEqual([1, 2]);
  });

  it('holds a lane behind an item on the wire, backing off or refused, but not behind a sent one', () => {
    const items = [
      item(1, 'a', { state: 'sent' }),
      item(2, 'a'),
      item(3, 'b', { state: 'sending' }),
      item(4, 'b'),
      item(5, 'c', { state: 'refused' }),
      item(6, 'c'),
      item(7, 'd', { notBeforeMs: NOW + 1 }),
      item(8, 'd'),
    ];
    expect(nextToSend(items, NOW).map((i) => i.seq)).toEqual([2]);
    expect(nextToSend(items, NOW + 1).map((i) => i.seq)).toEqual([2, 7]);
  });
});

describe('an answer, or none', () => {
  it('records a 2xx (a replay of a lost answer included) as sent, the only state that may be deleted', () => {
    const sent = afterTry(item(1, 'a'), answered(201), NOW);
    expect(sent).toMatchObject({ state: 'sent', attempts: 1 });
    expect(deletable(sent)).toBe(true);
    expect(deletable(item(2, 'a'))).toBe(false);
    expect(deletable(item(3, 'a', { state: 'refused' }))).toBe(false);
  });

  it('retries a lost answer, a server error and a key still in progress under the same key, backing off', () => {
    const lost = afterTry(item(1, 'a'), { kind: 'no_answer' }, NOW);
    expect(lost).toMatchObject({ state: 'waiting', key: 'key-1', attempts: 1, notBeforeMs: NOW + 2_000 });
    const again = afterTry(lost, answered(503), NOW);
    expect(again).toMatchObject({ state: 'waiting', attempts: 2, notBeforeMs: NOW + 4_000 });
    const inProgress = afterTry(again, answered(409, 'idempotency_in_progress', 30_000), NOW);
    expect(inProgress).toMatchObject({ state: 'waiting', notBeforeMs: NOW + 30_000 });
  });

  it('takes a refusal as final until the user resends, keeping the server’s reason', () => {
    const refused = afterTry(item(1, 'a'), answered(409, 'task_not_open'), NOW);
    expect(refused).toMatchObject({
      state: 'refused',
      refusal: { status: 409, code: 'task_not_open', message: 'answer 409' },
    });
    expect(afterTry(item(1, 'a'), answered(400, 'invalid_input'), NOW).state).toBe('refused');
    expect(resend(refused)).toMatchObject({ state: 'waiting', refusal: null, key: 'key-1' });
  });

  it('caps the back-off', () => {
    expect(retryDelay(1)).toBe(2_000);
    expect(retryDelay(40)).toBe(RETRY_CAP_MS);
  });

  it('sends again what a closed page left on the wire', () => {
    const [recovered, untouched] = recoverAfterRestart([
      item(1, 'a', { state: 'sending', notBeforeMs: NOW + 5 }),
      item(2, 'a', { state: 'refused' }),
    ]);
    expect(recovered).toMatchObject({ state: 'waiting', notBeforeMs: 0 });
    expect(untouched?.state).toBe('refused');
  });
});
