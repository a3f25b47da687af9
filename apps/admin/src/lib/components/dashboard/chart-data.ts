import type { ApiChart } from '$lib/api/types';
import { pick, type Locale } from '$lib/i18n';
import type { ChartData } from '$lib/ui/charts/types';

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_KEY = /^(\d{4})-(\d{2})$/;

/** `2024-03` → 2024年3月 / Mar 2024; anything else unchanged. */
export function monthLabel(key: string, locale: Locale): string {
  const match = MONTH_KEY.exec(key);
  if (!match) return key;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return locale === 'en' ? `${EN_MONTHS[month - 1]} ${year}` : `${year}年${month}月`;
}

/** Month axes are crowded on a phone: 3月 / Mar, the table keeps the full label. */
function shortMonth(key: string, locale: Locale): string | undefined {
  const match = MONTH_KEY.exec(key);
  if (!match) return undefined;
  const month = Number(match[2]);
  return locale === 'en' ? EN_MONTHS[month - 1] : `${month}月`;
}

export interface ChartDataOptions {
  /** Keep only these series (by key), in this order. */
  series?: string[];
  /** Leave out these categories (by key), e.g. withdrawn pilots from the stage funnel. */
  omitCategories?: string[];
}

/** The API's bilingual chart JSON as the chart components take it, in the reader's language. */
export function toChartData(chart: ApiChart, locale: Locale, options: ChartDataOptions = {}): ChartData {
  const keep = chart.categories
    .map((category, index) => ({ category, index }))
    .filter(({ category }) => !options.omitCategories?.includes(category.key));
  const series = options.series
    ? options.series
        .map((key) => chart.series.find((entry) => entry.key === key))
        .filter((entry) => entry !== undefined)
    : chart.series;
  return {
    categories: keep.map(({ category }) => ({
      key: category.key,
      label: pick(category.label, locale),
      short: shortMonth(category.key, locale),
    })),
    series: series.map((entry) => ({
      key: entry.key,
      label: pick(entry.label, locale),
      unit: entry.unit,
      values: keep.map(({ index }) => entry.data[index] ?? null),
    })),
  };
}

/** A category's value in a one-series chart (0 when absent). */
export function valueOf(chart: ApiChart, categoryKey: string): number {
  const index = chart.categories.findIndex((category) => category.key === categoryKey);
  return index < 0 ? 0 : (chart.series[0]?.data[index] ?? 0);
}
