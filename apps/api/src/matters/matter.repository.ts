import { Inject, Injectable } from '@nestjs/common';
import { Prisma, currentMatterRules, matterCounts, matterCreatedSql, type PrismaClient } from '@pilot/db';
import {
  OPEN_MATTER_STATUSES,
  matterRulesSchema,
  type ListMattersQuery,
  type MatterCategory,
  type MatterRateCounts,
  type MatterRules,
  type MatterStatsQuery,
} from '@pilot/domain';
import type { Principal } from '../platform/auth/principal.js';
import { PRISMA } from '../platform/tokens.js';

export type MatterRow = Prisma.MatterGetPayload<{
  include: { compound: { select: { id: true; name: true } } };
}>;
export type MatterEventRow = Prisma.MatterEventGetPayload<object>;

/** Who is asking, as far as deciding which matters they see goes. */
export type MatterViewer = Pick<Principal, 'role' | 'userId' | 'firmId' | 'partyId'>;

/** Enum columns are compared as text: a bound text parameter does not compare with a PostgreSQL enum. */
const OPEN = Prisma.sql`m.status::text IN (${Prisma.join([...OPEN_MATTER_STATUSES])})`;

/** The scope of `matterScope` (platform/auth/scope.ts) in SQL, for the ordering Prisma cannot express. */
function viewerSql(viewer: MatterViewer): Prisma.Sql {
  switch (viewer.role) {
    case 'admin':
    case 'coordinator':
      return Prisma.sql`TRUE`;
    case 'firm':
      return viewer.firmId
        ? Prisma.sql`(m."assigneeFirmId" = ${viewer.firmId} OR m."firmId" = ${viewer.firmId})`
        : Prisma.sql`FALSE`;
    case 'party':
      return viewer.partyId
        ? Prisma.sql`(m."assigneePartyId" = ${viewer.partyId} OR ${viewer.partyId} = ANY(m."jointPartyIds"))`
        : Prisma.sql`FALSE`;
    case 'resident':
      return Prisma.sql`m."reporterId" = ${viewer.userId}`;
    default:
      return Prisma.sql`FALSE`;
  }
}

/** Every filter of the list, over `matter m`. */
function listSql(viewer: MatterViewer, query: ListMattersQuery, now: Date): Prisma.Sql {
  const parts: Prisma.Sql[] = [viewerSql(viewer)];
  if (query.status) parts.push(Prisma.sql`m.status::text IN (${Prisma.join(query.status)})`);
  if (query.open === true) parts.push(OPEN);
  if (query.open === false) parts.push(Prisma.sql`NOT ${OPEN}`);
  if (query.source) parts.push(Prisma.sql`m.source::text = ${query.source}`);
  if (query.category) parts.push(Prisma.sql`m.category = ${query.category}`);
  if (query.compoundId) parts.push(Prisma.sql`m."compoundId" = ${query.compoundId}`);
  if (query.communityId) parts.push(Prisma.sql`m."communityId" = ${query.communityId}`);
  if (query.firmId)
    parts.push(Prisma.sql`(m."assigneeFirmId" = ${query.firmId} OR m."firmId" = ${query.firmId})`);
  if (query.partyId)
    parts.push(
      Prisma.sql`(m."assigneePartyId" = ${query.partyId} OR ${query.partyId} = ANY(m."jointPartyIds"))`,
    );
  if (query.overdue !== undefined) {
    // The row's flag is set by the workflow's timers; a limit that passed since counts as well.
    const overdue = Prisma.sql`(${OPEN} AND (m.overdue OR (m."acceptedAt" IS NULL AND m."acceptBy" < ${now})
      OR (m."acceptedAt" IS NOT NULL AND m."answeredAt" IS NULL AND m."resolveBy" < ${now})))`;
    parts.push(query.overdue ? overdue : Prisma.sql`NOT ${overdue}`);
  }
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(
      Prisma.sql`(m.number ILIKE ${like} OR m.location ILIKE ${like} OR m.description ILIKE ${like})`,
    );
  }
  parts.push(...matterCreatedSql(query.from, query.to));
  if (query.cursor && query.sort === 'newest') {
    const at = new Date(query.cursor.at);
    parts.push(Prisma.sql`(m."createdAt" < ${at} OR (m."createdAt" = ${at} AND m.id > ${query.cursor.id}))`);
  }
  return Prisma.join(parts, ' AND ');
}

/**
 * The coordinator's dispatch order: awaiting 分类定责 first, then overdue, then reopened, then the
 * oldest; closed matters last.
 */
const QUEUE_ORDER = Prisma.sql`(m.status::text = 'reported') DESC, (${OPEN} AND m.overdue) DESC,
  (${OPEN} AND m."reopenCount" > 0) DESC, ${OPEN} DESC, m."createdAt" ASC, m.id ASC`;
const NEWEST_ORDER = Prisma.sql`m."createdAt" DESC, m.id ASC`;

const include = { compound: { select: { id: true, name: true } } } as const;

@Injectable()
export class MatterRepository {
  constructor(@Inject(PRISMA) readonly prisma: PrismaClient) {}

