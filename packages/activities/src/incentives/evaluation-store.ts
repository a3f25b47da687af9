// 激励评价's writes, shared by the API and the demo import: computing a period's draft, publishing it
// once, proposing 红/黑榜 candidates by the rule set, and an admin's decisions on them. Each write
// and its audit entry commit in one transaction; the caller passes how it audits (the API with the
// request's principal, the demo with the import's signer).
import { firmsListedOn, jsonValue, Prisma, type PrismaClient } from '@pilot/db';
import {
  EVALUATION_RULES_1,
  evaluateFirm,
  evaluationRulesSchema,
  listCandidates,
  listStatusOf,
  parsePeriodId,
  periodEnded,
  periodsUpTo,
  previousPeriod,
  rankByScore,
  reason,
  type EvaluationPeriodRef,
  type EvaluationRules,
  type FirmSignals,
  type Reason,
} from '@pilot/domain';
import { gatherEvaluationFacts } from './evaluation-facts.js';

type Tx = Prisma.TransactionClient;

export interface EvaluationAuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** How the caller audits: appends one entry inside the transaction it is given. */
export type EvaluationAudit = (tx: Tx, record: EvaluationAuditRecord) => Promise<unknown>;

export interface EvaluationWriter {
  prisma: PrismaClient;
  audit: EvaluationAudit;
  /** Who acts (null: the system, e.g. a scheduled draft). */
  actorId: string | null;
  /** Today, `YYYY-MM-DD` in Asia/Shanghai: which periods are over, which listings apply. */
  today: string;
}

/** What the process does not allow now; the API answers 409 with its reason in both languages. */
export class EvaluationRefusal extends Error {
  constructor(readonly reason: Reason) {
    super(reason.en);
  }
}

/** A record the request names does not exist (the API answers 404). */
export class EvaluationNotFound extends Error {}

/** The rule set periods are computed with: the newest published one, or rule set 1 shipped in code. */
export async function publishedRules(prisma: PrismaClient | Tx): Promise<EvaluationRules> {
  const rows = await prisma.evaluationRuleSet.findMany({
    where: { status: 'published' },
    orderBy: { version: 'desc' },
    take: 5,
  });
  for (const row of rows) {
    // A row this code cannot read (written by a later release) is skipped rather than guessed at.
    const parsed = evaluationRulesSchema.safeParse(row.rules);
    if (parsed.success) return parsed.data;
  }
  return EVALUATION_RULES_1;
}

function periodOrRefuse(id: string): EvaluationPeriodRef {
  const period = parsePeriodId(id);
  if (!period) throw new EvaluationNotFound(`no period ${id}`);
  return period;
}

const alreadyPublished = (id: string) =>
  new EvaluationRefusal(
    reason(
      'evaluation_period_published',
      `评价周期 ${id} 已发布，成绩与排名不可再更改或重复发布。`,
      `Period ${id} is already published; its scores and ranks are final and it cannot be published again.`,
    ),
  );

const day = (text: string) => new Date(`${text}T00:00:00Z`);

export interface ComputeResult {
  periodId: string;
  evaluated: number;
  candidates: number;
  ruleVersion: number;
}

/**
 * 计算: the period's draft from its records, replacing an earlier draft; refused for a period not
 * over yet and for one already published. Only firms with something measured are ranked.
 */
