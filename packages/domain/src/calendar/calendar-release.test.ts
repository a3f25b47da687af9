import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_RELEASE_1,
  calendarCoverageWarning,
  calendarReleaseDraftSchema,
  calendarReleaseFingerprint,
  calendarReleaseRef,
  calendarYearsOf,
  diffCalendarReleases,
  formatDateList,
  parseDateList,
  resolveCalendarReleaseRef,
  validateCalendarRelease,
  validateReleaseSuccession,
  withLocalAdjustments,
  type CalendarReleaseData,
} from './calendar-release.js';
import { CN_WORKING_CALENDAR_2024_2025 } from './china-holidays.js';
import { addLocalDays, formatLocalDate, parseLocalDate } from './shanghai.js';

/**
 * Plausible 2027 days for tests only: the State Council has not announced 2027, so nothing like this
 * is in the product's data. 春节 2027 falls on Saturday 6 February.
 */
const TEST_2027 = {
  holidays: [
    '2027-01-01',
    '2027-01-02',
    '2027-01-03',
    ...['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => `2027-02-${d}`),
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2027-10-${d}`),
  ],
  makeUpWorkdays: ['2027-02-20', '2027-10-09'],
};

const release2: CalendarReleaseData = {
  firstYear: 2024,
  lastYear: 2027,
  holidays: [...CALENDAR_RELEASE_1.holidays, ...TEST_2027.holidays],
  makeUpWorkdays: [...CALENDAR_RELEASE_1.makeUpWorkdays, ...TEST_2027.makeUpWorkdays],
  localHolidays: [],
  localMakeUpWorkdays: [],
};

const codes = (data: CalendarReleaseData) => validateCalendarRelease(data).map((p) => `${p.path}:${p.code}`);

describe('validating a release', () => {
  it('accepts release 1 and a release that adds 2027', () => {
    expect(codes(CALENDAR_RELEASE_1)).toEqual([]);
    expect(codes(release2)).toEqual([]);
  });

  it('refuses days outside its years, a day both off and on, and make-up days on weekdays', () => {
    expect(codes({ ...release2, lastYear: 2026 })).toEqual([
      'holidays:date_outside_years',
      'makeUpWorkdays:date_outside_years',
    ]);
    expect(codes({ ...release2, makeUpWorkdays: [...release2.makeUpWorkdays, '2027-02-06'] })).toEqual([
      'makeUpWorkdays:date_conflict',
    ]);
    // 2027-02-15 is a Monday: a working day anyway.
    const weekday = validateCalendarRelease({
      ...release2,
      makeUpWorkdays: [...release2.makeUpWorkdays, '2027-02-15'],
    });
    expect(weekday.map((p) => p.code)).toEqual(['makeup_not_weekend']);
    expect(weekday[0]?.zh).toContain('2027-02-15 是星期一');
  });

  it('wants contiguous years, each with holidays and its New Year’s Day', () => {
    expect(codes({ ...release2, lastYear: 2028 })).toEqual(['holidays:year_without_holidays']);
    expect(codes({ ...release2, firstYear: 2027, lastYear: 2024 })).toEqual(['lastYear:years_reversed']);
    expect(codes({ ...release2, firstYear: 1990 })).toEqual(['firstYear:year_out_of_range']);
    // 2027's days typed as 2028: caught by the missing 元旦 and the years.
    const shifted = release2.holidays.filter((d) => !d.startsWith('2027-01'));
    expect(codes({ ...release2, holidays: shifted })).toEqual(['holidays:new_year_missing']);
  });

  it('wants local adjustments that change something', () => {
    expect(
      codes({
        ...release2,
        localHolidays: ['2027-02-06', '2027-03-06', '2027-05-21'],
        localMakeUpWorkdays: ['2027-02-20', '2027-05-21', '2027-03-03'],
      }),
    ).toEqual([
      'localMakeUpWorkdays:date_conflict', // 05-21 both
      'localHolidays:local_already_official', // 02-06
      'localMakeUpWorkdays:local_already_official', // 02-20
      'localMakeUpWorkdays:makeup_not_weekend', // 03-03, a Wednesday
      'localHolidays:local_rest_day', // 03-06, a Saturday
    ]);
    // A local working day may take back an official day off on a weekday.
    expect(codes({ ...release2, localMakeUpWorkdays: ['2027-02-08'] })).toEqual([]);
  });

  it('checks the draft input with the same rules, each on its field in both languages', () => {
    const parsed = calendarReleaseDraftSchema.safeParse({
      source: '国务院办公厅关于2027年部分节假日安排的通知',
      ...release2,
      makeUpWorkdays: [...release2.makeUpWorkdays, '2027-02-06'],
    });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0]!;
    expect(issue.path).toEqual(['makeUpWorkdays']);
    expect((issue as { params?: { zh: string } }).params?.zh).toContain(
      '2027-02-06 不能既是法定节假日又是调休工作日',
    );
    const ok = calendarReleaseDraftSchema.parse({ source: '通知', ...release2, localHolidays: undefined });
    expect(ok.localHolidays).toEqual([]);
  });

  it('lets a new release only add years to the published one', () => {
    const previous = { version: 1, firstYear: 2024, lastYear: 2026 };
    expect(validateReleaseSuccession(previous, { version: 2, firstYear: 2024, lastYear: 2027 })).toEqual([]);
    expect(validateReleaseSuccession(null, { version: 1, firstYear: 2027, lastYear: 2027 })).toEqual([]);
    expect(
      validateReleaseSuccession(previous, { version: 2, firstYear: 2025, lastYear: 2027 }).map((p) => p.code),
    ).toEqual(['release_covers_less']);
    expect(
      validateReleaseSuccession(previous, { version: 1, firstYear: 2024, lastYear: 2026 }).map((p) => p.code),
    ).toEqual(['release_not_newer']);
  });

  it('says what a release changes', () => {
    const diff = diffCalendarReleases(CALENDAR_RELEASE_1, release2);
    expect(diff.addedYears).toEqual([2027]);
    expect(diff.added.holidays).toEqual(TEST_2027.holidays);
    expect(diff.removed.holidays).toEqual([]);
  });
});

describe('local adjustments add to the official calendar', () => {
  const dayArb = fc
    .integer({ min: 0, max: 365 * 3 })
    .map((offset) => formatLocalDate(addLocalDays(parseLocalDate('2024-01-01')!, offset)));

  it('keeps every official day unless a local decision about that very day says otherwise', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(dayArb, { maxLength: 20 }),
        fc.uniqueArray(dayArb, { maxLength: 20 }),
        (localOff, localOn) => {
          const official = CN_WORKING_CALENDAR_2024_2025;
          const merged = withLocalAdjustments(official, { holidays: localOff, makeUpWorkdays: localOn });
          const off = new Set(merged.holidays);
          const on = new Set(merged.makeUpWorkdays);
          for (const day of official.holidays) {
            expect(off.has(day) || (localOn.includes(day) && !localOff.includes(day))).toBe(true);
          }
          for (const day of official.makeUpWorkdays) expect(on.has(day) || localOff.includes(day)).toBe(true);
          for (const day of localOff) expect(off.has(day)).toBe(true);
          // No day is both, and the lists are sorted once each.
          expect(merged.holidays.filter((day) => on.has(day))).toEqual([]);
          expect(merged.holidays).toEqual([...off].sort());
        },
      ),
    );
  });

  it('changes nothing without adjustments', () => {
    const merged = withLocalAdjustments(CN_WORKING_CALENDAR_2024_2025, {});
    expect(merged.holidays).toEqual(CN_WORKING_CALENDAR_2024_2025.holidays);
    expect(merged.makeUpWorkdays).toEqual(CN_WORKING_CALENDAR_2024_2025.makeUpWorkdays);
  });
});

describe('references', () => {
  it('sends release 1 by number and fingerprint only, and any other release with its data', () => {
    const ref1 = calendarReleaseRef(CALENDAR_RELEASE_1);
    expect(ref1.content).toBeNull();
    expect(JSON.stringify(ref1).length).toBeLessThan(80);
    expect(resolveCalendarReleaseRef(ref1)?.holidays).toEqual([...CALENDAR_RELEASE_1.holidays]);
    const ref2 = calendarReleaseRef({ version: 2, ...release2 });
    expect(ref2.content?.holidays).toEqual([...release2.holidays].sort());
    expect(resolveCalendarReleaseRef(ref2)?.lastYear).toBe(2027);
    // Release 1's data under another number is not shipped; a forged fingerprint resolves to nothing.
    expect(calendarReleaseRef({ ...CALENDAR_RELEASE_1, version: 3 }).content).not.toBeNull();
    expect(resolveCalendarReleaseRef({ ...ref1, version: 3 })).toBeNull();
    expect(resolveCalendarReleaseRef({ ...ref2, fingerprint: 'fnv1a64:0' })).toBeNull();
  });

  it('fingerprints the data, whatever its order or repeats', () => {
    const shuffled = {
      ...release2,
      holidays: [...release2.holidays].reverse().concat(release2.holidays.slice(0, 3)),
    };
    expect(calendarReleaseFingerprint(shuffled)).toBe(calendarReleaseFingerprint(release2));
    expect(calendarReleaseFingerprint({ ...release2, lastYear: 2028 })).not.toBe(
      calendarReleaseFingerprint(release2),
    );
  });
});

describe('coverage', () => {
  it('warns about a plan running into a year without data, in both languages', () => {
    const warning = calendarCoverageWarning(
      { version: 1, firstYear: 2024, lastYear: 2026 },
      parseLocalDate('2026-12-02')!,
      parseLocalDate('2027-06-08')!,
    );
    expect(warning?.code).toBe('calendar_years_missing');
    expect(warning?.zh).toContain('工作日历第 1 版只有 2024–2026 年的节假日安排：2027 年');
    expect(warning?.en).toContain('only has holidays for 2024–2026: in 2027');
    expect(
      calendarCoverageWarning(
        { version: 2, firstYear: 2024, lastYear: 2027 },
        parseLocalDate('2026-12-02')!,
        parseLocalDate('2027-06-08')!,
      ),
    ).toBeNull();
    expect(calendarYearsOf(CN_WORKING_CALENDAR_2024_2025)).toEqual({ firstYear: 2024, lastYear: 2025 });
  });
});

describe('entering days', () => {
  it('reads dates and ranges in the usual spellings', () => {
    const parsed = parseDateList(
      '2027-01-01~2027-01-03, 2027/2/5 … 2027/2/7、2027年2月8日至2027年2月9日\n2027-10-01..2027-10-02 2027-02-30 hello',
    );
    expect(parsed.dates).toEqual([
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-10-01',
      '2027-10-02',
    ]);
    expect(parsed.invalid).toEqual(['2027-02-30', 'hello']);
    expect(parseDateList('2027-03-01~2027-02-01').invalid).toHaveLength(1);
  });

  it('writes days back as ranges that read back the same', () => {
    expect(formatDateList(['2027-02-06', '2027-02-05', '2027-02-07', '2027-02-20'])).toBe(
      '2027-02-05~2027-02-07\n2027-02-20',
    );
    expect(parseDateList(formatDateList(release2.holidays)).dates).toEqual([...release2.holidays].sort());
  });
});
