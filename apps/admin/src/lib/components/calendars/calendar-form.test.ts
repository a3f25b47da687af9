import { describe, expect, it } from 'vitest';
import { calendarDraftBody, daysByYear, nextDraftValues, readCalendarForm } from './calendar-form';
import type { CalendarReleaseDetail } from '$lib/api/admin-types';

const release = {
  version: 1,
  source: '通知',
  firstYear: 2024,
  lastYear: 2026,
  holidays: ['2026-01-01', '2026-01-02', '2026-01-03', '2026-10-01'],
  makeUpWorkdays: ['2026-01-04'],
  localHolidays: [],
  localMakeUpWorkdays: [],
} as unknown as CalendarReleaseDetail;

describe('the calendar draft form', () => {
  it('reads pasted dates and ranges into the API body', () => {
    const form = new FormData();
    form.set('source', ' 国务院办公厅关于2027年部分节假日安排的通知 ');
    form.set('firstYear', '2024');
    form.set('lastYear', '2027');
    form.set('holidays', '2027-01-01~2027-01-03\n2027年2月5日 至 2027年2月6日');
    form.set('makeUpWorkdays', '2027/2/20');
    const read = calendarDraftBody(readCalendarForm(form));
    expect(read).toEqual({
      ok: true,
      body: {
        source: '国务院办公厅关于2027年部分节假日安排的通知',
        firstYear: 2024,
        lastYear: 2027,
        holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-05', '2027-02-06'],
        makeUpWorkdays: ['2027-02-20'],
        localHolidays: [],
        localMakeUpWorkdays: [],
      },
    });
  });

  it('names the pieces that are no date, field by field', () => {
    const form = new FormData();
    form.set('firstYear', '24');
    form.set('lastYear', '2027');
    form.set('holidays', '2027-02-30\n2027-02-05');
    expect(calendarDraftBody(readCalendarForm(form))).toEqual({
      ok: false,
      invalid: { holidays: ['2027-02-30'], firstYear: ['24'] },
    });
  });

  it('starts a new draft from the latest release with the next year to add', () => {
    const values = nextDraftValues(release);
    expect(values.lastYear).toBe('2027');
    expect(values.source).toBe('');
    expect(values.holidays).toBe('2026-01-01~2026-01-03\n2026-10-01');
    expect(daysByYear(release.holidays)).toEqual([{ year: '2026', ranges: ['01-01～01-03', '10-01'] }]);
  });
});