export async function computeEvaluationPeriod(w: EvaluationWriter, periodId: string): Promise<ComputeResult> {
  const period = periodOrRefuse(periodId);
  if (!periodEnded(period, w.today)) {
    throw new EvaluationRefusal(
      reason(
        'evaluation_period_not_over',
        `评价周期 ${period.id} 尚未结束（截至 ${period.endsOn}），结束后才能计算。`,
        `Period ${period.id} is not over yet (it ends ${period.endsOn}); it can be computed afterwards.`,
      ),
    );
  }
  const existing = await w.prisma.evaluationPeriod.findUnique({ where: { id: period.id } });
  if (existing?.status === 'published') throw alreadyPublished(period.id);
  const rules = await publishedRules(w.prisma);
  const firms = await w.prisma.firm.findMany({ where: { active: true }, select: { id: true } });
  const gathered = await gatherEvaluationFacts(
    w.prisma,
    period,
    firms.map((f) => f.id),
  );
  const previous = await w.prisma.firmEvaluation.findMany({
    where: { periodId: previousPeriod(period).id, period: { status: 'published' } },
    select: { firmId: true, rank: true, grade: true },
  });
  const before = new Map(previous.map((p) => [p.firmId, p]));
  const scored = [...gathered].flatMap(([firmId, g]) => {
    const evaluation = evaluateFirm(rules, g.facts);
    return evaluation.score === null || evaluation.grade === null
      ? []
      : [{ firmId, score: evaluation.score, grade: evaluation.grade, evaluation, gathered: g }];
  });
  const ranked = rankByScore(scored);
  try {
    return await w.prisma.$transaction(async (tx) => {
      const now = new Date();
      if (existing) {
        // The conditional update takes the row's lock: a publish running meanwhile waits or wins.
        const updated = await tx.evaluationPeriod.updateMany({
          where: { id: period.id, status: 'draft' },
          data: { ruleVersion: rules.version, computedAt: now },
        });
        if (updated.count === 0) throw alreadyPublished(period.id);
      } else {
        await tx.evaluationPeriod.create({
          data: {
            id: period.id,
            kind: period.kind,
            startsOn: day(period.startsOn),
            endsOn: day(period.endsOn),
            ruleVersion: rules.version,
            computedAt: now,
          },
        });
      }
      await tx.firmEvaluation.deleteMany({ where: { periodId: period.id } });
      await tx.firmEvaluation.createMany({
        data: ranked.map((row) => ({
          periodId: period.id,
          firmId: row.firmId,
          score: row.score,
          grade: row.grade,
          rank: row.rank,
          previousRank: before.get(row.firmId)?.rank ?? null,
          previousGrade: before.get(row.firmId)?.grade ?? null,
          facts: jsonValue(row.gathered.facts),
          explanation: jsonValue(row.evaluation),
          sources: jsonValue(row.gathered.sources),
        })),
      });
      const candidates = await proposeCandidates(
        tx,
        period,
        rules,
        ranked.map((r) => ({ firmId: r.firmId, grade: r.grade })),
        new Map(ranked.map((r) => [r.firmId, r.gathered.signals])),
      );
      const result: ComputeResult = {
        periodId: period.id,
        evaluated: ranked.length,
        candidates,
        ruleVersion: rules.version,
      };
      await w.audit(tx, {
        action: existing ? 'evaluation_period.recompute' : 'evaluation_period.compute',
        entityType: 'evaluation_period',
        entityId: period.id,
        after: {
          ...result,
          ranking: ranked.map((r) => ({ firmId: r.firmId, rank: r.rank, score: r.score, grade: r.grade })),
        },
      });
      return result;
    });
  } catch (error) {
    // Two admins computing the same new period at once: the second finds the first's rows.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new EvaluationRefusal(
        reason(
          'evaluation_period_busy',
          `评价周期 ${period.id} 正由他人同时计算，请稍后刷新查看。`,
          `Someone else is computing period ${period.id} right now; reload in a moment.`,
        ),
      );
    }
    throw error;
  }
}

/**
 * The rule set's proposals for the period, written once per firm, list, rule and period (ids are
 * derived from the four, so recomputing proposes nothing twice). A proposal the records no longer
 * support is withdrawn while nobody has decided it; decided ones stay as the record. A firm already
 * on a list is not proposed for it again.
 */
