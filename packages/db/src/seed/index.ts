import {
  PUBLISHED_CATALOGUES,
  catalogueFingerprint,
  type CatalogueVersion as CatalogueContent,
} from '@pilot/domain';
import { hashPassword } from '@pilot/security';
import { appendAudit, defaultAuditKeyring, type AuditSigner } from '../audit/index.js';
import { openDatabase } from '../client.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { DatabaseTarget } from '../target.js';
import {
  DEMO_COMMUNITIES,
  DEMO_COMPOUNDS,
  DEMO_FIRMS,
  DEMO_PARTIES,
  DEMO_PASSWORD,
  DEMO_SUBDISTRICT,
  DEMO_USERS,
} from './demo-data.js';
import { demoMonthlyMetrics } from './metrics.js';
import { demoGovernance } from './demo-governance.js';
import { demoCases } from './demo-cases.js';
import { seedCalendarReleases, type CalendarDrift } from './calendars.js';

export * from './demo-data.js';
export {
  DEMO_METRIC_MONTHS,
  LATEST_FEE_COLLECTION_RATE,
  LATEST_SATISFACTION,
  PILOT_COMPLAINTS_PATH,
  demoMetricMonths,
  demoMonthlyMetrics,
  type DemoMonth,
  type DemoMonthlyMetric,
} from './metrics.js';
export { isWellFormedCreditCode } from './credit-code.js';
export {
  DEMO_CASE_ISSUES,
  DEMO_CASES_IN_REVIEW,
  DEMO_SELECTED_CASES,
  DEMO_SHORTLISTED_CASES,
} from './demo-cases.js';

export interface SeedOptions {
  /** The month the metrics run up to (Asia/Shanghai); defaults to now. */
  asOf?: Date;
  /**
   * The catalogue versions to publish, oldest first; every version the domain ships unless a test
   * says otherwise. Each is published once under its version id.
   */
  catalogues?: readonly CatalogueContent[];
  /** Signs the seed's audit entry; the process's audit key unless a test gives one. */
  signer?: AuditSigner;
  /**
   * Whether the demo accounts must choose their own password at first log-in (the default: the demo
   * password is public) or keep it, for demonstrations and tests that log in as every role.
   */
  demoPasswords?: DemoPasswords;
  /**
   * Whether to bring in the governance ledgers' months of closed matters, patrols and meetings (the
   * default). Workflow tests leave them out: they start their own matters, and the ~2 s each seed
   * spends on them would add up over every harness.
   */
  governanceHistory?: boolean;
}

export type DemoPasswords = 'change-at-first-login' | 'keep';

/** `PILOT_DEMO_PASSWORDS=keep` keeps the demo password usable (README: 演示账号). */
export function demoPasswordsFromEnv(env: NodeJS.ProcessEnv = process.env): DemoPasswords {
  return env['PILOT_DEMO_PASSWORDS'] === 'keep' ? 'keep' : 'change-at-first-login';
}

export interface SeedCount {
  created: number;
  present: number;
}

export const SEED_KINDS = [
  'communities',
  'firms',
  'compounds',
  'parties',
  'users',
  'catalogues',
  'calendars',
  'monthlyMetrics',
  'governance',
  'cases',
] as const;
export type SeedKind = (typeof SEED_KINDS)[number];

export interface SeedReport {
  counts: Record<SeedKind, SeedCount>;
  /** `YYYY-MM` of the first and last metric month. */
  months: { from: string; to: string };
  /** One entry per version whose stored content differs from the code's under the same id. */
  catalogueDrift: CatalogueDrift[];
  /** One entry per shipped calendar release whose stored days differ from the code's. */
  calendarDrift: CalendarDrift[];
  /** What the accounts created by this run must do with the demo password. */
  demoPasswords: DemoPasswords;
}

export interface CatalogueDrift {
  id: string;
  stored: string;
  expected: string;
}

type Tx = Prisma.TransactionClient;

const SEED_AUDIT_ENTITY = { entityType: 'seed', entityId: 'demo-jinshui' } as const;

