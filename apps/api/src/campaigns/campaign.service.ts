import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { firmsListedOn, jsonValue, Prisma, type PrismaClient } from '@pilot/db';
import {
  CAMPAIGN_COMPOUND_STATES,
  campaignAttendeesSchema,
  campaignWorkflowId,
  formatInstant,
  formatInstantOrNull,
  formatLocalDate,
  inspectorAssignmentSchema,
  parseLocalDate,
  planOnRelease,
  plannedInspections,
  reasonSchema,
  workloadForecast,
  type CampaignCompoundState,
  type CampaignDraftInput,
  type CampaignStatus,
  type CampaignWorkflowInput,
  type ForecastInspection,
  type InputIssue,
  type InspectorAssignment,
  type ListCampaignsQuery,
  type Locale,
  type LocalizedText,
  type Reason,
  type RebalanceCampaignInput,
  type RetryCampaignInput,
} from '@pilot/domain';
import { retryCampaign, startCampaign } from '@pilot/workflows/client';
import { campaignProgressQuery } from '@pilot/workflows/messages';
import type { Client } from '@temporalio/client';
import type { ApiConfig } from '../config.js';
import { CalendarService } from '../calendars/calendar.service.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { InvalidInputError, NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { API_CONFIG, PRISMA, TASK_QUEUE, TEMPORAL_CLIENT } from '../platform/tokens.js';
import { WorkflowCalls } from '../platform/workflows/workflow-calls.js';
import { inspectorIssues, sayer, type Say } from '../pilots/inspector-issues.js';
import { actorOf } from '../pilots/pilot-workflow.gateway.js';
import type {
  CampaignCompoundView,
  CampaignForecastView,
  CampaignList,
  CampaignProgressView,
  CampaignSummary,
  CampaignView,
} from './campaign.dto.js';

const include = {
  compounds: {
    include: {
      compound: { include: { community: { select: { id: true, name: true } } } },
      firm: { select: { id: true, name: true } },
    },
    orderBy: { compoundId: 'asc' },
  },
} satisfies Prisma.RolloutCampaignInclude;
type CampaignRow = Prisma.RolloutCampaignGetPayload<{ include: typeof include }>;
type Tx = Prisma.TransactionClient;