async function proposeCandidates(
  tx: Tx,
  period: EvaluationPeriodRef,
  rules: EvaluationRules,
  current: Array<{ firmId: string; grade: string }>,
  signals: Map<string, FirmSignals>,
  /** Propose (and withdraw) for this list only; both when absent. */
  only?: 'red' | 'black',
): Promise<number> {
  const earlierIds = periodsUpTo(period, rules.lists.red.consecutive)
    .slice(1)
    .map((p) => p.id);
  const earlierRows = await tx.firmEvaluation.findMany({
    where: { periodId: { in: earlierIds } },
    select: { periodId: true, firmId: true, grade: true },
  });
  const gradeOf = new Map(earlierRows.map((r) => [`${r.periodId}|${r.firmId}`, r.grade]));
  const earlier = new Map(
    current.map((c) => [
      c.firmId,
      earlierIds.map((periodId) => ({ periodId, grade: gradeOf.get(`${periodId}|${c.firmId}`) ?? null })),
    ]),
  );
  const proposed = listCandidates({
    rules: rules.lists,
    periodId: period.id,
    current,
    earlier,
    signals,
  }).filter((p) => !only || p.list === only);
  const listed = await tx.firmListEntry.findMany({
    where: {
      status: 'listed',
      firmId: { in: proposed.map((p) => p.firmId) },
      OR: [{ effectiveUntil: null }, { effectiveUntil: { gte: day(period.endsOn) } }],
    },
    select: { firmId: true, list: true },
  });
  const onList = new Set(listed.map((l) => `${l.firmId}|${l.list}`));
  const fresh = proposed.filter((p) => !onList.has(`${p.firmId}|${p.list}`));
  const idOf = (p: { firmId: string; rule: string }) => `fle:${period.id}:${p.rule}:${p.firmId}`;
  const keep = new Set(fresh.map(idOf));
  const stale = await tx.firmListEntry.findMany({
    where: { periodId: period.id, status: 'candidate', ...(only ? { list: only } : {}) },
    select: { id: true },
  });
  const withdraw = stale.filter((s) => !keep.has(s.id)).map((s) => s.id);
  if (withdraw.length > 0) await tx.firmListEntry.deleteMany({ where: { id: { in: withdraw } } });
  const created = await tx.firmListEntry.createMany({
    data: fresh.map((p) => ({
      id: idOf(p),
      firmId: p.firmId,
      list: p.list,
      status: 'candidate' as const,
      rule: p.rule,
      evidence: jsonValue(p.evidence),
      periodId: period.id,
    })),
    skipDuplicates: true,
  });
  return created.count;
}

/** 发布: once; its scores, ranks and grades are final from then on and shown to the firms. */
export async function publishEvaluationPeriod(
  w: EvaluationWriter,
  periodId: string,
): Promise<{ candidates: number }> {
  const period = periodOrRefuse(periodId);
  const rules = await publishedRules(w.prisma);
  return w.prisma.$transaction(async (tx) => {
    const row = await tx.evaluationPeriod.findUnique({ where: { id: period.id } });
    if (!row) {
      throw new EvaluationRefusal(
        reason(
          'evaluation_period_not_computed',
          `评价周期 ${period.id} 尚未计算，请先计算再发布。`,
          `Period ${period.id} has not been computed yet; compute it first.`,
        ),
      );
    }
    const updated = await tx.evaluationPeriod.updateMany({
      where: { id: period.id, status: 'draft' },
      data: { status: 'published', publishedAt: new Date(), publishedById: w.actorId },
    });
    if (updated.count === 0) throw alreadyPublished(period.id);
    const rows = await tx.firmEvaluation.findMany({
      where: { periodId: period.id },
      select: { firmId: true, grade: true },
    });
    // The black-list proposals stand as computed; a red run may have changed if an earlier period
    // was recomputed after this one, so the red ones are proposed again from the stored grades.
    const candidates = await proposeCandidates(
      tx,
      period,
      rules,
      rows.map((r) => ({ firmId: r.firmId, grade: r.grade })),
      new Map(),
      'red',
    );
    await w.audit(tx, {
      action: 'evaluation_period.publish',
      entityType: 'evaluation_period',
      entityId: period.id,
      before: { status: 'draft' },
      after: { status: 'published', firms: rows.length, candidates },
    });
    return { candidates };
  });
}

// ─── 红榜 / 黑榜 decisions ─────────────────────────────────────────────────────────────────────

const decided = (status: string) =>
  new EvaluationRefusal(
    reason(
      'list_entry_decided',
      `该条目已处理（当前状态：${STATUS_ZH[status] ?? status}），不能重复处理。`,
      `This entry was decided already (it is ${status}).`,
    ),
  );
const STATUS_ZH: Record<string, string> = {
  candidate: '待确认',
  listed: '已上榜',
  ended: '已撤榜',
  dismissed: '不予上榜',
};

async function entryOrThrow(tx: Tx, id: string) {
  const entry = await tx.firmListEntry.findUnique({ where: { id } });
  if (!entry) throw new EvaluationNotFound(`no list entry ${id}`);
  return entry;
}

