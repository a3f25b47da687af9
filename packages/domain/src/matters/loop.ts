// The matter's rules, pure: who may do what in which status (each refusal in both languages), and
// what each step changes, writes and tells. The workflow wires these to its Updates and timers.
import type { Actor } from '../contract/actor.js';
import { auditActor } from '../contract/actor.js';
import { formatLocalDateTime } from '../calendar/shanghai.js';
import type { WorkingDayTest } from '../calendar/working-days.js';
import { reason, type Reason } from '../shared/reason.js';
import type {
  AcceptMatterRequest,
  AssignMatterRequest,
  CancelMatterRequest,
  ConfirmMatterRequest,
  JoinMatterRequest,
  MatterNotice,
  MatterNoticeTarget,
  MatterProgressRequest,
  MatterRowPatch,
  MatterState,
  MatterStep,
  MatterWorkflowInput,
  RateMatterRequest,
  ReturnMatterRequest,
} from './contract.js';
import { limitEnd, reminderAt, type MatterRules } from './rules.js';
import { MATTER_CATEGORY_LABELS, type Assignee, type MatterStatus } from './vocabulary.js';

/** What the rules need to know about a matter besides its state. */
export interface MatterFacts {
  input: Pick<MatterWorkflowInput, 'matterId' | 'number' | 'reporterId' | 'location' | 'rules' | 'steward'>;
}

export type StepDraft = Omit<MatterStep, 'seq'>;

export interface Transition {
  state: MatterState;
  step: StepDraft;
  notices: MatterNotice[];
}

// ─── who is who ──────────────────────────────────────────────────────────────────────────────

export function isCoordinator(actor: Actor): boolean {
  return actor.role === 'coordinator' || actor.role === 'admin';
}

/** The assignee's own staff: the firm's users for a firm, the unit's users for a partner unit. */
export function speaksForAssignee(assignee: Assignee | null, actor: Actor): boolean {
  if (!assignee) return false;
  if (assignee.kind === 'firm') return actor.role === 'firm' && actor.firmId === assignee.firmId;
  return actor.role === 'party' && actor.partyId === assignee.partyId;
}

function joined(state: MatterState, actor: Actor): boolean {
  return actor.role === 'party' && !!actor.partyId && state.joint.includes(actor.partyId);
}

const notRole = (zh: string, en: string) =>
  reason('role_not_allowed', `只有${zh}可以办理此事项。`, `Only ${en} may do this.`);
const closed = reason('matter_closed', '该事项已销号。', 'This matter is closed.');

function inStatus(state: MatterState, allowed: MatterStatus[], zh: string, en: string): Reason[] {
  if (state.status === 'closed') return [closed];
  return allowed.includes(state.status) ? [] : [reason('matter_wrong_status', zh, en)];
}

// ─── refusals ────────────────────────────────────────────────────────────────────────────────

export function refuseAssign(state: MatterState, request: AssignMatterRequest): Reason[] {
  if (!isCoordinator(request.actor)) return [notRole('街道工作专班', 'a coordinator')];
  const status = inStatus(
    state,
    ['reported', 'assigned'],
    '事项已受理，不能再改派；请由承办单位退回后重新派单。',
    'The matter has been accepted; it can be re-assigned only after the unit returns it.',
  );
  if (status.length > 0) return status;
  const same =
    state.assignee !== null &&
    JSON.stringify(state.assignee) === JSON.stringify(request.assignee) &&
    state.category === request.category &&
    state.urgency === request.urgency;
  return same
    ? [
        reason(
          'matter_same_assignment',
          '事项已按此分类派给该单位。',
          'The matter is assigned like this already.',
        ),
      ]
    : [];
}

export function refuseAccept(state: MatterState, actor: Actor): Reason[] {
  const status = inStatus(
    state,
    ['assigned'],
    '事项不在待受理状态。',
    'The matter is not awaiting acceptance.',
  );
  if (status.length > 0) return status;
  return speaksForAssignee(state.assignee, actor)
    ? []
    : [reason('matter_not_yours', '该事项没有派给您的单位。', 'This matter is not assigned to your unit.')];
}

