// Plausible 2027 days for tests and replay fixtures only: the State Council has not announced 2027,
// and nothing of it is in the product's data (packages/domain ships 2024–2026). 元旦 2027 is a
// Friday; 春节 Saturday 6 February; 国庆节 a Friday.
import { CALENDAR_RELEASE_1, type CalendarReleaseData } from '@pilot/domain';

export const NEW_YEAR_2027 = ['2027-01-01', '2027-01-02', '2027-01-03'];
export const SPRING_FESTIVAL_2027 = ['05', '06', '07', '08', '09', '10', '11', '12', '13'].map(
  (d) => `2027-02-${d}`,
);
export const NATIONAL_DAY_2027 = ['01', '02', '03', '04', '05', '06', '07'].map((d) => `2027-10-${d}`);

/** Release 1 with 2027 added, as an admin would publish it once 2027 is announced. */
export function releaseWith2027(localHolidays: string[] = []): CalendarReleaseData {
  return {
    firstYear: 2024,
    lastYear: 2027,
    holidays: [
      ...CALENDAR_RELEASE_1.holidays,
      ...NEW_YEAR_2027,
      ...SPRING_FESTIVAL_2027,
      ...NATIONAL_DAY_2027,
    ],
    makeUpWorkdays: [...CALENDAR_RELEASE_1.makeUpWorkdays, '2027-02-20', '2027-10-09'],
    localHolidays,
    localMakeUpWorkdays: [],
  };
}
