// The I/O half of a period's facts: which records count for which firm, read in a few queries over
// all firms at once, then turned into component values by the domain's pure `factsFromRecords`.
// The API (computing a period) and the demo import call this same function, so they count alike.
import type { PrismaClient, Prisma } from '@pilot/db';
import {
  addLocalDays,
  defaultCalendarRelease,
  factsFromRecords,
  MATTER_RULES_1,
  matterRulesSchema,
  parseLocalDate,
  releaseWorkingCalendar,
  resolveCalendarReleaseRef,
  workingDayTest,
  type EvaluationPeriodRef,
  type FirmPeriodRecords,
  type GatheredFacts,
  type WorkingDayTest,
} from '@pilot/domain';
import { latestCalendarReleaseRef } from '../pilot/calendar.activities.js';

/** A client or a transaction. */
export type EvaluationReader = PrismaClient | Prisma.TransactionClient;

/** The period's instants: from local midnight of its first day to local midnight after its last. */
export function periodBounds(period: EvaluationPeriodRef): { from: Date; to: Date } {
  const start = parseLocalDate(period.startsOn);
  const end = parseLocalDate(period.endsOn);
  // The period's days come from parsePeriodId, so they are real dates.
  if (start === null || end === null) throw new Error(`period ${period.id} has no real days`);
  return { from: new Date(start), to: new Date(addLocalDays(end, 1)) };
}

/** The record lists, filled per firm as the queries come back. */
type Building = {
  -readonly [K in keyof FirmPeriodRecords]: FirmPeriodRecords[K] extends ReadonlyArray<infer T>
    ? T[]
    : FirmPeriodRecords[K];
};

function emptyRecords(period: Building['period'], satisfiedFrom: number): Building {
  return {
    period,
    rounds: [],
    inspections: [],
    latestStars: [],
    rectifications: [],
    criticalOverdue: [],
    tasks: [],
    matters: [],
    satisfiedFrom,
    visits: [],
    cases: [],
    equipment: [],
  };
}

/**
 * The calendar maintenance falls due on: the newest published release (the code's own before any
 * is), as the upkeep workflow reminds and marks overdue with, so the score and the notices agree.
 */
async function currentWorkingDays(prisma: EvaluationReader): Promise<WorkingDayTest> {
  const ref = await latestCalendarReleaseRef(prisma);
  return workingDayTest(
    releaseWorkingCalendar((ref && resolveCalendarReleaseRef(ref)) ?? defaultCalendarRelease()),
  );
}

/**
 * The facts of every given firm in the period. Firms with nothing at all in it get empty records
 * (their evaluation has no score and they are left out of the ranking by the caller).
 */