/** 退回 has the rules of acceptance: the assignee's staff, before accepting. */
export const refuseReturn = refuseAccept;

function refuseJoinBy(state: MatterState, actor: Actor): Reason[] {
  const status = inStatus(
    state,
    ['in_progress'],
    '只有处置中的事项可以联动。',
    'Only a matter in progress can be handled jointly.',
  );
  if (status.length > 0) return status;
  return speaksForAssignee(state.assignee, actor) || isCoordinator(actor)
    ? []
    : [notRole('承办单位或街道工作专班', 'the assigned unit or a coordinator')];
}

export function refuseJoin(state: MatterState, request: JoinMatterRequest): Reason[] {
  const by = refuseJoinBy(state, request.actor);
  if (by.length > 0) return by;
  const assigned = state.assignee?.kind === 'party' ? state.assignee.partyId : null;
  const fresh = request.parties.filter((p) => p.partyId !== assigned && !state.joint.includes(p.partyId));
  return fresh.length === 0
    ? [
        reason(
          'matter_already_joined',
          '所选单位已在办理此事项。',
          'The chosen units handle this matter already.',
        ),
      ]
    : [];
}

export function refuseProgress(state: MatterState, actor: Actor): Reason[] {
  const status = inStatus(
    state,
    ['in_progress'],
    '只有处置中的事项可以更新进展。',
    'Only a matter in progress takes progress.',
  );
  if (status.length > 0) return status;
  return speaksForAssignee(state.assignee, actor) || joined(state, actor)
    ? []
    : [
        reason(
          'matter_not_yours',
          '您的单位没有承办或联动此事项。',
          'Your unit neither handles nor joined this matter.',
        ),
      ];
}

export function refuseAnswer(state: MatterState, actor: Actor): Reason[] {
  const status = inStatus(
    state,
    ['in_progress'],
    '只有处置中的事项可以答复。',
    'Only a matter in progress can be answered.',
  );
  if (status.length > 0) return status;
  return speaksForAssignee(state.assignee, actor)
    ? []
    : [reason('matter_not_yours', '只有承办单位可以答复。', 'Only the assigned unit may answer.')];
}

export function refuseRate(state: MatterState, facts: MatterFacts, actor: Actor): Reason[] {
  if (facts.input.reporterId === null || actor.userId !== facts.input.reporterId)
    return [
      reason(
        'matter_not_reporter',
        '只有反映人本人可以评价。',
        'Only the person who reported it may rate it.',
      ),
    ];
  return inStatus(state, ['answered'], '事项尚未答复，暂不能评价。', 'The matter has not been answered yet.');
}

export function refuseConfirm(state: MatterState, facts: MatterFacts, actor: Actor): Reason[] {
  if (!isCoordinator(actor)) return [notRole('街道工作专班', 'a coordinator')];
  if (facts.input.reporterId !== null)
    return [
      reason(
        'matter_has_reporter',
        '该事项由居民本人评价，不能代为回访确认。',
        'The resident who reported it rates it; a follow-up cannot stand in.',
      ),
    ];
  return inStatus(state, ['answered'], '事项尚未答复，暂不能回访。', 'The matter has not been answered yet.');
}

export function refuseCancel(state: MatterState, actor: Actor): Reason[] {
  if (!isCoordinator(actor)) return [notRole('街道工作专班', 'a coordinator')];
  return inStatus(
    state,
    ['reported', 'assigned'],
    '事项已受理，不能撤销。',
    'The matter has been accepted; it cannot be cancelled.',
  );
}

// ─── what a step changes ─────────────────────────────────────────────────────────────────────

