// The pilot's rules as pure functions, without a server: who may do what, when, with which checklist.
import { db } from './activities.js';
import {
  CALENDAR_RELEASE_1,
  CATALOGUE_2026_1,
  DEFAULT_CATALOGUE,
  DEFAULT_PLAN,
  calendarReleaseRef,
  defaultCalendarRelease,
  planOnRelease,
  resolveLegacyPlan,
  initialStageState,
  planKeyParts,
  taskChecklist,
  type Actor,
  type CompoundFeature,
  type PilotState,
  type RectificationState,
  type RoundOutcome,
  type SubmittedItem,
} from '@pilot/domain';
import { describe, expect, it } from 'vitest';
import {
  demonstrationVerdict,
  refuseAdoptCalendar,
  refuseControl,
  refusePromote,
  refuseRespond,
  refuseSubmitInspection,
  refuseVerify,
} from './refusals.js';
import { buildRound } from './rounds.js';
import type { RunContext } from './run-context.js';
import { allowedActions } from './snapshot.js';

const who = { enrollmentId: 'enr-1', firmId: 'firm-xiangshun' };
const START = Date.UTC(2026, 2, 1, 16); // 2026-03-02 00:00 Asia/Shanghai
const DAY = 24 * 3600 * 1000;
const assignments = [
  { inspectorId: 'usr-insp-zhang', kinds: ['concentrated' as const, 'weekly' as const] },
  { inspectorId: 'usr-insp-li', kinds: ['monthly' as const, 'quarterly' as const, 'consolidation' as const] },
];
const zhang: Actor = { userId: 'usr-insp-zhang', role: 'inspector' };
const li: Actor = { userId: 'usr-insp-li', role: 'inspector' };
const firm: Actor = { userId: 'usr-firm', role: 'firm', firmId: 'firm-xiangshun' };
const coordinator: Actor = { userId: 'usr-coord', role: 'coordinator' };
const admin: Actor = { userId: 'usr-admin', role: 'admin' };
/** A compound without lifts or a fire-control room. */
const lowRise: readonly CompoundFeature[] = ['ev_charging_area', 'septic_tank'];

function state(overrides: Partial<PilotState> = {}): PilotState {
  return {
    stage: initialStageState(),
    plan: DEFAULT_PLAN,
    startMs: START,
    round: buildRound('enr-1', DEFAULT_PLAN, START, 1, 'improvement', [], assignments),
    rounds: [],
    rectifications: [],
    closedRectifications: 0,
    assignments,
    pausedAt: null,
    pausedMsTotal: 0,
    promotedAt: null,
    experienceSummarizedAt: null,
    rollouts: [],
    withdrawnAt: null,
    appliedUpdates: [],
    ...overrides,
  };
}

function openTask(s: PilotState, kind: string) {
  const task = s.round!.tasks.find((t) => t.kind === kind)!;
  task.status = 'open';
  return task;
}

function allPass(
  s: PilotState,
  task: ReturnType<typeof openTask>,
  features: readonly CompoundFeature[] | null,
): SubmittedItem[] {
  const checklist = taskChecklist(DEFAULT_CATALOGUE, task, s.round!, features);
  return checklist.entries.map(({ keyPart, standard }) => ({
    code: standard.code,
    ...(keyPart ? { keyPart } : {}),
    outcome: 'pass',
    ...(standard.scoring.mode === 'graded' ? { score: standard.scoring.max } : {}),
  }));
}

function rectification(overrides: Partial<RectificationState> = {}): RectificationState {
  return {
    id: 'enr-1:r1-concentrated-01:C-05',
    taskId: 'enr-1:r1-concentrated-01',
    round: 1,
    standardCode: 'C-05',
    severity: 'critical',
    critical: true,
    deadline: START + 12 * DAY,
    status: 'open',
    busy: false,
    escalatedFor: null,
    responses: 0,
    rejections: 0,
    ...overrides,
  };
}

