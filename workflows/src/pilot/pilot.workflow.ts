import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { PilotActivities } from '@pilot/activities';
import {
  DEFAULT_PLAN,
  INSPECTION_KIND_LABELS,
  PHASE_LABELS,
  STAGE_LABELS,
  assessStage,
  defaultSeverity,
  demonstrationEligibility,
  extendDeadline,
  formatLocalDateTime,
  initialStageState,
  keyAreas,
  parseLocalDate,
  reason,
  rectificationDeadline,
  resolvePlan,
  scoreInspection,
  scoreRound,
  transition,
  type CatalogueVersion,
  type LocalizedText,
  type Reason,
  type StageEvent,
} from '@pilot/domain';
import {
  pauseUpdate,
  promoteUpdate,
  reassignInspectorUpdate,
  respondRectificationUpdate,
  resumeUpdate,
  searchAttributes,
  snapshotQuery,
  startRolloutUpdate,
  submitInspectionUpdate,
  verifyRectificationUpdate,
  withdrawUpdate,
  extendDeadlineUpdate,
} from '../messages.js';
import {
  SYSTEM_ACTOR,
  type Actor,
  type PilotOutcome,
  type PilotSnapshot,
  type PilotState,
  type PilotStateChange,
  type PilotWorkflowArgs,
  type RectificationState,
  type RoundOutcome,
  type TaskState,
} from './contract.js';
import {
  findTask,
  refuseExtend,
  refusePause,
  refuseReassign,
  refuseRespond,
  refuseResume,
  refuseRollout,
  refuseSubmitInspection,
  refuseVerify,
  refuseWithdraw,
} from './refusals.js';
import { buildRound, nextWakeAt, shiftAfterPause } from './rounds.js';

const db = proxyActivities<PilotActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Activities behind a person's request: bounded retries, so a broken store fails the request instead of hanging it. */
const dbForUpdate = proxyActivities<PilotActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '5 seconds', maximumAttempts: 5 },
});

const archiver = proxyActivities<PilotActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

/** Patch ids: every change to the command sequence of a running pilot goes behind one (see replay.test.ts). */
const PATCH_CONCENTRATED_DONE_FIRST = 'concentrated-done-before-self-closed';
const PATCH_COMPRESSED_START_NOW = 'compressed-plan-starts-now';
const PATCH_REJECT_FULL_PERIOD = 'rejection-earns-full-period';

/** How many applied update ids are remembered across continue-as-new. */
const REMEMBERED_UPDATES = 500;

const starting = reason(
  'pilot_starting',
  '试点正在启动，请稍后再试。',
  'The pilot is starting; try again shortly.',
);

/** A refusal the API shows to the user: nothing was changed, and the reasons say why. */
function refuse(reasons: Reason[]): void {
  if (reasons.length === 0) return;
  throw ApplicationFailure.create({
    type: 'PilotRefusal',
    message: reasons.map((r) => r.en).join(' '),
    details: [reasons],
    nonRetryable: true,
  });
}

function actorAudit(actor: Actor) {
  return { userId: actor.userId, role: actor.role, requestId: actor.requestId ?? null };
}