function assigneeTarget(assignee: Assignee): MatterNoticeTarget {
  return assignee.kind === 'firm'
    ? { to: 'firm', firmId: assignee.firmId }
    : { to: 'party', partyId: assignee.partyId };
}

function reporterTarget(facts: MatterFacts): MatterNoticeTarget | null {
  return facts.input.reporterId ? { to: 'user', userId: facts.input.reporterId } : null;
}

function label(facts: MatterFacts, state: MatterState): string {
  return `${facts.input.number}（${MATTER_CATEGORY_LABELS[state.category].zh}·${facts.input.location}）`;
}

function step(kind: StepDraft['kind'], at: number, actor: Actor, extra: Partial<StepDraft> = {}): StepDraft {
  return {
    kind,
    at,
    actor: auditActor(actor),
    unit: null,
    note: null,
    evidenceIds: [],
    public: true,
    detail: null,
    ...extra,
  };
}

const SYSTEM = { userId: null, role: 'system' } as const satisfies Actor;

/** The state a matter starts in, at `now`: collected, or straight to its firm or party. */
export function collectedState(
  input: MatterWorkflowInput,
  isWorking: WorkingDayTest,
  now: number,
): MatterState {
  const state: MatterState = {
    status: 'reported',
    category: input.category,
    urgency: input.urgency,
    assignee: null,
    joint: [],
    collectedAt: now,
    assignedAt: null,
    acceptBy: null,
    acceptedAt: null,
    resolveFrom: null,
    resolveBy: null,
    answeredAt: null,
    confirmBy: null,
    reminded: { accept: false, resolve: false },
    escalated: { accept: false, resolve: false },
    acceptedInTime: null,
    resolvedInTime: null,
    reopenCount: 0,
    returnCount: 0,
    rating: null,
    solved: null,
    closedAt: null,
    closeKind: null,
    seq: 0,
    appliedUpdates: [],
  };
  return input.assignee
    ? withAssignment(state, input.rules, isWorking, input.assignee, now, input.resolveBy)
    : state;
}

function withAssignment(
  state: MatterState,
  rules: MatterRules,
  isWorking: WorkingDayTest,
  assignee: Assignee,
  now: number,
  resolveBy: number | null = null,
): MatterState {
  const limits = rules.byUrgency[state.urgency];
  return {
    ...state,
    status: 'assigned',
    assignee,
    assignedAt: now,
    acceptBy: limitEnd(isWorking, now, limits.accept),
    resolveFrom: now,
    resolveBy: resolveBy ?? limitEnd(isWorking, now, limits.resolve),
    reminded: { accept: false, resolve: false },
    escalated: { accept: false, resolve: false },
  };
}

export function collectedStep(input: MatterWorkflowInput, state: MatterState, now: number): StepDraft {
  return {
    ...step('collected', now, { userId: input.createdBy.userId, role: input.createdBy.role }),
    note: input.description,
    evidenceIds: input.evidenceIds,
    detail: {
      source: input.source,
      location: input.location,
      ...(state.assignee ? { assignee: state.assignee } : {}),
      ...(input.steward ? { steward: input.steward.name } : {}),
    },
  };
}

export function collectedNotices(facts: MatterFacts, state: MatterState): MatterNotice[] {
  const steward = facts.input.steward;
  // The resident chose whom to tell: the steward hears it in person; the firm's queue shows it to all.
  if (steward && state.assignee)
    return [
      {
        ...assignedNotice(facts, state),
        target: { to: 'user', userId: steward.userId },
        title: `居民向您反映：${label(facts, state)}`,
      },
    ];
  if (state.assignee) return [assignedNotice(facts, state)];
  return [
    {
      target: { to: 'coordinators' },
      kind: 'info',
      title: `新事项待派单：${label(facts, state)}`,
      body: '请分类定责并派给承办单位。',
    },
  ];
}

