import * as z from 'zod';
import { canonicalJson, fnv1a64 } from '../catalogue/fingerprint.js';
import { localizedParams, pathSegments } from '../schemas/custom-issue.js';
import { deepFreeze } from '../shared/deep-freeze.js';
import { problem, reason, type Problem, type Reason } from '../shared/reason.js';
import {
  CN_CALENDAR_YEARS,
  CN_HOLIDAY_NOTICES,
  CN_HOLIDAYS_2024_2026,
  CN_MAKE_UP_WORKDAYS_2024_2026,
} from './china-holidays.js';
import { formatLocalDate, localDateParts, parseLocalDate } from './shanghai.js';
import { STANDARD_WEEKEND, type WorkingCalendar } from './working-days.js';

/*
 * 工作日历版本: the official working calendar as data an admin publishes, version by version, when
 * the State Council announces next year's holidays (every autumn). A release lists the official
 * days off and make-up working days (调休) of every year it covers, plus local adjustments (a
 * county's own day off) that are added on top — never instead. Pilots follow one release; a newer
 * one reaches running pilots through the workflow's adoptCalendar Update.
 */

/** Years a release may cover: wide enough for any pilot, narrow enough to catch a typo. */
export const CALENDAR_YEAR_RANGE = { min: 2000, max: 2100 } as const;
/** A release covers at most this many years; the State Council announces one year at a time. */
export const MAX_CALENDAR_RELEASE_YEARS = 30;

const dayList = z.array(z.iso.date());

/** What a release says, without its number and source: the part its fingerprint covers. */
export const calendarReleaseDataSchema = z.object({
  /** First and last year with official data; a plan running past lastYear only knows weekends there. */
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  /** `YYYY-MM-DD` official days off. */
  holidays: dayList,
  /** `YYYY-MM-DD` official make-up working days (调休), all on a weekend. */
  makeUpWorkdays: dayList,
  /** Local days off, added to the official ones (e.g. a county's own holiday). */
  localHolidays: dayList,
  /** Local working days on a weekend, added to the official ones. */
  localMakeUpWorkdays: dayList,
});
export type CalendarReleaseData = z.infer<typeof calendarReleaseDataSchema>;

export const calendarReleaseSchema = calendarReleaseDataSchema.extend({
  version: z.number().int().min(1),
  /** Where the data comes from, e.g. the notice's title and date. */
  source: z.string(),
});
export type CalendarRelease = z.infer<typeof calendarReleaseSchema>;

/** The years a calendar has data for, both inclusive. */
export interface CalendarYears {
  firstYear: number;
  lastYear: number;
}

/** A release's lists sorted and without repeats, so equal data is equal JSON (and fingerprint). */
export function normalizeCalendarReleaseData<T extends CalendarReleaseData>(data: T): T {
  const tidy = (days: readonly string[]) => [...new Set(days)].sort();
  return {
    ...data,
    holidays: tidy(data.holidays),
    makeUpWorkdays: tidy(data.makeUpWorkdays),
    localHolidays: tidy(data.localHolidays),
    localMakeUpWorkdays: tidy(data.localMakeUpWorkdays),
  };
}

/** Fingerprint of a release's data (not its number or source): what a publish request quotes. */
export function calendarReleaseFingerprint(data: CalendarReleaseData): string {
  const normal = normalizeCalendarReleaseData(data);
  return `fnv1a64:${fnv1a64(
    canonicalJson({
      firstYear: normal.firstYear,
      lastYear: normal.lastYear,
      holidays: normal.holidays,
      makeUpWorkdays: normal.makeUpWorkdays,
      localHolidays: normal.localHolidays,
      localMakeUpWorkdays: normal.localMakeUpWorkdays,
    }),
  )}`;
}

// ─── the one rule: local adjustments add to the official calendar ──────────────────────────────

export interface DayLists {
  holidays: readonly string[];
  makeUpWorkdays: readonly string[];
}

/**
 * The official days with local adjustments added: a local day off joins the days off, a local
 * working day joins the make-up days, and where local and official disagree about a day the local
 * decision wins (a local day off on an official make-up Saturday, a local working day on an
 * official day off). Nothing official is dropped otherwise. Sorted, without repeats.
 */
