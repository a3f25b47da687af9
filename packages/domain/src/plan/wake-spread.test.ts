import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN } from './pilot-plan.js';
import { wakeOffsetMs } from './wake-spread.js';

const WINDOW_MS = DEFAULT_PLAN.wakeSpreadMinutes * 60_000;
const ids = Array.from({ length: 10_000 }, (_, i) => `enr-${(i * 7919).toString(36)}-${i}`);

describe('wake-up spread', () => {
  it('gives each pilot the same offset every time, inside the window', () => {
    for (const id of ids.slice(0, 100)) {
      const offset = wakeOffsetMs(id, DEFAULT_PLAN);
      expect(offset).toBe(wakeOffsetMs(id, DEFAULT_PLAN));
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(WINDOW_MS);
    }
  });

  it('spreads 10,000 pilots enrolled on one day over the window instead of one second', () => {
    const perSecond = new Map<number, number>();
    for (const id of ids) {
      const second = Math.floor(wakeOffsetMs(id, DEFAULT_PLAN) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    // 10,000 over 1,800 seconds is 5.6 a second on average; a fair spread stays within a few times that.
    expect(perSecond.size).toBeGreaterThan(1_700);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(20);
  });

  it('shrinks with a compressed plan and is nothing when the spread is 0', () => {
    const compressed = { ...DEFAULT_PLAN, timeScale: 10_000 };
    for (const id of ids.slice(0, 100)) expect(wakeOffsetMs(id, compressed)).toBeLessThan(WINDOW_MS / 10_000);
    expect(wakeOffsetMs(ids[0]!, { ...DEFAULT_PLAN, wakeSpreadMinutes: 0 })).toBe(0);
  });
});
