import { describe, expect, it } from 'vitest';
import { CN_WORKING_CALENDAR_2024_2026 } from '../calendar/china-holidays.js';
import { formatLocalDate, formatLocalDateTime, parseLocalDate } from '../calendar/shanghai.js';
import { HOUR_MS } from '../calendar/time-units.js';
import { workingDayTest } from '../calendar/working-days.js';
import { onTimeByRole } from './operation-rate.js';
import { summarizeTraces, type TraceEntry, type TraceFacts } from './summary.js';

const isWorking = workingDayTest(CN_WORKING_CALENDAR_2024_2026);
const at = (text: string, hour: number) => parseLocalDate(text)! + hour * HOUR_MS;

const entry = (over: Partial<TraceEntry> & Pick<TraceEntry, 'id' | 'kind' | 'occurredAtMs'>): TraceEntry => ({
  equipmentId: null,
  routeId: null,
  summary: '正常',
  recordedBy: '李工',
  correctsId: null,
  missed: [],
  photoCount: 0,
  ...over,
});

function facts(entries: TraceEntry[]): TraceFacts {
  return {
    equipment: [
      {
        id: 'eq-lift',
        code: 'DT-01',
        name: '1号楼电梯',
        type: 'lift',
        active: true,
        startMs: at('2026-03-01', 9),
        maintenanceIntervalDays: 15,
        inspectionIntervalDays: null,
        staffRole: 'engineering',
      },
    ],
    routes: [
      {
        id: 'rt-night',
        name: '夜间巡逻',
        staffRole: 'security',
        intervalDays: 1,
        startMs: at('2026-03-01', 8),
        active: true,
      },
    ],
    entries,
    stewards: { count: 2, buildings: 8, buildingsTotal: 12 },
    fromMs: at('2026-03-01', 0),
    untilMs: at('2026-03-04', 0),
    formatInstant: formatLocalDateTime,
    formatDay: formatLocalDate,
  };
}

describe('summarizeTraces', () => {
  const entries = [
    entry({ id: 'm1', kind: 'maintenance', equipmentId: 'eq-lift', occurredAtMs: at('2026-03-02', 10) }),
    entry({ id: 'p1', kind: 'patrol', routeId: 'rt-night', occurredAtMs: at('2026-03-01', 22) }),
    entry({
      id: 'p2',
      kind: 'patrol',
      routeId: 'rt-night',
      occurredAtMs: at('2026-03-02', 22),
      missed: [{ code: 'B2', name: '地下车库' }],
    }),
    // A correction of p2 that still misses the checkpoint: p2 stays listed, marked corrected.
    entry({
      id: 'p3',
      kind: 'patrol',
      routeId: 'rt-night',
      occurredAtMs: at('2026-03-02', 22),
      missed: [{ code: 'B2', name: '地下车库' }],
      correctsId: 'p2',
    }),
  ];

  it('shows a standard’s logbooks with counts, gaps and citable entries; corrections replace what they correct', () => {
    const [d03] = summarizeTraces(['D-03'], facts(entries), isWorking);
    const patrol = d03!.sources[0]!;
    expect(patrol).toMatchObject({ source: 'patrol', count: 2, due: 3, onTime: 1, gapCount: 2 });
    expect(patrol.gaps.map((g) => [g.dueOn, g.status])).toEqual([
      ['2026-03-03', 'missed'],
      ['2026-03-02', 'incomplete'],
    ]);
    expect(patrol.entries.find((e) => e.id === 'p2')).toMatchObject({
      corrected: true,
      missed: [{ code: 'B2', name: '地下车库' }],
    });
    expect(patrol.entries.find((e) => e.id === 'p3')).toMatchObject({
      correctsId: 'p2',
      subject: '夜间巡逻',
    });
  });

  it('reads lift maintenance under C-06, the register under C-01, the stewards under H-07, and skips other standards', () => {
    const traces = summarizeTraces(['C-06', 'C-01', 'H-07', 'F-03'], facts(entries), isWorking);
    expect(traces.map((t) => t.code)).toEqual(['C-06', 'C-01', 'H-07']);
    expect(traces[0]!.sources[0]).toMatchObject({ count: 1, lastAt: '2026-03-02 10:00', due: 0 });
    expect(traces[1]!.sources[0]!.note?.zh).toContain('在册设备 1 台');
    expect(traces[2]!.sources[0]!.note?.zh).toBe('物业管家 2 名，服务楼栋 8 / 12 栋。');
  });
});

describe('onTimeByRole', () => {
  it('counts each due slot for the post that owns it', () => {
    const result = onTimeByRole(
      {
        ...facts([
          entry({ id: 'p1', kind: 'patrol', routeId: 'rt-night', occurredAtMs: at('2026-03-01', 22) }),
          entry({
            id: 'm1',
            kind: 'maintenance',
            equipmentId: 'eq-lift',
            occurredAtMs: at('2026-03-12', 10),
          }),
        ]),
        untilMs: at('2026-03-20', 0),
      },
      isWorking,
    );
    // Security: 19 nightly windows, one walked. Engineering: the lift's maintenance due 16 March, done on the 12th.
    expect(result.roles).toEqual([
      { role: 'engineering', label: { zh: '工程维修', en: 'Engineering' }, due: 1, onTime: 1, rate: 100 },
      { role: 'security', label: { zh: '秩序维护', en: 'Security' }, due: 19, onTime: 1, rate: 5.26 },
    ]);
    expect(result.total).toEqual({ due: 20, onTime: 2, rate: 10 });
  });
});