function assignedNotice(facts: MatterFacts, state: MatterState): MatterNotice {
  return {
    target: assigneeTarget(state.assignee!),
    kind: 'info',
    title: `新派单：${label(facts, state)}`,
    body: `请在 ${formatLocalDateTime(state.acceptBy!)} 前受理，${formatLocalDateTime(state.resolveBy!)} 前办结答复。`,
  };
}

export function assign(
  state: MatterState,
  facts: MatterFacts,
  isWorking: WorkingDayTest,
  request: AssignMatterRequest,
  now: number,
): Transition {
  const next = withAssignment(
    { ...state, category: request.category, urgency: request.urgency },
    facts.input.rules,
    isWorking,
    request.assignee,
    now,
  );
  return {
    state: next,
    step: {
      ...step('assigned', now, request.actor),
      unit: request.assigneeName,
      note: request.note ?? null,
      detail: { assignee: request.assignee, category: request.category, urgency: request.urgency },
    },
    notices: [assignedNotice(facts, next)],
  };
}

export function accept(state: MatterState, request: AcceptMatterRequest, now: number): Transition {
  const first = state.acceptedInTime === null;
  return {
    state: {
      ...state,
      status: 'in_progress',
      acceptedAt: now,
      acceptedInTime: first ? now <= (state.acceptBy ?? now) : state.acceptedInTime,
    },
    step: { ...step('accepted', now, request.actor), unit: request.unitName },
    notices: [],
  };
}

export function returnToQueue(
  state: MatterState,
  facts: MatterFacts,
  request: ReturnMatterRequest,
  now: number,
): Transition {
  return {
    state: {
      ...state,
      status: 'reported',
      assignee: null,
      acceptBy: null,
      resolveBy: null,
      resolveFrom: null,
      returnCount: state.returnCount + 1,
    },
    step: {
      ...step('returned', now, request.actor),
      unit: request.unitName,
      note: request.reason,
      public: false,
    },
    notices: [
      {
        target: { to: 'coordinators' },
        kind: 'info',
        title: `事项被退回，请重新派单：${label(facts, state)}`,
        body: `${request.unitName}：${request.reason}`,
      },
    ],
  };
}

export function join(
  state: MatterState,
  facts: MatterFacts,
  request: JoinMatterRequest,
  now: number,
): Transition {
  const assigned = state.assignee?.kind === 'party' ? state.assignee.partyId : null;
  const fresh = request.parties.filter((p) => p.partyId !== assigned && !state.joint.includes(p.partyId));
  return {
    state: { ...state, joint: [...state.joint, ...fresh.map((p) => p.partyId)] },
    step: {
      ...step('joined', now, request.actor),
      unit: request.unitName,
      note: request.note ?? null,
      detail: { parties: fresh },
    },
    notices: fresh.map((p) => ({
      target: { to: 'party', partyId: p.partyId } as const,
      kind: 'info' as const,
      title: `请联动处置：${label(facts, state)}`,
      body: `${request.unitName}邀请贵单位共同处置。${request.note ?? ''}`.trim(),
    })),
  };
}

export function progress(state: MatterState, request: MatterProgressRequest, now: number): Transition {
  return {
    state,
    step: {
      ...step('progress', now, request.actor),
      unit: request.unitName,
      note: request.note,
      evidenceIds: request.evidenceIds,
    },
    notices: [],
  };
}

export function answer(
  state: MatterState,
  facts: MatterFacts,
  isWorking: WorkingDayTest,
  request: MatterProgressRequest,
  now: number,
): Transition {
  const first = state.resolvedInTime === null;
  const next: MatterState = {
    ...state,
    status: 'answered',
    answeredAt: now,
    resolvedInTime: first ? now <= (state.resolveBy ?? now) : state.resolvedInTime,
    confirmBy: limitEnd(isWorking, now, facts.input.rules.confirmWithin),
  };
  const reporter = reporterTarget(facts);
  return {
    state: next,
    step: {
      ...step('answered', now, request.actor),
      unit: request.unitName,
      note: request.note,
      evidenceIds: request.evidenceIds,
    },
    notices: [
      reporter
        ? {
            target: reporter,
            kind: 'info',
            title: `您反映的问题已办理：${label(facts, state)}`,
            body: `请在 ${formatLocalDateTime(next.confirmBy!)} 前确认是否解决并评价；逾期未评价将自动办结。`,
          }
        : {
            target: { to: 'coordinators' },
            kind: 'info',
            title: `事项已答复，请回访确认：${label(facts, state)}`,
            body: request.note,
          },
    ],
  };
}

