// Update validators: pure checks of a request against the pilot's state. Each returns the reasons a
// request is refused (empty = allowed), in both UI languages, so the API can show the rule's words.
import {
  RUNNING_RECTIFICATION_STATUSES,
  calendarAdoptionRefusals,
  resolveCalendarReleaseRef,
  entryKey,
  taskChecklist,
  demonstrationEligibility,
  reason,
  type Actor,
  type AdoptCalendarRequest,
  type CatalogueVersion,
  type CompoundFeature,
  type ExtendDeadlineRequest,
  type PilotState,
  type PromoteRequest,
  type ReassignInspectorRequest,
  type Reason,
  type RespondRectificationRequest,
  type StartRolloutRequest,
  type SubmitInspectionRequest,
  type TaskState,
  type Verdict,
  type VerifyRectificationRequest,
} from '@pilot/domain';
import { taskStatusAt } from './rounds.js';

export interface PilotIdentity {
  enrollmentId: string;
  firmId: string;
}

const withdrawn = reason('pilot_withdrawn', '该试点已退出，不能再办理。', 'The pilot has been withdrawn.');
const paused = reason(
  'pilot_paused',
  '试点已暂停，恢复后才能办理。',
  'The pilot is paused; resume it first.',
);

function notRole(expected: string, zh: string): Reason {
  return reason('role_not_allowed', `只有${zh}可以办理此事项。`, `Only a ${expected} may do this.`);
}

/** A pilot that is withdrawn or paused takes no work. */
export function activeChecks(state: PilotState): Reason[] {
  if (state.withdrawnAt !== null) return [withdrawn];
  if (state.pausedAt !== null) return [paused];
  return [];
}

function isCoordinatorOrAdmin(actor: Actor): boolean {
  return actor.role === 'coordinator' || actor.role === 'admin';
}

/** Steering a pilot is a coordinator's (or an admin's) work. */
export function steeringRole(actor: Actor): Reason[] {
  return isCoordinatorOrAdmin(actor) ? [] : [notRole('coordinator', '协调员')];
}

export function findTask(state: PilotState, taskId: string): TaskState | undefined {
  return state.round?.tasks.find((task) => task.id === taskId);
}

