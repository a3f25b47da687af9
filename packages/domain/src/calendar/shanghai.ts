import { DAY_MS, HOUR_MS } from './time-units.js';

/**
 * Asia/Shanghai has been UTC+8 without daylight saving since 1991, so calendar arithmetic uses the
 * fixed offset. Intl time-zone data is deliberately avoided: it differs between runtimes and is not
 * guaranteed inside workflow sandboxes.
 */
export const SHANGHAI_UTC_OFFSET_MS = 8 * HOUR_MS;

export interface LocalDateParts {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export function localDateParts(epochMs: number): LocalDateParts {
  const shifted = new Date(epochMs + SHANGHAI_UTC_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
  };
}

/** Local midnight (00:00 Asia/Shanghai) of the day containing `epochMs`. */
export function startOfLocalDay(epochMs: number): number {
  return Math.floor((epochMs + SHANGHAI_UTC_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_UTC_OFFSET_MS;
}

/** Last millisecond of the local day containing `epochMs`. */
export function endOfLocalDay(epochMs: number): number {
  return startOfLocalDay(epochMs) + DAY_MS - 1;
}

/** Local midnight of a calendar date; `month` is 1..12. Out-of-range days roll over like Date.UTC. */
export function localMidnight(year: number, month: number, day: number): number {
  const utc = new Date(0);
  // setUTCFullYear keeps years 0..99 literal (Date.UTC would map them to 19xx).
  utc.setUTCFullYear(year, month - 1, day);
  return utc.getTime() - SHANGHAI_UTC_OFFSET_MS;
}

export function addLocalDays(epochMs: number, days: number): number {
  return epochMs + days * DAY_MS;
}

export function daysInMonth(year: number, month: number): number {
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0);
  return lastDay.getUTCDate();
}

/**
 * Adds calendar months in local time, keeping the local time of day. A day that does not exist in
 * the target month is clamped to that month's last day (31 Jan + 1 month = 28/29 Feb), which is how
 * Chinese administrative deadlines ("三个月") are usually read.
 */
export function addCalendarMonths(epochMs: number, months: number): number {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const parts = localDateParts(epochMs);
  const monthIndex = parts.year * 12 + (parts.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const day = Math.min(parts.day, daysInMonth(year, month));
  const timeOfDay = epochMs - startOfLocalDay(epochMs);
  return localMidnight(year, month, day) + timeOfDay;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD` of the local day containing `epochMs`. */
export function formatLocalDate(epochMs: number): string {
  const { year, month, day } = localDateParts(epochMs);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai, for messages people read. */
export function formatLocalDateTime(epochMs: number): string {
  const p = localDateParts(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatLocalDate(epochMs)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** Local midnight of a `YYYY-MM-DD` date, or null when the text is not a real calendar date. */
export function parseLocalDate(text: string): number | null {
  const match = LOCAL_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return localMidnight(year, month, day);
}

/** Whole local days from the day of `fromMs` to the day of `toMs` (negative when earlier). */
export function localDaysBetween(fromMs: number, toMs: number): number {
  return Math.round((startOfLocalDay(toMs) - startOfLocalDay(fromMs)) / DAY_MS);
}