function reopened(
  state: MatterState,
  facts: MatterFacts,
  isWorking: WorkingDayTest,
  now: number,
): MatterState {
  return {
    ...state,
    status: 'in_progress',
    answeredAt: null,
    confirmBy: null,
    resolveFrom: now,
    resolveBy: limitEnd(isWorking, now, facts.input.rules.byUrgency[state.urgency].resolve),
    reminded: { ...state.reminded, resolve: false },
    escalated: { ...state.escalated, resolve: false },
    reopenCount: state.reopenCount + 1,
  };
}

function closedState(
  state: MatterState,
  kind: NonNullable<MatterState['closeKind']>,
  now: number,
): MatterState {
  return { ...state, status: 'closed', closedAt: now, closeKind: kind, confirmBy: null };
}

/** A rating below the rule's threshold, or "not solved", reopens it to the same unit. */
export function rate(
  state: MatterState,
  facts: MatterFacts,
  isWorking: WorkingDayTest,
  request: RateMatterRequest,
  now: number,
): Transition {
  const reopen = !request.solved || request.rating < facts.input.rules.reopenBelow;
  const rated = { ...state, rating: request.rating, solved: request.solved };
  const next = reopen ? reopened(rated, facts, isWorking, now) : closedState(rated, 'rated', now);
  const words = `${request.rating} 星${request.solved ? '' : '，反映未解决'}${request.comment ? `：${request.comment}` : ''}`;
  return {
    state: next,
    step: {
      ...step(reopen ? 'reopened' : 'rated', now, request.actor),
      note: request.comment ?? null,
      detail: { rating: request.rating, solved: request.solved },
    },
    notices: [
      {
        target: assigneeTarget(state.assignee!),
        kind: reopen ? 'overdue' : 'info',
        title: reopen
          ? `居民不满意，事项重新办理：${label(facts, state)}`
          : `事项已销号：${label(facts, state)}`,
        body: reopen
          ? `居民评价 ${words}。请在 ${formatLocalDateTime(next.resolveBy!)} 前重新办结答复。`
          : `居民评价 ${words}。`,
      },
    ],
  };
}

export function confirm(
  state: MatterState,
  facts: MatterFacts,
  isWorking: WorkingDayTest,
  request: ConfirmMatterRequest,
  now: number,
): Transition {
  const reopen =
    !request.solved || (request.rating !== null && request.rating < facts.input.rules.reopenBelow);
  const checked = { ...state, rating: request.rating, solved: request.solved };
  const next = reopen ? reopened(checked, facts, isWorking, now) : closedState(checked, 'confirmed', now);
  return {
    state: next,
    step: {
      ...step(reopen ? 'reopened' : 'confirmed', now, request.actor),
      note: request.note,
      detail: { rating: request.rating, solved: request.solved },
    },
    notices: [
      {
        target: assigneeTarget(state.assignee!),
        kind: reopen ? 'overdue' : 'info',
        title: reopen
          ? `回访未解决，事项重新办理：${label(facts, state)}`
          : `事项已销号：${label(facts, state)}`,
        body: request.note,
      },
    ],
  };
}