/**
 * Inserts whatever of the demo data is missing, keyed by the stable ids, and never touches rows that
 * exist: users may have changed a password, an admin may have promoted a compound, and a seed must
 * not undo that. Runs in one transaction, so a failure leaves nothing half-written.
 */
export async function seedDemoRecords(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedReport> {
  const asOf = options.asOf ?? new Date();
  const catalogues = options.catalogues ?? PUBLISHED_CATALOGUES;
  const signer = options.signer ?? (await defaultAuditKeyring()).signer;
  const metrics = demoMonthlyMetrics(asOf);
  // scrypt is deliberately slow; one hash serves every account, and none is made when all exist.
  let passwordHash: Promise<string> | undefined;
  const demoPasswordHash = (): Promise<string> => (passwordHash ??= hashPassword(DEMO_PASSWORD));
  const mustChange = (options.demoPasswords ?? 'change-at-first-login') === 'change-at-first-login';

  return prisma.$transaction(
    async (tx) => {
      const communities = await insertMissing(
        'communities',
        DEMO_COMMUNITIES.map((c) => c.id),
        async (ids) =>
          (await tx.community.findMany({ where: { id: { in: ids } }, select: { id: true } })).map(
            (r) => r.id,
          ),
        (missing) =>
          tx.community.createMany({
            data: DEMO_COMMUNITIES.filter((c) => missing.has(c.id)).map((c) => ({ ...c })),
          }),
      );
      const firms = await insertMissing(
        'firms',
        DEMO_FIRMS.map((f) => f.id),
        async (ids) =>
          (await tx.firm.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((r) => r.id),
        (missing) =>
          tx.firm.createMany({ data: DEMO_FIRMS.filter((f) => missing.has(f.id)).map((f) => ({ ...f })) }),
      );
      const compounds = await insertMissing(
        'compounds',
        DEMO_COMPOUNDS.map((c) => c.id),
        async (ids) =>
          (await tx.compound.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((r) => r.id),
        (missing) =>
          tx.compound.createMany({
            data: DEMO_COMPOUNDS.filter((c) => missing.has(c.id)).map((c) => ({ ...c })),
          }),
      );
      const parties = await insertMissing(
        'parties',
        DEMO_PARTIES.map((p) => p.id),
        async (ids) =>
          (await tx.party.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((r) => r.id),
        (missing) =>
          tx.party.createMany({ data: DEMO_PARTIES.filter((p) => missing.has(p.id)).map((p) => ({ ...p })) }),
      );
      const users = await insertMissing(
        'users',
        DEMO_USERS.map((u) => u.id),
        async (ids) =>
          (await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((r) => r.id),
        async (missing) => {
          const hash = await demoPasswordHash();
          return tx.user.createMany({
            data: DEMO_USERS.filter((u) => missing.has(u.id)).map((u) => ({
              ...u,
              passwordHash: hash,
              mustChangePassword: mustChange,
            })),
          });
        },
      );
      const { count: catalogueCount, drift } = await seedCatalogues(tx, catalogues);
      const calendars = await seedCalendarReleases(tx);
      const monthlyMetrics = await insertMissing(
        'monthlyMetrics',
        metrics.map(metricKey),
        async () => {
          const stored = await tx.compoundMonthlyMetric.findMany({
            where: {
              compoundId: { in: DEMO_COMPOUNDS.map((c) => c.id) },
              month: { in: [...new Set(metrics.map((m) => m.month.getTime()))].map((t) => new Date(t)) },
            },
            select: { compoundId: true, month: true },
          });
          return stored.map(metricKey);
        },
        (missing) =>
          tx.compoundMonthlyMetric.createMany({
            data: metrics
              .filter((m) => missing.has(metricKey(m)))
              .map(({ compoundId, month, complaints, feeCollectionRate, satisfaction }) => ({
                compoundId,
                month,
                complaints,
                feeCollectionRate,
                satisfaction,
              })),
          }),
      );

      const governance =
        options.governanceHistory === false
          ? { created: 0, present: 0 }
          : await seedGovernanceHistory(tx, asOf);
      // 三微案例: fixed dates in 2026, whatever "as of" says (the column's record, not a metric).
      const cases = await seedCaseColumn(tx);

      const report: SeedReport = {
        counts: {
          communities,
          firms,
          compounds,
          parties,
          users,
          catalogues: catalogueCount,
          calendars: calendars.count,
          monthlyMetrics,
          governance,
          cases,
        },
        months: { from: metrics[0]?.monthKey ?? '', to: metrics.at(-1)?.monthKey ?? '' },
        catalogueDrift: drift,
        calendarDrift: calendars.drift,
        demoPasswords: mustChange ? 'change-at-first-login' : 'keep',
      };
      const created = Object.fromEntries(SEED_KINDS.map((kind) => [kind, report.counts[kind].created]));
      if (Object.values(created).some((n) => n > 0)) {
        await appendAudit(tx, signer, {
          action: 'seed.demo_data',
          ...SEED_AUDIT_ENTITY,
          after: { created, ...report.months },
        });
      }
      return report;
    },
    // The first run hashes a password and writes a few hundred rows; PGlite on a slow disk needs room.
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/**
 * Creates the rows whose keys are not stored yet, then checks that every key is now present: a
 * row that clashes on another unique column (a username, a firm name) would otherwise be missing
 * without saying why.
 */
async function insertMissing(
  kind: SeedKind,
  keys: string[],
  findStored: (keys: string[]) => Promise<string[]>,
  create: (missing: ReadonlySet<string>) => Promise<{ count: number }>,
): Promise<SeedCount> {
  const stored = new Set(await findStored(keys));
  const missing = new Set(keys.filter((key) => !stored.has(key)));
  if (missing.size === 0) return { created: 0, present: keys.length };
  try {
    const { count } = await create(missing);
    if (count !== missing.size) throw new Error(`created ${count} of ${missing.size}`);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`seeding ${kind} failed (${[...missing].slice(0, 5).join(', ')}…): ${detail}`, {
      cause: error,
    });
  }
  return { created: missing.size, present: keys.length - missing.size };
}

function metricKey(row: { compoundId: string; month: Date }): string {
  return `${row.compoundId}@${row.month.toISOString().slice(0, 10)}`;
}

/**
 * Each catalogue version is published once under its version id. A stored version is never
 * rewritten (used versions are immutable, and pilots keep the version they were enrolled with); if
 * its content differs from the code, that is reported, not "fixed".
 */
async function seedCatalogues(
  tx: Tx,
  catalogues: readonly CatalogueContent[],
): Promise<{ count: SeedCount; drift: CatalogueDrift[] }> {
  const count: SeedCount = { created: 0, present: 0 };
  const drift: CatalogueDrift[] = [];
  for (const catalogue of catalogues) {
    const fingerprint = catalogueFingerprint(catalogue);
    const stored = await tx.catalogueVersion.findUnique({
      where: { id: catalogue.version },
      select: { fingerprint: true },
    });
    if (stored) {
      count.present += 1;
      if (stored.fingerprint !== fingerprint) {
        drift.push({ id: catalogue.version, stored: stored.fingerprint, expected: fingerprint });
      }
      continue;
    }
    // Created and published when it took effect, so a reseed on another day writes the same row
    // and versions list in the order they came into force.
    const effective = new Date(catalogue.effectiveFrom);
    await tx.catalogueVersion.create({
      data: {
        id: catalogue.version,
        title: catalogue.title,
        status: 'published',
        content: catalogue,
        fingerprint,
        createdAt: effective,
        publishedAt: effective,
      },
    });
    count.created += 1;
  }
  return { count, drift };
}

/** One line for the CLI: what was created, what was already there, and how to log in. */
export function formatSeedReport(report: SeedReport): string {
  const labels: Record<SeedKind, string> = {
    communities: 'communities',
    firms: 'firms',
    compounds: 'compounds',
    parties: 'partner units',
    users: 'users',
    catalogues: 'published catalogue versions',
    calendars: 'published calendar releases',
    monthlyMetrics: `monthly metrics ${report.months.from}..${report.months.to}`,
    governance: 'governance ledgers (matters, patrols, meetings)',
    cases: '三微案例 column (issues and cases)',
  };
  const part = (pick: (count: SeedCount) => number): string =>
    SEED_KINDS.filter((kind) => pick(report.counts[kind]) > 0)
      .map((kind) => `${pick(report.counts[kind])} ${labels[kind]}`)
      .join(', ');
  const created = part((c) => c.created);
  const present = part((c) => c.present);
  const lines = [
    `${DEMO_SUBDISTRICT} demo data: ${created ? `created ${created}` : 'nothing to create'}` +
      (present ? `; already present ${present}` : ''),
  ];
  // The demo password is public (documented); it is the only credential this output may show.
  lines.push(
    `demo accounts (admin.jinshui, coord.wang, insp.zhang, firm.xiangshun, resident.han, …) log in with ` +
      `${DEMO_PASSWORD}${report.counts.users.present > 0 ? ' unless it was changed' : ''}` +
      (report.counts.users.created > 0
        ? report.demoPasswords === 'keep'
          ? ' (kept: PILOT_DEMO_PASSWORDS=keep)'
          : '; each must choose its own password at first log-in (PILOT_DEMO_PASSWORDS=keep skips that)'
        : ''),
  );
  for (const { id, stored, expected } of report.catalogueDrift) {
    lines.push(
      `warning: catalogue ${id} is stored with fingerprint ${stored} but the code has ${expected}; ` +
        'publish the changed catalogue under a new version instead of editing this one',
    );
  }
  for (const { version, stored, expected } of report.calendarDrift) {
    lines.push(
      `warning: calendar release ${version} is stored with fingerprint ${stored} but the code has ${expected}; ` +
        'publish corrected days as a new release instead of editing this one',
    );
  }
  return lines.join('\n');
}

/** Loads the demo data once; a second run finds it and changes nothing. */
export async function seedDemoData(target: DatabaseTarget, options: SeedOptions = {}): Promise<string> {
  const db = await openDatabase(target);
  try {
    return formatSeedReport(await seedDemoRecords(db.prisma, options));
  } finally {
    await db.close();
  }
}

/** The 三微案例 column's issues and cases, once (keyed by the demo's ids). */
async function seedCaseColumn(tx: Prisma.TransactionClient): Promise<SeedCount> {
  if ((await tx.microCase.count({ where: { id: { startsWith: 'case-demo-' } } })) > 0)
    return { created: 0, present: 1 };
  const { issues, cases } = demoCases();
  await tx.caseIssue.createMany({ data: issues, skipDuplicates: true });
  await tx.microCase.createMany({ data: cases, skipDuplicates: true });
  return { created: 1, present: 0 };
}

/**
 * The closed matters, patrols and meetings of the months before "as of", once: they are records of
 * finished processes (no workflow runs for them), counted as one seed kind.
 */
async function seedGovernanceHistory(tx: Prisma.TransactionClient, asOf: Date): Promise<SeedCount> {
  if ((await tx.matter.count({ where: { id: { startsWith: 'mt-demo-' } } })) > 0)
    return { created: 0, present: 1 };
  const firms = new Map(DEMO_FIRMS.map((f) => [f.id, f.name]));
  const data = demoGovernance(asOf, firms);
  await tx.patrolPlan.createMany({ data: data.plans, skipDuplicates: true });
  await tx.patrolVisit.createMany({ data: data.visits, skipDuplicates: true });
  await tx.meeting.createMany({ data: data.meetings, skipDuplicates: true });
  await tx.meetingOpinion.createMany({ data: data.opinions, skipDuplicates: true });
  await tx.matter.createMany({ data: data.matters, skipDuplicates: true });
  await tx.matterEvent.createMany({ data: data.events, skipDuplicates: true });
  await tx.meetingResolution.createMany({ data: data.resolutions, skipDuplicates: true });
  return { created: 1, present: 0 };
}