export function withLocalAdjustments(
  official: DayLists,
  local: Partial<DayLists> = {},
): {
  holidays: string[];
  makeUpWorkdays: string[];
} {
  const localOff = new Set(local.holidays ?? []);
  const localOn = new Set(local.makeUpWorkdays ?? []);
  const holidays = new Set([...official.holidays, ...localOff]);
  const makeUp = new Set([...official.makeUpWorkdays, ...localOn]);
  for (const day of localOn) if (!localOff.has(day)) holidays.delete(day);
  for (const day of localOff) makeUp.delete(day);
  return { holidays: [...holidays].sort(), makeUpWorkdays: [...makeUp].sort() };
}

/** The working calendar a release stands for: its official days with its own local adjustments. */
export function releaseWorkingCalendar(
  data: CalendarReleaseData,
  weekendDays: readonly number[] = STANDARD_WEEKEND,
): WorkingCalendar {
  const days = withLocalAdjustments(data, {
    holidays: data.localHolidays,
    makeUpWorkdays: data.localMakeUpWorkdays,
  });
  return { weekendDays: [...weekendDays], ...days };
}

// ─── validation ─────────────────────────────────────────────────────────────────────────────────

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type ListName = 'holidays' | 'makeUpWorkdays' | 'localHolidays' | 'localMakeUpWorkdays';
const LIST_WORDS: Record<ListName, { zh: string; en: string }> = {
  holidays: { zh: '法定节假日', en: 'Holiday' },
  makeUpWorkdays: { zh: '调休工作日', en: 'Make-up working day' },
  localHolidays: { zh: '本地休息日', en: 'Local day off' },
  localMakeUpWorkdays: { zh: '本地调休工作日', en: 'Local working day' },
};

function list(days: readonly string[], limit = 8): string {
  return days.length <= limit ? days.join('、') : `${days.slice(0, limit).join('、')} 等 ${days.length} 天`;
}
function listEn(days: readonly string[], limit = 8): string {
  return days.length <= limit
    ? days.join(', ')
    : `${days.slice(0, limit).join(', ')} and ${days.length - limit} more`;
}

/**
 * Everything that makes a release's data wrong, each on its field with the days it concerns: years
 * in range and contiguous with data for each, every day a real date in those years, no day both a
 * day off and a working day, make-up days only on weekends, local adjustments that add something.
 * An empty list means the release can be published (see also validateReleaseSuccession).
 */
