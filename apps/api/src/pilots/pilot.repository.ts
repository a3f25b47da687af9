import { Inject, Injectable } from '@nestjs/common';
import { firmsListedOn, Prisma, type PrismaClient } from '@pilot/db';
import type { ListPilotsQuery, PilotListCursorKey } from '@pilot/domain';
import { beyond, keysetOrPage } from '../platform/pagination.js';
import { PRISMA } from '../platform/tokens.js';

/** Rectification states that still need the firm or an inspector. */
export const UNFINISHED_RECTIFICATION = ['open', 'reopened', 'responded'] as const;

const summaryInclude = {
  compound: { include: { community: true } },
  firm: { select: { id: true, name: true } },
  // Lineage (由 玫瑰家园 推广 · <campaign>): one name each, not the origin's whole record.
  origin: { select: { id: true, compound: { select: { name: true } } } },
  campaign: { select: { id: true, name: true } },
  assignments: {
    include: { user: { select: { id: true, displayName: true } } },
    orderBy: [{ lead: 'desc' }, { assignedAt: 'asc' }],
  },
  _count: {
    select: { rectifications: { where: { status: { in: [...UNFINISHED_RECTIFICATION] } } } },
  },
} satisfies Prisma.EnrollmentInclude;

export type EnrollmentRow = Prisma.EnrollmentGetPayload<{ include: typeof summaryInclude }>;

/** A pilot's audit entry as its timeline shows it (the chain's own columns stay with the audit module). */
export interface TimelineAuditRow {
  seq: bigint;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
}

export interface TimelineAuditPage {
  rows: TimelineAuditRow[];
  /** Whether older entries exist: the next page starts below the last row's seq. */
  more: boolean;
  actors: Map<string, string>;
}

/** The parts of a pilot's timeline that stay small however long it runs: a few rounds, their archives. */
export interface TimelineFrame {
  rounds: Prisma.RoundGetPayload<object>[];
  archives: Prisma.ArchiveGetPayload<object>[];
}

/** `text` matched literally by LIKE (PostgreSQL's default escape character is the backslash). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

const TIMELINE_COLUMNS = Prisma.sql`a.seq, a.at, a."actorId", a."actorRole", a.action, a."entityType", a."entityId"`;

/**
 * One page of a pilot's audit entries, newest first, before `before` (a seq) when given.
 *
 * Every entry the pilot's workflow writes is in its stream `enrollment:<id>`, and each evidence
 * upload in the stream `evidence:<id>` of its file: equalities on `stream`, so the (stream, seq)
 * index hands each one's newest entries out in order, read backwards and stopped after the page —
 * the cost is the page's, not the history's. The evidence streams are probed one by one (LATERAL):
 * asked for "the newest of any of these streams", the planner would walk the whole log by seq.
 * Entries from before the log had streams sit in the closed stream `legacy` and are still found by
 * their entity (a `LIKE 'enr-x:%'`, which no index serves under the database's collation); that
 * stream no longer grows, so it is read apart (MATERIALIZED keeps the page's ORDER BY … LIMIT from
 * turning its lookup into a walk of the log) and costs the same on every page, nothing on a
 * database born with streams.
 */
export function timelineAuditSql(
  pilot: { id: string; compoundId: string },
  before: bigint | null,
  take: number,
): Prisma.Sql {
  const older = before === null ? Prisma.empty : Prisma.sql`AND a.seq < ${before}`;
  return Prisma.sql`
    WITH legacy AS MATERIALIZED (
      SELECT ${TIMELINE_COLUMNS} FROM audit_log a
      WHERE a.stream = 'legacy' ${older}
        AND ((a."entityType" = 'enrollment' AND a."entityId" = ${pilot.id})
          OR a."entityId" LIKE ${`${likeLiteral(pilot.id)}:%`}
          OR (a."entityType" = 'compound' AND a."entityId" = ${pilot.compoundId}
              AND a.action LIKE 'compound.promote%')
          OR (a."entityType" = 'evidence'
              AND a."entityId" IN (SELECT ev.id FROM evidence ev WHERE ev."enrollmentId" = ${pilot.id})))
    )
    SELECT * FROM (
      (SELECT ${TIMELINE_COLUMNS} FROM audit_log a
        WHERE a.stream = ${`enrollment:${pilot.id}`} ${older}
        ORDER BY a.seq DESC LIMIT ${take})
      UNION ALL
      (SELECT upload.* FROM evidence ev
        CROSS JOIN LATERAL (
          SELECT ${TIMELINE_COLUMNS} FROM audit_log a
          WHERE a.stream = 'evidence:' || ev.id ${older}
          ORDER BY a.seq DESC LIMIT ${take}
        ) upload
        WHERE ev."enrollmentId" = ${pilot.id})
      UNION ALL
      (SELECT * FROM legacy ORDER BY seq DESC LIMIT ${take})
    ) page
    ORDER BY seq DESC
    LIMIT ${take}`;
}

