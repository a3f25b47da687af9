/** What the chart components draw: categories along one axis, series of values aligned with them. */

export type Unit = 'count' | 'percent' | 'score' | 'days';

export interface ChartCategory {
  key: string;
  label: string;
  /** A shorter label for crowded axes (`3月` for `2024年3月`); the table always shows `label`. */
  short?: string;
}

export interface ChartSeries {
  key: string;
  label: string;
  unit: Unit;
  values: Array<number | null>;
  /** Overrides the palette; must keep 3:1 contrast against white. */
  color?: string;
}

export interface ChartData {
  categories: ChartCategory[];
  series: ChartSeries[];
}

/** Formats one value for axes, labels and tables; null means "nothing measured". */
export type ValueFormat = (value: number | null, unit: Unit) => string;