export function validateCalendarRelease(raw: CalendarReleaseData): Problem[] {
  const data = normalizeCalendarReleaseData(raw);
  const problems: Problem[] = [];
  const { firstYear, lastYear } = data;
  const { min, max } = CALENDAR_YEAR_RANGE;
  let yearsOk = true;
  for (const [path, year, zh, en] of [
    ['firstYear', firstYear, '起始年份', 'First year'],
    ['lastYear', lastYear, '截止年份', 'Last year'],
  ] as const) {
    if (!Number.isSafeInteger(year) || year < min || year > max) {
      yearsOk = false;
      problems.push(
        problem(
          path,
          'year_out_of_range',
          `${zh}应在 ${min}–${max} 之间。`,
          `${en} must be within ${min}–${max}.`,
        ),
      );
    }
  }
  if (yearsOk && firstYear > lastYear) {
    yearsOk = false;
    problems.push(
      problem(
        'lastYear',
        'years_reversed',
        `截止年份 ${lastYear} 早于起始年份 ${firstYear}。`,
        `The last year ${lastYear} is before the first year ${firstYear}.`,
      ),
    );
  }
  if (yearsOk && lastYear - firstYear + 1 > MAX_CALENDAR_RELEASE_YEARS) {
    yearsOk = false;
    problems.push(
      problem(
        'lastYear',
        'too_many_years',
        `一版日历最多覆盖 ${MAX_CALENDAR_RELEASE_YEARS} 年。`,
        `A release covers at most ${MAX_CALENDAR_RELEASE_YEARS} years.`,
      ),
    );
  }

  const lists: ListName[] = ['holidays', 'makeUpWorkdays', 'localHolidays', 'localMakeUpWorkdays'];
  for (const name of lists) {
    const invalid = data[name].filter((day) => parseLocalDate(day) === null);
    if (invalid.length > 0) {
      problems.push(
        problem(
          name,
          'date_invalid',
          `${LIST_WORDS[name].zh}中有无效日期：${list(invalid)}。`,
          `${LIST_WORDS[name].en}s include invalid dates: ${listEn(invalid)}.`,
        ),
      );
    }
    if (!yearsOk) continue;
    const outside = data[name].filter((day) => {
      const year = Number(day.slice(0, 4));
      return parseLocalDate(day) !== null && (year < firstYear || year > lastYear);
    });
    if (outside.length > 0) {
      problems.push(
        problem(
          name,
          'date_outside_years',
          `${LIST_WORDS[name].zh} ${list(outside)} 不在本版日历的年份（${firstYear}–${lastYear}）内。`,
          `${LIST_WORDS[name].en}s ${listEn(outside)} lie outside the release's years (${firstYear}–${lastYear}).`,
        ),
      );
    }
  }

  const both = (a: readonly string[], b: readonly string[]) => {
    const set = new Set(b);
    return a.filter((day) => set.has(day));
  };
  const official = both(data.holidays, data.makeUpWorkdays);
  if (official.length > 0) {
    problems.push(
      problem(
        'makeUpWorkdays',
        'date_conflict',
        `${list(official)} 不能既是法定节假日又是调休工作日。`,
        `${listEn(official)} cannot be both a holiday and a make-up working day.`,
      ),
    );
  }
  const local = both(data.localHolidays, data.localMakeUpWorkdays);
  if (local.length > 0) {
    problems.push(
      problem(
        'localMakeUpWorkdays',
        'date_conflict',
        `${list(local)} 不能既是本地休息日又是本地调休工作日。`,
        `${listEn(local)} cannot be both a local day off and a local working day.`,
      ),
    );
  }
  const repeatedOff = both(data.localHolidays, data.holidays);
  if (repeatedOff.length > 0) {
    problems.push(
      problem(
        'localHolidays',
        'local_already_official',
        `${list(repeatedOff)} 已是法定节假日，不必再列为本地休息日。`,
        `${listEn(repeatedOff)} are official holidays already; they need no local day off.`,
      ),
    );
  }
  const repeatedOn = both(data.localMakeUpWorkdays, data.makeUpWorkdays);
  if (repeatedOn.length > 0) {
    problems.push(
      problem(
        'localMakeUpWorkdays',
        'local_already_official',
        `${list(repeatedOn)} 已是调休工作日，不必再列为本地调休工作日。`,
        `${listEn(repeatedOn)} are official make-up working days already.`,
      ),
    );
  }

  const weekend = new Set(STANDARD_WEEKEND);
  const weekdayOf = (day: string) => localDateParts(parseLocalDate(day)!).weekday;
  const officialOff = new Set(data.holidays);
  for (const name of ['makeUpWorkdays', 'localMakeUpWorkdays'] as const) {
    // A local working day may also take back an official day off that falls on a weekday.
    const weekdays = data[name].filter(
      (day) =>
        parseLocalDate(day) !== null &&
        !weekend.has(weekdayOf(day)) &&
        !(name === 'localMakeUpWorkdays' && officialOff.has(day)),
    );
    if (weekdays.length > 0) {
      const first = weekdays[0]!;
      problems.push(
        problem(
          name,
          'makeup_not_weekend',
          `${LIST_WORDS[name].zh} ${list(weekdays)} 不在周末（如 ${first} 是${WEEKDAY_ZH[weekdayOf(first)]}），本来就是工作日。`,
          `${LIST_WORDS[name].en}s ${listEn(weekdays)} are not on a weekend (${first} is a ${WEEKDAY_EN[weekdayOf(first)]}); they are working days anyway.`,
        ),
      );
    }
  }
  const officialOn = new Set(data.makeUpWorkdays);
  const restAnyway = data.localHolidays.filter(
    (day) => parseLocalDate(day) !== null && weekend.has(weekdayOf(day)) && !officialOn.has(day),
  );
  if (restAnyway.length > 0) {
    problems.push(
      problem(
        'localHolidays',
        'local_rest_day',
        `本地休息日 ${list(restAnyway)} 本来就是周末休息日。`,
        `Local days off ${listEn(restAnyway)} are weekend rest days anyway.`,
      ),
    );
  }

  if (yearsOk) {
    const holidays = new Set(data.holidays);
    const years: number[] = [];
    for (let year = firstYear; year <= lastYear; year++) years.push(year);
    const empty = years.filter((year) => !data.holidays.some((day) => day.startsWith(`${year}-`)));
    if (empty.length > 0) {
      problems.push(
        problem(
          'holidays',
          'year_without_holidays',
          `${empty.join('、')} 年没有任何法定节假日：请录入国务院公布的该年安排，或缩小年份范围。`,
          `${empty.join(', ')} ${empty.length === 1 ? 'has' : 'have'} no holidays: enter the State Council's schedule for ${empty.length === 1 ? 'that year' : 'those years'}, or narrow the years.`,
        ),
      );
    }
    // 元旦 is a day off every year: a year without it was most likely typed under the wrong year.
    const noNewYear = years.filter((year) => !empty.includes(year) && !holidays.has(`${year}-01-01`));
    if (noNewYear.length > 0) {
      problems.push(
        problem(
          'holidays',
          'new_year_missing',
          `${noNewYear.map((year) => `${year}-01-01`).join('、')}（元旦）不在法定节假日中，请检查是否录错了年份。`,
          `${noNewYear.map((year) => `${year}-01-01`).join(', ')} (New Year's Day) ${noNewYear.length === 1 ? 'is' : 'are'} missing from the holidays; check the year the days were entered under.`,
        ),
      );
    }
  }
  return problems;
}

