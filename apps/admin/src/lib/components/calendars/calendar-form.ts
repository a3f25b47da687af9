import { formatDateList, parseDateList } from '@pilot/domain';
import type { CalendarReleaseDetail } from '$lib/api/admin-types';

/*
 * The draft form of a working-calendar release (工作日历): what the admin types or pastes — dates
 * and ranges one per line — read into the API's body, and a release written back into the form.
 */

export const DAY_FIELDS = ['holidays', 'makeUpWorkdays', 'localHolidays', 'localMakeUpWorkdays'] as const;
export type DayField = (typeof DAY_FIELDS)[number];

export interface CalendarFormValues {
  source: string;
  firstYear: string;
  lastYear: string;
  holidays: string;
  makeUpWorkdays: string;
  localHolidays: string;
  localMakeUpWorkdays: string;
}

export interface CalendarDraftBody {
  source: string;
  firstYear: number;
  lastYear: number;
  holidays: string[];
  makeUpWorkdays: string[];
  localHolidays: string[];
  localMakeUpWorkdays: string[];
}

const text = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();

export function readCalendarForm(form: FormData): CalendarFormValues {
  return {
    source: text(form, 'source'),
    firstYear: text(form, 'firstYear'),
    lastYear: text(form, 'lastYear'),
    holidays: text(form, 'holidays'),
    makeUpWorkdays: text(form, 'makeUpWorkdays'),
    localHolidays: text(form, 'localHolidays'),
    localMakeUpWorkdays: text(form, 'localMakeUpWorkdays'),
  };
}

/**
 * The API's body, or the fields that hold pieces which are no date (each with those pieces, for
 * the message). Everything else — years, conflicts, coverage — is the API's to check.
 */
export function calendarDraftBody(
  values: CalendarFormValues,
):
  | { ok: true; body: CalendarDraftBody }
  | { ok: false; invalid: Partial<Record<DayField | 'firstYear' | 'lastYear', string[]>> } {
  const invalid: Partial<Record<DayField | 'firstYear' | 'lastYear', string[]>> = {};
  const lists = {} as Record<DayField, string[]>;
  for (const field of DAY_FIELDS) {
    const parsed = parseDateList(values[field]);
    lists[field] = parsed.dates;
    if (parsed.invalid.length > 0) invalid[field] = parsed.invalid;
  }
  for (const field of ['firstYear', 'lastYear'] as const) {
    if (!/^\d{4}$/.test(values[field])) invalid[field] = [values[field] || '—'];
  }
  if (Object.keys(invalid).length > 0) return { ok: false, invalid };
  return {
    ok: true,
    body: {
      source: values.source,
      firstYear: Number(values.firstYear),
      lastYear: Number(values.lastYear),
      ...lists,
    },
  };
}

/** A release written into the form (the lists as ranges, one per line). */
export function formValuesOf(release: CalendarReleaseDetail): CalendarFormValues {
  return {
    source: release.source,
    firstYear: String(release.firstYear),
    lastYear: String(release.lastYear),
    holidays: formatDateList(release.holidays),
    makeUpWorkdays: formatDateList(release.makeUpWorkdays),
    localHolidays: formatDateList(release.localHolidays),
    localMakeUpWorkdays: formatDateList(release.localMakeUpWorkdays),
  };
}

/**
 * A new draft starting from the latest published release: its days kept, the next year to add
 * (the admin pastes that year's days), the source left for the new notice.
 */
export function nextDraftValues(latest: CalendarReleaseDetail | null): CalendarFormValues {
  if (!latest) {
    return {
      source: '',
      firstYear: '',
      lastYear: '',
      holidays: '',
      makeUpWorkdays: '',
      localHolidays: '',
      localMakeUpWorkdays: '',
    };
  }
  return { ...formValuesOf(latest), source: '', lastYear: String(latest.lastYear + 1) };
}

/** Days grouped by year, each year's runs of consecutive days written as ranges. */
export function daysByYear(days: readonly string[]): Array<{ year: string; ranges: string[] }> {
  const years = new Map<string, string[]>();
  for (const day of days) {
    const year = day.slice(0, 4);
    years.set(year, [...(years.get(year) ?? []), day]);
  }
  return [...years.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([year, list]) => ({
      year,
      ranges: formatDateList(list)
        .split('\n')
        .filter(Boolean)
        .map((range) => range.replaceAll(`${year}-`, '').replace('~', '～')),
    }));
}