describe('submitting an inspection', () => {
  it('asks a compound without lifts no lift items, and takes them back only as 不适用', () => {
    const s = state();
    const task = openTask(s, 'concentrated');
    const now = task.opensAt + 1;
    const items = allPass(s, task, lowRise);
    expect(items.some((i) => i.code === 'C-05')).toBe(false);
    expect(
      refuseSubmitInspection(
        s,
        who,
        DEFAULT_CATALOGUE,
        lowRise,
        { actor: zhang, taskId: task.id, items },
        now,
      ),
    ).toEqual([]);
    const asNa: SubmittedItem[] = [...items, { code: 'C-05', outcome: 'na' }];
    expect(
      refuseSubmitInspection(
        s,
        who,
        DEFAULT_CATALOGUE,
        lowRise,
        { actor: zhang, taskId: task.id, items: asNa },
        now,
      ),
    ).toEqual([]);
    const asPass: SubmittedItem[] = [...items, { code: 'C-05', outcome: 'pass' }];
    expect(
      refuseSubmitInspection(
        s,
        who,
        DEFAULT_CATALOGUE,
        lowRise,
        { actor: zhang, taskId: task.id, items: asPass },
        now,
      ).map((r) => r.code),
    ).toEqual(['standard_not_applicable']);
    // A run that does not know the compound's features asks everything, as before.
    expect(
      refuseSubmitInspection(
        s,
        who,
        DEFAULT_CATALOGUE,
        null,
        { actor: zhang, taskId: task.id, items },
        now,
      ).map((r) => r.code),
    ).toEqual(['checklist_incomplete']);
  });

  it('asks a key-part check each standard at each place, by place', () => {
    const keyParts = planKeyParts(DEFAULT_CATALOGUE, ['lifts', 'secondary_water_supply'], ['C']);
    const round = buildRound('enr-1', DEFAULT_PLAN, START, 2, 'consolidation', ['C'], assignments, {
      keyParts,
    });
    const s = state({ round });
    const task = openTask(s, 'consolidation');
    expect(task.scope?.keyParts).toEqual(keyParts.map((p) => p.code));
    const items = allPass(s, task, ['lifts', 'secondary_water_supply']);
    const now = task.opensAt + 1;
    expect(
      refuseSubmitInspection(s, who, DEFAULT_CATALOGUE, null, { actor: li, taskId: task.id, items }, now),
    ).toEqual([]);
    // C-04 is asked in the pump room and in the lift machine room: one answer is not enough.
    const once = items.filter((i) => !(i.code === 'C-04' && i.keyPart === 'pump_room'));
    const refused = refuseSubmitInspection(
      s,
      who,
      DEFAULT_CATALOGUE,
      null,
      { actor: li, taskId: task.id, items: once },
      now,
    );
    expect(refused.map((r) => r.code)).toEqual(['checklist_incomplete']);
    expect(refused[0]!.zh).toContain('pump_room/C-04');
    // Without its place an answer belongs to no part of this check.
    const placeless = items.map((i) => (i.code === 'C-04' ? { ...i, keyPart: undefined } : i));
    expect(
      refuseSubmitInspection(
        s,
        who,
        DEFAULT_CATALOGUE,
        null,
        { actor: li, taskId: task.id, items: placeless },
        now,
      ).map((r) => r.code),
    ).toEqual(['checklist_incomplete', 'not_on_checklist']);
  });

  it('refuses the special checks before they open, and other people’s tasks', () => {
    const s = state();
    const monthly = s.round!.tasks.find((t) => t.kind === 'monthly')!;
    const concentrated = s.round!.tasks.find((t) => t.kind === 'concentrated')!;
    expect(monthly.opensAt).toBeGreaterThan(concentrated.dueAt);
    const codes = (actor: Actor, taskId: string, now: number) =>
      refuseSubmitInspection(s, who, DEFAULT_CATALOGUE, null, { actor, taskId, items: [] }, now).map(
        (r) => r.code,
      );
    expect(codes(li, monthly.id, START + DAY)).toEqual(['task_not_open']);
    expect(codes(zhang, monthly.id, START + DAY)).toEqual(['not_assigned']);
    expect(codes(firm, concentrated.id, START + DAY)).toEqual(['role_not_allowed']);
  });
});

describe('the rectification loop', () => {
  it('lets the firm control a critical item of a standard with an interim control, once, with evidence', () => {
    const s = state({
      rectifications: [
        rectification(),
        rectification({ id: 'minor', standardCode: 'A-01', critical: false, severity: 'minor' }),
      ],
    });
    const control = (id: string, actor: Actor = firm, evidenceIds = ['ev-1']) =>
      refuseControl(s, who, CATALOGUE_2026_1, {
        actor,
        rectificationId: id,
        text: '停梯并签字',
        evidenceIds,
      }).map((r) => r.code);
    expect(control('enr-1:r1-concentrated-01:C-05')).toEqual([]);
    expect(control('minor')).toEqual(['control_not_applicable']);
    expect(control('enr-1:r1-concentrated-01:C-05', zhang)).toEqual(['role_not_allowed']);
    expect(control('enr-1:r1-concentrated-01:C-05', firm, [])).toEqual(['evidence_required']);
    // 2024.1 names no interim controls: nothing there can be controlled.
    expect(
      refuseControl(s, who, DEFAULT_CATALOGUE, {
        actor: firm,
        rectificationId: 'enr-1:r1-concentrated-01:C-05',
        text: 'x',
        evidenceIds: ['e'],
      }).map((r) => r.code),
    ).toEqual(['control_not_applicable']);
    s.rectifications[0]!.status = 'controlled';
    expect(control('enr-1:r1-concentrated-01:C-05')).toEqual(['already_controlled']);
    // A controlled item is still answered as fixed by the firm, then verified.
    expect(
      refuseRespond(s, who, {
        actor: firm,
        rectificationId: 'enr-1:r1-concentrated-01:C-05',
        text: '已检验',
        evidenceIds: ['r'],
      }),
    ).toEqual([]);
    expect(
      refuseVerify(s, {
        actor: li,
        rectificationId: 'enr-1:r1-concentrated-01:C-05',
        decision: 'accept',
      }).map((r) => r.code),
    ).toEqual(['rectification_not_responded']);
  });
});