const STATUS_LABELS: Record<CampaignStatus, LocalizedText> = {
  draft: { zh: '草稿', en: 'Draft' },
  enrolling: { zh: '纳入中', en: 'Enrolling' },
  enrolled: { zh: '已纳入', en: 'Enrolled' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
const STATE_LABELS: Record<CampaignCompoundState, LocalizedText> = {
  planned: { zh: '待启动', en: 'Planned' },
  started: { zh: '已启动试点', en: 'Pilot started' },
  already_enrolled: { zh: '已在试点中', en: 'Already in a pilot' },
  failed: { zh: '启动失败', en: 'Failed' },
};

/** Inspections still ahead of an inspector in a running pilot. */
const OPEN_TASKS = ['scheduled', 'open'] as const;
/** A live view is a nicety on top of the rows; the page must not wait long for it. */
const PROGRESS_DEADLINE_MS = 3_000;

const refused = (code: string, zh: string, en: string) => new RefusedError([{ code, zh, en }]);

/**
 * 409 at confirmation: the process does not allow these compounds now. Each refusal names its
 * compound (reasons), and the issues point at the draft's fields so the form marks them (indexes of
 * the compounds as the campaign lists them, by compound id: the order is not stored).
 */
export class CampaignRefusedError extends RefusedError {
  constructor(
    reasons: Reason[],
    readonly issues: InputIssue[],
  ) {
    super(reasons);
  }
  override body() {
    return { reasons: this.reasons, issues: this.issues };
  }
}

/**
 * 全面推广 campaigns: the working group drafts (origin pilots, invited 拟达标 firms, the deployment
 * meeting, compounds with their inspectors), reads the workload forecast, rebalances, and confirms
 * once; the campaign workflow then starts each compound's pilot. Each change and its audit entry
 * (stream `campaign:<id>`, the one the workflow's activities write to) commit together.
 */
@Injectable()
export class CampaignService {
  private readonly logger = new Logger('CampaignService');
  private readonly calls: WorkflowCalls;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CalendarService) private readonly calendars: CalendarService,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(TASK_QUEUE) private readonly taskQueue: string,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.calls = new WorkflowCalls(client, config.workflowUpdateTimeoutMs, 'CampaignWorkflow');
  }

  // ─── reading ─────────────────────────────────────────────────────────────────────────────

  async list(principal: Principal, query: ListCampaignsQuery): Promise<CampaignList> {
    const rows = await this.prisma.rolloutCampaign.findMany({
      where: { AND: [scopeOf(principal), query.status ? { status: query.status } : {}] },
      include,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: 200,
    });
    const views = await this.views(rows);
    return {
      items: views.map(({ compounds, meeting, ...rest }): CampaignSummary => ({
        ...rest,
        meetingOn: meeting.on,
        compoundCount: compounds.length,
      })),
    };
  }

  async detail(principal: Principal, id: string): Promise<CampaignView> {
    return (await this.views([await this.visible(this.prisma, principal, id)]))[0]!;
  }

  /**
   * Inspections per inspector per ISO week over 26 weeks from the start date: the new pilots'
   * schedules on the release a new pilot follows, plus what the same inspectors already have due in
   * running pilots (not this campaign's own, which the schedules count already).
   */
  async forecast(principal: Principal, id: string): Promise<CampaignForecastView> {
    const row = await this.visible(this.prisma, principal, id);
    const current = await this.calendars.current();
    const { plan } = planOnRelease(current.release);
    const start = formatLocalDate(row.startDate.getTime());
    // A start date stored by this service: always a calendar day.
    const startMs = parseLocalDate(start)!;
    const inspections: ForecastInspection[] = row.compounds.flatMap((c) =>
      plannedInspections(plan, startMs, assignmentsOf(c.inspectorAssignments), c.compoundId),
    );
    const inspectorIds = [
      ...new Set(
        row.compounds.flatMap((c) => assignmentsOf(c.inspectorAssignments).map((a) => a.inspectorId)),
      ),
    ];
    const tasks = await this.prisma.inspectionTask.findMany({
      where: {
        assigneeId: { in: inspectorIds },
        status: { in: [...OPEN_TASKS] },
        dueAt: { gte: new Date(startMs - 7 * 86_400_000) },
        enrollment: { OR: [{ campaignId: null }, { campaignId: { not: row.id } }] },
      },
      select: { assigneeId: true, dueAt: true, enrollment: { select: { compoundId: true } } },
    });
    for (const task of tasks) {
      if (!task.assigneeId) continue;
      inspections.push({
        inspectorId: task.assigneeId,
        dueOn: formatLocalDate(task.dueAt.getTime()),
        source: 'running',
        compoundId: task.enrollment.compoundId,
      });
    }
    const result = workloadForecast({
      from: start,
      capacity: row.weeklyCapacity,
      inspections,
      inspectorIds,
    });
    const names = await this.userNames(result.inspectors.map((i) => i.inspectorId));
    return {
      campaignId: row.id,
      capacity: result.capacity,
      weeks: result.weeks,
      inspectors: result.inspectors.map(({ inspectorId, ...rest }) => ({
        inspector: { id: inspectorId, displayName: names.get(inspectorId) ?? inspectorId },
        ...rest,
      })),
      flagged: result.flagged,
    };
  }

  /** The compounds' rows, and the workflow's live view while it can answer. */
  async progress(principal: Principal, id: string): Promise<CampaignProgressView> {
    const view = await this.detail(principal, id);
    let live: CampaignProgressView['live'] = null;
    if (view.workflowId) {
      try {
        const progress = await this.client.withDeadline(Date.now() + PROGRESS_DEADLINE_MS, () =>
          this.client.workflow.getHandle(campaignWorkflowId(id)).query(campaignProgressQuery),
        );
        live = { running: progress.running, compounds: progress.compounds };
      } catch (error) {
        this.logger.debug({ message: 'campaign progress unavailable', id, error: String(error) });
      }
    }
    return { campaignId: id, status: view.status, compounds: view.compounds, counts: view.counts, live };
  }

  // ─── the draft ───────────────────────────────────────────────────────────────────────────

  async create(principal: Principal, input: CampaignDraftInput, locale: Locale): Promise<CampaignView> {
    const firmOf = await this.checkDraft(input, locale);
    const id = `campaign-${randomUUID()}`;
    await this.prisma.$transaction(async (tx) => {
      await tx.rolloutCampaign.create({
        data: { id, ...draftColumns(input), status: 'draft', createdById: principal.userId },
      });
      await tx.campaignCompound.createMany({ data: compoundRows(id, input, firmOf) });
      await this.audit.append(tx, principal, {
        stream: campaignWorkflowId(id),
        action: 'campaign.draft',
        entityType: 'rollout_campaign',
        entityId: id,
        after: auditedDraft(input),
      });
    });
    return this.detail(principal, id);
  }

  /** The whole draft again (its compounds replaced); a campaign past its draft is a 409. */
  async update(
    principal: Principal,
    id: string,
    input: CampaignDraftInput,
    locale: Locale,
  ): Promise<CampaignView> {
    await this.draftOf(principal, id);
    const firmOf = await this.checkDraft(input, locale);
    await this.prisma.$transaction(async (tx) => {
      const before = await this.lockDraft(tx, id);
      await tx.rolloutCampaign.update({ where: { id }, data: draftColumns(input) });
      await tx.campaignCompound.deleteMany({ where: { campaignId: id } });
      await tx.campaignCompound.createMany({ data: compoundRows(id, input, firmOf) });
      await this.audit.append(tx, principal, {
        stream: campaignWorkflowId(id),
        action: 'campaign.update',
        entityType: 'rollout_campaign',
        entityId: id,
        before: { name: before.name, compounds: before.compoundIds },
        after: auditedDraft(input),
      });
    });
    return this.detail(principal, id);
  }

  /** 调整检查员: one compound's inspectors, after reading the forecast. */
  async rebalance(
    principal: Principal,
    id: string,
    input: RebalanceCampaignInput,
    locale: Locale,
  ): Promise<CampaignView> {
    const row = await this.draftOf(principal, id);
    const say = sayer(locale);
    const compound = row.compounds.find((c) => c.compoundId === input.compoundId);
    if (!compound) {
      throw new InvalidInputError([
        {
          path: 'compoundId',
          message: say('该小区不在本次推广中。', 'The compound is not part of this campaign.'),
        },
      ]);
    }
    const issues: InputIssue[] = [];
    await this.checkInspectors(input.inspectorAssignments, '', issues, say);
    if (issues.length > 0) throw new InvalidInputError(issues);
    await this.prisma.$transaction(async (tx) => {
      await this.lockDraft(tx, id);
      await tx.campaignCompound.update({
        where: { campaignId_compoundId: { campaignId: id, compoundId: input.compoundId } },
        data: { inspectorAssignments: jsonValue(input.inspectorAssignments) },
      });
      await this.audit.append(tx, principal, {
        stream: campaignWorkflowId(id),
        action: 'campaign.rebalance',
        entityType: 'campaign_compound',
        entityId: `${id}:${input.compoundId}`,
        before: { inspectorAssignments: compound.inspectorAssignments },
        after: { inspectorAssignments: input.inspectorAssignments },
      });
    });
    return this.detail(principal, id);
  }

  async cancel(principal: Principal, id: string): Promise<CampaignView> {
    const row = await this.visible(this.prisma, principal, id);
    if (row.status === 'cancelled') return this.detail(principal, id);
    if (row.status !== 'draft') throw notDraft();
    await this.prisma.$transaction(async (tx) => {
      await this.lockDraft(tx, id);
      await tx.rolloutCampaign.update({ where: { id }, data: { status: 'cancelled' } });
      await this.audit.append(tx, principal, {
        stream: campaignWorkflowId(id),
        action: 'campaign.cancel',
        entityType: 'rollout_campaign',
        entityId: id,
        before: { status: 'draft' },
        after: { status: 'cancelled' },
      });
    });
    return this.detail(principal, id);
  }

  // ─── confirmation and after ──────────────────────────────────────────────────────────────

  /**
   * 确认推广, once: every compound is checked again now (already in a pilot, its firm black-listed
   * today or no longer serving it, deactivated) and any such compound refuses the whole
   * confirmation by name. Then the campaign is `enrolling` with who confirmed, audited, and its
   * workflow is started. A repeated confirmation answers the campaign and makes sure the workflow
   * runs (the start finds the running one), without a second confirmation or audit entry.
   */
  async confirm(principal: Principal, id: string, locale: Locale): Promise<CampaignView> {
    const row = await this.visible(this.prisma, principal, id);
    if (row.status === 'cancelled') {
      throw refused('campaign_cancelled', '该推广已取消，不能确认。', 'The campaign is cancelled.');
    }
    if (row.status === 'draft') {
      await this.refuseUnfit(row, locale);
      const now = new Date();
      const confirmedNow = await this.prisma.$transaction(async (tx) => {
        const changed = await tx.rolloutCampaign.updateMany({
          where: { id, status: 'draft' },
          data: {
            status: 'enrolling',
            confirmedAt: now,
            confirmedById: principal.userId,
            workflowId: campaignWorkflowId(id),
          },
        });
        // A confirmation that raced this one won: it is the one recorded.
        if (changed.count === 0) return false;
        await this.audit.append(tx, principal, {
          stream: campaignWorkflowId(id),
          action: 'campaign.confirm',
          entityType: 'rollout_campaign',
          entityId: id,
          before: { status: 'draft' },
          after: { status: 'enrolling', compounds: row.compounds.map((c) => c.compoundId) },
        });
        return true;
      });
      if (!confirmedNow) {
        const now2 = await this.prisma.rolloutCampaign.findUniqueOrThrow({ where: { id } });
        if (now2.status === 'cancelled' || now2.status === 'draft') throw notDraft();
      }
    }
    // Also on a repeat: a start lost after the confirmation committed is made here.
    await this.calls.reach(() =>
      startCampaign(this.client, this.taskQueue, this.workflowInput(row, principal)),
    );
    return this.detail(principal, id);
  }

  /** Starts the failed compounds again (all, or those named) through the campaign's workflow. */
  async retry(
    principal: Principal,
    id: string,
    input: RetryCampaignInput,
    locale: Locale,
  ): Promise<CampaignProgressView> {
    const row = await this.visible(this.prisma, principal, id);
    if (row.status === 'draft' || row.status === 'cancelled') {
      throw refused(
        'campaign_not_confirmed',
        '该推广尚未确认，没有可重试的小区。',
        'The campaign is not confirmed; there is nothing to retry.',
      );
    }
    const say = sayer(locale);
    const failed = row.compounds.filter((c) => c.state === 'failed');
    let compoundIds = failed.map((c) => c.compoundId);
    if (input.compoundIds) {
      const issues: InputIssue[] = [];
      input.compoundIds.forEach((compoundId, index) => {
        const compound = row.compounds.find((c) => c.compoundId === compoundId);
        if (!compound || compound.state !== 'failed') {
          issues.push({
            path: `compoundIds.${index}`,
            message: compound
              ? say(
                  `${compound.compound.name}没有启动失败，无需重试。`,
                  `${compound.compound.name} has not failed.`,
                )
              : say('该小区不在本次推广中。', 'The compound is not part of this campaign.'),
          });
        }
      });
      if (issues.length > 0) throw new InvalidInputError(issues);
      compoundIds = input.compoundIds;
    }
    if (compoundIds.length === 0) {
      throw refused('campaign_nothing_to_retry', '没有启动失败的小区。', 'No compound has failed.');
    }
    await this.audit.record(principal, {
      stream: campaignWorkflowId(id),
      action: 'campaign.retry',
      entityType: 'rollout_campaign',
      entityId: id,
      after: { compoundIds },
    });
    await this.calls.reach(() =>
      retryCampaign(this.client, this.taskQueue, this.workflowInput(row, principal), {
        actor: actorOf(principal),
        compoundIds,
      }),
    );
    return this.progress(principal, id);
  }

  // ─── helpers ─────────────────────────────────────────────────────────────────────────────

  private workflowInput(row: CampaignRow, principal: Principal): CampaignWorkflowInput {
    return {
      campaignId: row.id,
      compoundIds: row.compounds.map((c) => c.compoundId),
      actor: actorOf(principal),
    };
  }

  private async visible(db: PrismaClient | Tx, principal: Principal, id: string): Promise<CampaignRow> {
    const row = await db.rolloutCampaign.findFirst({ where: { AND: [scopeOf(principal), { id }] }, include });
    if (!row) throw new NotFoundError(`no campaign ${id}`);
    return row;
  }

  private async draftOf(principal: Principal, id: string): Promise<CampaignRow> {
    const row = await this.visible(this.prisma, principal, id);
    if (row.status !== 'draft') throw notDraft();
    return row;
  }

  /**
   * Locks the campaign row for the change and checks it is still a draft: a confirmation that
   * committed since the caller read it makes this a 409, not an edit of a confirmed campaign.
   */
  private async lockDraft(tx: Tx, id: string): Promise<{ name: string; compoundIds: string[] }> {
    const [locked] = await tx.$queryRaw<Array<{ status: string; name: string }>>`
      SELECT status::text AS status, name FROM rollout_campaign WHERE id = ${id} FOR UPDATE`;
    if (locked?.status !== 'draft') throw notDraft();
    const compounds = await tx.campaignCompound.findMany({
      where: { campaignId: id },
      select: { compoundId: true },
    });
    return { name: locked.name, compoundIds: compounds.map((c) => c.compoundId) };
  }

  /**
   * The registry checks of a draft, field by field: origin pilots, invited firms, each compound
   * (known, served by an invited firm) and its inspectors, the catalogue and the start date.
   * Answers each compound's firm.
   */
  private async checkDraft(input: CampaignDraftInput, locale: Locale): Promise<Map<string, string>> {
    const say = sayer(locale);
    const issues: InputIssue[] = [];
    const [origins, firms, compounds] = await Promise.all([
      this.prisma.enrollment.findMany({
        where: { id: { in: input.originEnrollmentIds } },
        select: { id: true },
      }),
      this.prisma.firm.findMany({
        where: { id: { in: input.invitedFirmIds } },
        select: { id: true, name: true, active: true },
      }),
      this.prisma.compound.findMany({
        where: { id: { in: input.compounds.map((c) => c.compoundId) } },
        select: { id: true, name: true, firmId: true },
      }),
    ]);
    const originIds = new Set(origins.map((o) => o.id));
    input.originEnrollmentIds.forEach((originId, index) => {
      if (!originIds.has(originId)) {
        issues.push({
          path: `originEnrollmentIds.${index}`,
          message: say(`找不到来源试点「${originId}」。`, `No pilot "${originId}".`),
        });
      }
    });
    const firmById = new Map(firms.map((f) => [f.id, f]));
    input.invitedFirmIds.forEach((firmId, index) => {
      const firm = firmById.get(firmId);
      if (!firm || !firm.active) {
        issues.push({
          path: `invitedFirmIds.${index}`,
          message: firm
            ? say(`${firm.name}已停用。`, `${firm.name} is deactivated.`)
            : say(`找不到物业企业「${firmId}」。`, `No firm "${firmId}".`),
        });
      }
    });
    const compoundById = new Map(compounds.map((c) => [c.id, c]));
    const firmOf = new Map<string, string>();
    for (const [index, item] of input.compounds.entries()) {
      const compound = compoundById.get(item.compoundId);
      if (!compound) {
        issues.push({
          path: `compounds.${index}.compoundId`,
          message: say(`找不到小区「${item.compoundId}」。`, `No compound "${item.compoundId}".`),
        });
      } else if (!input.invitedFirmIds.includes(compound.firmId)) {
        issues.push({
          path: `compounds.${index}.compoundId`,
          message: say(
            `${compound.name}的物业企业不在拟达标企业之列。`,
            `The firm serving ${compound.name} is not among the invited firms.`,
          ),
        });
      } else firmOf.set(compound.id, compound.firmId);
      await this.checkInspectors(item.inspectorAssignments, `compounds.${index}.`, issues, say);
    }
    const catalogue = await this.prisma.catalogueVersion.findUnique({
      where: { id: input.catalogueVersion },
      select: { status: true },
    });
    if (!catalogue || catalogue.status !== 'published') {
      issues.push({
        path: 'catalogueVersion',
        message: catalogue
          ? say(
              `评价标准版本 ${input.catalogueVersion} 尚未发布或已停用。`,
              `Catalogue version ${input.catalogueVersion} is not published.`,
            )
          : say(
              `没有评价标准版本 ${input.catalogueVersion}。`,
              `No catalogue version ${input.catalogueVersion}.`,
            ),
      });
    }
    // Calendar days compare as ISO strings.
    const today = formatLocalDate(Date.now());
    if (input.startDate < today) {
      issues.push({
        path: 'startDate',
        message: say(
          `开始日期不能早于今天（${today}）。`,
          `The start date cannot be before today (${today}).`,
        ),
      });
    }
    if (issues.length > 0) throw new InvalidInputError(issues);
    return firmOf;
  }

  private async checkInspectors(
    assignments: readonly InspectorAssignment[],
    prefix: string,
    issues: InputIssue[],
    say: Say,
  ): Promise<void> {
    const users = await this.prisma.user.findMany({
      where: { id: { in: assignments.map((a) => a.inspectorId) } },
      select: { id: true, displayName: true, role: true, active: true },
    });
    issues.push(...inspectorIssues(assignments, new Map(users.map((u) => [u.id, u])), prefix, say));
  }

  /** Every compound that cannot be enrolled now, by name; nothing is written when one is found. */
  private async refuseUnfit(row: CampaignRow, locale: Locale): Promise<void> {
    const say = sayer(locale);
    const today = formatLocalDate(Date.now());
    const [enrolled, black] = await Promise.all([
      this.prisma.enrollment.findMany({
        where: { compoundId: { in: row.compounds.map((c) => c.compoundId) } },
        select: { compoundId: true },
      }),
      firmsListedOn(
        this.prisma,
        'black',
        today,
        row.compounds.map((c) => c.firmId),
      ),
    ]);
    const inPilot = new Set(enrolled.map((e) => e.compoundId));
    const reasons: Reason[] = [];
    const issues: InputIssue[] = [];
    row.compounds.forEach((c, index) => {
      const name = c.compound.name;
      const found: Array<[string, string, string]> = [];
      if (inPilot.has(c.compoundId))
        found.push(['compound_in_pilot', `${name}已在试点中`, `${name} is already in a pilot`]);
      if (black.has(c.firmId))
        found.push([
          'firm_black_listed',
          `${name}的物业企业${c.firm.name}正在黑榜上`,
          `${name}'s firm ${c.firm.name} is on the black list`,
        ]);
      if (c.compound.firmId !== c.firmId)
        found.push([
          'firm_does_not_serve_compound',
          `${name}已不由${c.firm.name}服务`,
          `${name} is no longer served by ${c.firm.name}`,
        ]);
      if (!c.compound.active) found.push(['compound_inactive', `${name}已停用`, `${name} is deactivated`]);
      for (const [code, zh, en] of found) {
        reasons.push({
          code,
          zh: `${zh}，不能纳入本次推广。`,
          en: `${en}; it cannot be part of this campaign.`,
        });
      }
      if (found.length > 0) {
        issues.push({
          path: `compounds.${index}.compoundId`,
          message: say(
            `${found.map(([, zh]) => zh).join('；')}，请从推广中移除。`,
            `${found.map(([, , en]) => en).join('; ')}; remove it from the campaign.`,
          ),
        });
      }
    });
    if (reasons.length > 0) throw new CampaignRefusedError(reasons, issues);
  }

  private async userNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const users = await this.prisma.user.findMany({
      where: { id: { in: [...new Set(ids)] } },
      select: { id: true, displayName: true },
    });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  private async views(rows: CampaignRow[]): Promise<CampaignView[]> {
    const originIds = [
      ...new Set(
        rows.flatMap((r) => [...r.originEnrollmentIds, ...r.compounds.map((c) => c.originEnrollmentId)]),
      ),
    ];
    const firmIds = [...new Set(rows.flatMap((r) => r.invitedFirmIds))];
    const [origins, firms] = await Promise.all([
      this.prisma.enrollment.findMany({
        where: { id: { in: originIds } },
        select: {
          id: true,
          compound: { select: { id: true, name: true } },
          firm: { select: { id: true, name: true } },
        },
      }),
      this.prisma.firm.findMany({ where: { id: { in: firmIds } }, select: { id: true, name: true } }),
    ]);
    const originById = new Map(origins.map((o) => [o.id, o]));
    const firmById = new Map(firms.map((f) => [f.id, f]));
    const names = await this.userNames(
      rows.flatMap((r) => [
        ...(r.createdById ? [r.createdById] : []),
        ...(r.confirmedById ? [r.confirmedById] : []),
        ...r.compounds.flatMap((c) => assignmentsOf(c.inspectorAssignments).map((a) => a.inspectorId)),
      ]),
    );
    const userRef = (id: string | null) => (id ? { id, displayName: names.get(id) ?? id } : null);
    return rows.map((row): CampaignView => {
      const compounds = row.compounds.map((c): CampaignCompoundView => {
        const assignments = assignmentsOf(c.inspectorAssignments);
        const failure = reasonSchema.array().safeParse(c.failure);
        return {
          compound: {
            id: c.compound.id,
            name: c.compound.name,
            isDemonstration: c.compound.isDemonstration,
            community: c.compound.community,
          },
          firm: c.firm,
          origin: {
            enrollmentId: c.originEnrollmentId,
            compoundName: originById.get(c.originEnrollmentId)?.compound.name ?? '',
          },
          inspectorAssignments: assignments,
          inspectors: [...new Set(assignments.map((a) => a.inspectorId))].map((id) => userRef(id)!),
          state: c.state,
          stateLabel: STATE_LABELS[c.state],
          enrollmentId: c.enrollmentId,
          failure: failure.success ? failure.data : null,
          attempts: c.attempts,
        };
      });
      const counts = Object.fromEntries(CAMPAIGN_COMPOUND_STATES.map((s) => [s, 0])) as Record<
        CampaignCompoundState,
        number
      >;
      for (const c of compounds) counts[c.state] += 1;
      const attendees = campaignAttendeesSchema.safeParse(row.meetingAttendees);
      return {
        id: row.id,
        name: row.name,
        status: row.status,
        statusLabel: STATUS_LABELS[row.status],
        originPilots: row.originEnrollmentIds.map((enrollmentId) => {
          const origin = originById.get(enrollmentId);
          return {
            enrollmentId,
            compound: origin?.compound ?? { id: '', name: '' },
            firm: origin?.firm ?? { id: '', name: '' },
          };
        }),
        invitedFirms: row.invitedFirmIds.map((id) => firmById.get(id) ?? { id, name: id }),
        meeting: {
          on: row.meetingOn ? formatLocalDate(row.meetingOn.getTime()) : null,
          place: row.meetingPlace,
          attendees: attendees.success ? attendees.data : null,
          minutes: row.meetingMinutes,
        },
        startDate: formatLocalDate(row.startDate.getTime()),
        catalogueVersion: row.catalogueVersionId,
        weeklyCapacity: row.weeklyCapacity,
        compounds,
        counts,
        workflowId: row.workflowId,
        createdAt: formatInstant(row.createdAt),
        createdBy: userRef(row.createdById),
        confirmedAt: formatInstantOrNull(row.confirmedAt),
        confirmedBy: userRef(row.confirmedById),
      };
    });
  }
}