/** Sort keys of the pilot list: what `orderBy` sorts by, and where a cursor continues after. */
function pilotOrder(query: ListPilotsQuery): Prisma.EnrollmentOrderByWithRelationInput[] {
  const order = query.sortOrder;
  const first: Prisma.EnrollmentOrderByWithRelationInput =
    query.sortBy === 'name'
      ? { compound: { name: order } }
      : query.sortBy === 'score'
        ? { latestScore: { sort: order, nulls: 'last' } }
        : { startDate: order };
  return [first, { id: 'asc' }];
}

/** The pilots after the cursor's, in the list's order (its sort value, then id; scores without a value last). */
function afterPilot(cursor: PilotListCursorKey): Prisma.EnrollmentWhereInput {
  const laterId = { id: { gt: cursor.id } };
  switch (cursor.by) {
    case 'startDate': {
      const at = new Date(cursor.value);
      return { OR: [{ startDate: beyond(cursor.order, at) }, { startDate: at, ...laterId }] };
    }
    case 'name':
      return {
        OR: [
          { compound: { name: beyond(cursor.order, cursor.value) } },
          { compound: { name: cursor.value }, ...laterId },
        ],
      };
    case 'score':
      return cursor.value === null
        ? { latestScore: null, ...laterId }
        : {
            OR: [
              { latestScore: beyond(cursor.order, cursor.value) },
              { latestScore: cursor.value, ...laterId },
              { latestScore: null },
            ],
          };
  }
}

/** The cursor that continues after `row` under the query's sort. */
export function pilotCursorOf(row: EnrollmentRow, query: ListPilotsQuery): PilotListCursorKey {
  const order = query.sortOrder;
  switch (query.sortBy) {
    case 'name':
      return { by: 'name', order, value: row.compound.name, id: row.id };
    case 'score':
      return { by: 'score', order, value: row.latestScore, id: row.id };
    case 'startDate':
      return { by: 'startDate', order, value: row.startDate.toISOString(), id: row.id };
  }
}

