import type { ChartData } from './types';

/*
 * The little arithmetic the SVG charts need: "nice" axis ticks and arcs. Pure functions, tested
 * in scale.test.ts, so the components stay about layout.
 */

export interface Scale {
  min: number;
  max: number;
  ticks: number[];
}

/** A step of 1, 2, 2.5 or 5 times a power of ten that cuts `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalized = raw / magnitude;
  const nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10;
  return nice * magnitude;
}

export interface ScaleOptions {
  /** About how many intervals the axis shows. */
  count?: number;
  /** Start at zero (bars, counts); lines of rates may start near their lowest value instead. */
  zero?: boolean;
  /** Whole numbers only (counts): never a 0.5 tick. */
  integer?: boolean;
  /** Upper bound the axis need not pass (100 for percentages). */
  ceiling?: number;
}

/** An axis from a round number below the data to one above it, with evenly spaced ticks. */
export function niceScale(values: ReadonlyArray<number | null>, options: ScaleOptions = {}): Scale {
  const { count = 4, zero = true, integer = false, ceiling } = options;
  const present = values.filter((value): value is number => value !== null && Number.isFinite(value));
  let low = present.length > 0 ? Math.min(...present) : 0;
  let high = present.length > 0 ? Math.max(...present) : 0;
  if (zero) low = Math.min(0, low);
  if (high === low) high = low + (integer ? Math.max(1, count) : 1);
  let step = niceStep(high - low, count);
  if (integer) step = Math.max(1, Math.ceil(step));
  let min = Math.floor(low / step) * step;
  let max = Math.ceil(high / step) * step;
  if (ceiling !== undefined && max > ceiling && high <= ceiling) max = ceiling;
  if (zero && min > 0) min = 0;
  const ticks: number[] = [];
  // Rounding keeps 0.1 + 0.2 from printing as 0.30000000000000004.
  for (let tick = min; tick <= max + step / 1e6; tick += step) ticks.push(Math.round(tick * 1e6) / 1e6);
  if (ticks.at(-1) !== max) ticks.push(max);
  return { min, max, ticks };
}

/** Maps a value on `scale` to a pixel between `from` (at min) and `to` (at max). */
export function project(value: number, scale: Scale, from: number, to: number): number {
  const span = scale.max - scale.min || 1;
  return from + ((value - scale.min) / span) * (to - from);
}

/** Every value of every series, for scales shared by all series. */
export function allValues(data: ChartData): Array<number | null> {
  return data.series.flatMap((series) => series.values);
}

export function hasData(data: ChartData): boolean {
  return allValues(data).some((value) => value !== null && value !== 0);
}

/** An SVG path for a ring segment (donut slice) between two angles, in radians, clockwise from 12 o'clock. */
export function arcPath(
  cx: number,
  cy: number,
  outer: number,
  inner: number,
  start: number,
  end: number,
): string {
  // A full circle cannot be one arc (start and end points coincide): draw it as two halves.
  if (end - start >= Math.PI * 2 - 1e-9) {
    const mid = start + Math.PI;
    return `${arcPath(cx, cy, outer, inner, start, mid)} ${arcPath(cx, cy, outer, inner, mid, end)}`;
  }
  const point = (radius: number, angle: number) =>
    `${round(cx + radius * Math.sin(angle))} ${round(cy - radius * Math.cos(angle))}`;
  const large = end - start > Math.PI ? 1 : 0;
  return [
    `M ${point(outer, start)}`,
    `A ${outer} ${outer} 0 ${large} 1 ${point(outer, end)}`,
    `L ${point(inner, end)}`,
    `A ${inner} ${inner} 0 ${large} 0 ${point(inner, start)}`,
    'Z',
  ].join(' ');
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Which category labels fit along an axis: every `step`-th, so none overlap. */
export function labelStep(count: number, available: number, labelWidth: number): number {
  if (count <= 1) return 1;
  return Math.max(1, Math.ceil((count * labelWidth) / Math.max(available, 1)));
}
