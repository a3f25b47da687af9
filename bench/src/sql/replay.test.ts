import { describe, expect, it } from 'vitest';
import type { CapturedStatement } from './captured.js';
import { planReplay } from './replay.js';

const statement = (connection: number, startMs: number, endMs: number | null): CapturedStatement => ({
  connection,
  text: `SELECT ${startMs}`,
  values: [],
  startMs,
  endMs,
});

describe('replay plan', () => {
  it('keeps the overlap of the capture: parallel statements wait only for what ended before them', () => {
    const plan = planReplay([
      statement(1, 0, 1), // the session lookup
      statement(1, 2, 3), // the user
      statement(1, 4, 10), // five statements at once on five connections
      statement(2, 4.1, 11),
      statement(3, 4.2, 9),
      statement(2, 12, 13), // after all of them
    ]);
    expect(plan.map((step) => step.after)).toEqual([[], [0], [0, 1], [0, 1], [0, 1], [0, 1, 2, 3, 4]]);
  });

  it('gives each captured connection one replay connection, in order of first use', () => {
    const plan = planReplay([statement(7, 0, 1), statement(3, 0.5, 2), statement(7, 3, 4)]);
    expect(plan.map((step) => step.lane)).toEqual([0, 1, 0]);
  });

  it('sorts by start and ignores unanswered statements as predecessors', () => {
    const plan = planReplay([statement(1, 5, 6), statement(2, 0, null)]);
    expect(plan.map((step) => step.statement.startMs)).toEqual([0, 5]);
    expect(plan[1]?.after).toEqual([]);
  });
});
