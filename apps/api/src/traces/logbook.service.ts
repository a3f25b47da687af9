import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import {
  DAY_MS,
  LOGBOOK_KIND_LABELS,
  addLocalDays,
  formatInstant,
  formatInstantOrNull,
  missedCheckpoints,
  parseLocalDate,
  refuseEntryTime,
  traceAuditStream,
  type ListLogbookEntriesQuery,
  type Locale,
  type RecordLogbookEntryInput,
} from '@pilot/domain';
import type { ApiConfig } from '../config.js';
import { itemError } from '../matters/matter-input.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { NotFoundError } from '../platform/errors/api-errors.js';
import { pageArgs } from '../platform/pagination.js';
import { API_CONFIG, PRISMA } from '../platform/tokens.js';
import { fieldError } from '../platform/validation/field-error.js';
import type { EquipmentRecord, LogbookEntryPage, LogbookEntryView, PatrolRouteRecord } from './trace.dto.js';
import { checkpointsOf, missedOf } from './trace-facts.js';
import { TraceRegisterService } from './trace-register.service.js';
import { seesVisitors, traceCompoundScope, writesFor } from './trace-scope.js';
import { UpkeepGateway } from './upkeep.gateway.js';
import { PHOTO_TYPES } from '../evidence/evidence-files.js';

type Tx = Prisma.TransactionClient;

const include = {
  compound: { select: { id: true, name: true } },
  equipment: { select: { id: true, code: true, name: true } },
  route: { select: { id: true, name: true } },
} as const;
type EntryRow = Prisma.LogbookEntryGetPayload<{ include: typeof include }>;

/** Entries an item's record page lists. */
const RECORD_ENTRIES = 20;