export function cancel(
  state: MatterState,
  facts: MatterFacts,
  request: CancelMatterRequest,
  now: number,
): Transition {
  const reporter = reporterTarget(facts);
  return {
    state: closedState(state, 'cancelled', now),
    step: {
      ...step('cancelled', now, request.actor),
      note: request.reason,
      detail: request.duplicateOf ? { duplicateOf: request.duplicateOf } : null,
    },
    notices: [
      ...(state.assignee
        ? [
            {
              target: assigneeTarget(state.assignee),
              kind: 'info' as const,
              title: `事项已撤销：${label(facts, state)}`,
              body: request.reason,
            },
          ]
        : []),
      ...(reporter
        ? [
            {
              target: reporter,
              kind: 'info' as const,
              title: `您反映的问题已撤销：${label(facts, state)}`,
              body: request.reason,
            },
          ]
        : []),
    ],
  };
}

// ─── timers ──────────────────────────────────────────────────────────────────────────────────

/** The next instant a timer is due (a reminder, an escalation, the automatic close), or null. */
export function nextMatterWake(state: MatterState, rules: MatterRules): number | null {
  const due: number[] = [];
  if (state.status === 'assigned' && state.assignedAt !== null && state.acceptBy !== null) {
    if (!state.reminded.accept) due.push(reminderAt(rules, state.assignedAt, state.acceptBy));
    if (!state.escalated.accept) due.push(state.acceptBy);
  }
  if (
    (state.status === 'assigned' || state.status === 'in_progress') &&
    state.resolveFrom !== null &&
    state.resolveBy !== null
  ) {
    if (state.status === 'in_progress' && !state.reminded.resolve)
      due.push(reminderAt(rules, state.resolveFrom, state.resolveBy));
    if (!state.escalated.resolve) due.push(state.resolveBy);
  }
  if (state.status === 'answered' && state.confirmBy !== null) due.push(state.confirmBy);
  return due.length === 0 ? null : Math.min(...due);
}

/** The first timer step due at `now`, if any; the workflow applies them one by one. */
export function dueTimerStep(state: MatterState, facts: MatterFacts, now: number): Transition | null {
  const rules = facts.input.rules;
  const where = label(facts, state);
  if (state.status === 'answered' && state.confirmBy !== null && now >= state.confirmBy) {
    return {
      state: closedState(state, 'auto', now),
      step: { ...step('auto_closed', now, SYSTEM), note: '反映人未在规定时间内评价，系统自动办结。' },
      notices: state.assignee
        ? [
            {
              target: assigneeTarget(state.assignee),
              kind: 'info',
              title: `事项已自动办结：${where}`,
              body: '反映人逾期未评价。',
            },
          ]
        : [],
    };
  }
  if (state.status === 'assigned' && state.acceptBy !== null && state.assignedAt !== null && state.assignee) {
    if (!state.escalated.accept && now >= state.acceptBy) {
      return escalation(
        state,
        'accept',
        now,
        `超时未受理：${where}`,
        `受理时限 ${formatLocalDateTime(state.acceptBy)} 已过。`,
      );
    }
    if (!state.reminded.accept && now >= reminderAt(rules, state.assignedAt, state.acceptBy)) {
      return reminder(
        state,
        'accept',
        now,
        `请尽快受理：${where}`,
        `受理时限 ${formatLocalDateTime(state.acceptBy)}。`,
      );
    }
  }
  if (
    (state.status === 'assigned' || state.status === 'in_progress') &&
    state.resolveBy !== null &&
    state.resolveFrom !== null &&
    state.assignee
  ) {
    if (!state.escalated.resolve && now >= state.resolveBy) {
      return escalation(
        state,
        'resolve',
        now,
        `超时未办结：${where}`,
        `办结时限 ${formatLocalDateTime(state.resolveBy)} 已过。`,
      );
    }
    if (
      state.status === 'in_progress' &&
      !state.reminded.resolve &&
      now >= reminderAt(rules, state.resolveFrom, state.resolveBy)
    ) {
      return reminder(
        state,
        'resolve',
        now,
        `办结时限将到：${where}`,
        `请在 ${formatLocalDateTime(state.resolveBy)} 前答复。`,
      );
    }
  }
  return null;
}