/**
 * What a new release must be to follow the latest published one: a higher number, and at least the
 * years the previous one covered (a release never takes a year away from running pilots).
 */
export function validateReleaseSuccession(
  previous: ({ version: number } & CalendarYears) | null,
  next: { version: number } & CalendarYears,
): Problem[] {
  if (!previous) return [];
  const problems: Problem[] = [];
  if (next.version <= previous.version) {
    problems.push(
      problem(
        'version',
        'release_not_newer',
        `第 ${next.version} 版不晚于已发布的第 ${previous.version} 版，不能再发布。`,
        `Release ${next.version} is not newer than the published release ${previous.version}.`,
      ),
    );
  }
  if (next.firstYear > previous.firstYear || next.lastYear < previous.lastYear) {
    problems.push(
      problem(
        next.lastYear < previous.lastYear ? 'lastYear' : 'firstYear',
        'release_covers_less',
        `新版本须至少覆盖上一版（第 ${previous.version} 版，${previous.firstYear}–${previous.lastYear} 年）的全部年份。`,
        `A new release must cover at least the years of release ${previous.version} (${previous.firstYear}–${previous.lastYear}).`,
      ),
    );
  }
  return problems;
}

/** What changed from one release to the next, list by list, and which years are new. */
export interface CalendarReleaseDiff {
  addedYears: number[];
  added: Record<ListName, string[]>;
  removed: Record<ListName, string[]>;
}

export function diffCalendarReleases(
  previous: CalendarReleaseData,
  next: CalendarReleaseData,
): CalendarReleaseDiff {
  const a = normalizeCalendarReleaseData(previous);
  const b = normalizeCalendarReleaseData(next);
  const lists: ListName[] = ['holidays', 'makeUpWorkdays', 'localHolidays', 'localMakeUpWorkdays'];
  const minus = (x: readonly string[], y: readonly string[]) => {
    const set = new Set(y);
    return x.filter((day) => !set.has(day));
  };
  const addedYears: number[] = [];
  for (let year = b.firstYear; year <= b.lastYear; year++) {
    if (year < a.firstYear || year > a.lastYear) addedYears.push(year);
  }
  return {
    addedYears,
    added: Object.fromEntries(lists.map((name) => [name, minus(b[name], a[name])])) as Record<
      ListName,
      string[]
    >,
    removed: Object.fromEntries(lists.map((name) => [name, minus(a[name], b[name])])) as Record<
      ListName,
      string[]
    >,
  };
}

// ─── the input of an admin's draft ──────────────────────────────────────────────────────────────

