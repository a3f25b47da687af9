import { formatLocalDateTime, localDateParts, type LocalizedText, type Locale } from '@pilot/domain';
import * as z from 'zod';

/*
 * One JSON shape for every chart the dashboards draw: categories along one axis, series of numbers
 * aligned with them, each label in Chinese and English. The UI picks the language and the chart
 * kind's renderer; it computes nothing.
 */
export const labelSchema = z.object({ zh: z.string(), en: z.string() });

export const chartCategorySchema = z.object({
  key: z.string(),
  label: labelSchema,
  /** The enclosing group, e.g. the stage a phase belongs to. */
  group: z.string().optional(),
});

export const CHART_UNITS = ['count', 'percent', 'score', 'days'] as const;

export const chartSeriesSchema = z.object({
  key: z.string(),
  label: labelSchema,
  /** percent: 0..100; score: 0..100 points; days: calendar days. */
  unit: z.enum(CHART_UNITS),
  /** One value per category, in category order; null where there is nothing to measure. */
  data: z.array(z.number().nullable()),
});

export const chartSchema = z.object({
  key: z.string(),
  title: labelSchema,
  kind: z.enum(['bar', 'line', 'funnel', 'pie']),
  categories: z.array(chartCategorySchema),
  series: z.array(chartSeriesSchema),
});

export type Label = z.infer<typeof labelSchema>;
export type ChartCategory = z.infer<typeof chartCategorySchema>;
export type ChartSeries = z.infer<typeof chartSeriesSchema>;
export type Chart = z.infer<typeof chartSchema>;

export const label = (zh: string, en: string): Label => ({ zh, en });

export function localized(text: LocalizedText, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}

/** Ratio 0..1 → percent with one decimal, as charts show it. */
export function percent(ratio: number | null | undefined): number | null {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio)
    ? null
    : Math.round(ratio * 1000) / 10;
}

export function round(value: number | null | undefined, decimals: number): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

// ─── months (Asia/Shanghai) ────────────────────────────────────────────────────────────────────

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface MonthWindow {
  /** `YYYY-MM`, oldest first. */
  keys: string[];
  categories: ChartCategory[];
  /** First instant of the first month and of the month after the last, Asia/Shanghai. */
  fromMs: number;
  toMs: number;
  /** `YYYY-MM-DD` of those two days, for DATE columns. */
  fromDate: string;
  toDate: string;
}

const monthIndex = (year: number, month: number) => year * 12 + (month - 1);
const monthOf = (index: number) => ({ year: Math.floor(index / 12), month: (index % 12) + 1 });
const pad = (value: number) => String(value).padStart(2, '0');
const keyOf = (year: number, month: number) => `${year}-${pad(month)}`;
/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const localMonthStartMs = (year: number, month: number) => Date.UTC(year, month - 1, 1) - 8 * 3600_000;

/** The `count` months ending with `until` (`YYYY-MM`, default: the current month in Asia/Shanghai). */
export function monthWindow(count: number, until: string | undefined, nowMs = Date.now()): MonthWindow {
  const now = localDateParts(nowMs);
  const [untilYear, untilMonth] = until ? until.split('-').map(Number) : [now.year, now.month];
  const last = monthIndex(untilYear ?? now.year, untilMonth ?? now.month);
  const first = last - count + 1;
  const keys: string[] = [];
  const categories: ChartCategory[] = [];
  for (let index = first; index <= last; index++) {
    const { year, month } = monthOf(index);
    keys.push(keyOf(year, month));
    categories.push({
      key: keyOf(year, month),
      label: label(`${year}年${month}月`, `${EN_MONTHS[month - 1]} ${year}`),
    });
  }
  const start = monthOf(first);
  const end = monthOf(last + 1);
  return {
    keys,
    categories,
    fromMs: localMonthStartMs(start.year, start.month),
    toMs: localMonthStartMs(end.year, end.month),
    fromDate: `${keyOf(start.year, start.month)}-01`,
    toDate: `${keyOf(end.year, end.month)}-01`,
  };
}

/** Values keyed by month, laid out along the window (null for months without data). */
export function alongMonths<T>(
  window: MonthWindow,
  rows: Map<string, T>,
  pick: (row: T) => number | null,
): Array<number | null> {
  return window.keys.map((key) => {
    const row = rows.get(key);
    return row === undefined ? null : pick(row);
  });
}

/** `YYYY-MM-DD HH:mm` Asia/Shanghai, or empty, for CSV cells people read. */
export function localDateTime(value: Date | null | undefined): string {
  return value ? formatLocalDateTime(value.getTime()) : '';
}
