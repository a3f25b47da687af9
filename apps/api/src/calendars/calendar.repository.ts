import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import type { CalendarReleaseData } from '@pilot/domain';
import { PRISMA } from '../platform/tokens.js';

export type CalendarReleaseStatus = 'draft' | 'published';

/** A release as stored, its JSON lists read back as days. */
export interface CalendarReleaseRow extends CalendarReleaseData {
  version: number;
  status: CalendarReleaseStatus;
  source: string;
  createdAt: Date;
  createdById: string | null;
  publishedAt: Date | null;
  publishedById: string | null;
}

/** A running pilot and the release it follows (null: the days its plan carries from before releases). */
export interface RunningPilotRow {
  id: string;
  workflowId: string;
  calendarVersion: number | null;
  compound: { id: string; name: string };
}

type StoredRelease = Prisma.CalendarReleaseGetPayload<object>;

const days = (value: Prisma.JsonValue): string[] =>
  Array.isArray(value) ? value.filter((day): day is string => typeof day === 'string') : [];

function rowOf(stored: StoredRelease): CalendarReleaseRow {
  return {
    version: stored.version,
    status: stored.status,
    firstYear: stored.firstYear,
    lastYear: stored.lastYear,
    holidays: days(stored.holidays),
    makeUpWorkdays: days(stored.makeUpWorkdays),
    localHolidays: days(stored.localHolidays),
    localMakeUpWorkdays: days(stored.localMakeUpWorkdays),
    source: stored.source,
    createdAt: stored.createdAt,
    createdById: stored.createdById,
    publishedAt: stored.publishedAt,
    publishedById: stored.publishedById,
  };
}

/** Pilots whose workflow still runs, so it can adopt a release. */
const RUNNING = { status: { in: ['active', 'paused'] } } satisfies Prisma.EnrollmentWhereInput;

/** The stored content equals `data`: a compare-and-set on everything a fingerprint covers. */
function sameContent(data: CalendarReleaseData): Prisma.CalendarReleaseWhereInput {
  return {
    firstYear: data.firstYear,
    lastYear: data.lastYear,
    holidays: { equals: data.holidays },
    makeUpWorkdays: { equals: data.makeUpWorkdays },
    localHolidays: { equals: data.localHolidays },
    localMakeUpWorkdays: { equals: data.localMakeUpWorkdays },
  };
}

@Injectable()
export class CalendarRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Releases in the given states, newest first (a handful a decade: no paging). */
  async list(statuses: readonly CalendarReleaseStatus[]): Promise<CalendarReleaseRow[]> {
    const rows = await this.prisma.calendarRelease.findMany({
      where: { status: { in: [...statuses] } },
      orderBy: { version: 'desc' },
    });
    return rows.map(rowOf);
  }

  async find(version: number): Promise<CalendarReleaseRow | null> {
    const row = await this.prisma.calendarRelease.findUnique({ where: { version } });
    return row ? rowOf(row) : null;
  }

  /** The release new pilots follow: the published one with the highest number. */
  async latestPublished(
    tx: Pick<PrismaClient, 'calendarRelease'> = this.prisma,
  ): Promise<CalendarReleaseRow | null> {
    const row = await tx.calendarRelease.findFirst({
      where: { status: 'published' },
      orderBy: { version: 'desc' },
    });
    return row ? rowOf(row) : null;
  }

  /** The number the next draft gets: one above every release, drafts included. */
  async nextVersion(tx: Prisma.TransactionClient): Promise<number> {
    const last = await tx.calendarRelease.findFirst({
      orderBy: { version: 'desc' },
      select: { version: true },
    });
    return (last?.version ?? 0) + 1;
  }

  create(
    tx: Prisma.TransactionClient,
    version: number,
    data: CalendarReleaseData & { source: string },
    createdById: string,
  ): Promise<StoredRelease> {
    return tx.calendarRelease.create({
      data: {
        version,
        status: 'draft',
        firstYear: data.firstYear,
        lastYear: data.lastYear,
        holidays: data.holidays,
        makeUpWorkdays: data.makeUpWorkdays,
        localHolidays: data.localHolidays,
        localMakeUpWorkdays: data.localMakeUpWorkdays,
        source: data.source,
        createdAt: new Date(),
        createdById,
      },
    });
  }

  /**
   * Replaces a draft's content only if it is still the draft the caller read (compare and set on
   * its content): a concurrent edit or publication makes this change nothing (false).
   */
  async replaceDraft(
    tx: Prisma.TransactionClient,
    version: number,
    expected: CalendarReleaseData,
    data: CalendarReleaseData & { source: string },
  ): Promise<boolean> {
    const { count } = await tx.calendarRelease.updateMany({
      where: { version, status: 'draft', ...sameContent(expected) },
      data: {
        firstYear: data.firstYear,
        lastYear: data.lastYear,
        holidays: data.holidays,
        makeUpWorkdays: data.makeUpWorkdays,
        localHolidays: data.localHolidays,
        localMakeUpWorkdays: data.localMakeUpWorkdays,
        source: data.source,
      },
    });
    return count === 1;
  }

  /** Publishes the draft only if its content is still the one reviewed (same compare and set). */
  async publish(
    tx: Prisma.TransactionClient,
    version: number,
    expected: CalendarReleaseData,
    by: string,
    at: Date,
  ): Promise<boolean> {
    const { count } = await tx.calendarRelease.updateMany({
      where: { version, status: 'draft', ...sameContent(expected) },
      data: { status: 'published', publishedAt: at, publishedById: by },
    });
    return count === 1;
  }

  /** How many running pilots follow each release (key null: none, their plan's own days). */
  async runningPilotsByVersion(): Promise<Map<number | null, number>> {
    const groups = await this.prisma.enrollment.groupBy({
      by: ['calendarVersion'],
      where: RUNNING,
      _count: { _all: true },
    });
    return new Map(groups.map((g) => [g.calendarVersion, g._count._all]));
  }

  /** Running pilots that follow an older release than `version`, or none. */
  runningPilotsBehind(version: number): Promise<RunningPilotRow[]> {
    return this.prisma.enrollment.findMany({
      where: { ...RUNNING, OR: [{ calendarVersion: null }, { calendarVersion: { lt: version } }] },
      select: {
        id: true,
        workflowId: true,
        calendarVersion: true,
        compound: { select: { id: true, name: true } },
      },
      orderBy: { id: 'asc' },
    });
  }

  /** These pilots, whatever they follow and whether they still run (the workflow answers for that). */
  pilots(ids: readonly string[]): Promise<RunningPilotRow[]> {
    return this.prisma.enrollment.findMany({
      where: { id: { in: [...ids] } },
      select: {
        id: true,
        workflowId: true,
        calendarVersion: true,
        compound: { select: { id: true, name: true } },
      },
    });
  }
}
