import {
  SHIPPED_CALENDAR_RELEASES,
  calendarReleaseFingerprint,
  normalizeCalendarReleaseData,
  type CalendarRelease,
} from '@pilot/domain';
import type { Prisma } from '../generated/prisma/client.js';

/** The date each shipped release counts as published (release 1: the day the 2026 notice came out). */
const PUBLISHED_ON: Readonly<Record<number, string>> = { 1: '2025-11-04T09:00:00+08:00' };

export interface CalendarDrift {
  version: number;
  stored: string;
  expected: string;
}

/**
 * 工作日历: each release the code ships is published once under its number (release 1: the official
 * 2024–2026 days). A stored release is never rewritten — pilots follow it — so a difference from
 * the code is reported, not "fixed"; later releases are an admin's, through the API.
 */
export async function seedCalendarReleases(
  tx: Prisma.TransactionClient,
  releases: readonly CalendarRelease[] = SHIPPED_CALENDAR_RELEASES,
): Promise<{ count: { created: number; present: number }; drift: CalendarDrift[] }> {
  const count = { created: 0, present: 0 };
  const drift: CalendarDrift[] = [];
  for (const release of releases) {
    const data = normalizeCalendarReleaseData(release);
    const expected = calendarReleaseFingerprint(data);
    const stored = await tx.calendarRelease.findUnique({ where: { version: release.version } });
    if (stored) {
      count.present += 1;
      const found = calendarReleaseFingerprint({
        firstYear: stored.firstYear,
        lastYear: stored.lastYear,
        holidays: stored.holidays as string[],
        makeUpWorkdays: stored.makeUpWorkdays as string[],
        localHolidays: stored.localHolidays as string[],
        localMakeUpWorkdays: stored.localMakeUpWorkdays as string[],
      });
      if (found !== expected) drift.push({ version: release.version, stored: found, expected });
      continue;
    }
    const at = new Date(PUBLISHED_ON[release.version] ?? '2025-11-04T09:00:00+08:00');
    await tx.calendarRelease.create({
      data: {
        version: release.version,
        status: 'published',
        firstYear: data.firstYear,
        lastYear: data.lastYear,
        holidays: data.holidays,
        makeUpWorkdays: data.makeUpWorkdays,
        localHolidays: data.localHolidays,
        localMakeUpWorkdays: data.localMakeUpWorkdays,
        source: release.source,
        createdAt: at,
        publishedAt: at,
      },
    });
    count.created += 1;
  }
  return { count, drift };
}
