import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CN_WORKING_CALENDAR_2024_2026 } from '../calendar/china-holidays.js';
import { formatLocalDate, formatLocalDateTime, localMidnight, parseLocalDate } from '../calendar/shanghai.js';
import { HOUR_MS } from '../calendar/time-units.js';
import { workingDayTest } from '../calendar/working-days.js';
import { maintenanceSlots, nextUpkeep, onTimeShare, roundSlots } from './schedule.js';
import { planUpkeep } from './upkeep.js';

const isWorking = workingDayTest(CN_WORKING_CALENDAR_2024_2026);
const day = (text: string) => parseLocalDate(text)!;
const at = (text: string, hour: number) => day(text) + hour * HOUR_MS;

describe('nextUpkeep: a maintenance interval over the 2026 calendar', () => {
  it('is due the interval after the last visit on an ordinary working day', () => {
    const due = nextUpkeep(isWorking, at('2026-03-02', 10), 15);
    expect(formatLocalDate(due.dueDayMs)).toBe('2026-03-17');
    expect(due.shift).toBe('none');
    // Two working days ahead, at nine.
    expect(formatLocalDateTime(due.remindAtMs)).toBe('2026-03-13 09:00');
    expect(due.overdueAtMs).toBe(day('2026-03-18'));
  });

  it('comes forward over 国庆 rather than slipping past the 15 days TSG T5002 allows', () => {
    // 19 September + 15 = 4 October, inside the 1–7 October holiday: the Wednesday before it.
    const due = nextUpkeep(isWorking, at('2026-09-19', 9), 15);
    expect(formatLocalDate(due.dueDayMs)).toBe('2026-09-30');
    expect(due.shift).toBe('previous');
    expect(formatLocalDateTime(due.remindAtMs)).toBe('2026-09-28 09:00');
  });

  it('counts the make-up Saturday 10 October as a working day', () => {
    // 25 September + 15 = 10 October, a Saturday worked in exchange for the holiday.
    const due = nextUpkeep(isWorking, at('2026-09-25', 9), 15);
    expect(formatLocalDate(due.dueDayMs)).toBe('2026-10-10');
    expect(due.shift).toBe('none');
    // The two working days before it are 8 and 9 October.
    expect(formatLocalDateTime(due.remindAtMs)).toBe('2026-10-08 09:00');
  });

  it('stays on the rest day when no working day lies between the last visit and it', () => {
    const due = nextUpkeep(isWorking, at('2026-10-02', 9), 1);
    expect(formatLocalDate(due.dueDayMs)).toBe('2026-10-03');
    expect(due.shift).toBe('unavailable');
    // Never reminded before the visit it follows.
    expect(due.remindAtMs).toBe(at('2026-10-02', 9));
  });

  it('is never later than the interval nor earlier than the day after the last visit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 40 }), (offset, interval) => {
        const last = localMidnight(2025, 1, 1) + offset * 24 * HOUR_MS + 10 * HOUR_MS;
        const due = nextUpkeep(isWorking, last, interval);
        const lastDay = localMidnight(2025, 1, 1) + offset * 24 * HOUR_MS;
        expect(due.dueDayMs).toBeGreaterThan(lastDay);
        expect(due.dueDayMs).toBeLessThanOrEqual(lastDay + interval * 24 * HOUR_MS);
        expect(due.remindAtMs).toBeGreaterThanOrEqual(last);
        expect(due.remindAtMs).toBeLessThan(due.overdueAtMs);
        if (due.shift !== 'unavailable') expect(isWorking(due.dueDayMs)).toBe(true);
      }),
    );
  });

  it('refuses an interval that is not a whole number of days', () => {
    expect(() => nextUpkeep(isWorking, at('2026-03-02', 9), 0)).toThrow(RangeError);
    expect(() => nextUpkeep(isWorking, at('2026-03-02', 9), 1.5)).toThrow(RangeError);
  });
});