/** Firm.listStatus mirrors the entries on `today` (black outweighs red). */
export async function syncListStatus(tx: Tx, firmIds: readonly string[], today: string): Promise<void> {
  const [red, black] = await Promise.all([
    firmsListedOn(tx, 'red', today, firmIds),
    firmsListedOn(tx, 'black', today, firmIds),
  ]);
  for (const firmId of firmIds) {
    await tx.firm.update({
      where: { id: firmId },
      data: { listStatus: listStatusOf(red.has(firmId), black.has(firmId)) },
    });
  }
}

export interface ConfirmInput {
  reason: string;
  effectiveFrom: string;
  effectiveUntil?: string | undefined;
}

/**
 * 确认上榜. Confirming a black listing ends the firm's red one (a firm is not held up and warned
 * about at once), audited as its own step.
 */
export async function confirmListEntry(w: EvaluationWriter, id: string, input: ConfirmInput): Promise<void> {
  await w.prisma.$transaction(async (tx) => {
    const entry = await entryOrThrow(tx, id);
    const updated = await tx.firmListEntry.updateMany({
      where: { id, status: 'candidate' },
      data: {
        status: 'listed',
        decidedAt: new Date(),
        decidedById: w.actorId,
        decisionReason: input.reason,
        effectiveFrom: day(input.effectiveFrom),
        effectiveUntil: input.effectiveUntil ? day(input.effectiveUntil) : null,
      },
    });
    if (updated.count === 0) throw decided(entry.status);
    await w.audit(tx, {
      action: 'firm_list.confirm',
      entityType: 'firm_list_entry',
      entityId: id,
      before: { status: entry.status },
      after: {
        status: 'listed',
        firmId: entry.firmId,
        list: entry.list,
        rule: entry.rule,
        reason: input.reason,
        effectiveFrom: input.effectiveFrom,
        effectiveUntil: input.effectiveUntil ?? null,
      },
    });
    if (entry.list === 'black') {
      const reds = await tx.firmListEntry.findMany({
        where: { firmId: entry.firmId, list: 'red', status: 'listed' },
        select: { id: true },
      });
      for (const red of reds) {
        const endReason = `列入黑榜（${input.reason}），红榜随之撤下`;
        await tx.firmListEntry.update({
          where: { id: red.id },
          data: { status: 'ended', endedAt: new Date(), endedById: w.actorId, endReason },
        });
        await w.audit(tx, {
          action: 'firm_list.end',
          entityType: 'firm_list_entry',
          entityId: red.id,
          before: { status: 'listed' },
          after: { status: 'ended', reason: endReason, because: id },
        });
      }
    }
    await syncListStatus(tx, [entry.firmId], w.today);
  });
}

/** 不予上榜. */
export async function dismissListEntry(w: EvaluationWriter, id: string, why: string): Promise<void> {
  await w.prisma.$transaction(async (tx) => {
    const entry = await entryOrThrow(tx, id);
    const updated = await tx.firmListEntry.updateMany({
      where: { id, status: 'candidate' },
      data: { status: 'dismissed', decidedAt: new Date(), decidedById: w.actorId, decisionReason: why },
    });
    if (updated.count === 0) throw decided(entry.status);
    await w.audit(tx, {
      action: 'firm_list.dismiss',
      entityType: 'firm_list_entry',
      entityId: id,
      before: { status: entry.status },
      after: { status: 'dismissed', firmId: entry.firmId, list: entry.list, reason: why },
    });
  });
}

/** 撤榜: a listed firm taken off its list before (or without) its end date. */
export async function endListEntry(w: EvaluationWriter, id: string, why: string): Promise<void> {
  await w.prisma.$transaction(async (tx) => {
    const entry = await entryOrThrow(tx, id);
    const updated = await tx.firmListEntry.updateMany({
      where: { id, status: 'listed' },
      data: { status: 'ended', endedAt: new Date(), endedById: w.actorId, endReason: why },
    });
    if (updated.count === 0) {
      throw new EvaluationRefusal(
        reason(
          'list_entry_not_listed',
          `该条目不在榜上（当前状态：${STATUS_ZH[entry.status] ?? entry.status}），无需撤榜。`,
          `This entry is not on the list (it is ${entry.status}); there is nothing to end.`,
        ),
      );
    }
    await w.audit(tx, {
      action: 'firm_list.end',
      entityType: 'firm_list_entry',
      entityId: id,
      before: { status: 'listed' },
      after: { status: 'ended', firmId: entry.firmId, list: entry.list, reason: why },
    });
    await syncListStatus(tx, [entry.firmId], w.today);
  });
}