/**
 * 起草 / 修改草稿: the whole content of a release as an admin enters it (the days may come in any
 * order and with repeats; they are stored sorted, once each). Checked with validateCalendarRelease,
 * each problem on its field.
 */
export const calendarReleaseDraftSchema = z
  .object({
    source: z.string().trim().min(2).max(300),
    firstYear: z.number().int().min(CALENDAR_YEAR_RANGE.min).max(CALENDAR_YEAR_RANGE.max),
    lastYear: z.number().int().min(CALENDAR_YEAR_RANGE.min).max(CALENDAR_YEAR_RANGE.max),
    holidays: z.array(z.iso.date()).max(4000),
    makeUpWorkdays: z.array(z.iso.date()).max(2000),
    localHolidays: z.array(z.iso.date()).max(2000).default([]),
    localMakeUpWorkdays: z.array(z.iso.date()).max(2000).default([]),
  })
  .superRefine((draft, ctx) => {
    for (const found of validateCalendarRelease(draft)) {
      ctx.addIssue({
        code: 'custom',
        path: pathSegments(found.path),
        params: localizedParams(found.zh, found.en),
      });
    }
  });
export type CalendarReleaseDraftInput = z.infer<typeof calendarReleaseDraftSchema>;

/** 发布: quoting the fingerprint of the data the admin reviewed. */
export const publishCalendarReleaseSchema = z.object({ fingerprint: z.string().trim().min(1).max(100) });
export type PublishCalendarReleaseInput = z.infer<typeof publishCalendarReleaseSchema>;

/** 应用到运行中的试点: the pilots to bring to the release; every running pilot behind it when absent. */
export const adoptCalendarReleaseSchema = z.object({
  pilotIds: z.array(z.string().trim().min(1).max(64)).min(1).max(2000).optional(),
});
export type AdoptCalendarReleaseInput = z.infer<typeof adoptCalendarReleaseSchema>;

// ─── the releases the code ships, and references to them ───────────────────────────────────────

/** Release 1: the official data of every year the code ships (2024–2026), as the seed publishes it. */
export const CALENDAR_RELEASE_1: CalendarRelease = deepFreeze({
  version: 1,
  source: CN_HOLIDAY_NOTICES.map((notice) => `${notice.title}（${notice.publishedOn}）`).join('；'),
  firstYear: CN_CALENDAR_YEARS.firstYear,
  lastYear: CN_CALENDAR_YEARS.lastYear,
  holidays: [...CN_HOLIDAYS_2024_2026],
  makeUpWorkdays: [...CN_MAKE_UP_WORKDAYS_2024_2026],
  localHolidays: [],
  localMakeUpWorkdays: [],
});

/** Releases whose data is in the code, so a pilot is told only their number and fingerprint. */
export const SHIPPED_CALENDAR_RELEASES: readonly CalendarRelease[] = [CALENDAR_RELEASE_1];

let shippedByFingerprint: ReadonlyMap<string, CalendarRelease> | undefined;
function shipped(): ReadonlyMap<string, CalendarRelease> {
  shippedByFingerprint ??= new Map(SHIPPED_CALENDAR_RELEASES.map((r) => [calendarReleaseFingerprint(r), r]));
  return shippedByFingerprint;
}

/** The shipped release with exactly this number and data, if there is one. */
export function shippedCalendarRelease(version: number, fingerprint: string): CalendarRelease | null {
  const found = shipped().get(fingerprint);
  return found && found.version === version ? found : null;
}

/**
 * How a release travels to a pilot's workflow (its start input, the adoption Update): by reference
 * when the code ships its data — number and fingerprint, a few dozen bytes in the history — and
 * with its data otherwise (a year is about 40 dates, well under a kilobyte).
 */
export const calendarReleaseRefSchema = z.object({
  version: z.number().int().min(1),
  fingerprint: z.string().min(1),
  /** Null when the data is the shipped release's, fingerprint for fingerprint. */
  content: calendarReleaseDataSchema.nullable(),
});
export type CalendarReleaseRef = z.infer<typeof calendarReleaseRefSchema>;

export interface ResolvedCalendarRelease extends CalendarReleaseData {
  version: number;
  fingerprint: string;
}

