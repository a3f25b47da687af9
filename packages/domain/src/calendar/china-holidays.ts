import type { WorkingCalendar } from './working-days.js';
import { STANDARD_WEEKEND } from './working-days.js';

/**
 * Public holidays and make-up working days (调休) announced by the State Council General Office
 * (国务院办公厅关于20xx年部分节假日安排的通知), one notice a year, each autumn for the next year.
 * A year without its notice only knows weekends. The code ships the years below; a later year is
 * published by an admin as a calendar release (see calendar-release.ts) and never typed in here
 * before the State Council has announced it.
 *
 * 2024 and 2025 were checked against their notices and stay exactly as they are: pilots enrolled
 * before calendars became releases replay with them (see LEGACY_PLAN_CALENDAR in pilot-plan.ts).
 */
export const CN_HOLIDAYS_2024_2025: readonly string[] = [
  // 2024
  '2024-01-01',
  '2024-02-10',
  '2024-02-11',
  '2024-02-12',
  '2024-02-13',
  '2024-02-14',
  '2024-02-15',
  '2024-02-16',
  '2024-02-17',
  '2024-04-04',
  '2024-04-05',
  '2024-04-06',
  '2024-05-01',
  '2024-05-02',
  '2024-05-03',
  '2024-05-04',
  '2024-05-05',
  '2024-06-10',
  '2024-09-15',
  '2024-09-16',
  '2024-09-17',
  '2024-10-01',
  '2024-10-02',
  '2024-10-03',
  '2024-10-04',
  '2024-10-05',
  '2024-10-06',
  '2024-10-07',
  // 2025
  '2025-01-01',
  '2025-01-28',
  '2025-01-29',
  '2025-01-30',
  '2025-01-31',
  '2025-02-01',
  '2025-02-02',
  '2025-02-03',
  '2025-02-04',
  '2025-04-04',
  '2025-04-05',
  '2025-04-06',
  '2025-05-01',
  '2025-05-02',
  '2025-05-03',
  '2025-05-04',
  '2025-05-05',
  '2025-05-31',
  '2025-06-01',
  '2025-06-02',
  '2025-10-01',
  '2025-10-02',
  '2025-10-03',
  '2025-10-04',
  '2025-10-05',
  '2025-10-06',
  '2025-10-07',
  '2025-10-08',
];

export const CN_MAKE_UP_WORKDAYS_2024_2025: readonly string[] = [
  '2024-02-04',
  '2024-02-18',
  '2024-04-07',
  '2024-04-28',
  '2024-05-11',
  '2024-09-14',
  '2024-09-29',
  '2024-10-12',
  '2025-01-26',
  '2025-02-08',
  '2025-04-27',
  '2025-09-28',
  '2025-10-11',
];

/** The calendar of 2024 and 2025 alone: the default plan's until 2026 was added. */
export const CN_WORKING_CALENDAR_2024_2025: WorkingCalendar = {
  weekendDays: [...STANDARD_WEEKEND],
  holidays: [...CN_HOLIDAYS_2024_2025],
  makeUpWorkdays: [...CN_MAKE_UP_WORKDAYS_2024_2025],
};

/**
 * 2026, from 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): 元旦 1–3 January, 春节
 * 15–23 February, 清明节 4–6 April, 劳动节 1–5 May, 端午节 19–21 June, 中秋节 25–27 September,
 * 国庆节 1–7 October.
 */
export const CN_HOLIDAYS_2026: readonly string[] = [
  '2026-01-01',
  '2026-01-02',
  '2026-01-03',
  '2026-02-15',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-02-21',
  '2026-02-22',
  '2026-02-23',
  '2026-04-04',
  '2026-04-05',
  '2026-04-06',
  '2026-05-01',
  '2026-05-02',
  '2026-05-03',
  '2026-05-04',
  '2026-05-05',
  '2026-06-19',
  '2026-06-20',
  '2026-06-21',
  '2026-09-25',
  '2026-09-26',
  '2026-09-27',
  '2026-10-01',
  '2026-10-02',
  '2026-10-03',
  '2026-10-04',
  '2026-10-05',
  '2026-10-06',
  '2026-10-07',
];

/** 2026's make-up working days: Sundays 4 January and 20 September; Saturdays 14 and 28 February, 9 May, 10 October. */
export const CN_MAKE_UP_WORKDAYS_2026: readonly string[] = [
  '2026-01-04',
  '2026-02-14',
  '2026-02-28',
  '2026-05-09',
  '2026-09-20',
  '2026-10-10',
];

/** One year's notice: where the year's days come from. */
export interface OfficialYearNotice {
  year: number;
  /** The notice's title, as the State Council General Office published it. */
  title: string;
  /** `YYYY-MM-DD` it was published. */
  publishedOn: string;
}

/** The notices behind the years the code ships, oldest first. */
export const CN_HOLIDAY_NOTICES: readonly OfficialYearNotice[] = [
  { year: 2024, title: '国务院办公厅关于2024年部分节假日安排的通知', publishedOn: '2023-10-25' },
  { year: 2025, title: '国务院办公厅关于2025年部分节假日安排的通知', publishedOn: '2024-11-12' },
  { year: 2026, title: '国务院办公厅关于2026年部分节假日安排的通知', publishedOn: '2025-11-04' },
];

export const CN_HOLIDAYS_2024_2026: readonly string[] = [...CN_HOLIDAYS_2024_2025, ...CN_HOLIDAYS_2026];
export const CN_MAKE_UP_WORKDAYS_2024_2026: readonly string[] = [
  ...CN_MAKE_UP_WORKDAYS_2024_2025,
  ...CN_MAKE_UP_WORKDAYS_2026,
];

/** The years the shipped official data covers: every year in between has its notice. */
export const CN_CALENDAR_YEARS = { firstYear: 2024, lastYear: 2026 } as const;

/** Every year the code ships (2024–2026): the default plan's calendar and calendar release 1. */
export const CN_WORKING_CALENDAR_2024_2026: WorkingCalendar = {
  weekendDays: [...STANDARD_WEEKEND],
  holidays: [...CN_HOLIDAYS_2024_2026],
  makeUpWorkdays: [...CN_MAKE_UP_WORKDAYS_2024_2026],
};