/**
 * The campaigns a caller may read: the working group and admins all; a firm's staff those their
 * firm is invited to. The routes refuse other roles before this runs; it still matches nothing.
 */
export function scopeOf(principal: Pick<Principal, 'role' | 'firmId'>): Prisma.RolloutCampaignWhereInput {
  if (principal.role === 'coordinator' || principal.role === 'admin') return {};
  if (principal.role === 'firm' && principal.firmId) return { invitedFirmIds: { has: principal.firmId } };
  return { id: { in: [] } };
}

const notDraft = () =>
  refused(
    'campaign_not_draft',
    '该推广已确认或已取消，不能再修改。',
    'The campaign is confirmed or cancelled; it cannot be changed.',
  );

/** Stored by this service from the domain's schema; parsed, not trusted. */
function assignmentsOf(value: unknown): InspectorAssignment[] {
  const parsed = inspectorAssignmentSchema.array().safeParse(value);
  return parsed.success ? parsed.data : [];
}

function dateColumn(day: string): Date {
  // Checked by the schema as a calendar day; a @db.Date column keeps the UTC day of this instant.
  return new Date(`${day}T00:00:00Z`);
}

function draftColumns(input: CampaignDraftInput) {
  return {
    name: input.name,
    originEnrollmentIds: input.originEnrollmentIds,
    invitedFirmIds: input.invitedFirmIds,
    meetingOn: input.meetingOn ? dateColumn(input.meetingOn) : null,
    meetingPlace: input.meetingPlace,
    meetingAttendees: input.meetingAttendees ? jsonValue(input.meetingAttendees) : Prisma.DbNull,
    meetingMinutes: input.meetingMinutes,
    startDate: dateColumn(input.startDate),
    catalogueVersionId: input.catalogueVersion,
    weeklyCapacity: input.weeklyCapacity,
  };
}

function compoundRows(
  campaignId: string,
  input: CampaignDraftInput,
  firmOf: Map<string, string>,
): Prisma.CampaignCompoundCreateManyInput[] {
  return input.compounds.map((c) => ({
    campaignId,
    compoundId: c.compoundId,
    // checkDraft answered every compound's firm or refused the draft.
    firmId: firmOf.get(c.compoundId)!,
    originEnrollmentId: c.originEnrollmentId ?? input.originEnrollmentIds[0]!,
    inspectorAssignments: jsonValue(c.inspectorAssignments),
  }));
}

function auditedDraft(input: CampaignDraftInput) {
  return {
    name: input.name,
    originEnrollmentIds: input.originEnrollmentIds,
    invitedFirmIds: input.invitedFirmIds,
    meetingOn: input.meetingOn,
    startDate: input.startDate,
    catalogueVersion: input.catalogueVersion,
    weeklyCapacity: input.weeklyCapacity,
    compounds: input.compounds.map((c) => c.compoundId),
  };
}