/** The reference a release travels as. */
export function calendarReleaseRef(release: { version: number } & CalendarReleaseData): CalendarReleaseRef {
  const data = normalizeCalendarReleaseData({
    firstYear: release.firstYear,
    lastYear: release.lastYear,
    holidays: release.holidays,
    makeUpWorkdays: release.makeUpWorkdays,
    localHolidays: release.localHolidays,
    localMakeUpWorkdays: release.localMakeUpWorkdays,
  });
  const fingerprint = calendarReleaseFingerprint(data);
  return {
    version: release.version,
    fingerprint,
    content: shippedCalendarRelease(release.version, fingerprint) ? null : data,
  };
}

/**
 * The release a reference names, or null when it names neither shipped data nor carries its own
 * (or carries data whose fingerprint is not the one it quotes).
 */
export function resolveCalendarReleaseRef(ref: CalendarReleaseRef): ResolvedCalendarRelease | null {
  if (ref.content) {
    const data = normalizeCalendarReleaseData(ref.content);
    if (calendarReleaseFingerprint(data) !== ref.fingerprint) return null;
    return { version: ref.version, fingerprint: ref.fingerprint, ...data };
  }
  const found = shippedCalendarRelease(ref.version, ref.fingerprint);
  if (!found) return null;
  return {
    version: found.version,
    fingerprint: ref.fingerprint,
    firstYear: found.firstYear,
    lastYear: found.lastYear,
    holidays: [...found.holidays],
    makeUpWorkdays: [...found.makeUpWorkdays],
    localHolidays: [...found.localHolidays],
    localMakeUpWorkdays: [...found.localMakeUpWorkdays],
  };
}

/** Release 1 resolved: what a pilot follows when it was told no release (the default plan's days). */
export function defaultCalendarRelease(): ResolvedCalendarRelease {
  return resolveCalendarReleaseRef(calendarReleaseRef(CALENDAR_RELEASE_1))!;
}

// ─── which years a calendar knows, and the warning when a plan runs past them ──────────────────

/** The years a calendar has days off in (every year with a notice has some): null when none. */
export function calendarYearsOf(calendar: Pick<WorkingCalendar, 'holidays'>): CalendarYears | null {
  const years = calendar.holidays.map((day) => Number(day.slice(0, 4))).filter(Number.isSafeInteger);
  if (years.length === 0) return null;
  return { firstYear: Math.min(...years), lastYear: Math.max(...years) };
}

/** Years from the one of `fromMs` to the one of `toMs` (local dates) that `covered` has no data for. */
export function yearsWithoutData(covered: CalendarYears | null, fromMs: number, toMs: number): number[] {
  const first = localDateParts(fromMs).year;
  const last = localDateParts(Math.max(fromMs, toMs)).year;
  const missing: number[] = [];
  for (let year = first; year <= last; year++) {
    if (!covered || year < covered.firstYear || year > covered.lastYear) missing.push(year);
  }
  return missing;
}

/**
 * The warning a preview and an enrolment answer carry when the plan runs into years the calendar
 * has no holidays for: there only weekends are rest days, so checks may fall in the Spring Festival
 * and working-day deadlines count holidays — until a release with those years is published and
 * adopted. Null when the calendar covers the whole span.
 */
export function calendarCoverageWarning(
  calendar: { version: number | null } & (CalendarYears | { firstYear: null; lastYear: null }),
  fromMs: number,
  toMs: number,
): Reason | null {
  const covered =
    calendar.firstYear === null ? null : { firstYear: calendar.firstYear, lastYear: calendar.lastYear };
  const missing = yearsWithoutData(covered, fromMs, toMs);
  if (missing.length === 0) return null;
  const until = formatLocalDate(toMs);
  const which = calendar.version === null ? '试点计划自带的工作日历' : `工作日历第 ${calendar.version} 版`;
  const whichEn =
    calendar.version === null
      ? "the plan's own working calendar"
      : `working calendar release ${calendar.version}`;
  const has = covered ? `只有 ${covered.firstYear}–${covered.lastYear} 年的节假日安排` : '没有任何节假日安排';
  const hasEn = covered
    ? `only has holidays for ${covered.firstYear}–${covered.lastYear}`
    : 'has no holidays';
  const years = missing.join('、');
  const yearsEn = missing.join(', ');
  return reason(
    'calendar_years_missing',
    `试点计划持续到 ${until}，但${which}${has}：${years} 年只按周末安排检查、计算工作日，春节等法定节假日不会避开。国务院公布 ${years} 年安排后，请管理员发布新版工作日历并应用到本试点。`,
    `The plan runs until ${until}, but ${whichEn} ${hasEn}: in ${yearsEn} only weekends are rest days, so checks and working-day deadlines do not avoid the Spring Festival or other public holidays. Once the State Council announces ${yearsEn}, an admin publishes a new calendar release and applies it to this pilot.`,
  );
}

