import {
  MATTER_RULES_1,
  addLocalDays,
  matterRulesSchema,
  parseLocalDate,
  type MatterRateCounts,
  type MatterRules,
  type MatterStatsQuery,
} from '@pilot/domain';
import { Prisma, type PrismaClient } from './generated/prisma/client.js';

/*
 * The figures of matters (事项) collected in a range, counted in the database. One definition for
 * the 办理成效 statistics the API serves and the public page's aggregate figures, so 解决率 and
 * 满意率 mean the same wherever they are read.
 */

/** Any client or transaction. */
type Reader = Pick<PrismaClient, '$queryRaw' | 'matterRuleSet'>;

/** `[from, to]` as local (Asia/Shanghai) days: from the start of `from` to the end of `to`. */
export function localDayRange(from: string | undefined, to: string | undefined): { gte?: Date; lt?: Date } {
  const start = from === undefined ? null : parseLocalDate(from);
  const end = to === undefined ? null : parseLocalDate(to);
  return {
    ...(start !== null ? { gte: new Date(start) } : {}),
    ...(end !== null ? { lt: new Date(addLocalDays(end, 1)) } : {}),
  };
}

/** The same range over `matter m`'s collection time, as SQL conditions. */
export function matterCreatedSql(from: string | undefined, to: string | undefined): Prisma.Sql[] {
  const range = localDayRange(from, to);
  const parts: Prisma.Sql[] = [];
  if (range.gte) parts.push(Prisma.sql`m."createdAt" >= ${range.gte}`);
  if (range.lt) parts.push(Prisma.sql`m."createdAt" < ${range.lt}`);
  return parts;
}

/** The latest published matter rule set, or rule set 1 that ships with the code. */
export async function currentMatterRules(
  prisma: Pick<PrismaClient, 'matterRuleSet'>,
): Promise<MatterRules | null> {
  const row = await prisma.matterRuleSet.findFirst({ orderBy: { version: 'desc' } });
  if (!row) return null;
  const parsed = matterRulesSchema.safeParse(row.rules);
  return parsed.success ? parsed.data : null;
}

interface CountsRow extends MatterRateCounts {
  key: string | null;
}

/**
 * The figures of the matters collected in the range, per group. Cancelled matters (not a matter at
 * all) are left out; a rating counts as satisfied from `satisfiedFrom` (the rule set's threshold).
 */
export async function matterCounts(
  prisma: Pick<Reader, '$queryRaw'>,
  query: Pick<MatterStatsQuery, 'groupBy' | 'from' | 'to'>,
  satisfiedFrom: number,
  now: Date,
): Promise<CountsRow[]> {
  const key = {
    party: Prisma.sql`m."assigneePartyId"`,
    firm: Prisma.sql`m."assigneeFirmId"`,
    community: Prisma.sql`m."communityId"`,
    month: Prisma.sql`to_char(m."createdAt" AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`,
  }[query.groupBy];
  const where = Prisma.join(
    [Prisma.sql`m."closeKind" IS DISTINCT FROM 'cancelled'`, ...matterCreatedSql(query.from, query.to)],
    ' AND ',
  );
  return prisma.$queryRaw<CountsRow[]>`
    SELECT ${key} AS key,
      count(*)::int AS collected,
      count(*) FILTER (WHERE m.status::text = 'closed' AND (m.solved IS TRUE
        OR (m.solved IS NULL AND m."closeKind"::text IN ('rated', 'confirmed', 'auto'))))::int AS solved,
      count(*) FILTER (WHERE m."acceptedInTime" IS NOT NULL
        OR (m."acceptedAt" IS NULL AND m."acceptBy" < ${now}))::int AS "acceptDue",
      count(*) FILTER (WHERE m."acceptedInTime" IS TRUE)::int AS "acceptedInTime",
      count(*) FILTER (WHERE m."resolvedInTime" IS NOT NULL
        OR (m."answeredAt" IS NULL AND m."resolveBy" < ${now}))::int AS "resolveDue",
      count(*) FILTER (WHERE m."resolvedInTime" IS TRUE)::int AS "resolvedInTime",
      count(*) FILTER (WHERE m.rating IS NOT NULL)::int AS rated,
      count(*) FILTER (WHERE m.rating >= ${satisfiedFrom})::int AS satisfied
    FROM matter m WHERE ${where} GROUP BY 1 ORDER BY 1 NULLS LAST`;
}

/** The satisfaction threshold of the rules in force (rule set 1 when none was published). */
export async function currentSatisfiedFrom(prisma: Pick<PrismaClient, 'matterRuleSet'>): Promise<number> {
  return ((await currentMatterRules(prisma)) ?? MATTER_RULES_1).satisfiedFrom;
}
