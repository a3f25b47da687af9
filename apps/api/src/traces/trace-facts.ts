import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import {
  formatInstant,
  formatLocalDate,
  releaseWorkingCalendar,
  workingDayTest,
  type Locale,
  type TraceEntry,
  type TraceFacts,
  type WorkingDayTest,
} from '@pilot/domain';
import { CalendarService } from '../calendars/calendar.service.js';
import { InvalidInputError } from '../platform/errors/api-errors.js';
import { say } from '../platform/validation/locale.js';
import { PRISMA } from '../platform/tokens.js';

/** A checkpoint of a patrol route. */
export interface Checkpoint {
  code: string;
  name: string;
  keyPart: string | null;
}

/** The route's checkpoints as the route form stored them (the JSON column holds nothing else). */
export function checkpointsOf(value: Prisma.JsonValue): Checkpoint[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((point) => {
    if (typeof point !== 'object' || point === null || Array.isArray(point)) return [];
    const { code, name, keyPart } = point;
    return typeof code === 'string' && typeof name === 'string'
      ? [{ code, name, keyPart: typeof keyPart === 'string' ? keyPart : null }]
      : [];
  });
}

/** A patrol entry's kind-specific fields, as the logbook service writes them. */
export interface PatrolDetails {
  visited: string[];
  missed: string[];
}

export function missedOf(details: unknown): string[] {
  if (typeof details !== 'object' || details === null || !('missed' in details)) return [];
  const { missed } = details;
  return Array.isArray(missed) ? missed.filter((m): m is string => typeof m === 'string') : [];
}

/**
 * Reads what the pure trace rules need about one compound — its register, routes, stewards and the
 * entries of a window — and the working calendar they schedule with.
 */
@Injectable()
export class TraceFactsReader {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(CalendarService) private readonly calendars: CalendarService,
  ) {}

  async workingDays(): Promise<WorkingDayTest> {
    const { release } = await this.calendars.current();
    return workingDayTest(releaseWorkingCalendar(release));
  }

  /**
   * Entries an inspection cites as evidence (`trace:<id>`) must be the inspected compound's own; a
   * visitor entry is cited by its count, never opened, so it may be cited too.
   */
  async checkCitations(
    compoundId: string,
    citations: ReadonlyArray<{ path: string; entryId: string }>,
    locale: Locale,
  ): Promise<void> {
    if (citations.length === 0) return;
    const found = new Set(
      (
        await this.prisma.logbookEntry.findMany({
          where: { id: { in: [...new Set(citations.map((c) => c.entryId))] }, compoundId },
          select: { id: true },
        })
      ).map((e) => e.id),
    );
    const issues = citations
      .filter((c) => !found.has(c.entryId))
      .map((c) => ({
        path: c.path,
        message: say(
          locale,
          `引用的记录 ${c.entryId} 不是本小区的痕迹记录。`,
          `Cited entry ${c.entryId} is not a record of this compound.`,
        ),
      }));
    if (issues.length > 0) throw new InvalidInputError(issues);
  }

  async facts(compoundId: string, fromMs: number, untilMs: number): Promise<TraceFacts> {
    const [compound, equipment, routes, entries, stewards] = await Promise.all([
      this.prisma.compound.findUnique({ where: { id: compoundId }, select: { buildings: true } }),
      this.prisma.equipment.findMany({ where: { compoundId }, orderBy: { code: 'asc' } }),
      this.prisma.patrolRoute.findMany({ where: { compoundId }, orderBy: { createdAt: 'asc' } }),
      this.prisma.logbookEntry.findMany({
        where: { compoundId, occurredAt: { gte: new Date(fromMs), lt: new Date(untilMs) } },
        select: {
          id: true,
          kind: true,
          equipmentId: true,
          routeId: true,
          occurredAt: true,
          summary: true,
          recordedByName: true,
          correctsId: true,
          details: true,
          photoIds: true,
        },
      }),
      this.prisma.stewardAssignment.findMany({
        where: { compoundId, active: true },
        select: { buildings: true },
      }),
    ]);
    // A checkpoint renamed since keeps the name of the route today; a removed one shows its code.
    const checkpointNames = new Map(
      routes.flatMap((r) => checkpointsOf(r.checkpoints).map((p) => [`${r.id}/${p.code}`, p.name] as const)),
    );
    return {
      equipment: equipment.map((e) => ({
        id: e.id,
        code: e.code,
        name: e.name,
        type: e.type,
        active: e.active,
        startMs: e.createdAt.getTime(),
        maintenanceIntervalDays: e.maintenanceIntervalDays,
        inspectionIntervalDays: e.inspectionIntervalDays,
        staffRole: e.staffRole,
      })),
      routes: routes.map((r) => ({
        id: r.id,
        name: r.name,
        staffRole: r.staffRole,
        intervalDays: r.intervalDays,
        startMs: r.createdAt.getTime(),
        active: r.active,
      })),
      entries: entries.map((e): TraceEntry => ({
        id: e.id,
        kind: e.kind,
        equipmentId: e.equipmentId,
        routeId: e.routeId,
        occurredAtMs: e.occurredAt.getTime(),
        // A visitor's purpose stays with the firm; the inspector sees that a visit was logged.
        summary: e.kind === 'visitor' ? '访客登记' : e.summary,
        recordedBy: e.recordedByName,
        correctsId: e.correctsId,
        missed: missedOf(e.details).map((code) => ({
          code,
          name: checkpointNames.get(`${e.routeId}/${code}`) ?? code,
        })),
        photoCount: e.photoIds.length,
      })),
      stewards: {
        count: stewards.length,
        buildings: new Set(stewards.flatMap((s) => s.buildings)).size,
        buildingsTotal: compound?.buildings ?? null,
      },
      fromMs,
      untilMs,
      formatInstant: (ms) => formatInstant(ms),
      formatDay: (ms) => formatLocalDate(ms),
    };
  }
}
