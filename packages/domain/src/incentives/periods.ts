// 激励评价 periods: a month (`2026-11`) or a quarter (`2026-Q3`), named by their id, with their first
// and last day in Asia/Shanghai. Pure, so the API, the demo and the workflow name periods alike.
import * as z from 'zod';
import { daysInMonth } from '../calendar/shanghai.js';
import { localizedParams } from '../schemas/custom-issue.js';

export type EvaluationPeriodKind = 'month' | 'quarter';

export interface EvaluationPeriodRef {
  id: string;
  kind: EvaluationPeriodKind;
  /** First and last day, `YYYY-MM-DD`, both inclusive. */
  startsOn: string;
  endsOn: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const pad = (n: number) => String(n).padStart(2, '0');

function monthRef(year: number, month: number): EvaluationPeriodRef {
  return {
    id: `${year}-${pad(month)}`,
    kind: 'month',
    startsOn: `${year}-${pad(month)}-01`,
    endsOn: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`,
  };
}

function quarterRef(year: number, quarter: number): EvaluationPeriodRef {
  const last = quarter * 3;
  return {
    id: `${year}-Q${quarter}`,
    kind: 'quarter',
    startsOn: `${year}-${pad(last - 2)}-01`,
    endsOn: `${year}-${pad(last)}-${pad(daysInMonth(year, last))}`,
  };
}

/** The period an id names, or null when it names none (`2026-13`, `2026-Q5`, `26-11`). */
export function parsePeriodId(id: string): EvaluationPeriodRef | null {
  const month = MONTH.exec(id);
  if (month) return monthRef(Number(month[1]), Number(month[2]));
  const quarter = QUARTER.exec(id);
  if (quarter) return quarterRef(Number(quarter[1]), Number(quarter[2]));
  return null;
}

/** The period of the same kind just before (the ranking's movement compares with it). */
export function previousPeriod(period: EvaluationPeriodRef): EvaluationPeriodRef {
  const [year, rest] = [Number(period.id.slice(0, 4)), period.id.slice(5)];
  if (period.kind === 'month') {
    const month = Number(rest);
    return month === 1 ? monthRef(year - 1, 12) : monthRef(year, month - 1);
  }
  const quarter = Number(rest.slice(1));
  return quarter === 1 ? quarterRef(year - 1, 4) : quarterRef(year, quarter - 1);
}

/** The `count` periods of the same kind ending with `period`, newest first. */
export function periodsUpTo(period: EvaluationPeriodRef, count: number): EvaluationPeriodRef[] {
  const out = [period];
  while (out.length < count) out.push(previousPeriod(out.at(-1)!));
  return out;
}

/** The month containing a local day `YYYY-MM-DD`. */
export function monthOf(day: string): EvaluationPeriodRef {
  return monthRef(Number(day.slice(0, 4)), Number(day.slice(5, 7)));
}

/** A period is evaluated once it is over: its last day is before `today`. */
export function periodEnded(period: EvaluationPeriodRef, today: string): boolean {
  return period.endsOn < today;
}

/** `2026-11` or `2026-Q3`, with a message saying which forms are meant. */
export const periodIdSchema = z
  .string()
  .trim()
  .refine((id) => parsePeriodId(id) !== null, {
    params: localizedParams(
      '评价周期须为月份（如 2026-11）或季度（如 2026-Q3）。',
      'A period is a month (e.g. 2026-11) or a quarter (e.g. 2026-Q3).',
    ),
  });
