import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import {
  WORK_STEP_LABELS,
  auditCursorKeySchema,
  encodeCursor,
  pilotListCursorKeySchema,
  reason,
  buildPilotSchedule,
  extendDeadlineRequest,
  extendResultSchema,
  featuresOf,
  formatInstant,
  formatLocalDate,
  orderOfWork,
  parseLocalDate,
  pauseRequest,
  pilotPlanSchema,
  planCalendarWarning,
  planOnRelease,
  promoteRequest,
  reassignInspectorRequest,
  resumeRequest,
  withdrawRequest,
  type AuditCursorKey,
  type BulkEnrollPilotsInput,
  type EnrollPilotInput,
  type ExtendDeadlineInput,
  type ExtendResultView,
  type InputIssue,
  type ListPilotsQuery,
  type Locale,
  type PausePilotInput,
  type PilotStateChange,
  type PilotTimelineQuery,
  type Reason,
  type PromoteCompoundInput,
  type ReassignInspectorInput,
  type ReassignResult,
  type ResumePilotInput,
  type RolloutResult,
  type StartRolloutInput,
  type WithdrawPilotInput,
} from '@pilot/domain';
import {
  extendDeadlineUpdate,
  pauseUpdate,
  promoteUpdate,
  reassignInspectorUpdate,
  resumeUpdate,
  startRolloutUpdate,
  withdrawUpdate,
} from '@pilot/workflows/messages';
import { CalendarService } from '../calendars/calendar.service.js';
import type { ApiConfig } from '../config.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { mapBounded } from '../platform/concurrency.js';
import { InvalidInputError, NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { enrollmentScope } from '../platform/auth/scope.js';
import { keysetPage } from '../platform/pagination.js';
import { API_CONFIG } from '../platform/tokens.js';
import { inspectorIssues, sayer, type Say } from './inspector-issues.js';
import { actorOf, PilotWorkflowGateway, updateIdFor } from './pilot-workflow.gateway.js';
import { PilotRepository, pilotCursorOf, type EnrollmentRow } from './pilot.repository.js';
import type {
  BulkEnrollItem,
  BulkEnrollResult,
  EnrollResult,
  PilotDetail,
  PilotPage,
  SchedulePreview,
  TimelineAuditPage,
} from './pilot.dto.js';
import { kindLabel, pilotSummary, timelineAuditView, timelineView } from './pilot.views.js';

/** Audit entries the pilot page shows at first; older ones come a page at a time. */
export const TIMELINE_FIRST_PAGE = 20;

/** What a bulk form that the workflow service did not take says (as the API's own 503 does). */
const UNAVAILABLE = reason(
  'unavailable',
  '流程服务暂时不可用，该小区未纳入，请稍后重新提交该项。',
  'The workflow service was briefly unavailable; this compound was not enrolled. Send it again shortly.',
);
const START_FAILED = reason(
  'start_failed',
  '该小区未能纳入（系统出错，已记录），请稍后重新提交该项。',
  'This compound could not be enrolled (a fault on our side, logged); send it again later.',
);
const DUPLICATE = (first: number) =>
  reason(
    'duplicate_in_request',
    `与第 ${first + 1} 项是同一个小区，已按第 ${first + 1} 项办理。`,
    `The same compound as form #${first + 1}, which was handled instead.`,
  );

const refOf = (compound: { id: string; name: string }) => ({ id: compound.id, name: compound.name });

interface FirmCompound {
  firm: { id: string; name: string };
  compound: { id: string; name: string; community: { id: string; name: string } };
}

interface ResolvedEnrollment extends FirmCompound {
  inspectors: Map<string, string>;
}

/** A bulk form after the registry checks: ready to start, or refused with what is wrong. */
type CheckedForm =
  | { index: number; ok: true; form: EnrollPilotInput; pair: FirmCompound }
  | {
      index: number;
      ok: false;
      compound: FirmCompound['compound'] | null;
      issues: InputIssue[];
      reasons: Reason[];
    };

@Injectable()
export class PilotService {
  private readonly logger = new Logger('PilotService');

  constructor(
    @Inject(PilotRepository) private readonly pilots: PilotRepository,
    @Inject(PilotWorkflowGateway) private readonly workflows: PilotWorkflowGateway,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CalendarService) private readonly calendars: CalendarService,
  ) {}

  // ─── enrollment ──────────────────────────────────────────────────────────────────────────

  /**
   * The schedule an enrollment would produce, computed by the domain's calendar on the release a new
   * pilot follows (the latest published), with a warning when the plan runs past its years; nothing
   * is started.
   */
  async preview(input: EnrollPilotInput, locale: Locale): Promise<SchedulePreview> {
    const resolved = await this.resolveEnrollment(input, locale);
    const current = await this.calendars.current();
    const { plan, calendar } = planOnRelease(current.release, input.planOptions ?? {});
    const startMs = parseLocalDate(input.startDate)!;
    const schedule = buildPilotSchedule(plan, startMs);
    const warning = planCalendarWarning(plan, startMs, calendar);
    const existing = await this.pilots.findEnrollmentOfCompound(resolved.compound.id);
    const assigneeOf = (kind: string) => {
      const assignment = input.inspectorAssignments.find((a) => a.kinds.some((held) => held === kind));
      return assignment
        ? { id: assignment.inspectorId, displayName: resolved.inspectors.get(assignment.inspectorId) ?? '' }
        : null;
    };
    return {
      firm: resolved.firm,
      compound: resolved.compound,
      startDate: input.startDate,
      catalogueVersionId: input.catalogueVersion,
      timeScale: plan.timeScale,
      existingPilotId: existing?.id ?? null,
      calendar: {
        version: current.release.version,
        firstYear: current.release.firstYear,
        lastYear: current.release.lastYear,
        source: current.source,
      },
      warnings: warning ? [warning] : [],
      rounds: schedule.rounds.map((round) => ({
        round: round.round,
        stage: round.stage,
        startsAt: formatInstant(round.window.startMs),
        endsAt: formatInstant(round.window.endMs),
        steps: orderOfWork(round).map((step) => ({
          order: step.order,
          step: step.step,
          label: WORK_STEP_LABELS[step.step],
          kinds: step.kinds,
          opensAt: formatInstant(step.opensAt),
          dueAt: formatInstant(step.dueAt),
          tasks: step.tasks,
        })),
        tasks: round.tasks.map((task) => ({
          key: task.key,
          kind: task.kind,
          kindLabel: kindLabel(task.kind),
          opensAt: formatInstant(task.opensAt),
          dueAt: formatInstant(task.dueAt),
          missedAt: formatInstant(task.missedAt),
          calendarDueDate: task.calendarDueDate,
          dueShift: task.dueShift,
          assignee: task.kind === 'self' ? null : assigneeOf(task.kind),
        })),
      })),
    };
  }

  /**
   * Starts the compound's pilot, or finds the one already running (the workflow id is derived from
   * the compound, so a second workflow is impossible). The workflow answers once its records exist.
   */
  async enroll(principal: Principal, input: EnrollPilotInput, locale: Locale): Promise<EnrollResult> {
    const resolved = await this.resolveEnrollment(input, locale);
    const current = await this.calendars.current();
    const started = await this.workflows.enroll({
      compoundId: resolved.compound.id,
      firmId: resolved.firm.id,
      startDate: input.startDate,
      catalogueVersionId: input.catalogueVersion,
      inspectorAssignments: input.inspectorAssignments,
      ...(input.planOptions ? { planOverrides: input.planOptions } : {}),
      originEnrollmentId: null,
      enrolledBy: actorOf(principal),
      calendar: current.ref,
    });
    const row = await this.pilots.findById(started.enrollmentId);
    // The Update returned after the workflow's first activity wrote the record: it is there.
    if (!row) throw new Error(`pilot ${started.enrollmentId} answered before its record was written`);
    // The pilot's own plan and release (a compound enrolled before keeps the one it has).
    const plan = pilotPlanSchema.parse(row.plan);
    const calendar = await this.calendars.pilotCalendar({
      calendarVersion: row.calendarVersion,
      plan,
      startMs: row.startDate.getTime(),
    });
    return {
      enrollmentId: started.enrollmentId,
      workflowId: started.workflowId,
      alreadyEnrolled: started.alreadyEnrolled,
      pilot: pilotSummary(row),
      calendar,
      warnings: calendar.warning ? [calendar.warning] : [],
    };
  }

  /**
   * 批量纳入试点: every form is checked against the registry first, then the pilots are started
   * through the same gateway as one enrollment, at most BULK_ENROLL_CONCURRENCY at a time (each
   * start waits for its workflow's first activity, so that bounds what one request asks of Temporal,
   * the workers and the database). Each form answers on its own: started, already running, or
   * refused with its field issues or the reason; a refused form started nothing. One audit entry
   * records the request; each pilot's own enrollment is audited by its workflow, as for one form.
   */
  async bulkEnroll(
    principal: Principal,
    input: BulkEnrollPilotsInput,
    locale: Locale,
  ): Promise<BulkEnrollResult> {
    const limit = this.config.bulkEnrollConcurrency;
    const checks = await mapBounded(input.enrollments, limit, (form, index) =>
      this.checkForm(form, `enrollments.${index}.`, locale),
    );
    const firstOfCompound = new Map<string, number>();
    const forms: CheckedForm[] = input.enrollments.map((form, index) => {
      const check = checks[index]!;
      // A registry that cannot be read is the whole request's failure, before anything started.
      if (check.status === 'rejected') throw check.reason;
      const { issues, pair } = check.value;
      if (issues.length > 0 || !pair) {
        return { index, ok: false, compound: pair?.compound ?? null, issues, reasons: [] };
      }
      const first = firstOfCompound.get(pair.compound.id);
      if (first !== undefined) {
        return { index, ok: false, compound: pair.compound, issues: [], reasons: [DUPLICATE(first)] };
      }
      firstOfCompound.set(pair.compound.id, index);
      return { index, ok: true, form, pair };
    });

    // Every pilot of the batch follows the release a single enrollment would.
    const { ref: calendar } = await this.calendars.current();
    const started = await mapBounded(forms, limit, async (checked): Promise<BulkEnrollItem> => {
      if (!checked.ok) {
        const { index, compound, issues, reasons } = checked;
        return { index, outcome: 'refused', compound: compound && refOf(compound), issues, reasons };
      }
      const { index, form, pair } = checked;
      const result = await this.workflows.enroll({
        compoundId: pair.compound.id,
        firmId: pair.firm.id,
        startDate: form.startDate,
        catalogueVersionId: form.catalogueVersion,
        inspectorAssignments: form.inspectorAssignments,
        ...(form.planOptions ? { planOverrides: form.planOptions } : {}),
        originEnrollmentId: null,
        enrolledBy: actorOf(principal),
        calendar,
      });
      return {
        index,
        outcome: result.alreadyEnrolled ? 'already_enrolled' : 'created',
        enrollmentId: result.enrollmentId,
        workflowId: result.workflowId,
        compound: refOf(pair.compound),
      };
    });

    const items = started.map((settled, index): BulkEnrollItem => {
      if (settled.status === 'fulfilled') return settled.value;
      const checked = forms[index]!;
      const compound = checked.ok ? refOf(checked.pair.compound) : null;
      return { index, outcome: 'refused', compound, issues: [], reasons: this.startRefusal(settled.reason) };
    });
    const result: BulkEnrollResult = {
      requested: items.length,
      created: items.filter((item) => item.outcome === 'created').length,
      alreadyEnrolled: items.filter((item) => item.outcome === 'already_enrolled').length,
      refused: items.filter((item) => item.outcome === 'refused').length,
      items,
    };
    await this.audit.record(principal, {
      action: 'enrollment.bulk_create',
      entityType: 'enrollment_batch',
      entityId: `batch-${randomUUID()}`,
      after: {
        requested: result.requested,
        created: items.flatMap((item) => (item.outcome === 'created' ? [item.enrollmentId] : [])),
        alreadyEnrolled: items.flatMap((item) =>
          item.outcome === 'already_enrolled' ? [item.enrollmentId] : [],
        ),
        refused: items.flatMap((item) =>
          item.outcome === 'refused'
            ? [
                {
                  index: item.index,
                  compoundId: item.compound?.id ?? null,
                  reasons: item.reasons.map((r) => r.code),
                  issues: item.issues.map((i) => i.path),
                },
              ]
            : [],
        ),
      },
    });
    return result;
  }

  /** Why a validated form was not started: the workflow's refusal, the service being away, or a fault. */
  private startRefusal(error: unknown): Reason[] {
    if (error instanceof RefusedError) return error.reasons;
    if (error instanceof ServiceUnavailableException) return [UNAVAILABLE];
    // Ours, not the user's: the other forms' outcomes still stand, so this one is reported and logged.
    this.logger.error({ message: 'bulk enrollment: a start failed', error: String(error) });
    return [START_FAILED];
  }

  /** Checks an enrollment form against the registry; every problem is reported on its field at once. */
  private async resolveEnrollment(
    input: Pick<
      EnrollPilotInput,
      'firm' | 'compound' | 'inspectorAssignments' | 'catalogueVersion' | 'startDate'
    >,
    locale: Locale,
  ): Promise<ResolvedEnrollment> {
    const checked = await this.checkForm(input, '', locale);
    if (checked.issues.length > 0 || !checked.pair) throw new InvalidInputError(checked.issues);
    return { ...checked.pair, inspectors: checked.inspectors };
  }

  /** Every registry check of one enrollment form, its issues' paths under `prefix`. */
  private async checkForm(
    input: Pick<
      EnrollPilotInput,
      'firm' | 'compound' | 'inspectorAssignments' | 'catalogueVersion' | 'startDate'
    >,
    prefix: string,
    locale: Locale,
  ): Promise<{ issues: InputIssue[]; pair: FirmCompound | null; inspectors: Map<string, string> }> {
    const issues: InputIssue[] = [];
    const say = sayer(locale);
    const pair = await this.resolveFirmCompound(input, prefix, issues, say);
    const inspectors = await this.checkInspectors(input.inspectorAssignments, prefix, issues, say);
    await this.checkCatalogueAndDate(input, issues, say, prefix);
    return { issues, pair, inspectors };
  }

  private async resolveFirmCompound(
    ref: Pick<EnrollPilotInput, 'firm' | 'compound'>,
    prefix: string,
    issues: InputIssue[],
    say: Say,
  ): Promise<FirmCompound | null> {
    const firm = await this.pilots.findFirm(ref.firm);
    if (!firm) {
      issues.push({
        path: `${prefix}firm.${ref.firm.id ? 'id' : 'name'}`,
        message: say(
          `找不到物业企业「${ref.firm.id ?? ref.firm.name}」。`,
          `No firm "${ref.firm.id ?? ref.firm.name}".`,
        ),
      });
    }
    let compound: Awaited<ReturnType<PilotRepository['findCompound']>> = null;
    if (ref.compound.id) {
      compound = await this.pilots.findCompound({ id: ref.compound.id });
      if (!compound) {
        issues.push({
          path: `${prefix}compound.id`,
          message: say(`找不到小区「${ref.compound.id}」。`, `No compound "${ref.compound.id}".`),
        });
      }
    } else {
      const community = await this.pilots.findCommunity(ref.compound.community);
      if (!community) {
        issues.push({
          path: `${prefix}compound.community`,
          message: say(
            `找不到社区「${ref.compound.community}」。`,
            `No community "${ref.compound.community}".`,
          ),
        });
      } else {
        compound = await this.pilots.findCompound({ communityId: community.id, name: ref.compound.name });
        if (!compound) {
          issues.push({
            path: `${prefix}compound.name`,
            message: say(
              `${community.name}没有名为「${ref.compound.name}」的小区。`,
              `${community.name} has no compound named "${ref.compound.name}".`,
            ),
          });
        }
      }
    }
    if (!firm || !compound) return null;
    // Deactivated records stay for the pilots that point at them, but take no new pilot.
    if (!compound.active || !firm.active) {
      issues.push({
        path: `${prefix}${compound.active ? 'firm' : 'compound'}`,
        message: compound.active
          ? say(`物业企业「${firm.name}」已停用。`, `The firm ${firm.name} is deactivated.`)
          : say(`小区「${compound.name}」已停用。`, `The compound ${compound.name} is deactivated.`),
      });
      return null;
    }
    if (compound.firmId !== firm.id) {
      issues.push({
        path: `${prefix}compound`,
        message: say(
          `${compound.name}由${compound.firm.name}服务，不是${firm.name}。`,
          `${compound.name} is served by ${compound.firm.name}, not ${firm.name}.`,
        ),
      });
      return null;
    }
    return {
      firm,
      compound: { id: compound.id, name: compound.name, community: compound.community },
    };
  }

  /** Every assigned person must be an active inspector; answers their display names by id. */
  private async checkInspectors(
    assignments: Array<{ inspectorId: string }>,
    prefix: string,
    issues: InputIssue[],
    say: Say,
  ): Promise<Map<string, string>> {
    const users = new Map(
      (await this.pilots.findUsers(assignments.map((a) => a.inspectorId))).map((u) => [u.id, u]),
    );
    issues.push(...inspectorIssues(assignments, users, prefix, say));
    return new Map([...users.values()].map((u) => [u.id, u.displayName]));
  }

  private async checkCatalogueAndDate(
    input: { catalogueVersion: string; startDate: string },
    issues: InputIssue[],
    say: Say,
    prefix = '',
  ): Promise<void> {
    const catalogue = await this.pilots.findCatalogueVersion(input.catalogueVersion);
    if (!catalogue || catalogue.status !== 'published') {
      issues.push({
        path: `${prefix}catalogueVersion`,
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
    // Dates are Shanghai calendar days, so ISO strings compare in order.
    const today = formatLocalDate(Date.now());
    if (input.startDate < today) {
      issues.push({
        path: `${prefix}startDate`,
        message: say(
          `开始日期不能早于今天（${today}）。`,
          `The start date cannot be before today (${today}).`,
        ),
      });
    }
  }

  // ─── reading ─────────────────────────────────────────────────────────────────────────────

  async list(principal: Principal, query: ListPilotsQuery): Promise<PilotPage> {
    const { rows, total } = await this.pilots.list(enrollmentScope(principal), query);
    const page = keysetPage(rows, query.pageSize, (last) =>
      encodeCursor(pilotListCursorKeySchema, pilotCursorOf(last, query)),
    );
    return {
      items: page.rows.map(pilotSummary),
      total,
      page: query.page,
      pageSize: query.pageSize,
      nextCursor: page.nextCursor,
    };
  }

  /**
   * The pilot with the first page of its timeline: the page weighs the same after two years as on
   * the first day (a demonstration pilot's 400-odd rectification items are in its lists, not here).
   */
  async detail(principal: Principal, id: string): Promise<PilotDetail> {
    const row = await this.visible(principal, id);
    const plan = pilotPlanSchema.parse(row.plan);
    const [frame, audit, snapshot, actions, calendar] = await Promise.all([
      this.pilots.timelineFrame(row.id),
      this.auditPage(row, undefined, TIMELINE_FIRST_PAGE),
      this.workflows.snapshot(row.workflowId),
      this.workflows.allowedActions(row.workflowId, principal),
      this.calendars.pilotCalendar({
        calendarVersion: row.calendarVersion,
        plan,
        startMs: row.startDate.getTime(),
      }),
    ]);
    return {
      ...pilotSummary(row),
      plan,
      calendar,
      features: featuresOf(row.compound),
      experienceSummary: row.experienceSummary,
      timeline: timelineView(frame, audit),
      snapshot,
      live: snapshot !== null,
      actions,
    };
  }

  /** Older audit entries of the pilot, after the cursor a previous page answered. */
  async timeline(principal: Principal, id: string, query: PilotTimelineQuery): Promise<TimelineAuditPage> {
    const row = await this.visible(principal, id);
    return this.auditPage(row, query.cursor, query.limit);
  }

  private async auditPage(
    row: EnrollmentRow,
    cursor: AuditCursorKey | undefined,
    limit: number,
  ): Promise<TimelineAuditPage> {
    const page = await this.pilots.timelineAudit(row, cursor ? BigInt(cursor.seq) : null, limit);
    const last = page.rows.at(-1);
    const next = page.more && last ? encodeCursor(auditCursorKeySchema, { seq: last.seq.toString() }) : null;
    return timelineAuditView(page, next);
  }

  /** The pilot if the caller may see it; otherwise the same 404 as for an unknown id. */
  private async visible(principal: Principal, id: string): Promise<EnrollmentRow> {
    const row = await this.pilots.findVisible(enrollmentScope(principal), id);
    if (!row) throw new NotFoundError(`pilot ${id}`);
    return row;
  }

  // ─── steering a pilot: each is one Update, refused by the workflow with reasons when not allowed ─

  async pause(principal: Principal, input: PausePilotInput, key?: string): Promise<PilotStateChange> {
    const row = await this.visible(principal, input.pilotId);
    return this.workflows.update(
      row.workflowId,
      pauseUpdate,
      pauseRequest(actorOf(principal), input),
      updateIdFor(principal, key),
    );
  }

  async resume(principal: Principal, input: ResumePilotInput, key?: string): Promise<PilotStateChange> {
    const row = await this.visible(principal, input.pilotId);
    return this.workflows.update(
      row.workflowId,
      resumeUpdate,
      resumeRequest(actorOf(principal), input),
      updateIdFor(principal, key),
    );
  }

  async extend(
    principal: Principal,
    pilotId: string,
    input: ExtendDeadlineInput,
    locale: Locale,
    key?: string,
  ): Promise<ExtendResultView> {
    const row = await this.visible(principal, pilotId);
    if (!(await this.pilots.targetBelongs(row.id, input.targetType, input.targetId))) {
      const say = sayer(locale);
      throw new InvalidInputError([
        {
          path: 'targetId',
          message:
            input.targetType === 'task'
              ? say('该试点没有这项检查任务。', 'This pilot has no such inspection task.')
              : say('该试点没有这项整改事项。', 'This pilot has no such rectification item.'),
        },
      ]);
    }
    const result = await this.workflows.update(
      row.workflowId,
      extendDeadlineUpdate,
      extendDeadlineRequest(actorOf(principal), input),
      updateIdFor(principal, key),
    );
    return extendResultSchema.decode(result);
  }

  async reassign(
    principal: Principal,
    input: ReassignInspectorInput,
    locale: Locale,
    key?: string,
  ): Promise<ReassignResult> {
    const row = await this.visible(principal, input.pilotId);
    const issues: InputIssue[] = [];
    const say = sayer(locale);
    const [to] = await this.pilots.findUsers([input.toInspectorId]);
    if (!to || to.role !== 'inspector' || !to.active) {
      issues.push({
        path: 'toInspectorId',
        message: !to
          ? say(`找不到用户「${input.toInspectorId}」。`, `No user "${input.toInspectorId}".`)
          : say(`${to.displayName}不是在岗的检查员。`, `${to.displayName} is not an active inspector.`),
      });
    }
    if (issues.length > 0) throw new InvalidInputError(issues);
    return this.workflows.update(
      row.workflowId,
      reassignInspectorUpdate,
      reassignInspectorRequest(actorOf(principal), input),
      updateIdFor(principal, key),
    );
  }

  async withdraw(principal: Principal, input: WithdrawPilotInput, key?: string): Promise<PilotStateChange> {
    const row = await this.visible(principal, input.pilotId);
    return this.workflows.update(
      row.workflowId,
      withdrawUpdate,
      withdrawRequest(actorOf(principal), input),
      updateIdFor(principal, key),
    );
  }

  /** 示范小区: the workflow checks eligibility; a refusal lists every unmet condition. */
  async promote(principal: Principal, input: PromoteCompoundInput, key?: string): Promise<PilotStateChange> {
    const row = await this.visible(principal, input.pilotId);
    await this.refuseBlackListed([row.firmId]);
    return this.workflows.update(
      row.workflowId,
      promoteUpdate,
      promoteRequest(actorOf(principal), input),
      updateIdFor(principal, key),
    );
  }

  /**
   * 黑榜: a firm on the black list today is neither promoted (示范小区) nor rolled out to while listed;
   * the refusal names each such firm.
   */
  private async refuseBlackListed(firmIds: readonly string[]): Promise<void> {
    const listed = await this.pilots.blackListed([...new Set(firmIds)], formatLocalDate(Date.now()));
    if (listed.length === 0) return;
    const names = listed.map((f) => f.name).join('、');
    throw new RefusedError([
      {
        code: 'firm_black_listed',
        zh: `${names}正在黑榜上，撤榜前不能评为示范小区或推广纳入试点。`,
        en: `${listed.map((f) => f.name).join(', ')} ${listed.length > 1 ? 'are' : 'is'} on the black list; no promotion or rollout while listed.`,
      },
    ]);
  }

  /** 全面推广: targets named like an enrollment form are resolved here; the workflow enrolls them. */
  async rollout(
    principal: Principal,
    input: StartRolloutInput,
    locale: Locale,
    key?: string,
  ): Promise<RolloutResult> {
    const row = await this.visible(principal, input.sourcePilotId);
    const issues: InputIssue[] = [];
    const say = sayer(locale);
    const targets: Array<{ compoundId: string; firmId: string }> = [];
    for (const [index, target] of input.targets.entries()) {
      const pair = await this.resolveFirmCompound(target, `targets.${index}.`, issues, say);
      if (pair) targets.push({ compoundId: pair.compound.id, firmId: pair.firm.id });
    }
    await this.checkInspectors(input.inspectorAssignments, '', issues, say);
    await this.checkCatalogueAndDate(input, issues, say);
    if (issues.length > 0) throw new InvalidInputError(issues);
    await this.refuseBlackListed(targets.map((t) => t.firmId));
    return this.workflows.update(
      row.workflowId,
      startRolloutUpdate,
      {
        actor: actorOf(principal),
        startDate: input.startDate,
        catalogueVersionId: input.catalogueVersion,
        targets,
        inspectorAssignments: input.inspectorAssignments,
        ...(input.planOptions ? { planOverrides: input.planOptions } : {}),
      },
      updateIdFor(principal, key),
    );
  }
}