export function refuseSubmitInspection(
  state: PilotState,
  who: PilotIdentity,
  catalogue: CatalogueVersion,
  features: readonly CompoundFeature[] | null,
  request: SubmitInspectionRequest,
  now: number,
  timed = false,
): Reason[] {
  const blocked = activeChecks(state);
  if (blocked.length > 0) return blocked;
  const task = findTask(state, request.taskId);
  if (!task) {
    return [
      reason(
        'task_not_found',
        '当前轮次中没有这项检查任务。',
        'No such inspection task in the current round.',
      ),
    ];
  }
  if (task.kind === 'self') {
    if (request.actor.role !== 'firm') return [notRole('firm', '本小区的物业服务企业')];
    if (request.actor.firmId !== who.firmId) {
      return [
        reason(
          'not_your_compound',
          '只能为本企业服务的小区提交自查。',
          'A firm may only self-inspect its own compound.',
        ),
      ];
    }
  } else {
    if (request.actor.role !== 'inspector') return [notRole('inspector', '检查员')];
    if (task.assigneeId !== request.actor.userId) {
      return [reason('not_assigned', '这项检查没有分配给您。', 'This inspection is not assigned to you.')];
    }
  }
  const status = taskStatusAt(task, now, timed);
  if (status === 'scheduled' || now < task.opensAt) {
    return [reason('task_not_open', '这项检查尚未开始。', 'This inspection has not opened yet.')];
  }
  if (status === 'submitting') {
    return [
      reason('task_in_progress', '这项检查正在提交中。', 'This inspection is being submitted already.'),
    ];
  }
  if (status === 'submitted') {
    return [
      reason('task_already_submitted', '这项检查已经提交过。', 'This inspection was submitted already.'),
    ];
  }
  if (status === 'missed' || status === 'cancelled') {
    return [
      reason(
        'task_closed',
        '这项检查已关闭（逾期未检或已取消）。',
        'This inspection is closed (missed or cancelled).',
      ),
    ];
  }
  const checklist = taskChecklist(catalogue, task, state.round ?? { focusCategories: [] }, features);
  const expected = new Map(
    checklist.entries.map((entry) => [entryKey({ ...entry, code: entry.standard.code }), entry]),
  );
  // A standard that does not apply to the compound may come back as 不适用; never as pass or fail.
  const notApplicable = new Map(checklist.notApplicable.map((n) => [n.standard.code, n]));
  const label = (item: { keyPart?: string | null | undefined; code: string }) =>
    item.keyPart ? `${item.keyPart}/${item.code}` : item.code;
  const given = new Set(request.items.map((item) => entryKey(item)));
  const missing = checklist.entries.filter(
    (entry) => !given.has(entryKey({ ...entry, code: entry.standard.code })),
  );
  const extra = request.items.filter(
    (item) =>
      !expected.has(entryKey(item)) &&
      !(notApplicable.has(item.code) && !item.keyPart && item.outcome === 'na'),
  );
  const reasons: Reason[] = [];
  if (missing.length > 0) {
    const codes = missing.map((entry) => label({ ...entry, code: entry.standard.code }));
    reasons.push(
      reason(
        'checklist_incomplete',
        `检查表还有 ${codes.length} 项未填写：${codes.slice(0, 10).join('、')}${codes.length > 10 ? '…' : ''}`,
        `${codes.length} checklist item(s) are missing: ${codes.slice(0, 10).join(', ')}${codes.length > 10 ? '…' : ''}`,
      ),
    );
  }
  const inapplicable = extra.filter((item) => notApplicable.has(item.code) && !item.keyPart);
  if (inapplicable.length > 0) {
    const codes = inapplicable.map((item) => item.code);
    reasons.push(
      reason(
        'standard_not_applicable',
        `以下标准不适用于本小区，只能标为“不适用”：${codes.slice(0, 10).join('、')}`,
        `These standards do not apply to this compound; mark them n/a: ${codes.slice(0, 10).join(', ')}`,
      ),
    );
  }
  const foreign = extra.filter((item) => !(notApplicable.has(item.code) && !item.keyPart));
  if (foreign.length > 0) {
    const codes = foreign.map(label);
    reasons.push(
      reason(
        'not_on_checklist',
        `以下标准不属于本次检查表：${codes.slice(0, 10).join('、')}`,
        `Not on this inspection's checklist: ${codes.slice(0, 10).join(', ')}`,
      ),
    );
  }
  for (const item of request.items) {
    const standard = expected.get(entryKey(item))?.standard;
    if (!standard) continue;
    if (item.outcome === 'fail' && !item.note?.trim()) {
      reasons.push(
        reason(
          'fail_needs_note',
          `${label(item)} 不合格，必须说明问题。`,
          `${label(item)} failed: describe the problem.`,
        ),
      );
    }
    if (standard.scoring.mode === 'graded' && item.outcome !== 'na') {
      const max = standard.scoring.max;
      if (item.score === undefined || item.score < 0 || item.score > max) {
        reasons.push(
          reason(
            'graded_score_range',
            `${label(item)} 需要 0–${max} 之间的得分。`,
            `${label(item)} needs a score from 0 to ${max}.`,
          ),
        );
      }
    }
  }
  return reasons;
}

export function refuseRespond(
  state: PilotState,
  who: PilotIdentity,
  request: RespondRectificationRequest,
): Reason[] {
  const blocked = activeChecks(state);
  if (blocked.length > 0) return blocked;
  if (request.actor.role !== 'firm') return [notRole('firm', '物业服务企业')];
  if (request.actor.firmId !== who.firmId) {
    return [
      reason(
        'not_your_compound',
        '只能答复本企业服务小区的整改事项。',
        "A firm may only answer its own compound's items.",
      ),
    ];
  }
  const item = state.rectifications.find((r) => r.id === request.rectificationId);
  if (!item) return [reason('rectification_not_found', '没有这项整改事项。', 'No such rectification item.')];
  if (item.busy)
    return [reason('rectification_busy', '该整改事项正在处理中。', 'This item is being processed.')];
  if (item.status !== 'open' && item.status !== 'reopened' && item.status !== 'controlled') {
    return [
      reason(
        'rectification_not_awaiting_response',
        item.status === 'responded' ? '已答复，等待检查员核验。' : '该整改事项已关闭。',
        item.status === 'responded' ? 'Already answered; awaiting verification.' : 'This item is closed.',
      ),
    ];
  }
  if (request.evidenceIds.length === 0) {
    return [
      reason('evidence_required', '整改答复必须附上佐证材料。', 'A rectification answer needs evidence.'),
    ];
  }
  return [];
}

/**
 * 已管控 is for a critical item the catalogue says cannot be fixed in a day (it names what counts as
 * control), answered by the compound's firm with evidence, before it is answered as fixed.
 */