export async function gatherEvaluationFacts(
  prisma: EvaluationReader,
  period: EvaluationPeriodRef,
  firmIds: readonly string[],
): Promise<Map<string, GatheredFacts>> {
  const { from, to } = periodBounds(period);
  const within = { gte: from, lt: to };
  const latestRules = await prisma.matterRuleSet.findFirst({ orderBy: { version: 'desc' } });
  const parsedRules = latestRules ? matterRulesSchema.safeParse(latestRules.rules) : null;
  const satisfiedFrom = parsedRules?.success ? parsedRules.data.satisfiedFrom : MATTER_RULES_1.satisfiedFrom;

  const bounds = { fromMs: from.getTime(), untilMs: to.getTime() };
  const records = new Map(firmIds.map((id) => [id, emptyRecords(bounds, satisfiedFrom)]));
  const of = (firmId: string | null | undefined) => (firmId ? records.get(firmId) : undefined);

  // A pilot's records belong to the firm it enrolled (a compound changing firms keeps its history).
  const enrollments = await prisma.enrollment.findMany({
    where: { firmId: { in: [...firmIds] } },
    select: { id: true, firmId: true },
  });
  const firmOfEnrollment = new Map(enrollments.map((e) => [e.id, e.firmId]));
  const enrollmentIds = [...firmOfEnrollment.keys()];

  const rounds = await prisma.round.findMany({
    where: { enrollmentId: { in: enrollmentIds }, evaluatedAt: { lt: to } },
    select: { id: true, enrollmentId: true, score: true, starRating: true, evaluatedAt: true },
    orderBy: { evaluatedAt: 'asc' },
  });
  const latestByPilot = new Map<string, { roundId: string; starRating: number }>();
  for (const round of rounds) {
    const target = of(firmOfEnrollment.get(round.enrollmentId));
    if (!target || !round.evaluatedAt) continue;
    if (round.evaluatedAt >= from) {
      target.rounds.push({ id: round.id, score: round.score, starRating: round.starRating });
    }
    if (round.starRating !== null) {
      latestByPilot.set(round.enrollmentId, { roundId: round.id, starRating: round.starRating });
    }
  }
  for (const [enrollmentId, stars] of latestByPilot) {
    of(firmOfEnrollment.get(enrollmentId))?.latestStars.push(stars);
  }

  const inspections = await prisma.inspectionResult.findMany({
    where: { enrollmentId: { in: enrollmentIds }, submittedAt: within, task: { kind: { not: 'self' } } },
    select: { id: true, enrollmentId: true, score: true },
    orderBy: { submittedAt: 'asc' },
  });
  for (const result of inspections) {
    of(firmOfEnrollment.get(result.enrollmentId))?.inspections.push({ id: result.id, score: result.score });
  }

  const rectifications = await prisma.rectification.findMany({
    where: {
      enrollmentId: { in: enrollmentIds },
      OR: [{ deadline: within }, { closedAt: within }],
    },
    select: {
      id: true,
      enrollmentId: true,
      deadline: true,
      closedAt: true,
      status: true,
      events: { where: { toStatus: 'reopened', at: { lt: to } }, select: { at: true } },
    },
    orderBy: { openedAt: 'asc' },
  });
  for (const r of rectifications) {
    of(firmOfEnrollment.get(r.enrollmentId))?.rectifications.push({
      id: r.id,
      deadlineMs: r.deadline.getTime(),
      closedAtMs: r.closedAt && r.closedAt < to ? r.closedAt.getTime() : null,
      cancelled: r.status === 'cancelled',
      reopened: r.events.length > 0,
      reopenedInPeriod: r.events.some((e) => e.at >= from),
    });
  }

  // Overdue at the period's end: past its deadline, neither closed nor contained (已管控) by then.
  const overdue = await prisma.rectification.findMany({
    where: {
      enrollmentId: { in: enrollmentIds },
      critical: true,
      status: { not: 'cancelled' },
      openedAt: { lt: to },
      deadline: { lt: to },
      AND: [
        { OR: [{ closedAt: null }, { closedAt: { gte: to } }] },
        { OR: [{ controlledAt: null }, { controlledAt: { gte: to } }] },
      ],
    },
    select: { id: true, enrollmentId: true },
    orderBy: { deadline: 'asc' },
  });
  for (const r of overdue) of(firmOfEnrollment.get(r.enrollmentId))?.criticalOverdue.push(r.id);

  const tasks = await prisma.inspectionTask.findMany({
    where: {
      enrollmentId: { in: enrollmentIds },
      kind: { not: 'self' },
      dueAt: within,
      status: { in: ['submitted', 'missed'] },
    },
    select: { id: true, enrollmentId: true, status: true },
    orderBy: { dueAt: 'asc' },
  });
  for (const task of tasks) {
    of(firmOfEnrollment.get(task.enrollmentId))?.tasks.push({
      id: task.id,
      missed: task.status === 'missed',
    });
  }

  // Matters answer to the firm that served the compound when they were collected; cancelled ones
  // (duplicates, withdrawn) say nothing about the service.
  const matters = await prisma.matter.findMany({
    where: {
      firmId: { in: [...firmIds] },
      closedAt: within,
      OR: [{ closeKind: null }, { closeKind: { not: 'cancelled' } }],
    },
    select: { id: true, firmId: true, solved: true, rating: true },
    orderBy: { closedAt: 'asc' },
  });
  for (const m of matters) of(m.firmId)?.matters.push({ id: m.id, solved: m.solved, rating: m.rating });

  const compounds = await prisma.compound.findMany({
    where: { firmId: { in: [...firmIds] } },
    select: { id: true, firmId: true },
  });
  const firmOfCompound = new Map(compounds.map((c) => [c.id, c.firmId]));
  const visits = await prisma.patrolVisit.findMany({
    where: { compoundId: { in: [...firmOfCompound.keys()] }, status: 'done', doneAt: within },
    select: { id: true, compoundId: true, findingCount: true },
    orderBy: { doneAt: 'asc' },
  });
  for (const v of visits) {
    of(firmOfCompound.get(v.compoundId))?.visits.push({
      id: v.id,
      compoundId: v.compoundId,
      findings: v.findingCount,
    });
  }

  const cases = await prisma.microCase.findMany({
    where: {
      firmId: { in: [...firmIds] },
      status: 'selected',
      issue: { status: 'published', publishedAt: within },
    },
    select: { id: true, firmId: true },
    orderBy: { submittedAt: 'asc' },
  });
  for (const c of cases) of(c.firmId)?.cases.push(c.id);

  // 设备维保: the register of the compounds the firm serves at evaluation time, as with the patrols
  // above. A missed maintenance has no entry to carry the firm that should have done it, so a
  // compound that changed firms within the period counts whole with its new firm.
  const equipment = await prisma.equipment.findMany({
    where: {
      compoundId: { in: [...firmOfCompound.keys()] },
      active: true,
      maintenanceIntervalDays: { not: null },
      createdAt: { lt: to },
    },
    select: { id: true, compoundId: true, createdAt: true, maintenanceIntervalDays: true },
    orderBy: [{ compoundId: 'asc' }, { code: 'asc' }],
  });
  const intervals = equipment.flatMap((e) =>
    e.maintenanceIntervalDays === null ? [] : [e.maintenanceIntervalDays],
  );
  if (intervals.length > 0) {
    // Maintenance is due at most an interval after the visit before it (by the end of that day), so
    // a visit longer than the longest interval and a day before the period meets only work due
    // before it: the entries from there on decide every due day within the period.
    const since = new Date(addLocalDays(from.getTime(), -(Math.max(...intervals) + 1)));
    const entries = await prisma.logbookEntry.findMany({
      where: {
        kind: 'maintenance',
        equipmentId: { in: equipment.map((e) => e.id) },
        occurredAt: { gte: since, lt: to },
      },
      select: { id: true, equipmentId: true, occurredAt: true, correctsId: true },
      orderBy: { occurredAt: 'asc' },
    });
    // A corrected entry is replaced by its correction (itself a maintenance entry), never counted twice.
    const corrected = new Set(entries.flatMap((e) => (e.correctsId ? [e.correctsId] : [])));
    const doneMs = new Map<string, number[]>();
    for (const e of entries) {
      if (!e.equipmentId || corrected.has(e.id)) continue;
      const times = doneMs.get(e.equipmentId) ?? [];
      times.push(e.occurredAt.getTime());
      doneMs.set(e.equipmentId, times);
    }
    for (const item of equipment) {
      if (item.maintenanceIntervalDays === null) continue;
      of(firmOfCompound.get(item.compoundId))?.equipment.push({
        id: item.id,
        startMs: item.createdAt.getTime(),
        maintenanceIntervalDays: item.maintenanceIntervalDays,
        doneMs: doneMs.get(item.id) ?? [],
      });
    }
  }

  const isWorking = await currentWorkingDays(prisma);
  return new Map([...records].map(([firmId, r]) => [firmId, factsFromRecords(r, isWorking)]));
}
