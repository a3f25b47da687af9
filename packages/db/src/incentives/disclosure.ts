import { randomUUID } from 'node:crypto';
import {
  STAGE_LABELS,
  disclosureContentSchema,
  formatLocalDate,
  matterRates,
  sumMatterCounts,
  type DisclosureContent,
  type DisclosureSection,
} from '@pilot/domain';
import { appendAudit, type AuditSigner } from '../audit/index.js';
import { firmsListedOn } from '../firm-listing.js';
import { jsonValue } from '../json.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { currentSatisfiedFrom, matterCounts } from '../matter-figures.js';

/*
 * 信息公开: what a subdistrict's public page says, read from the records at one moment. The one
 * builder both the API (an admin's preview and publication) and the demo import call, so a snapshot
 * means the same whoever made it. It reads names of firms, compounds and communities and counts;
 * never a person, a phone number or an address: the page is for anyone with the link.
 */

type Reader = Prisma.TransactionClient | PrismaClient;

/** Months of matters the page's chart shows. */
const MATTER_CHART_MONTHS = 12;

const ymd = (at: Date | null): string | null => (at === null ? null : formatLocalDate(at.getTime()));
/** `@db.Date` columns hold the local day at UTC midnight: their ISO date is the day. */
const day = (at: Date): string => at.toISOString().slice(0, 10);

