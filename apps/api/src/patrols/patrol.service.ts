import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@pilot/db';
import {
  DAY_MS,
  MATTER_CATEGORY_LABELS,
  MATTER_STATUS_LABELS,
  OPEN_MATTER_STATUSES,
  formatInstant,
  formatInstantOrNull,
  formatLocalDate,
  matterCategorySchema,
  parseLocalDate,
  reason,
  releaseWorkingCalendar,
  spreadPatrolDates,
  workingDayTest,
  workingDaysOfMonth,
  type CompletePatrolVisitInput,
  type CreatePatrolPlanInput,
  type ListPatrolVisitsQuery,
  type Locale,
  type LocalizedText,
  type MatterCategory,
  type PatrolLedgerQuery,
  type PatrolVisitStatus,
} from '@pilot/domain';
import { CalendarService } from '../calendars/calendar.service.js';
import { MatterInputBuilder } from '../matters/matter-input.js';
import { MatterWorkflowGateway } from '../matters/matter-workflow.gateway.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { isUniqueViolation } from '../platform/errors/database-errors.js';
import { NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { PRISMA } from '../platform/tokens.js';
import type {
  PatrolFinding,
  PatrolLedger,
  PatrolPlanDetail,
  PatrolPlanItem,
  PatrolPlanList,
  PatrolVisit,
  PatrolVisitDone,
  PatrolVisitList,
} from './patrol.dto.js';

export const PATROL_VISIT_STATUS_LABELS: Readonly<Record<PatrolVisitStatus, LocalizedText>> = {
  planned: { zh: '待巡查', en: 'Planned' },
  done: { zh: '已巡查', en: 'Done' },
  missed: { zh: '未巡查', en: 'Missed' },
};

/** More findings than this is no longer a sheet anyone files; the caller narrows the filter. */
const MAX_LEDGER_ROWS = 20_000;

/** Matches no row: a caller outside every scope sees nothing rather than everything. */
const NOTHING = { id: { in: [] as string[] } };

const compoundSelect = {
  id: true,
  name: true,
  firmId: true,
  communityId: true,
  community: { select: { id: true, name: true } },
  firm: { select: { id: true, name: true } },
} as const;
type VisitCompound = Prisma.CompoundGetPayload<{ select: typeof compoundSelect }>;
/** A visit row with its compound (the table has the compound's id only, no relation). */
type VisitRow = Prisma.PatrolVisitGetPayload<object> & { compound: VisitCompound };

const findingInclude = { compound: { select: { id: true, name: true } } } as const;
type FindingRow = Prisma.MatterGetPayload<{ include: typeof findingInclude }>;

/** A `@db.Date` column holds the local calendar date at UTC midnight. */
const dateColumn = (day: string) => new Date(`${day}T00:00:00Z`);
const dayOf = (column: Date) => column.toISOString().slice(0, 10);

/** The deterministic matter id of a visit's n-th finding: a retried completion finds, not repeats, it. */
export const findingMatterId = (visitId: string, index: number) => `mt-${visitId}-${index + 1}`;

const coded = <C extends string>(code: C, labels: Readonly<Record<C, LocalizedText>>) => ({
  code,
  label: labels[code],
});

function categoryOf(category: string): MatterCategory {
  const parsed = matterCategorySchema.safeParse(category);
  return parsed.success ? parsed.data : 'other';
}

/** Where a caller may look: everything, one community (a community committee's staff), one firm, or nothing. */
type Reach = { all: true } | { communityId: string } | { firmId: string } | { none: true };

@Injectable()
export class PatrolService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(CalendarService) private readonly calendars: CalendarService,
    @Inject(MatterInputBuilder) private readonly inputs: MatterInputBuilder,
    @Inject(MatterWorkflowGateway) private readonly matters: MatterWorkflowGateway,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  private async reach(principal: Principal): Promise<Reach> {
    switch (principal.role) {
      case 'admin':
      case 'coordinator':
      case 'inspector':
        return { all: true };
      case 'party': {
        // A 居委会's staff patrol with the subdistrict in their own community; other units do not.
        const party = principal.partyId
          ? await this.prisma.party.findUnique({
              where: { id: principal.partyId },
              select: { communityId: true },
            })
          : null;
        return party?.communityId ? { communityId: party.communityId } : { none: true };
      }
      case 'firm':
        return principal.firmId ? { firmId: principal.firmId } : { none: true };
      default:
        return { none: true };
    }
  }

  /** The visits of the compounds the caller reaches. */
  private async visitWhere(reach: Reach): Promise<Prisma.PatrolVisitWhereInput> {
    if ('all' in reach) return {};
    const compounds = await this.prisma.compound.findMany({
      where: this.compoundWhere(reach),
      select: { id: true },
    });
    return { compoundId: { in: compounds.map((c) => c.id) } };
  }

  private async attach(visits: Array<Prisma.PatrolVisitGetPayload<object>>): Promise<VisitRow[]> {
    const compounds = await this.prisma.compound.findMany({
      where: { id: { in: [...new Set(visits.map((v) => v.compoundId))] } },
      select: compoundSelect,
    });
    const byId = new Map(compounds.map((c) => [c.id, c]));
    return visits.flatMap((visit) => {
      const compound = byId.get(visit.compoundId);
      return compound ? [{ ...visit, compound }] : [];
    });
  }

  private compoundWhere(reach: Reach): Prisma.CompoundWhereInput {
    if ('all' in reach) return {};
    if ('communityId' in reach) return { communityId: reach.communityId };
    if ('firmId' in reach) return { firmId: reach.firmId };
    return NOTHING;
  }

  // ─── plans ─────────────────────────────────────────────────────────────────────────────────

  /**
   * The month's plan over every active compound, each on a working day drawn irregularly; the same
   * month and title again answers the plan that exists (`created: false`).
   */
  async createPlan(
    principal: Principal,
    input: CreatePatrolPlanInput,
  ): Promise<{ plan: PatrolPlanDetail; created: boolean }> {
    const title = input.title ?? `${input.month} 常态化巡查`;
    const month = dateColumn(`${input.month}-01`);
    const existing = await this.prisma.patrolPlan.findUnique({ where: { month_title: { month, title } } });
    if (existing) return { plan: await this.planDetail(principal, existing.id), created: false };

    const [year, monthNumber] = input.month.split('-').map(Number) as [number, number];
    const { release } = await this.calendars.current();
    const days = workingDaysOfMonth(workingDayTest(releaseWorkingCalendar(release)), year, monthNumber);
    const compounds = await this.prisma.compound.findMany({
      where: { active: true, community: { active: true } },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    const planId = `pp-${randomUUID()}`;
    const dates = spreadPatrolDates(
      planId,
      compounds.map((c) => c.id),
      days,
    );
    try {
      await this.audit.within(
        principal,
        async (tx) => {
          await tx.patrolPlan.create({
            data: { id: planId, month, title, createdById: principal.userId, createdAt: new Date() },
          });
          await tx.patrolVisit.createMany({
            data: compounds.map((c) => ({
              id: `pv-${randomUUID()}`,
              planId,
              compoundId: c.id,
              plannedOn: dateColumn(dates.get(c.id)!),
            })),
          });
        },
        () => ({
          action: 'patrol.plan_created',
          entityType: 'patrol_plan',
          entityId: planId,
          after: { month: input.month, title, visits: compounds.length },
        }),
      );
    } catch (error) {
      // Another request made the same plan a moment ago: that one is the answer.
      if (!isUniqueViolation(error)) throw error;
      const raced = await this.prisma.patrolPlan.findUnique({ where: { month_title: { month, title } } });
      if (!raced) throw error;
      return { plan: await this.planDetail(principal, raced.id), created: false };
    }
    return { plan: await this.planDetail(principal, planId), created: true };
  }

  async listPlans(principal: Principal, month: string | undefined): Promise<PatrolPlanList> {
    const plans = await this.prisma.patrolPlan.findMany({
      where: month ? { month: dateColumn(`${month}-01`) } : {},
      orderBy: [{ month: 'desc' }, { title: 'asc' }],
      take: 120,
    });
    const reach = await this.reach(principal);
    const found = await this.prisma.patrolVisit.findMany({
      where: { planId: { in: plans.map((p) => p.id) }, ...(await this.visitWhere(reach)) },
    });
    const visits = await this.attach(found);
    const open = await this.openFindings(visits.map((v) => v.id));
    return {
      items: plans.map((plan) =>
        this.planItem(
          plan,
          visits.filter((v) => v.planId === plan.id),
          open,
        ),
      ),
    };
  }

  async planDetail(principal: Principal, id: string): Promise<PatrolPlanDetail> {
    const plan = await this.prisma.patrolPlan.findUnique({ where: { id } });
    if (!plan) throw new NotFoundError(`patrol plan ${id}`);
    const reach = await this.reach(principal);
    const visits = await this.attach(
      await this.prisma.patrolVisit.findMany({
        where: { planId: id, ...(await this.visitWhere(reach)) },
        orderBy: [{ plannedOn: 'asc' }, { compoundId: 'asc' }],
      }),
    );
    const open = await this.openFindings(visits.map((v) => v.id));
    const { release } = await this.calendars.current();
    const [year, month] = dayOf(plan.month).split('-').map(Number) as [number, number];
    return {
      ...this.planItem(plan, visits, open),
      workingDays: workingDaysOfMonth(workingDayTest(releaseWorkingCalendar(release)), year, month).length,
      visits: visits.map((v) => this.visitView(v, open)),
    };
  }

  private planItem(
    plan: { id: string; month: Date; title: string; createdAt: Date },
    visits: VisitRow[],
    open: Map<string, number>,
  ): PatrolPlanItem {
    const views = visits.map((v) => this.visitView(v, open));
    return {
      id: plan.id,
      month: dayOf(plan.month).slice(0, 7),
      title: plan.title,
      createdAt: formatInstant(plan.createdAt),
      visits: views.length,
      done: views.filter((v) => v.status.code === 'done').length,
      late: views.filter((v) => v.late).length,
      findings: views.reduce((sum, v) => sum + v.findingCount, 0),
      openFindings: views.reduce((sum, v) => sum + v.openFindings, 0),
    };
  }

  // ─── visits ────────────────────────────────────────────────────────────────────────────────

  async listVisits(principal: Principal, query: ListPatrolVisitsQuery): Promise<PatrolVisitList> {
    const reach = await this.reach(principal);
    const plannedOn = query.date
      ? { equals: dateColumn(query.date) }
      : {
          ...(query.from ? { gte: dateColumn(query.from) } : {}),
          ...(query.to ? { lte: dateColumn(query.to) } : {}),
        };
    const visits = await this.attach(
      await this.prisma.patrolVisit.findMany({
        where: {
          AND: [
            {
              plannedOn,
              ...(query.status ? { status: { in: query.status } } : {}),
              ...(query.compoundId ? { compoundId: query.compoundId } : {}),
              ...(query.planId ? { planId: query.planId } : {}),
            },
            await this.visitWhere(reach),
          ],
        },
        orderBy: [{ plannedOn: 'asc' }, { compoundId: 'asc' }],
        take: 500,
      }),
    );
    const open = await this.openFindings(visits.map((v) => v.id));
    return { items: visits.map((v) => this.visitView(v, open)) };
  }

  /**
   * 巡查完成: each finding becomes a matter for the compound's firm, then the visit is done. The
   * matters' ids come from the visit, and the visit is marked last, so a retry after a failure
   * part-way starts only the findings not yet recorded.
   */
  async complete(
    principal: Principal,
    input: CompletePatrolVisitInput,
    locale: Locale,
  ): Promise<PatrolVisitDone> {
    const visit = await this.visitWithin(principal, input.visitId);
    if (visit.status === 'done')
      throw new RefusedError([
        reason(
          'patrol_visit_done',
          '该小区本次巡查已登记完成。',
          'This patrol visit is recorded as done already.',
        ),
      ]);
    for (const [index, finding] of input.findings.entries())
      await this.inputs.checkPhotos(principal, finding.evidenceRefs, null, locale, [
        'findings',
        index,
        'evidenceRefs',
      ]);

    const ids = input.findings.map((_, index) => findingMatterId(visit.id, index));
    const recorded = new Set(
      (await this.prisma.matter.findMany({ where: { id: { in: ids } }, select: { id: true } })).map(
        (m) => m.id,
      ),
    );
    const context = await this.inputs.context();
    for (const [index, finding] of input.findings.entries()) {
      const matterId = ids[index]!;
      if (recorded.has(matterId)) continue;
      const matter = await this.inputs.build(
        {
          source: 'patrol',
          compoundId: visit.compound.id,
          communityId: visit.compound.communityId,
          firmId: visit.compound.firmId,
          category: finding.topic,
          urgency: 'ordinary',
          location: finding.location,
          description: finding.description,
          evidenceIds: finding.evidenceRefs,
          reporterId: null,
          callerName: null,
          callerPhone: null,
          patrolVisitId: visit.id,
          meetingId: null,
          assignee: { kind: 'firm', firmId: visit.compound.firmId },
          resolveBy: null,
          createdBy: { userId: principal.userId, role: principal.role, requestId: principal.requestId },
        },
        { matterId, context },
      );
      await this.matters.start(matter);
    }

    const doneAt = new Date();
    await this.audit.within(
      principal,
      (tx) =>
        tx.patrolVisit.updateMany({
          where: { id: visit.id, status: { not: 'done' } },
          data: {
            status: 'done',
            patrollers: input.patrollers,
            note: input.note ?? null,
            doneAt,
            doneById: principal.userId,
            findingCount: input.findings.length,
          },
        }),
      () => ({
        action: 'patrol.visit_done',
        entityType: 'patrol_visit',
        entityId: visit.id,
        after: { findings: input.findings.length, patrollers: input.patrollers },
      }),
    );
    const done = {
      ...(await this.prisma.patrolVisit.findUniqueOrThrow({ where: { id: visit.id } })),
      compound: visit.compound,
    };
    return this.withFindings(done);
  }

  /** One visit with what it found (each finding a matter), for the phone page; 404 outside the caller's reach. */
  async visitDetail(principal: Principal, id: string): Promise<PatrolVisitDone> {
    return this.withFindings(await this.visitWithin(principal, id));
  }

  private async visitWithin(principal: Principal, id: string): Promise<VisitRow> {
    const reach = await this.reach(principal);
    const [visit] = await this.attach(
      await this.prisma.patrolVisit.findMany({ where: { AND: [{ id }, await this.visitWhere(reach)] } }),
    );
    if (!visit) throw new NotFoundError(`patrol visit ${id}`);
    return visit;
  }

  private async withFindings(visit: VisitRow): Promise<PatrolVisitDone> {
    const open = await this.openFindings([visit.id]);
    const findings = await this.prisma.matter.findMany({
      where: { patrolVisitId: visit.id },
      include: findingInclude,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return { ...this.visitView(visit, open), findings: await this.findingViews(findings) };
  }

  private visitView(visit: VisitRow, open: Map<string, number>): PatrolVisit {
    const plannedOn = dayOf(visit.plannedOn);
    return {
      id: visit.id,
      planId: visit.planId,
      compound: { id: visit.compound.id, name: visit.compound.name },
      community: visit.compound.community,
      firm: visit.compound.firm,
      plannedOn,
      status: coded(visit.status, PATROL_VISIT_STATUS_LABELS),
      late: visit.status === 'planned' && plannedOn < formatLocalDate(Date.now()),
      patrollers: visit.patrollers,
      note: visit.note,
      doneAt: formatInstantOrNull(visit.doneAt),
      findingCount: visit.findingCount,
      openFindings: open.get(visit.id) ?? 0,
    };
  }

  /** Open findings per visit. */
  private async openFindings(visitIds: string[]): Promise<Map<string, number>> {
    if (visitIds.length === 0) return new Map();
    const groups = await this.prisma.matter.groupBy({
      by: ['patrolVisitId'],
      where: { patrolVisitId: { in: visitIds }, status: { in: [...OPEN_MATTER_STATUSES] } },
      _count: { _all: true },
    });
    return new Map(
      groups.flatMap((g) => (g.patrolVisitId ? [[g.patrolVisitId, g._count._all] as const] : [])),
    );
  }

  // ─── 巡查工作台账 ──────────────────────────────────────────────────────────────────────────

  private placeWhere(reach: Reach, query: PatrolLedgerQuery): Prisma.MatterWhereInput[] {
    const parts: Prisma.MatterWhereInput[] = [{ source: 'patrol' }];
    if ('communityId' in reach) parts.push({ communityId: reach.communityId });
    if ('firmId' in reach) parts.push({ OR: [{ assigneeFirmId: reach.firmId }, { firmId: reach.firmId }] });
    if ('none' in reach) parts.push(NOTHING);
    if (query.compoundId) parts.push({ compoundId: query.compoundId });
    if (query.communityId) parts.push({ communityId: query.communityId });
    if (query.firmId) parts.push({ OR: [{ assigneeFirmId: query.firmId }, { firmId: query.firmId }] });
    if (query.topic) parts.push({ category: query.topic });
    if (query.q)
      parts.push({
        OR: [
          { number: { contains: query.q, mode: 'insensitive' } },
          { location: { contains: query.q, mode: 'insensitive' } },
          { description: { contains: query.q, mode: 'insensitive' } },
        ],
      });
    const from = query.from ? parseLocalDate(query.from) : null;
    const to = query.to ? parseLocalDate(query.to) : null;
    if (from !== null) parts.push({ createdAt: { gte: new Date(from) } });
    if (to !== null) parts.push({ createdAt: { lt: new Date(to + DAY_MS) } });
    return parts;
  }

  private statusWhere(query: PatrolLedgerQuery, now: number): Prisma.MatterWhereInput[] {
    const parts: Prisma.MatterWhereInput[] = [];
    if (query.status) parts.push({ status: { in: query.status } });
    if (query.open === true) parts.push({ status: { in: [...OPEN_MATTER_STATUSES] } });
    if (query.open === false) parts.push({ status: 'closed' });
    if (query.minAgeDays !== undefined)
      parts.push({ createdAt: { lte: new Date(now - query.minAgeDays * DAY_MS) } });
    return parts;
  }

  async ledger(principal: Principal, query: PatrolLedgerQuery): Promise<PatrolLedger> {
    const reach = await this.reach(principal);
    const place = this.placeWhere(reach, query);
    const where: Prisma.MatterWhereInput = { AND: [...place, ...this.statusWhere(query, Date.now())] };
    const [rows, total, findings, rectified, open, patrols] = await Promise.all([
      this.prisma.matter.findMany({
        where,
        include: findingInclude,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.matter.count({ where }),
      this.prisma.matter.count({ where: { AND: place } }),
      this.prisma.matter.count({ where: { AND: [...place, { status: 'closed' }] } }),
      this.prisma.matter.count({ where: { AND: [...place, { status: { in: [...OPEN_MATTER_STATUSES] } }] } }),
      this.prisma.patrolVisit.count({ where: await this.patrolsWhere(reach, query) }),
    ]);
    return {
      items: await this.findingViews(rows),
      total,
      page: query.page,
      pageSize: query.pageSize,
      totals: { patrols, findings, rectified, open },
    };
  }

  /** The findings for the paper file: every row the filter matches, oldest first. */
  async ledgerRows(principal: Principal, query: PatrolLedgerQuery): Promise<PatrolFinding[]> {
    const reach = await this.reach(principal);
    const where: Prisma.MatterWhereInput = {
      AND: [...this.placeWhere(reach, query), ...this.statusWhere(query, Date.now())],
    };
    const rows = await this.prisma.matter.findMany({
      where,
      include: findingInclude,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: MAX_LEDGER_ROWS + 1,
    });
    if (rows.length > MAX_LEDGER_ROWS)
      throw new RefusedError([
        reason(
          'export_too_large',
          `符合条件的记录超过单次导出上限 ${MAX_LEDGER_ROWS} 条，请增加筛选条件。`,
          `More than ${MAX_LEDGER_ROWS} records match; narrow the filter.`,
        ),
      ]);
    return this.findingViews(rows);
  }

  private async patrolsWhere(reach: Reach, query: PatrolLedgerQuery): Promise<Prisma.PatrolVisitWhereInput> {
    const where: Prisma.CompoundWhereInput = {
      AND: [
        this.compoundWhere(reach),
        query.compoundId ? { id: query.compoundId } : {},
        query.communityId ? { communityId: query.communityId } : {},
        query.firmId ? { firmId: query.firmId } : {},
      ],
    };
    const from = query.from ? parseLocalDate(query.from) : null;
    const to = query.to ? parseLocalDate(query.to) : null;
    const compounds = await this.prisma.compound.findMany({ where, select: { id: true } });
    return {
      status: 'done',
      compoundId: { in: compounds.map((c) => c.id) },
      ...(from !== null || to !== null
        ? {
            doneAt: {
              ...(from !== null ? { gte: new Date(from) } : {}),
              ...(to !== null ? { lt: new Date(to + DAY_MS) } : {}),
            },
          }
        : {}),
    };
  }

  private async findingViews(rows: FindingRow[]): Promise<PatrolFinding[]> {
    const now = Date.now();
    const visitIds = [...new Set(rows.flatMap((r) => (r.patrolVisitId ? [r.patrolVisitId] : [])))];
    const firmIds = [...new Set(rows.flatMap((r) => (r.assigneeFirmId ? [r.assigneeFirmId] : [])))];
    const partyIds = [...new Set(rows.flatMap((r) => (r.assigneePartyId ? [r.assigneePartyId] : [])))];
    const select = { id: true, name: true } as const;
    const [visits, communities, firms, parties] = await Promise.all([
      this.prisma.patrolVisit.findMany({
        where: { id: { in: visitIds } },
        select: { id: true, plannedOn: true, doneAt: true },
      }),
      this.prisma.community.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.communityId))] } },
        select,
      }),
      this.prisma.firm.findMany({ where: { id: { in: firmIds } }, select }),
      this.prisma.party.findMany({ where: { id: { in: partyIds } }, select }),
    ]);
    const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
    const visitOf = byId(visits);
    const names = { communities: byId(communities), firms: byId(firms), parties: byId(parties) };
    return rows.map((row): PatrolFinding => {
      const visit = row.patrolVisitId ? visitOf.get(row.patrolVisitId) : undefined;
      const assignee: PatrolFinding['assignee'] =
        row.assigneeKind === 'firm' && row.assigneeFirmId
          ? {
              kind: 'firm',
              id: row.assigneeFirmId,
              name: names.firms.get(row.assigneeFirmId)?.name ?? row.assigneeFirmId,
            }
          : row.assigneeKind === 'party' && row.assigneePartyId
            ? {
                kind: 'party',
                id: row.assigneePartyId,
                name: names.parties.get(row.assigneePartyId)?.name ?? row.assigneePartyId,
              }
            : null;
      return {
        id: row.id,
        number: row.number,
        topic: coded(categoryOf(row.category), MATTER_CATEGORY_LABELS),
        status: coded(row.status, MATTER_STATUS_LABELS),
        compound: row.compound,
        community: {
          id: row.communityId,
          name: names.communities.get(row.communityId)?.name ?? row.communityId,
        },
        assignee,
        location: row.location,
        description: row.description,
        createdAt: formatInstant(row.createdAt),
        resolveBy: formatInstantOrNull(row.resolveBy),
        closedAt: formatInstantOrNull(row.closedAt),
        ageDays: Math.max(
          0,
          Math.floor(((row.closedAt?.getTime() ?? now) - row.createdAt.getTime()) / DAY_MS),
        ),
        visit: visit
          ? { id: visit.id, plannedOn: dayOf(visit.plannedOn), doneAt: formatInstantOrNull(visit.doneAt) }
          : null,
      };
    });
  }
}
