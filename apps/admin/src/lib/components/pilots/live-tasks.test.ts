import { describe, expect, it } from 'vitest';
import { withLiveStatus } from './live-tasks';

describe('one status per task on the pilot detail', () => {
  it('takes the workflow’s status where the records have not caught up (right after enrolling)', () => {
    const records = [
      { id: 'r1-self-01', status: 'scheduled' as const },
      { id: 'r1-concentrated-01', status: 'scheduled' as const },
      { id: 'r0-weekly-09', status: 'submitted' as const },
    ];
    const snapshot = {
      openTasks: [{ id: 'r1-self-01', status: 'open' as const }],
      upcomingTasks: [{ id: 'r1-concentrated-01', status: 'scheduled' as const }],
    };
    // Only the fields the merge reads; the snapshot's tasks carry more.
    const rows = withLiveStatus(records, snapshot as never);
    expect(rows.map((row) => [row.id, row.status])).toEqual([
      ['r1-self-01', 'open'],
      ['r1-concentrated-01', 'scheduled'],
      ['r0-weekly-09', 'submitted'],
    ]);
    // Rows the workflow agrees with are kept as they are.
    expect(rows[1]).toBe(records[1]);
  });

  it('keeps the records’ statuses when the live state could not be read', () => {
    const records = [{ id: 'a', status: 'open' as const }];
    expect(withLiveStatus(records, null)).toEqual(records);
  });
});