function reminder(
  state: MatterState,
  limit: 'accept' | 'resolve',
  now: number,
  title: string,
  body: string,
): Transition {
  return {
    state: { ...state, reminded: { ...state.reminded, [limit]: true } },
    step: { ...step('reminded', now, SYSTEM), note: body, public: false, detail: { limit } },
    notices: [{ target: assigneeTarget(state.assignee!), kind: 'reminder', title, body }],
  };
}

/** 超时督办: the working group hears of it, and the unit is told it is overdue. */
function escalation(
  state: MatterState,
  limit: 'accept' | 'resolve',
  now: number,
  title: string,
  body: string,
): Transition {
  return {
    state: { ...state, escalated: { ...state.escalated, [limit]: true } },
    step: { ...step('escalated', now, SYSTEM), note: body, public: false, detail: { limit } },
    notices: [
      { target: { to: 'coordinators' }, kind: 'escalation', title, body },
      { target: assigneeTarget(state.assignee!), kind: 'overdue', title, body },
    ],
  };
}

// ─── the read model ──────────────────────────────────────────────────────────────────────────

/** Overdue now: past the acceptance limit unaccepted, or past the resolution limit unanswered. */
export function isOverdue(state: MatterState, now: number): boolean {
  if (state.status === 'assigned' && state.acceptBy !== null && now > state.acceptBy) return true;
  return (
    (state.status === 'assigned' || state.status === 'in_progress') &&
    state.resolveBy !== null &&
    now > state.resolveBy
  );
}

export function rowOf(state: MatterState, now: number, ratingComment?: string | null): MatterRowPatch {
  const escalated = state.escalated.accept || state.escalated.resolve;
  return {
    status: state.status,
    category: state.category,
    urgency: state.urgency,
    assigneeKind: state.assignee?.kind ?? null,
    assigneeFirmId: state.assignee?.kind === 'firm' ? state.assignee.firmId : null,
    assigneePartyId: state.assignee?.kind === 'party' ? state.assignee.partyId : null,
    jointPartyIds: state.joint,
    assignedAt: state.assignedAt,
    acceptBy: state.acceptBy,
    acceptedAt: state.acceptedAt,
    acceptedInTime: state.acceptedInTime,
    resolveBy: state.resolveBy,
    answeredAt: state.answeredAt,
    resolvedInTime: state.resolvedInTime,
    confirmBy: state.confirmBy,
    closedAt: state.closedAt,
    closeKind: state.closeKind,
    rating: state.rating,
    ...(ratingComment !== undefined ? { ratingComment } : {}),
    solved: state.solved,
    reopenCount: state.reopenCount,
    returnCount: state.returnCount,
    overdue: isOverdue(state, now),
    ...(escalated ? {} : { escalatedAt: null }),
  };
}

/** The actions the UI offers `actor` now (the workflow checks again when one is sent). */
export const MATTER_ACTIONS = [
  'assign',
  'accept',
  'return',
  'join',
  'progress',
  'answer',
  'rate',
  'confirm',
  'cancel',
] as const;
export type MatterAction = (typeof MATTER_ACTIONS)[number];

export function allowedMatterActions(state: MatterState, facts: MatterFacts, actor: Actor): MatterAction[] {
  const assignable =
    isCoordinator(actor) && (state.status === 'reported' || state.status === 'assigned') ? [] : [closed];
  const checks: Record<MatterAction, Reason[]> = {
    assign: assignable,
    accept: refuseAccept(state, actor),
    return: refuseReturn(state, actor),
    join: refuseJoinBy(state, actor),
    progress: refuseProgress(state, actor),
    answer: refuseAnswer(state, actor),
    rate: refuseRate(state, facts, actor),
    confirm: refuseConfirm(state, facts, actor),
    cancel: refuseCancel(state, actor),
  };
  return MATTER_ACTIONS.filter((action) => checks[action].length === 0);
}