const text = (details: Prisma.JsonValue, key: string): string | null => {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return null;
  const value = details[key];
  return typeof value === 'string' ? value : null;
};
const strings = (details: Prisma.JsonValue, key: string): string[] => {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return [];
  const value = details[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

/**
 * 痕迹化管理, the logbook side: a firm's staff write entries as the work is done — timestamped,
 * attributed, never changed (the table refuses UPDATE and DELETE); a mistake is corrected by a new
 * entry pointing at the old one. A visitor's name and phone are kept apart and deleted at the end of
 * the stated retention; everyone but the firm sees only that a visit was logged.
 */
@Injectable()
export class LogbookService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TraceRegisterService) private readonly register: TraceRegisterService,
    @Inject(UpkeepGateway) private readonly upkeep: UpkeepGateway,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async record(
    principal: Principal,
    input: RecordLogbookEntryInput,
    locale: Locale,
  ): Promise<LogbookEntryView> {
    const firmId = await this.register.writable(principal, input.compoundId, locale);
    const nowMs = Date.now();
    const occurredAtMs = input.occurredAt === undefined ? nowMs : Date.parse(input.occurredAt);
    const id = `lb-${randomUUID()}`;
    const retentionMs = this.config.traces.visitorRetentionDays * DAY_MS;
    await this.prisma.$transaction(async (tx) => {
      const correcting = await this.checkCorrection(tx, input, locale);
      const refusal = refuseEntryTime(
        occurredAtMs,
        nowMs,
        this.config.traces.graceHours,
        correcting && { occurredAtMs: correcting.occurredAt.getTime() },
      );
      if (refusal) throw fieldError('occurredAt', locale, refusal);
      const subject = await this.checkSubject(tx, input, locale);
      await this.checkPhotos(tx, principal, input.photoIds, locale);
      const purgeAfter = input.entryKind === 'visitor' ? new Date(nowMs + retentionMs) : null;
      await tx.logbookEntry.create({
        data: {
          id,
          compoundId: input.compoundId,
          firmId,
          kind: input.entryKind,
          equipmentId: subject.equipmentId,
          routeId: subject.routeId,
          occurredAt: new Date(occurredAtMs),
          recordedAt: new Date(nowMs),
          recordedById: principal.userId,
          recordedByName: principal.displayName,
          summary: input.summary,
          details: subject.details,
          photoIds: input.photoIds,
          correctsId: input.correctsId,
          purgeAfter,
        },
      });
      if (input.entryKind === 'visitor')
        await tx.visitorRecord.create({
          data: {
            entryId: id,
            compoundId: input.compoundId,
            name: input.visitorName,
            phone: input.visitorPhone,
            visiting: input.visiting,
            purgeAfter: purgeAfter!,
          },
        });
      if (input.photoIds.length > 0)
        await tx.evidence.updateMany({ where: { id: { in: input.photoIds } }, data: { logbookEntryId: id } });
      // The audit keeps what was recorded, never a visitor's personal data.
      await this.audit.append(tx, principal, {
        stream: traceAuditStream(input.compoundId),
        action: input.correctsId ? 'logbook.correct' : 'logbook.record',
        entityType: 'logbook_entry',
        entityId: id,
        after: {
          kind: input.entryKind,
          occurredAt: formatInstant(occurredAtMs),
          equipmentId: subject.equipmentId,
          routeId: subject.routeId,
          correctsId: input.correctsId,
          photoIds: input.photoIds,
          ...(input.entryKind === 'visitor'
            ? { purgeAfter: formatInstantOrNull(purgeAfter) }
            : { details: subject.details }),
        },
      });
    });
    // What the upkeep workflow schedules from: a maintenance moves the next due day, a visitor adds a deletion.
    if (input.entryKind === 'maintenance' || input.entryKind === 'visitor')
      await this.upkeep.registerChanged(input.compoundId, firmId);
    return this.entry(principal, id);
  }

  async list(
    principal: Principal,
    query: ListLogbookEntriesQuery,
    locale: Locale,
  ): Promise<LogbookEntryPage> {
    await this.register.readable(principal, query.compoundId);
    const day = (value: string | undefined, field: string) => {
      if (value === undefined) return undefined;
      const ms = parseLocalDate(value);
      if (ms === null) throw fieldError(field, locale, { zh: '不是有效的日期。', en: 'Not a valid date.' });
      return ms;
    };
    const fromMs = day(query.from, 'from');
    const toMs = day(query.to, 'to');
    const where: Prisma.LogbookEntryWhereInput = {
      compoundId: query.compoundId,
      ...(query.kind && { kind: { in: query.kind } }),
      ...(query.equipmentId && { equipmentId: query.equipmentId }),
      ...(query.routeId && { routeId: query.routeId }),
      ...((fromMs !== undefined || toMs !== undefined) && {
        occurredAt: {
          ...(fromMs !== undefined && { gte: new Date(fromMs) }),
          ...(toMs !== undefined && { lt: new Date(addLocalDays(toMs, 1)) }),
        },
      }),
    };
    const [rows, total] = await Promise.all([
      this.prisma.logbookEntry.findMany({
        where,
        include,
        orderBy: [{ occurredAt: 'desc' }, { id: 'asc' }],
        ...pageArgs(query),
      }),
      this.prisma.logbookEntry.count({ where }),
    ]);
    return { items: await this.views(principal, rows), total, page: query.page, pageSize: query.pageSize };
  }

  async entry(principal: Principal, id: string): Promise<LogbookEntryView> {
    const row = await this.prisma.logbookEntry.findFirst({
      where: { id, compound: traceCompoundScope(principal) },
      include,
    });
    if (!row) throw new NotFoundError(`logbook entry ${id}`);
    const [view] = await this.views(principal, [row]);
    return view!;
  }

  /** What a QR label opens: the item and its latest entries. */
  async equipmentRecord(principal: Principal, equipmentId: string): Promise<EquipmentRecord> {
    const equipment = await this.register.equipment(principal, equipmentId);
    const [rows, compound] = await Promise.all([
      this.prisma.logbookEntry.findMany({
        where: { equipmentId },
        include,
        orderBy: [{ occurredAt: 'desc' }, { id: 'asc' }],
        take: RECORD_ENTRIES,
      }),
      this.register.readable(principal, equipment.compound.id),
    ]);
    return {
      equipment,
      entries: await this.views(principal, rows),
      graceHours: this.config.traces.graceHours,
      writable: writesFor(principal, compound),
    };
  }

  /** What the walk page opens: the route and its latest rounds. */
  async routeRecord(principal: Principal, routeId: string): Promise<PatrolRouteRecord> {
    const route = await this.register.route(principal, routeId);
    const [rows, compound] = await Promise.all([
      this.prisma.logbookEntry.findMany({
        where: { routeId },
        include,
        orderBy: [{ occurredAt: 'desc' }, { id: 'asc' }],
        take: RECORD_ENTRIES,
      }),
      this.register.readable(principal, route.compoundId),
    ]);
    return {
      compound: { id: compound.id, name: compound.name },
      route,
      rounds: await this.views(principal, rows),
      graceHours: this.config.traces.graceHours,
      writable: writesFor(principal, compound),
    };
  }

  /** A correction names an entry of the same compound and kind that no other entry corrects yet. */
  private async checkCorrection(tx: Tx, input: RecordLogbookEntryInput, locale: Locale) {
    if (input.correctsId === null) return null;
    const old = await tx.logbookEntry.findUnique({
      where: { id: input.correctsId },
      select: { id: true, compoundId: true, kind: true, occurredAt: true },
    });
    if (!old || old.compoundId !== input.compoundId || old.kind !== input.entryKind)
      throw fieldError('correctsId', locale, {
        zh: '只能更正本小区同类的记录。',
        en: 'Only an entry of the same compound and kind can be corrected.',
      });
    const already = await tx.logbookEntry.findFirst({ where: { correctsId: old.id }, select: { id: true } });
    if (already)
      throw fieldError('correctsId', locale, {
        zh: '该记录已被更正，请在最新的更正记录上更正。',
        en: 'That entry is corrected already; correct the latest correction instead.',
      });
    return old;
  }

  /** The item or route an entry is about, in the same compound and in use, and the kind's own fields. */
  private async checkSubject(tx: Tx, input: RecordLogbookEntryInput, locale: Locale) {
    const item = async (equipmentId: string) => {
      const row = await tx.equipment.findUnique({
        where: { id: equipmentId },
        select: { compoundId: true, active: true },
      });
      if (!row || row.compoundId !== input.compoundId || !row.active)
        throw fieldError('equipmentId', locale, {
          zh: '请选择本小区台账中在用的设备。',
          en: 'Choose an item in use on this compound’s register.',
        });
      return equipmentId;
    };
    switch (input.entryKind) {
      case 'operation':
        return { equipmentId: await item(input.equipmentId), routeId: null, details: {} };
      case 'maintenance':
        return {
          equipmentId: await item(input.equipmentId),
          routeId: null,
          details: { technician: input.technician, result: input.result },
        };
      case 'inspection':
        return {
          equipmentId: await item(input.equipmentId),
          routeId: null,
          details: { result: input.result },
        };
      case 'acceptance':
        return {
          equipmentId: input.equipmentId === null ? null : await item(input.equipmentId),
          routeId: null,
          details: {
            contractor: input.contractor,
            work: input.work,
            result: input.result,
            accepterName: input.accepterName,
          },
        };
      case 'visitor':
        // The personal data goes to visitor_record, which is deleted at the end of the retention.
        return { equipmentId: null, routeId: null, details: {} };
      case 'patrol': {
        const route = await tx.patrolRoute.findUnique({
          where: { id: input.routeId },
          select: { compoundId: true, active: true, checkpoints: true },
        });
        if (!route || route.compoundId !== input.compoundId || !route.active)
          throw fieldError('routeId', locale, {
            zh: '请选择本小区在用的巡检路线。',
            en: 'Choose a route in use at this compound.',
          });
        const points = checkpointsOf(route.checkpoints);
        const codes = new Set(points.map((p) => p.code));
        for (const [index, code] of input.visited.entries())
          if (!codes.has(code))
            throw itemError(['visited', index], locale, {
              zh: `巡检点 ${code} 不在这条路线上。`,
              en: `Checkpoint ${code} is not on this route.`,
            });
        return {
          equipmentId: null,
          routeId: input.routeId,
          details: {
            visited: input.visited,
            missed: missedCheckpoints({ checkpoints: points }, input.visited),
          },
        };
      }
    }
  }

  /** Photos must be the caller's own uploads, images, and taken by no pilot, matter, case or entry. */
  private async checkPhotos(
    tx: Tx,
    principal: Principal,
    ids: readonly string[],
    locale: Locale,
  ): Promise<void> {
    if (ids.length === 0) return;
    const rows = new Map(
      (await tx.evidence.findMany({ where: { id: { in: [...ids] } } })).map((r) => [r.id, r]),
    );
    for (const [index, id] of ids.entries()) {
      const row = rows.get(id);
      const free =
        row !== undefined &&
        row.uploadedById === principal.userId &&
        row.enrollmentId === null &&
        row.matterId === null &&
        row.caseId === null &&
        row.logbookEntryId === null &&
        PHOTO_TYPES.has(row.contentType);
      if (!free)
        throw itemError(['photoIds', index], locale, {
          zh: `照片 ${id} 不是您为这条记录上传的照片。`,
          en: `Photo ${id} is not a photo you uploaded for this entry.`,
        });
    }
  }

  private async views(principal: Principal, rows: readonly EntryRow[]): Promise<LogbookEntryView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const visitors = seesVisitors(principal);
    const [corrections, photos, people] = await Promise.all([
      this.prisma.logbookEntry.findMany({
        where: { correctsId: { in: ids } },
        select: { id: true, correctsId: true },
        orderBy: { recordedAt: 'asc' },
      }),
      this.prisma.evidence.findMany({
        where: { id: { in: rows.flatMap((r) => r.photoIds) } },
        select: { id: true, fileName: true, contentType: true },
      }),
      visitors
        ? this.prisma.visitorRecord.findMany({ where: { entryId: { in: ids } } })
        : Promise.resolve([]),
    ]);
    const photoById = new Map(photos.map((p) => [p.id, p]));
    const personOf = new Map(people.map((p) => [p.entryId, p]));
    return rows.map((row) => {
      const person = personOf.get(row.id);
      const hidden = row.kind === 'visitor' && !visitors;
      return {
        id: row.id,
        compound: row.compound,
        entryKind: { code: row.kind, label: LOGBOOK_KIND_LABELS[row.kind] },
        occurredAt: formatInstant(row.occurredAt),
        recordedAt: formatInstant(row.recordedAt),
        recordedBy: { id: row.recordedById, name: row.recordedByName },
        summary: hidden ? '访客登记' : row.summary,
        equipment: row.equipment && {
          id: row.equipment.id,
          assetCode: row.equipment.code,
          name: row.equipment.name,
        },
        route: row.route,
        technician: text(row.details, 'technician'),
        result: text(row.details, 'result'),
        visited: strings(row.details, 'visited'),
        missed: missedOf(row.details),
        contractor: text(row.details, 'contractor'),
        work: text(row.details, 'work'),
        accepterName: text(row.details, 'accepterName'),
        visitor: person ? { name: person.name, phone: person.phone, visiting: person.visiting } : null,
        visitorPurgeAfter: formatInstantOrNull(row.purgeAfter),
        photos: hidden ? [] : row.photoIds.flatMap((id) => photoById.get(id) ?? []),
        correctsId: row.correctsId,
        correctedBy: corrections.filter((c) => c.correctsId === row.id).map((c) => c.id),
      };
    });
  }
}
