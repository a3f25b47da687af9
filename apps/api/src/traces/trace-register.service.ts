import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import {
  DAY_MS,
  EQUIPMENT_TYPE_RULES,
  FIRM_STAFF_ROLE_LABELS,
  LOGBOOK_KINDS,
  addLocalDays,
  equipmentLabelPath,
  equipmentSchedule,
  formatInstant,
  formatInstantOrNull,
  formatLocalDate,
  nextUpkeep,
  onTimeByRole,
  reason,
  startOfLocalDay,
  stewardsFor,
  traceAuditStream,
  type CreateEquipmentInput,
  type LogbookKind,
  type Locale,
  type PatrolRouteInput,
  type SetPatrolRouteActiveInput,
  type StewardAssignmentInput,
  type UpdateEquipmentInput,
  type WorkingDayTest,
} from '@pilot/domain';
import type { ApiConfig } from '../config.js';
import { itemError } from '../matters/matter-input.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { API_CONFIG, PRISMA } from '../platform/tokens.js';
import { fieldError } from '../platform/validation/field-error.js';
import type {
  CompoundStaff,
  CompoundTraces,
  EquipmentView,
  MyStewards,
  PatrolRouteView,
  StewardView,
} from './trace.dto.js';
import { checkOwnCompound } from '../compounds/own-compound.js';
import { TraceFactsReader, checkpointsOf, missedOf } from './trace-facts.js';
import { traceCompoundScope, writesFor } from './trace-scope.js';
import { UpkeepGateway } from './upkeep.gateway.js';

type Tx = Prisma.TransactionClient;
type EquipmentRow = Prisma.EquipmentGetPayload<{
  include: { compound: { select: { id: true; name: true } } };
}>;
type RouteRow = Prisma.PatrolRouteGetPayload<object>;
type StewardRow = Prisma.StewardAssignmentGetPayload<object>;

/** The window 规范操作 is shown over on a compound's page. */
const OPERATION_WINDOW_DAYS = 30;

const notFirm = () =>
  new RefusedError([
    reason(
      'traces_firm_only',
      '只有物业企业账号可以登记台账和记录。',
      'Only a firm’s staff keep the register and logbooks.',
    ),
  ]);

/**
 * 痕迹化管理, the register side: a compound's equipment (设施设备台账) with the person responsible for
 * each item, the firm's patrol routes and its 物业管家. The firm writes its own compounds' records;
 * the working group, admins and the pilot's inspectors read them. Each change is one transaction with
 * its audit entry in the compound's trace stream, and a register change tells the compound's upkeep
 * workflow to plan again.
 */
