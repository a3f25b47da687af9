import { Inject, Injectable } from '@nestjs/common';
import {
  computeEvaluationPeriod,
  confirmListEntry,
  dismissListEntry,
  endListEntry,
  EvaluationNotFound,
  EvaluationRefusal,
  publishEvaluationPeriod,
  type EvaluationWriter,
} from '@pilot/activities/incentives';
import type { Prisma, PrismaClient } from '@pilot/db';
import {
  EVALUATION_COMPONENTS,
  EVALUATION_RULES_1,
  evaluationRulesSchema,
  formatLocalDate,
  LIST_RULE_IDS,
  parsePeriodId,
  previousPeriod,
  reason,
  type ConfirmListEntryInput,
  type DraftEvaluationRulesInput,
  type EvaluationRules,
  type ListFirmListEntriesQuery,
  type PublishEvaluationRulesInput,
} from '@pilot/domain';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { ForbiddenError, NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { isUniqueViolation } from '../platform/errors/database-errors.js';
import { PRISMA } from '../platform/tokens.js';
import {
  storedExplanationSchema,
  storedSourcesSchema,
  type ComputeResultView,
  type EvaluationPeriodList,
  type EvaluationPeriodView,
  type EvaluationRuleSetList,
  type EvaluationRuleSetView,
  type FirmEvaluationHistory,
  type FirmEvaluationView,
  type ListEntryView,
  type ListOverview,
  type RankingView,
} from './evaluation.dto.js';

type PeriodRow = Prisma.EvaluationPeriodGetPayload<object>;
type EntryRow = Prisma.FirmListEntryGetPayload<{ include: { firm: { select: { id: true; name: true } } } }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const dateOnly = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const today = () => formatLocalDate(Date.now());

const BUILT_IN: EvaluationRuleSetView = {
  version: EVALUATION_RULES_1.version,
  status: 'published',
  rules: EVALUATION_RULES_1,
  note: '内置规则（第 1 版）',
  builtIn: true,
  createdAt: null,
  publishedAt: null,
  publishedBy: null,
};

function rulesChanged(basedOn: number, current: number): RefusedError {
  return new RefusedError([
    reason(
      'evaluation_rules_changed',
      `评价规则已更新为第 ${current} 版（您修改的是第 ${basedOn} 版），请刷新后在新版本上修改。`,
      `The rules are at version ${current} now (you changed version ${basedOn}); reload and change the new one.`,
    ),
  ]);
}

/**
 * 激励评价 over HTTP: rule sets an admin drafts and publishes, periods computed and published once,
 * rankings with movement, each firm's explained score, and 红榜/黑榜 decisions. The writes shared
 * with the demo import live in @pilot/activities/incentives; this adds who may see what.
 */
@Injectable()
export class EvaluationService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  private writer(actor: Principal): EvaluationWriter {
    return {
      prisma: this.prisma,
      audit: (tx, record) => this.audit.append(tx, actor, record),
      actorId: actor.userId,
      today: today(),
    };
  }

  /** The shared module's refusals in the API's words. */
  private async run<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof EvaluationRefusal) throw new RefusedError([error.reason]);
      if (error instanceof EvaluationNotFound) throw new NotFoundError(error.message);
      throw error;
    }
  }

  private async names(ids: Array<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const users = await this.prisma.user.findMany({
      where: { id: { in: wanted } },
      select: { id: true, displayName: true },
    });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  private ref(names: Map<string, string>, id: string | null) {
    return id ? { id, name: names.get(id) ?? id } : null;
  }

  // ─── rule sets ─────────────────────────────────────────────────────────────────────────────

  async listRules(): Promise<EvaluationRuleSetList> {
    const rows = await this.prisma.evaluationRuleSet.findMany({ orderBy: { version: 'desc' } });
    const names = await this.names(rows.map((r) => r.publishedById));
    const versions: EvaluationRuleSetView[] = rows.flatMap((row) => {
      // A row this code cannot read (written by a later release) is left out rather than guessed at.
      const parsed = evaluationRulesSchema.safeParse(row.rules);
      if (!parsed.success) return [];
      return [
        {
          version: row.version,
          status: row.status,
          rules: parsed.data,
          note: row.note,
          builtIn: false,
          createdAt: row.createdAt.toISOString(),
          publishedAt: iso(row.publishedAt),
          publishedBy: this.ref(names, row.publishedById),
        },
      ];
    });
    if (!versions.some((v) => v.version === BUILT_IN.version)) versions.push(BUILT_IN);
    const current = versions.find((v) => v.status === 'published') ?? BUILT_IN;
    const draft = versions.find((v) => v.status === 'draft' && v.version > current.version) ?? null;
    return { current, draft, versions };
  }

  private async currentVersion(
    tx: Prisma.TransactionClient,
  ): Promise<{ version: number; rules: EvaluationRules }> {
    const latest = await tx.evaluationRuleSet.findFirst({
      where: { status: 'published' },
      orderBy: { version: 'desc' },
    });
    const parsed = latest ? evaluationRulesSchema.safeParse(latest.rules) : null;
    return parsed?.success
      ? { version: parsed.data.version, rules: parsed.data }
      : { version: EVALUATION_RULES_1.version, rules: EVALUATION_RULES_1 };
  }

  /** 起草: the next version (published + 1), created or replaced; 409 when the base moved on. */
  async draftRules(actor: Principal, input: DraftEvaluationRulesInput): Promise<EvaluationRuleSetView> {
    const { basedOn, note, ...content } = input;
    try {
      await this.prisma.$transaction(async (tx) => {
        const current = await this.currentVersion(tx);
        if (basedOn !== current.version) throw rulesChanged(basedOn, current.version);
        const version = current.version + 1;
        const rules: EvaluationRules = { ...content, version };
        const before = await tx.evaluationRuleSet.findUnique({ where: { version } });
        if (before?.status === 'published') throw rulesChanged(basedOn, version);
        await tx.evaluationRuleSet.upsert({
          where: { version },
          create: { version, rules, note: note ?? null, createdById: actor.userId },
          update: { rules, note: note ?? null, createdById: actor.userId, createdAt: new Date() },
        });
        await this.audit.append(tx, actor, {
          action: 'evaluation_rules.draft',
          entityType: 'evaluation_rules',
          entityId: String(version),
          before: before?.rules ?? current.rules,
          after: rules,
        });
      });
    } catch (error) {
      // Two admins creating the same draft version at once: the second finds the first's.
      if (isUniqueViolation(error)) throw rulesChanged(basedOn, basedOn + 1);
      throw error;
    }
    const list = await this.listRules();
    return list.draft ?? list.current;
  }

  /** 发布: the draft of the given version becomes the set new periods are computed with. */
  async publishRules(actor: Principal, input: PublishEvaluationRulesInput): Promise<EvaluationRuleSetView> {
    await this.prisma.$transaction(async (tx) => {
      const current = await this.currentVersion(tx);
      if (input.version !== current.version + 1) throw rulesChanged(input.version - 1, current.version);
      const updated = await tx.evaluationRuleSet.updateMany({
        where: { version: input.version, status: 'draft' },
        data: { status: 'published', publishedAt: new Date(), publishedById: actor.userId },
      });
      if (updated.count === 0) {
        throw new RefusedError([
          reason(
            'evaluation_rules_no_draft',
            `没有第 ${input.version} 版的草稿可发布。`,
            `There is no draft of version ${input.version} to publish.`,
          ),
        ]);
      }
      await this.audit.append(tx, actor, {
        action: 'evaluation_rules.publish',
        entityType: 'evaluation_rules',
        entityId: String(input.version),
        before: { version: current.version },
        after: { version: input.version, status: 'published' },
      });
    });
    return (await this.listRules()).current;
  }

  // ─── periods and rankings ──────────────────────────────────────────────────────────────────

  private async periodViews(rows: PeriodRow[]): Promise<EvaluationPeriodView[]> {
    const ids = rows.map((r) => r.id);
    const [firms, candidates, names] = await Promise.all([
      this.prisma.firmEvaluation.groupBy({
        by: ['periodId'],
        where: { periodId: { in: ids } },
        _count: true,
      }),
      this.prisma.firmListEntry.groupBy({
        by: ['periodId'],
        where: { periodId: { in: ids }, status: 'candidate' },
        _count: true,
      }),
      this.names(rows.map((r) => r.publishedById)),
    ]);
    const count = (groups: Array<{ periodId: string | null; _count: number }>, id: string) =>
      groups.find((g) => g.periodId === id)?._count ?? 0;
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      startsOn: dateOnly(row.startsOn)!,
      endsOn: dateOnly(row.endsOn)!,
      ruleVersion: row.ruleVersion,
      status: row.status,
      computedAt: row.computedAt.toISOString(),
      publishedAt: iso(row.publishedAt),
      publishedBy: this.ref(names, row.publishedById),
      firms: count(firms, row.id),
      candidates: count(candidates, row.id),
    }));
  }

  /** Admins see drafts too; everyone else only what was published. */
  private visibleStatus(principal: Principal) {
    return principal.role === 'admin' ? {} : { status: 'published' as const };
  }

  async listPeriods(principal: Principal): Promise<EvaluationPeriodList> {
    const rows = await this.prisma.evaluationPeriod.findMany({
      where: this.visibleStatus(principal),
      orderBy: [{ endsOn: 'desc' }, { kind: 'asc' }],
    });
    return { items: await this.periodViews(rows) };
  }

  /** A period by id, or `latest`: the newest published month (a quarter when no month is). */
  private async period(principal: Principal, id: string): Promise<PeriodRow> {
    const where = this.visibleStatus(principal);
    const row =
      id === 'latest'
        ? ((await this.prisma.evaluationPeriod.findFirst({
            where: { status: 'published', kind: 'month' },
            orderBy: { endsOn: 'desc' },
          })) ??
          (await this.prisma.evaluationPeriod.findFirst({
            where: { status: 'published' },
            orderBy: { endsOn: 'desc' },
          })))
        : await this.prisma.evaluationPeriod.findFirst({ where: { id, ...where } });
    if (!row) throw new NotFoundError(`no period ${id}`);
    return row;
  }

  async compute(actor: Principal, periodId: string): Promise<ComputeResultView> {
    const result = await this.run(() => computeEvaluationPeriod(this.writer(actor), periodId));
    const [period] = await this.periodViews([await this.period(actor, result.periodId)]);
    return { period: period!, evaluated: result.evaluated, proposed: result.candidates };
  }

  async publish(actor: Principal, periodId: string): Promise<EvaluationPeriodView> {
    if (!parsePeriodId(periodId)) throw new NotFoundError(`no period ${periodId}`);
    await this.run(() => publishEvaluationPeriod(this.writer(actor), periodId));
    const [period] = await this.periodViews([await this.period(actor, periodId)]);
    return period!;
  }

  async ranking(principal: Principal, id: string): Promise<RankingView> {
    const row = await this.period(principal, id);
    const rows = await this.prisma.firmEvaluation.findMany({
      where: { periodId: row.id },
      include: { firm: { select: { id: true, name: true, listStatus: true } } },
      orderBy: [{ rank: 'asc' }, { firm: { name: 'asc' } }],
    });
    const [period] = await this.periodViews([row]);
    const ref = parsePeriodId(row.id);
    return {
      period: period!,
      previousPeriodId: ref ? previousPeriod(ref).id : '',
      rows: rows.map((r) => ({
        rank: r.rank,
        previousRank: r.previousRank,
        movement: r.previousRank === null ? null : r.previousRank - r.rank,
        firm: { id: r.firm.id, name: r.firm.name },
        score: r.score,
        grade: r.grade,
        previousGrade: r.previousGrade,
        listStatus: r.firm.listStatus,
      })),
    };
  }

  /** A firm sees only its own firm; everyone else who reaches the route sees any. */
  private ownFirm(principal: Principal, firmId: string): void {
    if (principal.role === 'firm' && principal.firmId !== firmId) {
      throw new NotFoundError(`no evaluation of firm ${firmId} for this caller`);
    }
  }

  async firmEvaluation(principal: Principal, periodId: string, firmId: string): Promise<FirmEvaluationView> {
    this.ownFirm(principal, firmId);
    const periodRow = await this.period(principal, periodId);
    const row = await this.prisma.firmEvaluation.findUnique({
      where: { periodId_firmId: { periodId: periodRow.id, firmId } },
      include: { firm: { select: { id: true, name: true, listStatus: true } } },
    });
    if (!row) throw new NotFoundError(`firm ${firmId} was not evaluated in ${periodRow.id}`);
    const explanation = storedExplanationSchema.parse(row.explanation);
    const sources = storedSourcesSchema.parse(row.sources);
    const facts = row.facts as { publishedCases?: unknown } | null;
    const [period] = await this.periodViews([periodRow]);
    return {
      period: period!,
      firm: { id: row.firm.id, name: row.firm.name },
      score: row.score,
      grade: row.grade,
      rank: row.rank,
      previousRank: row.previousRank,
      previousGrade: row.previousGrade,
      movement: row.previousRank === null ? null : row.previousRank - row.rank,
      components: explanation.components.map((part) => {
        const meta = EVALUATION_COMPONENTS[part.component];
        return {
          ...part,
          label: { zh: meta.zh, en: meta.en },
          better: meta.better,
          sources: sources[part.component] ?? null,
        };
      }),
      bonus: explanation.bonus,
      publishedCases: typeof facts?.publishedCases === 'number' ? facts.publishedCases : 0,
      caseSources: sources['publishedCases'] ?? null,
      next: explanation.next,
      listStatus: row.firm.listStatus,
    };
  }

  async firmHistory(principal: Principal, firmId: string): Promise<FirmEvaluationHistory> {
    this.ownFirm(principal, firmId);
    const firm = await this.prisma.firm.findUnique({ where: { id: firmId } });
    if (!firm) throw new NotFoundError(`no firm ${firmId}`);
    const rows = await this.prisma.firmEvaluation.findMany({
      where: { firmId, period: { status: 'published' } },
      include: { period: true },
      orderBy: { period: { endsOn: 'desc' } },
    });
    const periods = await this.periodViews(rows.map((r) => r.period));
    const entries = await this.prisma.firmListEntry.findMany({
      where: { firmId, ...(principal.role === 'firm' ? { status: { in: ['listed', 'ended'] } } : {}) },
      include: { firm: { select: { id: true, name: true } } },
      orderBy: { proposedAt: 'desc' },
    });
    return {
      firm: { id: firm.id, name: firm.name },
      listStatus: firm.listStatus,
      periods: rows.map((r, index) => ({
        period: periods[index]!,
        rank: r.rank,
        movement: r.previousRank === null ? null : r.previousRank - r.rank,
        score: r.score,
        grade: r.grade,
      })),
      listings: await this.entryViews(entries),
    };
  }

  // ─── 红榜 / 黑榜 ──────────────────────────────────────────────────────────────────────────

  private async entryViews(rows: EntryRow[]): Promise<ListEntryView[]> {
    const day = today();
    const names = await this.names(rows.flatMap((r) => [r.decidedById, r.endedById]));
    return rows.map((row) => {
      const from = dateOnly(row.effectiveFrom);
      const until = dateOnly(row.effectiveUntil);
      const label = LIST_RULE_IDS[row.rule as keyof typeof LIST_RULE_IDS] ?? { zh: row.rule, en: row.rule };
      return {
        id: row.id,
        firm: row.firm,
        list: row.list,
        status: row.status,
        rule: row.rule,
        ruleLabel: { zh: label.zh, en: label.en },
        evidence:
          row.evidence !== null && typeof row.evidence === 'object' && !Array.isArray(row.evidence)
            ? { ...row.evidence }
            : {},
        periodId: row.periodId,
        proposedAt: row.proposedAt.toISOString(),
        decidedAt: iso(row.decidedAt),
        decidedBy: this.ref(names, row.decidedById),
        decisionReason: row.decisionReason,
        effectiveFrom: from,
        effectiveUntil: until,
        endedAt: iso(row.endedAt),
        endedBy: this.ref(names, row.endedById),
        endReason: row.endReason,
        inEffect: row.status === 'listed' && from !== null && from <= day && (until === null || until >= day),
      };
    });
  }

  /** The lists today, the candidates waiting, and the history; a firm sees its own entries only. */
  async lists(principal: Principal, query: ListFirmListEntriesQuery): Promise<ListOverview> {
    if (principal.role === 'firm' && query.firmId !== undefined && query.firmId !== principal.firmId) {
      throw new ForbiddenError('a firm reads its own listings only');
    }
    const firmId = principal.role === 'firm' ? (principal.firmId ?? '-') : query.firmId;
    const rows = await this.prisma.firmListEntry.findMany({
      where: {
        ...(firmId ? { firmId } : {}),
        ...(query.list ? { list: query.list } : {}),
        ...(query.status ? { status: query.status } : {}),
        // A firm is not shown proposals about it that an admin has not decided.
        ...(principal.role === 'firm' ? { status: { in: ['listed', 'ended'] } } : {}),
      },
      include: { firm: { select: { id: true, name: true } } },
      orderBy: [{ proposedAt: 'desc' }, { id: 'asc' }],
      take: 500,
    });
    const views = await this.entryViews(rows);
    return {
      today: today(),
      red: views.filter((v) => v.inEffect && v.list === 'red'),
      black: views.filter((v) => v.inEffect && v.list === 'black'),
      candidates: views.filter((v) => v.status === 'candidate'),
      history: views.filter((v) => v.status !== 'candidate' && !v.inEffect),
    };
  }

  private async entry(id: string): Promise<ListEntryView> {
    const row = await this.prisma.firmListEntry.findUnique({
      where: { id },
      include: { firm: { select: { id: true, name: true } } },
    });
    if (!row) throw new NotFoundError(`no list entry ${id}`);
    return (await this.entryViews([row]))[0]!;
  }

  async confirm(actor: Principal, id: string, input: ConfirmListEntryInput): Promise<ListEntryView> {
    await this.run(() => confirmListEntry(this.writer(actor), id, input));
    return this.entry(id);
  }

  async dismiss(actor: Principal, id: string, why: string): Promise<ListEntryView> {
    await this.run(() => dismissListEntry(this.writer(actor), id, why));
    return this.entry(id);
  }

  async end(actor: Principal, id: string, why: string): Promise<ListEntryView> {
    await this.run(() => endListEntry(this.writer(actor), id, why));
    return this.entry(id);
  }
}
