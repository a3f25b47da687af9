import type { Locale } from '$lib/i18n';

/*
 * Dates as the pilot's people read them: Asia/Shanghai calendar days, whatever the server's or the
 * browser's own time zone. The API sends instants (ISO strings or epoch milliseconds) and local
 * dates (`YYYY-MM-DD`); both come out the same way here.
 */

const ZONE = 'Asia/Shanghai';
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Instant = string | number | Date;

function toDate(value: Instant): Date {
  if (typeof value === 'string' && LOCAL_DATE.test(value)) return new Date(`${value}T00:00:00+08:00`);
  return value instanceof Date ? value : new Date(value);
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: ZONE, ...options });
    cache.set(key, format);
  }
  return format;
}

/** 2024/03/05 (zh-CN) or 03/05/2024 (en). */
export function formatDate(value: Instant | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '—';
  return formatter(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Date and time to the minute. */
export function formatDateTime(value: Instant | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '—';
  return formatter(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/** Hours and minutes (14:05), for a time within the next hours. */
export function formatTime(value: Instant | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '—';
  // h23, not hour12: false, which some ICU versions print as 24:05 just after midnight.
  return formatter(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** Month and day only (03/05), for dense schedules whose year is shown once above. */
export function formatMonthDay(value: Instant, locale: Locale): string {
  return formatter(locale, { month: '2-digit', day: '2-digit' }).format(toDate(value));
}

/** Today's calendar date in Shanghai as `YYYY-MM-DD` (what date inputs and the API take). */
export function localToday(now: Date = new Date()): string {
  return localDateOf(now);
}

/** The Shanghai calendar date of an instant, `YYYY-MM-DD`. */
export function localDateOf(value: Instant): string {
  const parts = formatter('en', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    toDate(value),
  );
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