describe('maintenanceSlots', () => {
  const start = at('2026-03-02', 10);
  it('follows the visits actually made: on time, late, then missed', () => {
    const slots = maintenanceSlots(isWorking, {
      startMs: start,
      intervalDays: 15,
      // Due 17 March: done on the 16th. Due 31 March: done 2 April (late). Then nothing.
      doneMs: [at('2026-03-16', 14), at('2026-04-02', 11)],
      fromMs: start,
      untilMs: day('2026-05-01'),
    });
    expect(slots.map((s) => [s.status, formatLocalDate(s.dueByMs - 1)])).toEqual([
      ['on_time', '2026-03-17'],
      ['late', '2026-03-31'],
      ['missed', '2026-04-17'],
    ]);
    expect(onTimeShare(slots)).toBeCloseTo(1 / 3);
  });

  it('leaves out slots due before the period and those not yet due at its end', () => {
    const slots = maintenanceSlots(isWorking, {
      startMs: start,
      intervalDays: 15,
      doneMs: [at('2026-03-16', 14), at('2026-03-30', 14)],
      fromMs: day('2026-03-20'),
      untilMs: day('2026-04-10'),
    });
    expect(slots.map((s) => s.status)).toEqual(['on_time']);
  });
});

describe('roundSlots', () => {
  it('marks each daily window met, incomplete (a checkpoint missed) or missed', () => {
    const slots = roundSlots({
      startMs: at('2026-03-02', 8),
      intervalDays: 1,
      rounds: [
        { atMs: at('2026-03-02', 20), complete: true },
        { atMs: at('2026-03-03', 20), complete: false },
      ],
      fromMs: day('2026-03-02'),
      untilMs: day('2026-03-05'),
    });
    expect(slots.map((s) => s.status)).toEqual(['on_time', 'incomplete', 'missed']);
    expect(onTimeShare([])).toBeNull();
  });

  it('counts weekly windows from the day the route was set up', () => {
    const slots = roundSlots({
      startMs: at('2026-03-04', 8),
      intervalDays: 7,
      rounds: [{ atMs: at('2026-03-12', 9), complete: true }],
      fromMs: day('2026-03-01'),
      untilMs: day('2026-03-25'),
    });
    expect(slots.map((s) => [formatLocalDate(s.fromMs), s.status])).toEqual([
      ['2026-03-04', 'missed'],
      ['2026-03-11', 'on_time'],
      // Ends at midnight of the 25th, the period's end: due, and missed.
      ['2026-03-18', 'missed'],
    ]);
  });
});

describe('planUpkeep: what a compound’s workflow does when it wakes', () => {
  const item = {
    id: 'eq-1',
    maintenanceIntervalDays: 15,
    lastDoneMs: at('2026-09-19', 9),
    reminded: [] as string[],
    overdue: [] as string[],
  };

  it('sleeps until the reminder, reminds once, then sleeps until the due day ends', () => {
    const early = planUpkeep(isWorking, [item], null, at('2026-09-20', 12));
    expect(early).toMatchObject({ remind: [], markOverdue: [], wakeAtMs: at('2026-09-28', 9) });
    const remind = planUpkeep(isWorking, [item], null, at('2026-09-28', 9));
    expect(remind.remind).toEqual([
      { equipmentId: 'eq-1', dueOn: '2026-09-30', dueDayMs: day('2026-09-30') },
    ]);
    expect(remind.wakeAtMs).toBe(day('2026-10-01'));
    const again = planUpkeep(isWorking, [{ ...item, reminded: ['2026-09-30'] }], null, at('2026-09-29', 9));
    expect(again.remind).toEqual([]);
  });

  it('marks an overdue maintenance once and then waits for the register to change', () => {
    const late = planUpkeep(isWorking, [{ ...item, reminded: ['2026-09-30'] }], null, day('2026-10-01'));
    expect(late.markOverdue.map((m) => m.dueOn)).toEqual(['2026-09-30']);
    expect(late.wakeAtMs).toBeNull();
    const marked = planUpkeep(isWorking, [{ ...item, overdue: ['2026-09-30'] }], null, day('2026-10-02'));
    expect(marked.markOverdue).toEqual([]);
  });

  it('wakes for the next visitor purge and purges once it is due', () => {
    expect(planUpkeep(isWorking, [], at('2026-10-05', 3), at('2026-10-01', 3)).wakeAtMs).toBe(
      at('2026-10-05', 3),
    );
    expect(planUpkeep(isWorking, [], at('2026-10-05', 3), at('2026-10-05', 3)).purgeVisitors).toBe(true);
  });
});
