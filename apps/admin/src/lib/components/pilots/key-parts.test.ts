import { describe, expect, it } from 'vitest';
import type { PilotDetail, TimelineRound } from '$lib/api/pilot-types';
import { keyPartLoop } from './key-parts';

const name = (zh: string) => ({ zh, en: zh });

describe('key parts (重点部位) in the check → rectify → re-check loop', () => {
  it('reads the running round’s loop from the snapshot, with before → after', () => {
    const snapshot = {
      currentRound: {
        number: 2,
        keyParts: [
          {
            code: 'fire_control_room',
            name: name('消防控制室'),
            standards: ['E-01'],
            focus: true,
            status: 'improved' as const,
            before: 62.5,
            after: 100,
            openRectifications: 0,
            recheckTaskId: null,
          },
          {
            code: 'pump_room',
            name: name('水泵房'),
            standards: ['C-09'],
            focus: false,
            status: 'rectifying' as const,
            before: 80,
            after: null,
            openRectifications: 2,
            recheckTaskId: null,
          },
        ],
      },
    };
    // Only what keyPartLoop reads from the detail.
    const loop = keyPartLoop({ snapshot, timeline: { rounds: [] } } as unknown as Pick<
      PilotDetail,
      'snapshot' | 'timeline'
    >);
    expect(loop?.live).toBe(true);
    expect(loop?.round).toBe(2);
    expect(loop?.rows.map((row) => [row.code, row.status, row.before, row.after, row.change])).toEqual([
      ['fire_control_room', 'improved', 62.5, 100, 37.5],
      ['pump_room', 'rectifying', 80, null, null],
    ]);
    expect(loop?.rows[1]?.openRectifications).toBe(2);
  });

  it('falls back to the last finished round’s record, and has nothing before a consolidation round', () => {
    const round = {
      number: 2,
      keyParts: [
        { code: 'septic_tank', name: name('化粪池'), before: 70, after: 95, improvement: 25, rechecks: 1 },
      ],
    } as unknown as TimelineRound; // only the key parts matter here
    const loop = keyPartLoop({ snapshot: null, timeline: { rounds: [round] } });
    expect(loop).toMatchObject({ live: false, round: 2 });
    expect(loop?.rows[0]).toMatchObject({ status: null, before: 70, after: 95, change: 25 });
    expect(keyPartLoop({ snapshot: null, timeline: { rounds: [] } })).toBeNull();
  });
});