/** The firms serving a compound of the subdistrict: the page ranks and lists only those. */
async function firmsOf(prisma: Reader, subdistrict: string): Promise<Map<string, string>> {
  const rows = await prisma.firm.findMany({
    where: { compounds: { some: { community: { subdistrict } } } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function compoundsSection(
  prisma: Reader,
  subdistrict: string,
): Promise<DisclosureContent['compounds']> {
  const inSubdistrict = { community: { subdistrict } };
  const [demonstration, enrollments] = await Promise.all([
    prisma.compound.findMany({
      where: { ...inSubdistrict, isDemonstration: true, active: true },
      select: {
        name: true,
        demonstrationAt: true,
        community: { select: { name: true } },
        firm: { select: { name: true } },
      },
      orderBy: [{ demonstrationAt: 'asc' }, { name: 'asc' }],
    }),
    prisma.enrollment.findMany({
      where: { compound: inSubdistrict, stage: { not: 'withdrawn' }, status: { not: 'withdrawn' } },
      select: {
        compoundId: true,
        stage: true,
        starRating: true,
        startDate: true,
        compound: { select: { name: true, community: { select: { name: true } } } },
        firm: { select: { name: true } },
      },
      orderBy: { startDate: 'desc' },
    }),
  ]);
  // A compound enrolled again (a second pilot) shows its latest pilot only.
  const latest = new Map<string, (typeof enrollments)[number]>();
  for (const e of enrollments) if (!latest.has(e.compoundId)) latest.set(e.compoundId, e);
  return {
    demonstration: demonstration.map((c) => ({
      name: c.name,
      community: c.community.name,
      firm: c.firm.name,
      since: ymd(c.demonstrationAt),
    })),
    pilots: [...latest.values()]
      .sort(
        (a, b) => (b.starRating ?? 0) - (a.starRating ?? 0) || a.compound.name.localeCompare(b.compound.name),
      )
      .map((e) => ({
        name: e.compound.name,
        community: e.compound.community.name,
        firm: e.firm.name,
        stars: e.starRating,
        stage: STAGE_LABELS[e.stage].zh,
      })),
  };
}

async function rankingSection(
  prisma: Reader,
  firms: ReadonlyMap<string, string>,
): Promise<DisclosureContent['ranking']> {
  const period = await prisma.evaluationPeriod.findFirst({
    where: { status: 'published' },
    orderBy: [{ publishedAt: 'desc' }, { endsOn: 'desc' }],
    include: { evaluations: { orderBy: [{ rank: 'asc' }, { firmId: 'asc' }] } },
  });
  if (!period) return { period: null, firms: [] };
  return {
    period: {
      kind: period.kind,
      startsOn: day(period.startsOn),
      endsOn: day(period.endsOn),
      publishedAt: period.publishedAt?.toISOString() ?? null,
    },
    firms: period.evaluations
      .filter((e) => firms.has(e.firmId))
      .map((e) => ({
        firm: firms.get(e.firmId) ?? e.firmId,
        rank: e.rank,
        previousRank: e.previousRank,
        score: Math.round(e.score * 10) / 10,
        grade: e.grade,
      })),
  };
}

async function listsSection(
  prisma: Reader,
  firms: ReadonlyMap<string, string>,
  today: string,
): Promise<DisclosureContent['lists']> {
  const [red, black] = await Promise.all([
    firmsListedOn(prisma, 'red', today, [...firms.keys()]),
    firmsListedOn(prisma, 'black', today, [...firms.keys()]),
  ]);
  const rows = (listed: typeof red) =>
    [...listed.values()].map((l) => ({
      firm: firms.get(l.firmId) ?? l.firmId,
      since: day(l.effectiveFrom),
      reason: l.decisionReason,
    }));
  return { red: rows(red), black: rows(black) };
}

async function casesSection(prisma: Reader): Promise<DisclosureContent['cases']> {
  const [shortlisted, selected, issues] = await Promise.all([
    // 入围 counts the cases later selected too: the article's 65 shortlisted include its 40 selected.
    prisma.microCase.count({ where: { status: { in: ['shortlisted', 'selected'] } } }),
    prisma.microCase.count({ where: { status: 'selected', issue: { status: 'published' } } }),
    prisma.caseIssue.findMany({
      where: { status: 'published' },
      orderBy: { number: 'desc' },
      include: {
        cases: {
          orderBy: { position: 'asc' },
          select: {
            type: true,
            title: true,
            body: true,
            firm: { select: { name: true } },
            compound: { select: { name: true } },
          },
        },
      },
    }),
  ]);
  return {
    shortlisted,
    selected,
    issues: issues.map((issue) => ({
      number: issue.number,
      title: issue.title,
      foreword: issue.foreword,
      publishedAt: (issue.publishedAt ?? issue.createdAt).toISOString(),
      cases: issue.cases.map((c) => ({
        type: c.type,
        title: c.title,
        body: c.body,
        firm: c.firm.name,
        compound: c.compound?.name ?? null,
      })),
    })),
  };
}

async function mattersSection(prisma: Reader, now: Date): Promise<DisclosureContent['matters']> {
  // The deployment serves one subdistrict: every matter is of it (matters carry no subdistrict).
  const satisfiedFrom = await currentSatisfiedFrom(prisma);
  const months = await matterCounts(prisma, { groupBy: 'month' }, satisfiedFrom, now);
  const total = sumMatterCounts(months);
  const rates = matterRates(total);
  return {
    collected: total.collected,
    solved: total.solved,
    rated: total.rated,
    resolutionRate: rates.resolutionRate,
    satisfactionRate: rates.satisfactionRate,
    byMonth: months
      .filter((m): m is typeof m & { key: string } => m.key !== null)
      .slice(-MATTER_CHART_MONTHS)
      .map((m) => ({ month: m.key, collected: m.collected, solved: m.solved })),
  };
}

/** The public page's content of the chosen sections, as the records stand at `now`. */
export async function buildDisclosureContent(
  prisma: Reader,
  subdistrict: string,
  sections: readonly DisclosureSection[],
  now: Date = new Date(),
): Promise<DisclosureContent> {
  const chosen = new Set(sections);
  const today = formatLocalDate(now.getTime());
  const firms = chosen.has('ranking') || chosen.has('lists') ? await firmsOf(prisma, subdistrict) : new Map();
  const content: DisclosureContent = {
    subdistrict,
    asOf: now.toISOString(),
    ...(chosen.has('compounds') ? { compounds: await compoundsSection(prisma, subdistrict) } : {}),
    ...(chosen.has('ranking') ? { ranking: await rankingSection(prisma, firms) } : {}),
    ...(chosen.has('lists') ? { lists: await listsSection(prisma, firms, today) } : {}),
    ...(chosen.has('cases') ? { cases: await casesSection(prisma) } : {}),
    ...(chosen.has('matters') ? { matters: await mattersSection(prisma, now) } : {}),
  };
  // The stored snapshot is served as it is: hold it to the published shape before it leaves here.
  return disclosureContentSchema.parse(content);
}

export interface DisclosureActor {
  userId: string | null;
  role: string;
  requestId?: string | null;
}

export type DisclosureSnapshotRow = Prisma.DisclosureSnapshotGetPayload<object>;

/**
 * Builds and stores a snapshot and its audit entry in the caller's transaction. The API passes its
 * own signer (AuditService's keyring), the demo import the process's; both get the same record.
 */
export async function publishDisclosureSnapshot(
  tx: Prisma.TransactionClient,
  signer: AuditSigner,
  actor: DisclosureActor,
  input: { subdistrict: string; sections: readonly DisclosureSection[]; now?: Date; id?: string },
): Promise<DisclosureSnapshotRow> {
  const now = input.now ?? new Date();
  const content = await buildDisclosureContent(tx, input.subdistrict, input.sections, now);
  const row = await tx.disclosureSnapshot.create({
    data: {
      id: input.id ?? `ds-${randomUUID()}`,
      subdistrict: input.subdistrict,
      sections: [...input.sections],
      content: jsonValue(content),
      publishedAt: now,
      publishedById: actor.userId,
    },
  });
  await appendAudit(tx, signer, {
    actorId: actor.userId,
    actorRole: actor.role,
    requestId: actor.requestId ?? null,
    action: 'disclosure.publish',
    entityType: 'disclosure_snapshot',
    entityId: row.id,
    after: { subdistrict: row.subdistrict, sections: row.sections },
  });
  return row;
}