@Injectable()
export class PilotRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** 黑榜: the given firms on the black list on `day`, with their names (for the refusal). */
  async blackListed(firmIds: readonly string[], day: string): Promise<Array<{ id: string; name: string }>> {
    const listed = await firmsListedOn(this.prisma, 'black', day, firmIds);
    if (listed.size === 0) return [];
    return this.prisma.firm.findMany({
      where: { id: { in: [...listed.keys()] } },
      select: { id: true, name: true },
      orderBy: { name: 'asc' },
    });
  }

  // ─── resolving an enrollment form ────────────────────────────────────────────────────────

  findFirm(ref: { id?: string | undefined; name: string }) {
    return this.prisma.firm.findFirst({
      where: ref.id ? { id: ref.id } : { name: ref.name },
      select: { id: true, name: true, active: true },
    });
  }

  /** A community named by its name, 12-digit code or id, as forms may send any of them. */
  findCommunity(text: string) {
    return this.prisma.community.findFirst({
      where: { OR: [{ name: text }, { code: text }, { id: text }] },
      select: { id: true, name: true },
    });
  }

  findCompound(where: { id: string } | { communityId: string; name: string }) {
    return this.prisma.compound.findFirst({
      where: 'id' in where ? { id: where.id } : { communityId: where.communityId, name: where.name },
      include: {
        community: { select: { id: true, name: true } },
        firm: { select: { id: true, name: true } },
      },
    });
  }

  findUsers(ids: string[]) {
    return this.prisma.user.findMany({
      where: { id: { in: ids } },
      select: { id: true, role: true, active: true, displayName: true },
    });
  }

  findCatalogueVersion(id: string) {
    return this.prisma.catalogueVersion.findUnique({ where: { id }, select: { id: true, status: true } });
  }

  findEnrollmentOfCompound(compoundId: string) {
    return this.prisma.enrollment.findFirst({ where: { compoundId }, select: { id: true } });
  }

  // ─── reading pilots ──────────────────────────────────────────────────────────────────────

  /** The enrollment if the scope admits it (the scope comes from the caller's role). */
  findVisible(scope: Prisma.EnrollmentWhereInput, id: string): Promise<EnrollmentRow | null> {
    return this.prisma.enrollment.findFirst({ where: { AND: [scope, { id }] }, include: summaryInclude });
  }

  findById(id: string): Promise<EnrollmentRow | null> {
    return this.prisma.enrollment.findUnique({ where: { id }, include: summaryInclude });
  }

  async list(
    scope: Prisma.EnrollmentWhereInput,
    query: ListPilotsQuery,
  ): Promise<{ rows: EnrollmentRow[]; total: number }> {
    const filters: Prisma.EnrollmentWhereInput[] = [scope];
    if (query.stage) filters.push({ stage: query.stage });
    if (query.phase) filters.push({ phase: query.phase });
    if (query.firmId) filters.push({ firmId: query.firmId });
    if (query.compoundId) filters.push({ compoundId: query.compoundId });
    if (query.communityId) filters.push({ compound: { communityId: query.communityId } });
    if (query.inspectorId) filters.push({ assignments: { some: { userId: query.inspectorId } } });
    if (query.stars !== undefined) filters.push({ starRating: query.stars });
    if (query.paused !== undefined) {
      filters.push(query.paused ? { status: 'paused' } : { status: { not: 'paused' } });
    }
    if (query.q) {
      filters.push({
        OR: [
          { compound: { name: { contains: query.q } } },
          { compound: { community: { name: { contains: query.q } } } },
          { firm: { name: { contains: query.q } } },
        ],
      });
    }
    const where: Prisma.EnrollmentWhereInput = { AND: filters };
    const [rows, total] = await Promise.all([
      this.prisma.enrollment.findMany({
        where: query.cursor ? { AND: [where, afterPilot(query.cursor)] } : where,
        include: summaryInclude,
        orderBy: pilotOrder(query),
        ...keysetOrPage(query),
      }),
      this.prisma.enrollment.count({ where }),
    ]);
    return { rows, total };
  }

  /** The rounds and archives of a pilot: bounded by its length, and every chart of the page needs them. */
  async timelineFrame(enrollmentId: string): Promise<TimelineFrame> {
    const [rounds, archives] = await Promise.all([
      this.prisma.round.findMany({ where: { enrollmentId }, orderBy: { number: 'asc' } }),
      this.prisma.archive.findMany({ where: { enrollmentId }, orderBy: { createdAt: 'asc' } }),
    ]);
    return { rounds, archives };
  }

  /** `limit` audit entries of the pilot, newest first, older than `before` when given (see timelineAuditSql). */
  async timelineAudit(
    pilot: { id: string; compoundId: string },
    before: bigint | null,
    limit: number,
  ): Promise<TimelineAuditPage> {
    // One more than asked tells whether another page follows, without counting the history.
    const found = await this.prisma.$queryRaw<TimelineAuditRow[]>(timelineAuditSql(pilot, before, limit + 1));
    const rows = found.slice(0, limit);
    const actorIds = [...new Set(rows.flatMap((row) => (row.actorId ? [row.actorId] : [])))];
    const users =
      actorIds.length === 0
        ? []
        : await this.prisma.user.findMany({
            where: { id: { in: actorIds } },
            select: { id: true, displayName: true },
          });
    return {
      rows,
      more: found.length > limit,
      actors: new Map(users.map((u) => [u.id, u.displayName])),
    };
  }

  /** Whether a task or rectification belongs to the pilot (extensions name one in the body). */
  async targetBelongs(enrollmentId: string, type: 'task' | 'rectification', id: string): Promise<boolean> {
    const row =
      type === 'task'
        ? await this.prisma.inspectionTask.findFirst({ where: { id, enrollmentId }, select: { id: true } })
        : await this.prisma.rectification.findFirst({ where: { id, enrollmentId }, select: { id: true } });
    return row !== null;
  }
}
