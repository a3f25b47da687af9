import { localDaysBetween } from '@pilot/domain';
import type { Locale, Translate } from '$lib/i18n';

/*
 * Dates and times on the field-work screens, always in Asia/Shanghai whatever the phone's own
 * zone: a due time is the subdistrict's, and the inspector and the firm must read the same one.
 */

const TIME_ZONE = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...options });
    formats.set(key, found);
  }
  return found;
}

const toMs = (at: string | number): number => (typeof at === 'number' ? at : Date.parse(at));

export function formatTime(at: string | number, locale: Locale): string {
  return format(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(toMs(at));
}

/** `3月12日 周二` / `Tue, Mar 12`. */
export function formatDate(at: string | number, locale: Locale): string {
  return format(locale, { month: 'short', day: 'numeric', weekday: 'short' }).format(toMs(at));
}

/** `2024年3月12日` / `Mar 12, 2024`. */
export function formatFullDate(at: string | number, locale: Locale): string {
  return format(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(toMs(at));
}

/** Calendar days (Asia/Shanghai) from `now` to `at`: 0 today, 1 tomorrow, -1 yesterday. */
export function daysFrom(now: number, at: string | number): number {
  return localDaysBetween(now, toMs(at));
}

/** "今天 18:00", "明天 18:00", "3月14日 周四 18:00". */
export function formatDue(at: string | number, locale: Locale, now: number, t: Translate): string {
  const days = daysFrom(now, at);
  const time = formatTime(at, locale);
  if (days === 0) return t('fieldWork.today', { time });
  if (days === 1) return t('fieldWork.tomorrow', { time });
  if (days === -1) return t('fieldWork.yesterday', { time });
  return `${formatDate(at, locale)} ${time}`;
}

/** "还剩 3 天" / "今天到期" / "已逾期 2 天", from calendar days. */
export function formatRemaining(at: string | number, now: number, t: Translate): string {
  const days = daysFrom(now, at);
  if (toMs(at) < now) return t('fieldWork.overdueBy', { count: Math.max(1, -days) });
  if (days === 0) return t('fieldWork.dueToday');
  return t('fieldWork.daysLeft', { count: days });
}

/** Score out of 100 with at most one decimal; a dash when there is none. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return (Math.round(score * 10) / 10).toString();
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${Math.round(ratio * 1000) / 10}%`;
}