@Injectable()
export class TraceRegisterService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TraceFactsReader) private readonly facts: TraceFactsReader,
    @Inject(UpkeepGateway) private readonly upkeep: UpkeepGateway,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** The compound the caller may read, or 404 (the same for unknown and out of scope). */
  async readable(principal: Principal, compoundId: string) {
    const compound = await this.prisma.compound.findFirst({
      where: { AND: [traceCompoundScope(principal), { id: compoundId }] },
      select: {
        id: true,
        name: true,
        firmId: true,
        active: true,
        firm: { select: { id: true, name: true } },
      },
    });
    if (!compound) throw new NotFoundError(`compound ${compoundId}`);
    return compound;
  }

  /** The caller's firm, when the compound is one of its active ones; a field error on the compound otherwise. */
  async writable(principal: Principal, compoundId: string, locale: Locale): Promise<string> {
    if (principal.role !== 'firm' || !principal.firmId) throw notFirm();
    await checkOwnCompound(this.prisma, principal.firmId, compoundId, locale);
    return principal.firmId;
  }

  async overview(principal: Principal, compoundId: string): Promise<CompoundTraces> {
    const compound = await this.readable(principal, compoundId);
    const nowMs = Date.now();
    const untilMs = startOfLocalDay(nowMs);
    const fromMs = addLocalDays(untilMs, -OPERATION_WINDOW_DAYS);
    const [isWorking, equipment, routes, stewards, recent, facts] = await Promise.all([
      this.facts.workingDays(),
      this.prisma.equipment.findMany({
        where: { compoundId },
        include: { compound: { select: { id: true, name: true } } },
        orderBy: [{ active: 'desc' }, { code: 'asc' }],
      }),
      this.prisma.patrolRoute.findMany({
        where: { compoundId },
        orderBy: [{ active: 'desc' }, { createdAt: 'asc' }],
      }),
      this.prisma.stewardAssignment.findMany({
        where: { compoundId, active: true },
        orderBy: { createdAt: 'asc' },
      }),
      this.prisma.logbookEntry.groupBy({
        by: ['kind'],
        where: { compoundId, occurredAt: { gte: new Date(nowMs - OPERATION_WINDOW_DAYS * DAY_MS) } },
        _count: { _all: true },
      }),
      this.facts.facts(compoundId, fromMs, untilMs),
    ]);
    const counts = Object.fromEntries(LOGBOOK_KINDS.map((k) => [k, 0])) as Record<LogbookKind, number>;
    for (const g of recent) counts[g.kind] = g._count._all;
    const operation = onTimeByRole(facts, isWorking);
    return {
      compound: { id: compound.id, name: compound.name, firm: compound.firm },
      equipment: await this.equipmentViews(equipment, isWorking, nowMs),
      routes: await this.routeViews(routes),
      stewards: await this.stewardViews(stewards),
      recent: counts,
      operation: {
        from: formatLocalDate(fromMs),
        to: formatLocalDate(untilMs - 1),
        roles: operation.roles,
        total: operation.total,
      },
      graceHours: this.config.traces.graceHours,
      visitorRetentionDays: this.config.traces.visitorRetentionDays,
      writable: writesFor(principal, compound),
    };
  }

  /** 登记设备: the intervals default from the type; the label number is unique in the compound. */
  async createEquipment(
    principal: Principal,
    input: CreateEquipmentInput,
    locale: Locale,
  ): Promise<EquipmentView> {
    const firmId = await this.writable(principal, input.compoundId, locale);
    await this.checkResponsible(firmId, input.responsibleUserId, locale);
    const schedule = equipmentSchedule(input);
    const id = `eq-${randomUUID()}`;
    await this.prisma.$transaction(async (tx) => {
      await this.checkCode(tx, input.compoundId, input.assetCode, null, locale);
      await tx.equipment.create({
        data: {
          id,
          compoundId: input.compoundId,
          code: input.assetCode,
          type: input.equipmentType,
          name: input.name,
          keyPart: input.keyPart,
          location: input.site,
          responsibleUserId: input.responsibleUserId,
          responsibleName: input.responsibleName,
          responsiblePhone: input.responsiblePhone,
          contractor: input.contractor,
          contractorPhone: input.contractorPhone,
          ...schedule,
          createdById: principal.userId,
        },
      });
      await this.audit.append(tx, principal, {
        stream: traceAuditStream(input.compoundId),
        action: 'equipment.create',
        entityType: 'equipment',
        entityId: id,
        after: { ...input, ...schedule },
      });
    });
    await this.upkeep.registerChanged(input.compoundId, firmId);
    return this.equipment(principal, id);
  }

  /** 修改台账: a deactivated item leaves the schedule and keeps its records. */
  async updateEquipment(
    principal: Principal,
    input: UpdateEquipmentInput,
    locale: Locale,
  ): Promise<EquipmentView> {
    const current = await this.prisma.equipment.findFirst({
      where: { id: input.equipmentId, compound: traceCompoundScope(principal) },
    });
    if (!current) throw new NotFoundError(`equipment ${input.equipmentId}`);
    const firmId = await this.writable(principal, current.compoundId, locale);
    if (input.responsibleUserId !== undefined)
      await this.checkResponsible(firmId, input.responsibleUserId, locale);
    const data: Prisma.EquipmentUpdateInput = {
      ...(input.assetCode !== undefined && { code: input.assetCode }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.keyPart !== undefined && { keyPart: input.keyPart }),
      ...(input.site !== undefined && { location: input.site }),
      ...(input.responsibleUserId !== undefined && { responsibleUserId: input.responsibleUserId }),
      ...(input.responsibleName !== undefined && { responsibleName: input.responsibleName }),
      ...(input.responsiblePhone !== undefined && { responsiblePhone: input.responsiblePhone }),
      ...(input.contractor !== undefined && { contractor: input.contractor }),
      ...(input.contractorPhone !== undefined && { contractorPhone: input.contractorPhone }),
      ...(input.maintenanceIntervalDays !== undefined && {
        maintenanceIntervalDays: input.maintenanceIntervalDays,
      }),
      ...(input.inspectionIntervalDays !== undefined && {
        inspectionIntervalDays: input.inspectionIntervalDays,
      }),
      ...(input.staffRole !== undefined && { staffRole: input.staffRole }),
      ...(input.active !== undefined && { active: input.active }),
    };
    await this.prisma.$transaction(async (tx) => {
      if (input.assetCode !== undefined)
        await this.checkCode(tx, current.compoundId, input.assetCode, current.id, locale);
      await tx.equipment.update({ where: { id: current.id }, data });
      const { equipmentId, ...changes } = input;
      await this.audit.append(tx, principal, {
        stream: traceAuditStream(current.compoundId),
        action: 'equipment.update',
        entityType: 'equipment',
        entityId: equipmentId,
        before: Object.fromEntries(
          Object.keys(data).map((key) => [key, (current as Record<string, unknown>)[key] ?? null]),
        ),
        after: changes,
      });
    });
    await this.upkeep.registerChanged(current.compoundId, firmId);
    return this.equipment(principal, current.id);
  }

  async equipment(principal: Principal, id: string): Promise<EquipmentView> {
    const row = await this.prisma.equipment.findFirst({
      where: { id, compound: traceCompoundScope(principal) },
      include: { compound: { select: { id: true, name: true } } },
    });
    if (!row) throw new NotFoundError(`equipment ${id}`);
    const [view] = await this.equipmentViews([row], await this.facts.workingDays(), Date.now());
    return view!;
  }

  /** 巡检路线: the firm's own route over checkpoints of the compound. */
  async createRoute(principal: Principal, input: PatrolRouteInput, locale: Locale): Promise<PatrolRouteView> {
    const firmId = await this.writable(principal, input.compoundId, locale);
    const id = `rt-${randomUUID()}`;
    await this.prisma.$transaction(async (tx) => {
      await tx.patrolRoute.create({
        data: {
          id,
          compoundId: input.compoundId,
          name: input.name,
          staffRole: input.staffRole,
          intervalDays: input.intervalDays,
          checkpoints: input.checkpoints,
          createdById: principal.userId,
        },
      });
      await this.audit.append(tx, principal, {
        stream: traceAuditStream(input.compoundId),
        action: 'patrol_route.create',
        entityType: 'patrol_route',
        entityId: id,
        after: { ...input, firmId },
      });
    });
    return this.route(principal, id);
  }

  /** Retire a route (or bring it back): its rounds stay on record. */
  async setRouteActive(
    principal: Principal,
    input: SetPatrolRouteActiveInput,
    locale: Locale,
  ): Promise<PatrolRouteView> {
    const current = await this.prisma.patrolRoute.findFirst({
      where: { id: input.routeId, compound: traceCompoundScope(principal) },
    });
    if (!current) throw new NotFoundError(`patrol route ${input.routeId}`);
    await this.writable(principal, current.compoundId, locale);
    if (current.active !== input.active)
      await this.prisma.$transaction(async (tx) => {
        await tx.patrolRoute.update({ where: { id: current.id }, data: { active: input.active } });
        await this.audit.append(tx, principal, {
          stream: traceAuditStream(current.compoundId),
          action: input.active ? 'patrol_route.activate' : 'patrol_route.retire',
          entityType: 'patrol_route',
          entityId: current.id,
          before: { active: current.active },
          after: { active: input.active },
        });
      });
    return this.route(principal, current.id);
  }

  async route(principal: Principal, id: string): Promise<PatrolRouteView> {
    const row = await this.prisma.patrolRoute.findFirst({
      where: { id, compound: traceCompoundScope(principal) },
    });
    if (!row) throw new NotFoundError(`patrol route ${id}`);
    const [view] = await this.routeViews([row]);
    return view!;
  }

  /** 物业管家: one of the firm's own accounts for some buildings; a building has one steward at a time. */
  async assignSteward(
    principal: Principal,
    input: StewardAssignmentInput,
    locale: Locale,
  ): Promise<StewardView> {
    const firmId = await this.writable(principal, input.compoundId, locale);
    const user = await this.prisma.user.findUnique({
      where: { id: input.userId },
      select: { role: true, firmId: true, active: true },
    });
    if (!user?.active || user.role !== 'firm' || user.firmId !== firmId)
      throw fieldError('userId', locale, {
        zh: '请选择本企业的在职人员账号。',
        en: 'Choose an active account of your firm.',
      });
    const id = `st-${randomUUID()}`;
    await this.prisma.$transaction(async (tx) => {
      const others = await tx.stewardAssignment.findMany({
        where: { compoundId: input.compoundId, active: true, userId: { not: input.userId } },
        select: { buildings: true },
      });
      const taken = new Set(others.flatMap((o) => o.buildings));
      for (const [index, building] of input.servedBuildings.entries())
        if (taken.has(building))
          throw itemError(['servedBuildings', index], locale, {
            zh: `${building}已有物业管家，请先结束其服务。`,
            en: `${building} has a steward already; end that service first.`,
          });
      // A user's new assignment replaces their old one in the compound.
      const previous = await tx.stewardAssignment.findMany({
        where: { compoundId: input.compoundId, active: true, userId: input.userId },
      });
      await tx.stewardAssignment.updateMany({
        where: { id: { in: previous.map((p) => p.id) } },
        data: { active: false },
      });
      await tx.stewardAssignment.create({
        data: {
          id,
          compoundId: input.compoundId,
          userId: input.userId,
          buildings: input.servedBuildings,
          phone: input.phone,
          note: input.note,
        },
      });
      await this.audit.append(tx, principal, {
        stream: traceAuditStream(input.compoundId),
        action: 'steward.assign',
        entityType: 'steward_assignment',
        entityId: id,
        before:
          previous.length > 0
            ? { replaced: previous.map((p) => ({ id: p.id, buildings: p.buildings })) }
            : undefined,
        after: { userId: input.userId, buildings: input.servedBuildings, phone: input.phone },
      });
    });
    const [view] = await this.stewardViews([
      await this.prisma.stewardAssignment.findUniqueOrThrow({ where: { id } }),
    ]);
    return view!;
  }

  async endSteward(principal: Principal, stewardId: string, locale: Locale): Promise<void> {
    const current = await this.prisma.stewardAssignment.findFirst({
      where: { id: stewardId, active: true, compound: traceCompoundScope(principal) },
    });
    if (!current) throw new NotFoundError(`steward ${stewardId}`);
    await this.writable(principal, current.compoundId, locale);
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.stewardAssignment.updateMany({
        where: { id: current.id, active: true },
        data: { active: false },
      });
      if (count === 0) return;
      await this.audit.append(tx, principal, {
        stream: traceAuditStream(current.compoundId),
        action: 'steward.end',
        entityType: 'steward_assignment',
        entityId: current.id,
        before: { userId: current.userId, buildings: current.buildings },
      });
    });
  }

  /**
   * The compound's firm's active accounts, for naming a steward or the person responsible. The firm
   * sees its own staff; the working group and admins any compound's; an inspector has no need.
   */
  async staff(principal: Principal, compoundId: string): Promise<CompoundStaff> {
    const compound = await this.readable(principal, compoundId);
    const staff = compound.firmId
      ? await this.prisma.user.findMany({
          where: { role: 'firm', firmId: compound.firmId, active: true },
          select: { id: true, displayName: true },
          orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
        })
      : [];
    return { compound: { id: compound.id, name: compound.name }, staff };
  }

  /** A resident's stewards: those serving their building, else the compound's. */
  async myStewards(principal: Principal): Promise<MyStewards> {
    if (principal.role !== 'resident' || !principal.compoundId) throw new NotFoundError('resident compound');
    const [compound, user, rows] = await Promise.all([
      this.prisma.compound.findUnique({
        where: { id: principal.compoundId },
        select: { id: true, name: true },
      }),
      this.prisma.user.findUnique({ where: { id: principal.userId }, select: { residence: true } }),
      this.prisma.stewardAssignment.findMany({
        where: { compoundId: principal.compoundId, active: true },
        orderBy: { createdAt: 'asc' },
      }),
    ]);
    if (!compound) throw new NotFoundError('resident compound');
    const found = stewardsFor(
      user?.residence ?? null,
      rows.map((r) => ({ ...r, buildings: r.buildings })),
    );
    return { compound, matched: found.matched, stewards: await this.stewardViews(found.stewards) };
  }

  private async checkResponsible(firmId: string, userId: string | null, locale: Locale): Promise<void> {
    if (userId === null) return;
    const user = await this.prisma.user.findUnique({
      where: { id: userId },
      select: { role: true, firmId: true, active: true },
    });
    if (!user?.active || user.role !== 'firm' || user.firmId !== firmId)
      throw fieldError('responsibleUserId', locale, {
        zh: '设备责任人须是本企业的在职人员账号。',
        en: 'The person responsible must be an active account of your firm.',
      });
  }

  private async checkCode(
    tx: Tx,
    compoundId: string,
    code: string,
    self: string | null,
    locale: Locale,
  ): Promise<void> {
    const taken = await tx.equipment.findFirst({
      where: { compoundId, code, ...(self && { id: { not: self } }) },
      select: { id: true },
    });
    if (taken)
      throw fieldError('assetCode', locale, {
        zh: `本小区已有编号为 ${code} 的设备。`,
        en: `The compound has an item numbered ${code} already.`,
      });
  }

  private async equipmentViews(
    rows: readonly EquipmentRow[],
    isWorking: WorkingDayTest,
    nowMs: number,
  ): Promise<EquipmentView[]> {
    if (rows.length === 0) return [];
    const entries = await this.prisma.logbookEntry.findMany({
      where: { equipmentId: { in: rows.map((r) => r.id) }, kind: { in: ['maintenance', 'inspection'] } },
      select: { id: true, equipmentId: true, kind: true, occurredAt: true, correctsId: true },
      orderBy: { occurredAt: 'desc' },
    });
    const corrected = new Set(entries.flatMap((e) => (e.correctsId ? [e.correctsId] : [])));
    const last = (id: string, kind: LogbookKind) =>
      entries.find((e) => e.equipmentId === id && e.kind === kind && !corrected.has(e.id))?.occurredAt ??
      null;
    return rows.map((row) => {
      const lastMaintenance = last(row.id, 'maintenance');
      let nextMaintenance: EquipmentView['nextMaintenance'] = null;
      if (row.maintenanceIntervalDays !== null && row.active) {
        const due = nextUpkeep(
          isWorking,
          (lastMaintenance ?? row.createdAt).getTime(),
          row.maintenanceIntervalDays,
        );
        nextMaintenance = {
          dueOn: formatLocalDate(due.dueDayMs),
          shifted: due.shift !== 'none',
          remindFrom: formatInstant(due.remindAtMs),
          state: nowMs >= due.overdueAtMs ? 'overdue' : nowMs >= due.remindAtMs ? 'due_soon' : 'scheduled',
        };
      }
      return {
        id: row.id,
        compound: row.compound,
        assetCode: row.code,
        equipmentType: { code: row.type, label: EQUIPMENT_TYPE_RULES[row.type].label },
        name: row.name,
        keyPart: row.keyPart,
        site: row.location,
        responsible: {
          userId: row.responsibleUserId,
          name: row.responsibleName,
          phone: row.responsiblePhone,
        },
        contractor: row.contractor,
        contractorPhone: row.contractorPhone,
        maintenanceIntervalDays: row.maintenanceIntervalDays,
        inspectionIntervalDays: row.inspectionIntervalDays,
        staffRole: { code: row.staffRole, label: FIRM_STAFF_ROLE_LABELS[row.staffRole] },
        active: row.active,
        labelPath: equipmentLabelPath(row.id),
        createdAt: formatInstant(row.createdAt),
        lastMaintenanceAt: formatInstantOrNull(lastMaintenance),
        lastInspectionAt: formatInstantOrNull(last(row.id, 'inspection')),
        nextMaintenance,
      };
    });
  }

  private async routeViews(rows: readonly RouteRow[]): Promise<PatrolRouteView[]> {
    if (rows.length === 0) return [];
    // The latest round per route: DISTINCT ON keeps one row each, however long the logbook.
    const latest = await this.prisma.logbookEntry.findMany({
      where: { routeId: { in: rows.map((r) => r.id) }, kind: 'patrol' },
      distinct: ['routeId'],
      orderBy: [{ routeId: 'asc' }, { occurredAt: 'desc' }],
      select: { routeId: true, occurredAt: true, details: true },
    });
    const byRoute = new Map(latest.map((l) => [l.routeId, l]));
    return rows.map((row) => {
      const last = byRoute.get(row.id);
      return {
        id: row.id,
        compoundId: row.compoundId,
        name: row.name,
        staffRole: { code: row.staffRole, label: FIRM_STAFF_ROLE_LABELS[row.staffRole] },
        intervalDays: row.intervalDays,
        checkpoints: checkpointsOf(row.checkpoints),
        active: row.active,
        lastRoundAt: formatInstantOrNull(last?.occurredAt),
        lastMissed: last ? missedOf(last.details) : [],
      };
    });
  }

  private async stewardViews(rows: readonly StewardRow[]): Promise<StewardView[]> {
    if (rows.length === 0) return [];
    const users = new Map(
      (
        await this.prisma.user.findMany({
          where: { id: { in: rows.map((r) => r.userId) } },
          select: { id: true, displayName: true },
        })
      ).map((u) => [u.id, u]),
    );
    return rows.map((row) => ({
      id: row.id,
      compoundId: row.compoundId,
      user: users.get(row.userId) ?? { id: row.userId, displayName: row.userId },
      servedBuildings: row.buildings,
      phone: row.phone,
      note: row.note,
      since: formatInstant(row.createdAt),
    }));
  }
}