// ─── entering days: a pasted list with ranges ──────────────────────────────────────────────────

const DATE = String.raw`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?`;
const RANGE = new RegExp(`^${DATE}\\s*(?:~|～|…|\\.\\.\\.?|至|到|—|–)\\s*${DATE}$`);
const SINGLE = new RegExp(`^${DATE}$`);

export interface ParsedDateList {
  /** Every day, sorted, once each. */
  dates: string[];
  /** The pieces that are not a date or a range, in the order they came. */
  invalid: string[];
}

function isoOf(year: string, month: string, day: string): string | null {
  const text = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return parseLocalDate(text) === null ? null : text;
}

/** Ranges longer than this are refused: a year and a half is more than any holiday. */
const MAX_RANGE_DAYS = 60;

/**
 * The days in a pasted list: dates (`2027-02-05`, `2027/2/5`, `2027年2月5日`) and ranges
 * (`2027-02-05~2027-02-13`, also with …, .., 至, —), separated by spaces, new lines, commas or 、.
 */
export function parseDateList(text: string): ParsedDateList {
  const days = new Set<string>();
  const invalid: string[] = [];
  const pieces = text
    .split(/[\s,，、;；]+/u)
    .map((piece) => piece.trim())
    .filter(Boolean);
  // A range typed with spaces around its mark arrives as three pieces; join them back.
  const joined: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const mark = pieces[i + 1];
    if (mark !== undefined && /^(~|～|…|\.\.\.?|至|到|—|–)$/u.test(mark) && pieces[i + 2] !== undefined) {
      joined.push(`${pieces[i]}~${pieces[i + 2]}`);
      i += 2;
    } else {
      joined.push(pieces[i]!);
    }
  }
  for (const piece of joined) {
    const range = RANGE.exec(piece);
    if (range) {
      const from = isoOf(range[1]!, range[2]!, range[3]!);
      const to = isoOf(range[4]!, range[5]!, range[6]!);
      const start = from === null ? null : parseLocalDate(from);
      const end = to === null ? null : parseLocalDate(to);
      if (start === null || end === null || end < start || (end - start) / 86_400_000 > MAX_RANGE_DAYS) {
        invalid.push(piece);
        continue;
      }
      for (let at = start; at <= end; at += 86_400_000) days.add(formatLocalDate(at));
      continue;
    }
    const single = SINGLE.exec(piece);
    const iso = single ? isoOf(single[1]!, single[2]!, single[3]!) : null;
    if (iso === null) invalid.push(piece);
    else days.add(iso);
  }
  return { dates: [...days].sort(), invalid };
}

/** Days written back compactly: runs of consecutive days as ranges, one run or day per line. */
export function formatDateList(days: readonly string[]): string {
  const sorted = [...new Set(days)].filter((day) => parseLocalDate(day) !== null).sort();
  const lines: string[] = [];
  let runStart: string | null = null;
  let previous: number | null = null;
  let previousText = '';
  for (const day of sorted) {
    const at = parseLocalDate(day)!;
    if (previous !== null && at - previous === 86_400_000) {
      previous = at;
      previousText = day;
      continue;
    }
    if (runStart !== null) lines.push(runStart === previousText ? runStart : `${runStart}~${previousText}`);
    runStart = day;
    previous = at;
    previousText = day;
  }
  if (runStart !== null) lines.push(runStart === previousText ? runStart : `${runStart}~${previousText}`);
  return lines.join('\n');
}