export function refuseControl(
  state: PilotState,
  who: PilotIdentity,
  catalogue: CatalogueVersion | null,
  request: RespondRectificationRequest,
): Reason[] {
  const blocked = activeChecks(state);
  if (blocked.length > 0) return blocked;
  if (request.actor.role !== 'firm') return [notRole('firm', '物业服务企业')];
  if (request.actor.firmId !== who.firmId) {
    return [
      reason(
        'not_your_compound',
        '只能处理本企业服务小区的整改事项。',
        "A firm may only handle its own compound's items.",
      ),
    ];
  }
  const item = state.rectifications.find((r) => r.id === request.rectificationId);
  if (!item) return [reason('rectification_not_found', '没有这项整改事项。', 'No such rectification item.')];
  if (item.busy)
    return [reason('rectification_busy', '该整改事项正在处理中。', 'This item is being processed.')];
  const standard = catalogue?.standards.find((s) => s.code === item.standardCode);
  if (!item.critical || !standard?.interimControl) {
    return [
      reason(
        'control_not_applicable',
        '只有不能当日整改完毕的关键项可以先行管控。',
        'Only critical items that cannot be fixed within a day may be controlled first.',
      ),
    ];
  }
  if (item.status === 'controlled') {
    return [reason('already_controlled', '该隐患已处于管控状态。', 'This hazard is controlled already.')];
  }
  if (item.status !== 'open' && item.status !== 'reopened') {
    return [
      reason(
        'rectification_not_awaiting_response',
        item.status === 'responded' ? '已答复，等待检查员核验。' : '该整改事项已关闭。',
        item.status === 'responded' ? 'Already answered; awaiting verification.' : 'This item is closed.',
      ),
    ];
  }
  if (request.evidenceIds.length === 0) {
    return [
      reason(
        'evidence_required',
        '管控措施必须附上佐证材料（如停用告示照片、签字确认）。',
        'Control needs evidence.',
      ),
    ];
  }
  return [];
}

export function refuseVerify(state: PilotState, request: VerifyRectificationRequest): Reason[] {
  const blocked = activeChecks(state);
  if (blocked.length > 0) return blocked;
  if (request.actor.role !== 'inspector') return [notRole('inspector', '检查员')];
  const item = state.rectifications.find((r) => r.id === request.rectificationId);
  if (!item) return [reason('rectification_not_found', '没有这项整改事项。', 'No such rectification item.')];
  const assigned = state.assignments.some((a) => a.inspectorId === request.actor.userId);
  if (!assigned)
    return [reason('not_assigned', '您不是该试点的检查员。', 'You are not an inspector of this pilot.')];
  if (item.busy)
    return [reason('rectification_busy', '该整改事项正在处理中。', 'This item is being processed.')];
  if (item.status !== 'responded') {
    return [
      reason(
        'rectification_not_responded',
        '企业尚未答复，无法核验。',
        'The firm has not answered yet; nothing to verify.',
      ),
    ];
  }
  if (request.decision === 'reject' && !request.reason?.trim()) {
    return [reason('reject_needs_reason', '退回整改必须说明原因。', 'Rejecting needs a reason.')];
  }
  return [];
}

export function refusePause(state: PilotState, actor: Actor): Reason[] {
  if (steeringRole(actor).length > 0) return steeringRole(actor);
  if (state.withdrawnAt !== null) return [withdrawn];
  if (state.pausedAt !== null)
    return [reason('already_paused', '试点已处于暂停状态。', 'The pilot is already paused.')];
  if (state.stage.phase === 'demonstration') {
    return [
      reason(
        'nothing_to_pause',
        '示范小区已无待办工作，无需暂停。',
        'A demonstration compound has no work left to pause.',
      ),
    ];
  }
  return [];
}

export function refuseResume(state: PilotState, actor: Actor): Reason[] {
  if (steeringRole(actor).length > 0) return steeringRole(actor);
  if (state.withdrawnAt !== null) return [withdrawn];
  if (state.pausedAt === null) return [reason('not_paused', '试点没有暂停。', 'The pilot is not paused.')];
  return [];
}

export function refuseExtend(state: PilotState, request: ExtendDeadlineRequest): Reason[] {
  if (steeringRole(request.actor).length > 0) return steeringRole(request.actor);
  const blocked = activeChecks(state);
  if (blocked.length > 0) return blocked;
  if (!request.reason.trim())
    return [reason('reason_required', '延期必须说明理由。', 'An extension needs a reason.')];
  if (request.targetType === 'task') {
    const task = findTask(state, request.targetId);
    if (!task)
      return [
        reason(
          'task_not_found',
          '当前轮次中没有这项检查任务。',
          'No such inspection task in the current round.',
        ),
      ];
    if (task.status !== 'scheduled' && task.status !== 'open') {
      return [
        reason(
          'task_closed',
          '这项检查已结束，不能延期。',
          'This inspection is finished; it cannot be extended.',
        ),
      ];
    }
    return [];
  }
  const item = state.rectifications.find((r) => r.id === request.targetId);
  if (!item) return [reason('rectification_not_found', '没有这项整改事项。', 'No such rectification item.')];
  if (item.status === 'closed' || item.status === 'cancelled') {
    return [
      reason(
        'rectification_closed',
        '该整改事项已关闭，不能延期。',
        'This item is closed; it cannot be extended.',
      ),
    ];
  }
  return [];
}