export async function pilotWorkflow(args: PilotWorkflowArgs): Promise<PilotOutcome> {
  const { input } = args;
  const who = { enrollmentId: input.enrollmentId, firmId: input.firmId };
  // State is built synchronously so the query and update handlers exist from the first moment;
  // requests that arrive before the catalogue and records are ready are refused as "starting".
  // After continue-as-new the records exist already, so only a submission (which needs the
  // catalogue) waits for it to load: refusing everything made each round boundary bounce people's
  // rectification answers and verifications.
  const state: PilotState = args.carried ?? initialState();
  let catalogue: CatalogueVersion | null = null;
  let recorded = args.carried !== undefined;
  let dirty = false;

  function initialState(): PilotState {
    const startDay = parseLocalDate(input.startDate);
    if (startDay === null) {
      throw ApplicationFailure.nonRetryable(
        `startDate ${input.startDate} is not a YYYY-MM-DD date`,
        'InvalidInput',
      );
    }
    const plan = resolvePlan(input.planOverrides ?? {}, DEFAULT_PLAN);
    // A compressed plan (demos, dev-server tests) squeezes a round into minutes around its start.
    // Anchored at the start day's midnight, a pilot enrolled later that day found its whole round
    // over before it began; so a compressed pilot whose start day has begun starts now.
    const now = Date.now();
    const startMs =
      plan.timeScale > 1 && startDay < now && patched(PATCH_COMPRESSED_START_NOW) ? now : startDay;
    const fresh: PilotState = {
      stage: initialStageState(),
      plan,
      startMs,
      round: buildRound(input.enrollmentId, plan, startMs, 1, 'improvement', [], input.inspectorAssignments),
      rounds: [],
      rectifications: [],
      closedRectifications: 0,
      assignments: input.inspectorAssignments,
      pausedAt: null,
      pausedMsTotal: 0,
      promotedAt: null,
      experienceSummarizedAt: null,
      rollouts: [],
      withdrawnAt: null,
      appliedUpdates: [],
    };
    return fresh;
  }

  async function enroll(fresh: PilotState): Promise<void> {
    await db.recordEnrollment({
      enrollmentId: input.enrollmentId,
      workflowId: workflowInfo().workflowId,
      compoundId: input.compoundId,
      firmId: input.firmId,
      catalogueVersionId: input.catalogueVersionId,
      startDate: fresh.startMs,
      plan: fresh.plan,
      originEnrollmentId: input.originEnrollmentId ?? null,
      stage: fresh.stage.stage,
      phase: fresh.stage.phase,
      assignments: input.inspectorAssignments,
      actor: actorAudit(input.enrolledBy),
      at: Date.now(),
    });
    await persistRound(fresh);
  }

  async function persistRound(s: PilotState): Promise<void> {
    const round = s.round;
    if (!round) return;
    await db.scheduleRound({
      enrollmentId: input.enrollmentId,
      round: {
        id: round.id,
        number: round.number,
        kind: round.stage,
        startsAt: round.startsAt,
        endsAt: round.endsAt,
        focusCategories: round.focusCategories,
      },
      tasks: round.tasks.map((task) => ({ ...task })),
    });
  }

  // ─── stage machine ──────────────────────────────────────────────────────────────────────────

  async function apply(event: StageEvent, actor: Actor = SYSTEM_ACTOR): Promise<void> {
    const before = { stage: state.stage.stage, phase: state.stage.phase };
    const result = transition(state.stage, event);
    if (!result.ok) {
      // A transition the workflow itself asked for and the rules refuse is a bug in this code:
      // failing the workflow task (not the workflow) lets a fixed worker pick it up again.
      throw new Error(
        `stage machine refused ${event.type} in ${state.stage.phase}: ${result.reasons[0]?.en ?? ''}`,
      );
    }
    state.stage = result.state;
    if (before.stage !== state.stage.stage) {
      upsertSearchAttributes([{ key: searchAttributes.stage, value: state.stage.stage }]);
    }
    await syncEnrollment({
      actor,
      action: `pilot.${event.type.toLowerCase()}`,
      before,
      after: { stage: state.stage.stage, phase: state.stage.phase },
    });
  }

  async function syncEnrollment(audit?: {
    actor: Actor;
    action: string;
    before?: unknown;
    after?: unknown;
  }): Promise<void> {
    const latest = state.rounds.at(-1);
    await db.syncEnrollment({
      enrollmentId: input.enrollmentId,
      stage: state.stage.stage,
      phase: state.stage.phase,
      status: state.withdrawnAt !== null ? 'withdrawn' : state.pausedAt !== null ? 'paused' : 'active',
      currentRound: state.round?.number ?? latest?.number ?? 0,
      latestScore: latest?.score ?? null,
      starRating: latest?.stars ?? null,
      at: Date.now(),
      audit: audit
        ? {
            actor: actorAudit(audit.actor),
            action: audit.action,
            before: audit.before ?? null,
            after: audit.after ?? null,
          }
        : undefined,
    });
  }

  // ─── the scheduler: timers for every task and rectification deadline ───────────────────────

  async function processDue(now: number): Promise<void> {
    const round = state.round;
    const changes: Parameters<PilotActivities['applyTaskChanges']>[0]['changes'] = [];
    const notices: Parameters<PilotActivities['applyTaskChanges']>[0]['notifications'] = [];
    const rectChanges: Parameters<PilotActivities['applyTaskChanges']>[0]['rectifications'] = [];
    const outcomes: TaskState[] = [];
    if (round) {
      for (const task of round.tasks) {
        if (task.status === 'scheduled' && task.opensAt <= now) {
          task.status = 'open';
          changes.push({ taskId: task.id, status: 'open' });
        }
        if (task.status !== 'open') continue;
        if (task.remindedAt === null && task.remindAt <= now) {
          task.remindedAt = now;
          changes.push({ taskId: task.id, remindedAt: now });
          notices.push({
            dedupeKey: `${task.id}:remind:${task.dueAt}`,
            userId: task.assigneeId,
            role: task.assigneeId ? null : 'firm',
            kind: 'reminder',
            title: `${INSPECTION_KIND_LABELS[task.kind].zh}即将到期`,
            body: `请于 ${formatLocalDateTime(task.dueAt)} 前完成${INSPECTION_KIND_LABELS[task.kind].zh}（${task.key}）。`,
          });
        }
        if (task.escalatedAt === null && task.dueAt <= now) {
          task.escalatedAt = now;
          changes.push({ taskId: task.id, escalatedAt: now });
          notices.push({
            dedupeKey: `${task.id}:escalate:${task.dueAt}`,
            userId: null,
            role: 'coordinator',
            kind: 'escalation',
            title: `${INSPECTION_KIND_LABELS[task.kind].zh}逾期未完成`,
            body: `${task.key} 已过截止时间（${formatLocalDateTime(task.dueAt)}）仍未提交，请督促。`,
          });
        }
        if (task.missedAt <= now) {
          task.status = 'missed';
          changes.push({ taskId: task.id, status: 'missed' });
          notices.push({
            dedupeKey: `${task.id}:missed`,
            userId: null,
            role: 'coordinator',
            kind: 'missed',
            title: `${INSPECTION_KIND_LABELS[task.kind].zh}记为漏检`,
            body: `${task.key} 超过宽限期仍未提交，已记为漏检。`,
          });
          outcomes.push(task);
        }
      }
    }
    for (const item of state.rectifications) {
      if (
        (item.status === 'open' || item.status === 'reopened') &&
        item.deadline <= now &&
        item.escalatedFor !== item.deadline
      ) {
        item.escalatedFor = item.deadline;
        rectChanges.push({ id: item.id, escalatedAt: now });
        notices.push({
          dedupeKey: `${item.id}:overdue:${item.deadline}`,
          userId: null,
          role: 'coordinator',
          kind: 'overdue',
          title: `整改逾期：${item.standardCode}`,
          body: `整改事项已超过期限（${formatLocalDateTime(item.deadline)}）仍未完成答复。`,
        });
      }
    }
    if (changes.length > 0 || notices.length > 0 || rectChanges.length > 0) {
      await db.applyTaskChanges({
        enrollmentId: input.enrollmentId,
        changes,
        notifications: notices,
        rectifications: rectChanges,
        at: now,
      });
    }
    // A missed opening inspection never blocks the pilot: the next phase starts anyway.
    for (const task of outcomes) await afterTaskClosed(task);
  }

  function openingTaskClosed(kind: 'self' | 'concentrated'): boolean {
    return (state.round?.tasks ?? []).some(
      (t) => t.kind === kind && (t.status === 'submitted' || t.status === 'missed'),
    );
  }

  async function afterTaskClosed(task: TaskState): Promise<void> {
    if (task.kind === 'self' && state.stage.phase === 'self_inspection') {
      await apply({ type: 'SELF_INSPECTION_SUBMITTED' });
      // The concentrated inspection opens while a late self-inspection may still be in its grace
      // period; if the inspector finished it first, the opening phases end together. Without this
      // the pilot sat in "concentrated inspection" and, once every task was done, never woke for
      // the round end.
      if (openingTaskClosed('concentrated') && patched(PATCH_CONCENTRATED_DONE_FIRST)) {
        await apply({ type: 'CONCENTRATED_INSPECTION_COMPLETED' });
      }
    }
    if (task.kind === 'concentrated' && state.stage.phase === 'concentrated_inspection') {
      await apply({ type: 'CONCENTRATED_INSPECTION_COMPLETED' });
    }
  }

  // ─── round end: evaluation, archiving, the next round ──────────────────────────────────────

  function openCritical(): number {
    return state.rectifications.filter((r) => r.critical && r.status !== 'closed' && r.status !== 'cancelled')
      .length;
  }

  async function evaluateRound(): Promise<RoundOutcome> {
    const round = state.round!;
    // Opening phases that are still running when the round ends close with it.
    if (state.stage.phase === 'self_inspection') await apply({ type: 'SELF_INSPECTION_SUBMITTED' });
    if (state.stage.phase === 'concentrated_inspection')
      await apply({ type: 'CONCENTRATED_INSPECTION_COMPLETED' });
    await apply({ type: 'ROUND_COMPLETED' });
    const open = round.tasks.filter((t) => t.status === 'scheduled' || t.status === 'open');
    for (const task of open) task.status = 'missed';
    if (open.length > 0) {
      await db.applyTaskChanges({
        enrollmentId: input.enrollmentId,
        changes: open.map((t) => ({ taskId: t.id, status: 'missed' as const })),
        notifications: [],
        rectifications: [],
        at: Date.now(),
      });
    }
    const counted = round.tasks.filter((t) => t.kind !== 'self');
    const completed = counted.filter((t) => t.status === 'submitted').length;
    const missed = counted.filter((t) => t.status === 'missed').length;
    const score = scoreRound(
      round.inspections.map((i) => ({ kind: i.kind, result: i.score })),
      state.plan.kindWeights,
    );
    const verdict = assessStage(
      {
        stage: round.stage,
        roundScore: score.score,
        openCriticalRectifications: openCritical(),
        inspectionsCompleted: completed,
        inspectionsMissed: missed,
        archiveComplete:
          round.stage === 'consolidation' ? state.rounds.some((r) => r.archiveId !== null) : undefined,
      },
      state.plan,
    );
    const outcome: RoundOutcome = {
      id: round.id,
      number: round.number,
      stage: round.stage,
      score: score.score,
      stars: verdict.stars,
      complianceRate: score.complianceRate,
      categoryScores: score.categories.map((c) => ({ category: c.category, score: c.score })),
      keyAreas: keyAreas(score.categories, state.plan.keyAreaCount),
      passed: verdict.ok,
      reasons: verdict.ok ? verdict.met : verdict.reasons,
      completed,
      missed,
      evaluatedAt: Date.now(),
      archiveId: null,
    };
    state.rounds.push(outcome);
    await db.recordRoundEvaluation({ enrollmentId: input.enrollmentId, roundId: round.id, outcome });
    await apply({ type: 'ASSESSMENT_RECORDED', verdict });
    return outcome;
  }

  async function startNextRound(
    stage: 'improvement' | 'consolidation',
    startsAt: number,
    focus: RoundOutcome['keyAreas'],
  ): Promise<void> {
    const number = (state.round?.number ?? 0) + 1;
    state.round = buildRound(
      input.enrollmentId,
      state.plan,
      startsAt,
      number,
      stage,
      focus,
      state.assignments,
    );
    await persistRound(state);
    await syncEnrollment();
  }

  async function afterEvaluation(outcome: RoundOutcome): Promise<'continue-as-new' | 'wait'> {
    const phase = state.stage.phase;
    if (phase === 'improvement_round' || phase === 'consolidation_round') {
      // Failed: another round of the same stage, from now, on the same focus.
      const focus = outcome.stage === 'consolidation' ? state.round!.focusCategories : [];
      await startNextRound(outcome.stage, Date.now(), focus);
      return 'continue-as-new';
    }
    if (phase === 'archiving') {
      const archive = await archiver.archiveRound({
        enrollmentId: input.enrollmentId,
        roundId: outcome.id,
        archiveId: `${outcome.id}:archive`,
        createdAt: Date.now(),
      });
      outcome.archiveId = archive.archiveId;
      await apply({ type: 'ARCHIVE_COMPLETED' });
      // The second round starts after the plan's archiving days, counted from the end of the first.
      const gapStart = state.round!.endsAt;
      const nominal = gapStart + (state.plan.archivingDays * 24 * 3600 * 1000) / state.plan.timeScale;
      await startNextRound('consolidation', Math.max(Date.now(), nominal), outcome.keyAreas);
      return 'continue-as-new';
    }
    if (phase === 'experience_summary') {
      state.round = null;
      await db.recordExperienceSummary({
        enrollmentId: input.enrollmentId,
        at: Date.now(),
        rounds: state.rounds,
      });
      state.experienceSummarizedAt = Date.now();
      await apply({ type: 'EXPERIENCE_SUMMARIZED' });
      return 'continue-as-new';
    }
    return 'wait';
  }

  // ─── updates ────────────────────────────────────────────────────────────────────────────────

  /**
   * Temporal already answers a repeated update id from the same run; this carries that guarantee
   * across continue-as-new: a retried request returns the first answer and changes nothing.
   */
  function once<Req, Res>(handler: (request: Req) => Promise<Res>): (request: Req) => Promise<Res> {
    return async (request) => {
      const id = currentUpdateInfo()?.id;
      const prior = id === undefined ? undefined : state.appliedUpdates.find((u) => u.id === id);
      if (prior) return prior.result as Res;
      const result = await handler(request);
      if (id !== undefined) {
        state.appliedUpdates.push({ id, result });
        if (state.appliedUpdates.length > REMEMBERED_UPDATES) state.appliedUpdates.shift();
      }
      dirty = true;
      return result;
    };
  }

  function alreadyApplied(): boolean {
    const id = currentUpdateInfo()?.id;
    return id !== undefined && state.appliedUpdates.some((u) => u.id === id);
  }

  /** Registers an update: the validator refuses with reasons (nothing changes), the handler runs once per update id. */
  function onUpdate<Ret, Req>(
    definition: UpdateDefinition<Ret, [Req]>,
    validate: (request: Req) => Reason[],
    handler: (request: Req) => Promise<Ret>,
    options: { needsCatalogue?: boolean } = {},
  ): void {
    setHandler(definition, once(handler), {
      validator: (request: Req) => {
        if (!recorded) refuse([starting]);
        if (alreadyApplied()) return;
        if (options.needsCatalogue && catalogue === null) refuse([starting]);
        refuse(validate(request));
      },
    });
  }

  function stateChange(): PilotStateChange {
    return { stage: state.stage.stage, phase: state.stage.phase, paused: state.pausedAt !== null };
  }

  onUpdate(
    submitInspectionUpdate,
    (request) => refuseSubmitInspection(state, who, catalogue!, request, Date.now()),
    async (request) => {
      const task = findTask(state, request.taskId)!;
      const now = Date.now();
      task.status = 'submitting';
      const items = request.items.map((item) => ({
        code: item.code,
        outcome: item.outcome,
        ...(item.score !== undefined ? { score: item.score } : {}),
        ...(item.note !== undefined ? { note: item.note } : {}),
      }));
      const score = scoreInspection(catalogue!, items);
      const standards = new Map(catalogue!.standards.map((s) => [s.code, s]));
      const rectifications: RectificationState[] = request.items
        .filter((item) => item.outcome === 'fail')
        .map((item) => {
          const standard = standards.get(item.code)!;
          const severity = defaultSeverity(standard);
          return {
            id: `${task.id}:${item.code}`,
            taskId: task.id,
            round: task.round,
            standardCode: item.code,
            severity,
            critical: standard.critical,
            deadline: rectificationDeadline(state.plan, now, severity).dueAt,
            status: 'open',
            busy: false,
            escalatedFor: null,
            responses: 0,
            rejections: 0,
          };
        });
      try {
        await dbForUpdate.recordInspection({
          enrollmentId: input.enrollmentId,
          resultId: `${task.id}:result`,
          taskId: task.id,
          catalogueVersionId: input.catalogueVersionId,
          submittedAt: now,
          score: score.score,
          complianceRate: score.complianceRate,
          categoryScores: score.categories.map((c) => ({ category: c.category, score: c.score })),
          notes: request.notes ?? null,
          items: request.items.map((item) => ({ ...item, evidenceIds: item.evidenceIds ?? [] })),
          rectifications: rectifications.map((r) => ({
            id: r.id,
            roundId: state.round?.id ?? null,
            standardCode: r.standardCode,
            finding: request.items.find((i) => i.code === r.standardCode)?.note ?? '',
            severity: r.severity,
            critical: r.critical,
            deadline: r.deadline,
          })),
          actor: actorAudit(request.actor),
        });
      } catch (error) {
        task.status = 'open';
        throw error;
      }
      task.status = 'submitted';
      task.submittedAt = now;
      state.round?.inspections.push({
        taskId: task.id,
        kind: task.kind,
        round: task.round,
        submittedAt: now,
        score,
      });
      state.rectifications.push(...rectifications);
      await afterTaskClosed(task);
      return {
        resultId: `${task.id}:result`,
        score: score.score,
        complianceRate: score.complianceRate,
        rectifications: rectifications.map((r) => ({
          id: r.id,
          standardCode: r.standardCode,
          severity: r.severity,
          deadline: r.deadline,
        })),
      };
    },
    { needsCatalogue: true },
  );

  onUpdate(
    respondRectificationUpdate,
    (request) => refuseRespond(state, who, request),
    async (request) => {
      const item = state.rectifications.find((r) => r.id === request.rectificationId)!;
      item.busy = true;
      const now = Date.now();
      try {
        await dbForUpdate.recordRectificationResponse({
          rectificationId: item.id,
          responseId: `${item.id}:response:${item.responses + 1}`,
          text: request.text,
          evidenceIds: request.evidenceIds,
          at: now,
          fromStatus: item.status,
          actor: actorAudit(request.actor),
        });
      } finally {
        item.busy = false;
      }
      item.responses += 1;
      item.status = 'responded';
      return { rectificationId: item.id, status: item.status, deadline: item.deadline };
    },
  );

  onUpdate(
    verifyRectificationUpdate,
    (request) => refuseVerify(state, request),
    async (request) => {
      const item = state.rectifications.find((r) => r.id === request.rectificationId)!;
      item.busy = true;
      const now = Date.now();
      const accepted = request.decision === 'accept';
      // A rejected answer earns the severity's full period again, counted from the later of now
      // and the old deadline: counted from now alone, a same-day rejection kept the same deadline.
      const reopenedFrom = patched(PATCH_REJECT_FULL_PERIOD) ? Math.max(now, item.deadline) : now;
      const deadline = accepted
        ? item.deadline
        : rectificationDeadline(state.plan, reopenedFrom, item.severity).dueAt;
      try {
        await dbForUpdate.recordRectificationVerification({
          rectificationId: item.id,
          verificationId: `${item.id}:verification:${item.responses}`,
          verdict: request.decision,
          reason: request.reason ?? null,
          newDeadline: accepted ? null : deadline,
          at: now,
          actor: actorAudit(request.actor),
        });
      } finally {
        item.busy = false;
      }
      if (accepted) {
        item.status = 'closed';
        state.closedRectifications += 1;
      } else {
        item.status = 'reopened';
        item.rejections += 1;
        item.deadline = deadline;
      }
      const result = { rectificationId: item.id, status: item.status, deadline: item.deadline };
      if (accepted) state.rectifications = state.rectifications.filter((r) => r.id !== item.id);
      return result;
    },
  );

  onUpdate(
    pauseUpdate,
    (request) => refusePause(state, request.actor),
    async (request) => {
      state.pausedAt = Date.now();
      await syncEnrollment({
        actor: request.actor,
        action: 'pilot.pause',
        after: { reason: request.reason },
      });
      return stateChange();
    },
  );

  onUpdate(
    resumeUpdate,
    (request) => refuseResume(state, request.actor),
    async (request) => {
      const pausedAt = state.pausedAt!;
      const pausedMs = Date.now() - pausedAt;
      shiftAfterPause(state, pausedAt, pausedMs);
      state.pausedMsTotal += pausedMs;
      state.pausedAt = null;
      await persistShiftedTimes();
      await syncEnrollment({
        actor: request.actor,
        action: 'pilot.resume',
        after: { pausedMs, note: request.note ?? null },
      });
      return stateChange();
    },
  );

  async function persistShiftedTimes(): Promise<void> {
    const round = state.round;
    await db.applyTaskChanges({
      enrollmentId: input.enrollmentId,
      changes: (round?.tasks ?? [])
        .filter((t) => t.status === 'scheduled' || t.status === 'open')
        .map((t) => ({
          taskId: t.id,
          opensAt: t.opensAt,
          remindAt: t.remindAt,
          dueAt: t.dueAt,
          missedAt: t.missedAt,
        })),
      notifications: [],
      rectifications: state.rectifications
        .filter((r) => r.status !== 'closed' && r.status !== 'cancelled')
        .map((r) => ({ id: r.id, deadline: r.deadline })),
      round: round ? { id: round.id, endsAt: round.endsAt } : undefined,
      at: Date.now(),
    });
  }

  onUpdate(
    extendDeadlineUpdate,
    (request) => refuseExtend(state, request),
    async (request) => {
      const now = Date.now();
      let deadline: number;
      if (request.targetType === 'task') {
        const task = findTask(state, request.targetId)!;
        const before = task.dueAt;
        task.dueAt = extendDeadline(state.plan, task.dueAt, request.days);
        const moved = task.dueAt - before;
        task.remindAt += moved;
        task.missedAt += moved;
        // A new deadline earns a new reminder and, if it passes again, a new escalation.
        task.remindedAt = null;
        task.escalatedAt = null;
        deadline = task.dueAt;
        await db.applyTaskChanges({
          enrollmentId: input.enrollmentId,
          changes: [
            {
              taskId: task.id,
              dueAt: task.dueAt,
              remindAt: task.remindAt,
              missedAt: task.missedAt,
              remindedAt: null,
              escalatedAt: null,
            },
          ],
          notifications: [],
          rectifications: [],
          at: now,
          audit: [
            {
              actor: actorAudit(request.actor),
              action: 'task.extend',
              entityType: 'inspection_task',
              entityId: task.id,
              before: { dueAt: before },
              after: { dueAt: task.dueAt, days: request.days, reason: request.reason },
            },
          ],
        });
      } else {
        const item = state.rectifications.find((r) => r.id === request.targetId)!;
        const before = item.deadline;
        item.deadline = extendDeadline(state.plan, item.deadline, request.days);
        deadline = item.deadline;
        await db.applyTaskChanges({
          enrollmentId: input.enrollmentId,
          changes: [],
          notifications: [],
          rectifications: [{ id: item.id, deadline: item.deadline }],
          at: now,
          audit: [
            {
              actor: actorAudit(request.actor),
              action: 'rectification.extend',
              entityType: 'rectification',
              entityId: item.id,
              before: { deadline: before },
              after: { deadline: item.deadline, days: request.days, reason: request.reason },
            },
          ],
        });
      }
      return { targetId: request.targetId, deadline };
    },
  );

  onUpdate(
    reassignInspectorUpdate,
    (request) => refuseReassign(state, request),
    async (request) => {
      const from = state.assignments.find((a) => a.inspectorId === request.fromInspectorId)!;
      const kinds = request.kinds ?? [...from.kinds];
      from.kinds = from.kinds.filter((k) => !kinds.includes(k));
      const to = state.assignments.find((a) => a.inspectorId === request.toInspectorId);
      if (to) to.kinds = [...new Set([...to.kinds, ...kinds])];
      else state.assignments.push({ inspectorId: request.toInspectorId, kinds });
      state.assignments = state.assignments.filter((a) => a.kinds.length > 0);
      const moved = (state.round?.tasks ?? []).filter(
        (t) =>
          (t.status === 'scheduled' || t.status === 'open') &&
          t.assigneeId === request.fromInspectorId &&
          t.kind !== 'self' &&
          kinds.includes(t.kind),
      );
      for (const task of moved) task.assigneeId = request.toInspectorId;
      await dbForUpdate.reassignInspector({
        enrollmentId: input.enrollmentId,
        assignments: state.assignments,
        taskIds: moved.map((t) => t.id),
        toInspectorId: request.toInspectorId,
        actor: actorAudit(request.actor),
        reason: request.reason ?? null,
        fromInspectorId: request.fromInspectorId,
        at: Date.now(),
      });
      return { reassignedTasks: moved.map((t) => t.id) };
    },
  );

  onUpdate(
    withdrawUpdate,
    (request) => refuseWithdraw(state, request),
    async (request) => {
      const now = Date.now();
      state.withdrawnAt = now;
      state.pausedAt = null;
      const cancelled = (state.round?.tasks ?? []).filter(
        (t) => t.status === 'scheduled' || t.status === 'open',
      );
      for (const task of cancelled) task.status = 'cancelled';
      for (const item of state.rectifications) item.status = 'cancelled';
      await db.applyTaskChanges({
        enrollmentId: input.enrollmentId,
        changes: cancelled.map((t) => ({ taskId: t.id, status: 'cancelled' as const })),
        notifications: [],
        rectifications: state.rectifications.map((r) => ({ id: r.id, status: 'cancelled' as const })),
        at: now,
      });
      state.rectifications = [];
      await apply({ type: 'WITHDRAWN', reason: request.reason }, request.actor);
      return stateChange();
    },
  );

  function eligibility() {
    const latest = state.rounds.at(-1);
    const now = Date.now();
    return demonstrationEligibility(
      {
        stage: state.stage.stage,
        phase: state.stage.phase,
        paused: state.pausedAt !== null,
        latestRoundScore: latest?.score ?? null,
        complianceRate: latest?.complianceRate ?? null,
        openCriticalRectifications: openCritical(),
        overdueOpenRectifications: state.rectifications.filter(
          (r) => (r.status === 'open' || r.status === 'reopened') && r.deadline < now,
        ).length,
      },
      state.plan,
    );
  }

  onUpdate(
    promoteUpdate,
    (request) => {
      if (request.actor.role !== 'admin') {
        return [
          reason('role_not_allowed', '只有管理员可以评定示范小区。', 'Only an admin may promote a compound.'),
        ];
      }
      if (state.stage.phase === 'demonstration') {
        return [
          reason(
            'already_demonstration',
            '该小区已是示范小区。',
            'The compound is a demonstration compound already.',
          ),
        ];
      }
      const verdict = eligibility();
      if (!verdict.ok) return verdict.reasons;
      if (state.stage.phase !== 'eligible') {
        return [
          reason(
            'not_eligible_phase',
            '试点尚未完成经验梳理。',
            'The pilot has not finished writing up its experience.',
          ),
        ];
      }
      return [];
    },
    async (request) => {
      const verdict = eligibility();
      const now = Date.now();
      await dbForUpdate.promoteCompound({
        enrollmentId: input.enrollmentId,
        compoundId: input.compoundId,
        at: now,
        reasons: verdict.met,
        actor: actorAudit(request.actor),
        note: request.note ?? null,
      });
      state.promotedAt = now;
      await apply({ type: 'DEMONSTRATION_PROMOTED', eligibility: verdict }, request.actor);
      return stateChange();
    },
  );

  onUpdate(
    startRolloutUpdate,
    (request) => refuseRollout(state, request),
    async (request) => {
      const result = await dbForUpdate.enrollRollout({
        originEnrollmentId: input.enrollmentId,
        startDate: request.startDate,
        catalogueVersionId: request.catalogueVersionId,
        targets: request.targets,
        inspectorAssignments: request.inspectorAssignments,
        planOverrides: request.planOverrides ?? null,
        actor: actorAudit(request.actor),
      });
      for (const entry of result.enrolled) {
        if (!state.rollouts.includes(entry.enrollmentId)) state.rollouts.push(entry.enrollmentId);
      }
      return result;
    },
  );

  setHandler(snapshotQuery, (): PilotSnapshot => snapshot(Date.now()));

  function nextStep(): LocalizedText {
    if (state.withdrawnAt !== null) return { zh: '已退出试点。', en: 'Withdrawn from the pilot.' };
    if (state.pausedAt !== null)
      return { zh: '已暂停，等待协调员恢复。', en: 'Paused; waiting for a coordinator to resume.' };
    const open = (state.round?.tasks ?? [])
      .filter((t) => t.status === 'scheduled' || t.status === 'open')
      .sort((a, b) => a.dueAt - b.dueAt)[0];
    switch (state.stage.phase) {
      case 'eligible':
        return {
          zh: '可评定为示范小区，可向其他企业推广。',
          en: 'Eligible for demonstration status; may roll out to other firms.',
        };
      case 'demonstration':
        return {
          zh: '已是示范小区，可继续向其他企业推广。',
          en: 'A demonstration compound; may keep rolling out.',
        };
      default:
        return open
          ? {
              zh: `下一项：${INSPECTION_KIND_LABELS[open.kind].zh}（${formatLocalDateTime(open.dueAt)} 截止）`,
              en: `Next: ${INSPECTION_KIND_LABELS[open.kind].en}, due ${formatLocalDateTime(open.dueAt)}`,
            }
          : { zh: '等待本轮结束后评估。', en: 'Waiting for the round to end and be evaluated.' };
    }
  }

  function snapshot(now: number): PilotSnapshot {
    const round = state.round;
    const latest = state.rounds.at(-1);
    return {
      enrollmentId: input.enrollmentId,
      compoundId: input.compoundId,
      firmId: input.firmId,
      stage: state.stage.stage,
      phase: state.stage.phase,
      stageLabel: STAGE_LABELS[state.stage.stage],
      phaseLabel: PHASE_LABELS[state.stage.phase],
      paused: state.pausedAt !== null,
      pausedAt: state.pausedAt,
      currentRound: round
        ? {
            id: round.id,
            number: round.number,
            stage: round.stage,
            startsAt: round.startsAt,
            endsAt: round.endsAt,
            focusCategories: round.focusCategories,
          }
        : null,
      openTasks: (round?.tasks ?? []).filter((t) => t.status === 'open' || t.status === 'submitting'),
      upcomingTasks: (round?.tasks ?? []).filter((t) => t.status === 'scheduled').slice(0, 10),
      openRectifications: state.rectifications.filter(
        (r) => r.status !== 'closed' && r.status !== 'cancelled',
      ),
      rounds: state.rounds,
      latestScore: latest?.score ?? null,
      latestStars: latest?.stars ?? null,
      assignments: state.assignments,
      promotedAt: state.promotedAt,
      rollouts: state.rollouts,
      next: nextStep(),
      asOf: now,
    };
  }

  // ─── main loop ──────────────────────────────────────────────────────────────────────────────

  catalogue = await db.loadCatalogue(input.catalogueVersionId);
  if (!args.carried) await enroll(state);
  recorded = true;

  for (;;) {
    if (state.withdrawnAt !== null) break;
    if (state.pausedAt === null) {
      await processDue(Date.now());
      const round = state.round;
      const phase = state.stage.phase;
      const roundRunning =
        phase === 'self_inspection' ||
        phase === 'concentrated_inspection' ||
        phase === 'improvement_round' ||
        phase === 'consolidation_round';
      if (round && roundRunning && Date.now() >= round.endsAt) {
        await condition(allHandlersFinished);
        const outcome = await evaluateRound();
        const next = await afterEvaluation(outcome);
        if (next === 'continue-as-new') break;
        continue;
      }
    }
    if (workflowInfo().continueAsNewSuggested) break;
    const wake = nextWakeAt(state);
    dirty = false;
    if (wake === null) await condition(() => dirty);
    else await condition(() => dirty, Math.max(1, wake - Date.now()));
  }

  await condition(allHandlersFinished);
  if (state.withdrawnAt !== null) {
    return {
      enrollmentId: input.enrollmentId,
      stage: state.stage.stage,
      phase: state.stage.phase,
      rounds: state.rounds,
    };
  }
  log.info('continuing as new', { phase: state.stage.phase, round: state.round?.number ?? null });
  return continueAsNew<typeof pilotWorkflow>({ input, carried: state });
}