  async list(
    viewer: MatterViewer,
    query: ListMattersQuery,
    now: Date,
  ): Promise<{ rows: MatterRow[]; total: number }> {
    const where = listSql(viewer, query, now);
    const take = query.pageSize + 1;
    const skip = query.cursor ? 0 : (query.page - 1) * query.pageSize;
    const order = query.sort === 'newest' ? NEWEST_ORDER : QUEUE_ORDER;
    // The count ignores the cursor (the total of the list, as the other lists answer it).
    const countWhere = listSql(viewer, { ...query, cursor: undefined }, now);
    const [ids, [counted]] = await Promise.all([
      this.prisma.$queryRaw<Array<{ id: string }>>`
        SELECT m.id FROM matter m WHERE ${where} ORDER BY ${order} LIMIT ${take} OFFSET ${skip}`,
      this.prisma.$queryRaw<Array<{ total: number }>>`
        SELECT count(*)::int AS total FROM matter m WHERE ${countWhere}`,
    ]);
    const rows = await this.prisma.matter.findMany({ where: { id: { in: ids.map((r) => r.id) } }, include });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return {
      rows: ids.flatMap((r) => byId.get(r.id) ?? []),
      total: counted?.total ?? 0,
    };
  }

  findVisible(scope: Prisma.MatterWhereInput, id: string): Promise<MatterRow | null> {
    return this.prisma.matter.findFirst({ where: { AND: [scope, { id }] }, include });
  }

  events(matterId: string): Promise<MatterEventRow[]> {
    return this.prisma.matterEvent.findMany({ where: { matterId }, orderBy: { seq: 'asc' } });
  }

  /** Display names of people, by id (the timeline's actors). */
  async userNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.user.findMany({
      where: { id: { in: ids } },
      select: { id: true, displayName: true },
    });
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  /** Names of the communities, firms and units a page of matters points at. */
  async names(rows: MatterRow[]): Promise<{
    communities: Map<string, string>;
    firms: Map<string, string>;
    parties: Map<string, string>;
  }> {
    const firmIds = new Set<string>();
    const partyIds = new Set<string>();
    for (const row of rows) {
      if (row.assigneeFirmId) firmIds.add(row.assigneeFirmId);
      if (row.assigneePartyId) partyIds.add(row.assigneePartyId);
      for (const id of row.jointPartyIds) partyIds.add(id);
    }
    const [communities, firms, parties] = await Promise.all([
      this.prisma.community.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.communityId))] } },
        select: { id: true, name: true },
      }),
      this.prisma.firm.findMany({ where: { id: { in: [...firmIds] } }, select: { id: true, name: true } }),
      this.prisma.party.findMany({ where: { id: { in: [...partyIds] } }, select: { id: true, name: true } }),
    ]);
    const map = (list: Array<{ id: string; name: string }>) => new Map(list.map((r) => [r.id, r.name]));
    return { communities: map(communities), firms: map(firms), parties: map(parties) };
  }

  evidence(ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.prisma.evidence.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        fileName: true,
        contentType: true,
        uploadedById: true,
        enrollmentId: true,
        matterId: true,
        caseId: true,
        logbookEntryId: true,
      },
    });
  }

  compound(id: string) {
    return this.prisma.compound.findUnique({
      where: { id },
      select: { id: true, name: true, communityId: true, firmId: true, active: true },
    });
  }

  /** A 物业管家 assignment, with the steward's name (the assignment keeps only the account id). */
  async steward(id: string) {
    const row = await this.prisma.stewardAssignment.findUnique({
      where: { id },
      select: { id: true, compoundId: true, userId: true, phone: true, active: true },
    });
    if (!row) return null;
    const user = await this.prisma.user.findUnique({
      where: { id: row.userId },
      select: { displayName: true, active: true },
    });
    return { ...row, name: user?.displayName ?? row.userId, userActive: user?.active === true };
  }

  community(id: string) {
    return this.prisma.community.findUnique({ where: { id }, select: { id: true, active: true } });
  }

  firm(id: string) {
    return this.prisma.firm.findUnique({ where: { id }, select: { id: true, name: true, active: true } });
  }

  parties(ids: string[]) {
    return this.prisma.party.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, active: true },
    });
  }

  /** Open matters of the same place and category collected since `since` (the "same problem?" check). */
  similarOpen(
    place: { compoundId: string | null; communityId: string },
    category: MatterCategory,
    since: Date,
  ) {
    return this.prisma.matter.findMany({
      where: {
        ...(place.compoundId !== null
          ? { compoundId: place.compoundId }
          : { compoundId: null, communityId: place.communityId }),
        category,
        status: { in: [...OPEN_MATTER_STATUSES] },
        createdAt: { gte: since },
      },
      select: { id: true, number: true, location: true, status: true, createdAt: true },
      orderBy: { createdAt: 'desc' },
      take: 50,
    });
  }

  /** The next 事项编号's serial, from the sequence the migration made (never reused, never in a transaction). */
  async nextNumber(): Promise<bigint> {
    const [row] = await this.prisma.$queryRaw<Array<{ n: bigint }>>`SELECT nextval('matter_number_seq') AS n`;
    if (!row) throw new Error('matter_number_seq answered nothing');
    return row.n;
  }

  /** The published rule set new matters follow: the highest version, or null before any is published. */
  currentRules(): Promise<MatterRules | null> {
    return currentMatterRules(this.prisma);
  }

  /** A rule set by its version (the one a matter was collected under). */
  async rules(version: number): Promise<MatterRules | null> {
    const row = await this.prisma.matterRuleSet.findUnique({ where: { version } });
    const parsed = row ? matterRulesSchema.safeParse(row.rules) : null;
    return parsed?.success ? parsed.data : null;
  }

  /**
   * The figures of the matters collected in the range, per group, aggregated in the database.
   * Cancelled matters (not a matter at all) are left out.
   */
  counts(
    query: MatterStatsQuery,
    satisfiedFrom: number,
    now: Date,
  ): Promise<Array<MatterRateCounts & { key: string | null }>> {
    return matterCounts(this.prisma, query, satisfiedFrom, now);
  }
}