export function refuseReassign(state: PilotState, request: ReassignInspectorRequest): Reason[] {
  if (steeringRole(request.actor).length > 0) return steeringRole(request.actor);
  if (state.withdrawnAt !== null) return [withdrawn];
  if (request.fromInspectorId === request.toInspectorId) {
    return [
      reason(
        'same_inspector',
        '新检查员不能与原检查员相同。',
        'The new inspector must differ from the current one.',
      ),
    ];
  }
  const from = state.assignments.find((a) => a.inspectorId === request.fromInspectorId);
  if (!from)
    return [
      reason(
        'inspector_not_assigned',
        '原检查员不在本试点中。',
        'That inspector is not assigned to this pilot.',
      ),
    ];
  const missing = (request.kinds ?? []).filter((kind) => !from.kinds.includes(kind));
  if (missing.length > 0) {
    return [
      reason(
        'kind_not_held',
        `原检查员未负责：${missing.join('、')}`,
        `The inspector does not hold: ${missing.join(', ')}`,
      ),
    ];
  }
  return [];
}

export function refuseWithdraw(state: PilotState, request: { actor: Actor; reason: string }): Reason[] {
  if (steeringRole(request.actor).length > 0) return steeringRole(request.actor);
  if (state.withdrawnAt !== null) return [withdrawn];
  if (request.reason.trim().length < 2)
    return [reason('reason_required', '退出试点必须说明原因。', 'Withdrawal needs a reason.')];
  return [];
}

/** Rolling out needs a pilot that reached the rollout stage (and is still in the pilot). */
export function refuseRolloutStage(state: PilotState): Reason[] {
  if (state.withdrawnAt !== null) return [withdrawn];
  if (state.stage.stage !== 'rollout') {
    return [
      reason(
        'stage_not_rollout',
        '只有进入全面推广阶段的试点才能向其他企业推广。',
        'Only a pilot in the rollout stage can roll out to other firms.',
      ),
    ];
  }
  return [];
}

export function refuseRollout(state: PilotState, request: StartRolloutRequest): Reason[] {
  if (steeringRole(request.actor).length > 0) return steeringRole(request.actor);
  const stage = refuseRolloutStage(state);
  if (stage.length > 0) return stage;
  if (request.targets.length === 0)
    return [reason('no_targets', '请至少选择一个推广对象。', 'Choose at least one target.')];
  return [];
}

/** Critical rectifications not yet closed: they cap the stars and block a passing assessment. */
export function openCritical(state: PilotState): number {
  return state.rectifications.filter((r) => r.critical && r.status !== 'closed' && r.status !== 'cancelled')
    .length;
}

/** Whether the compound may become a 示范小区 now, with every reason either way. */
export function demonstrationVerdict(state: PilotState, now: number): Verdict {
  const latest = state.rounds.at(-1);
  return demonstrationEligibility(
    {
      stage: state.stage.stage,
      phase: state.stage.phase,
      paused: state.pausedAt !== null,
      latestRoundScore: latest?.score ?? null,
      // Rounds evaluated before 规范操作执行率 was its own measure are judged by their pass rate.
      complianceRate: latest?.operationRate ?? latest?.complianceRate ?? null,
      openCriticalRectifications: openCritical(state),
      overdueOpenRectifications: state.rectifications.filter(
        (r) => RUNNING_RECTIFICATION_STATUSES.includes(r.status) && r.deadline < now,
      ).length,
    },
    state.plan,
  );
}

export function refusePromote(state: PilotState, request: PromoteRequest, now: number): Reason[] {
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
  const verdict = demonstrationVerdict(state, now);
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
}

/**
 * 应用新版工作日历: an admin's, on a pilot not withdrawn, with a release the pilot can resolve
 * (shipped, or sent with its data) that is newer than the one it follows, covers at least its
 * years, and changes its calendar; otherwise the reason why nothing would change.
 */
export function refuseAdoptCalendar(state: PilotState, request: AdoptCalendarRequest): Reason[] {
  if (request.actor.role !== 'admin') return [notRole('admin', '管理员')];
  if (state.withdrawnAt !== null) return [withdrawn];
  const release = resolveCalendarReleaseRef(request.release);
  if (!release) {
    return [
      reason(
        'calendar_release_unknown',
        `工作日历第 ${request.release.version} 版的数据与其指纹不符或未随请求提供。`,
        `Calendar release ${request.release.version} came without its data, or with data that does not match its fingerprint.`,
      ),
    ];
  }
  return calendarAdoptionRefusals({ plan: state.plan, calendar: state.calendar }, release);
}