describe('promotion and the actions a screen offers', () => {
  const evaluated = (overrides: Partial<RoundOutcome>): RoundOutcome => ({
    id: 'enr-1:r2',
    number: 2,
    stage: 'consolidation',
    score: 90,
    stars: 5,
    complianceRate: 0.95,
    categoryScores: [],
    keyAreas: [],
    passed: true,
    reasons: [],
    completed: 10,
    missed: 0,
    evaluatedAt: START,
    archiveId: null,
    ...overrides,
  });
  const eligible = (round: RoundOutcome) =>
    state({
      stage: { stage: 'rollout', phase: 'eligible', round: 2, paused: false },
      round: null,
      rounds: [round],
    });

  it('judges promotion by 规范操作执行率 where a round has it, by the pass rate for older rounds', () => {
    expect(demonstrationVerdict(eligible(evaluated({})), START).ok).toBe(true);
    const lowOperation = demonstrationVerdict(eligible(evaluated({ operationRate: 0.7 })), START);
    expect(lowOperation.ok).toBe(false);
    expect(lowOperation.reasons.map((r) => r.code)).toEqual(['compliance_below_minimum']);
    expect(
      demonstrationVerdict(eligible(evaluated({ operationRate: 0.9, complianceRate: 0.5 })), START).ok,
    ).toBe(true);
  });

  it('offers each role what the rules allow, with the reasons for the rest', () => {
    const ctx = (s: PilotState): RunContext => ({
      input: {
        enrollmentId: 'enr-1',
        compoundId: 'cmp',
        firmId: who.firmId,
        startDate: '2026-03-02',
        inspectorAssignments: assignments,
        catalogueVersionId: '2026.1',
        enrolledBy: coordinator,
      },
      who,
      state: s,
      catalogue: null,
      features: null,
      recorded: true,
      dirty: false,
      wakeOffset: null,
      timerDb: db,
    });
    const byAction = (s: PilotState, actor: Actor) =>
      Object.fromEntries(allowedActions(ctx(s), actor, START).map((a) => [a.action, a]));
    const running = byAction(state(), coordinator);
    expect(running.pause!.allowed).toBe(true);
    expect(running.resume!.reasons.map((r) => r.code)).toEqual(['not_paused']);
    expect(running.promote!.allowed).toBe(false);
    expect(running.rollout!.reasons.map((r) => r.code)).toEqual(['stage_not_rollout']);
    const ready = byAction(eligible(evaluated({})), admin);
    expect(ready.promote!.allowed).toBe(true);
    expect(ready.promote!.met.map((r) => r.code)).toContain('score_meets_minimum');
    const notYet = byAction(eligible(evaluated({ score: 70, stars: 3 })), admin);
    expect(notYet.promote!.allowed).toBe(false);
    expect(notYet.promote!.reasons.map((r) => r.code)).toContain('score_below_minimum');
    expect(byAction(state(), firm).pause!.reasons.map((r) => r.code)).toEqual(['role_not_allowed']);
    expect(refusePromote(eligible(evaluated({})), { actor: coordinator }, START).map((r) => r.code)).toEqual([
      'role_not_allowed',
    ]);
  });
});

describe('applying a calendar release', () => {
  const ref1 = calendarReleaseRef(CALENDAR_RELEASE_1);
  const onRelease1 = planOnRelease(defaultCalendarRelease());
  const codes = (pilot: PilotState, actor: Actor, ref = ref1) =>
    refuseAdoptCalendar(pilot, { actor, release: ref }).map((r) => r.code);

  it('is an admin’s, on a pilot not withdrawn', () => {
    const legacy = state({ plan: resolveLegacyPlan() });
    expect(codes(legacy, coordinator)).toEqual(['role_not_allowed']);
    expect(codes(legacy, admin)).toEqual([]);
    expect(codes({ ...legacy, withdrawnAt: START + DAY }, admin)).toEqual(['pilot_withdrawn']);
  });

  it('says why nothing would change, or that the release cannot be read', () => {
    const following = state({ plan: onRelease1.plan, calendar: onRelease1.calendar });
    expect(codes(following, admin)).toEqual(['calendar_already_followed']);
    expect(codes(following, admin, { ...ref1, version: 2 })).toEqual(['calendar_release_unknown']);
    expect(codes(following, admin, calendarReleaseRef({ ...CALENDAR_RELEASE_1, version: 2 }))).toEqual([
      'calendar_unchanged',
    ]);
  });
});
