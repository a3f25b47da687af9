import { reason, type Reason } from '../shared/reason.js';
import { STAGE_EVENT_LABELS, type StageEvent, type StageEventType } from './events.js';
import {
  PAUSABLE_PHASES,
  STAGE_TRANSITIONS,
  WITHDRAWABLE_PHASES,
  type TransitionRule,
} from './transitions.js';
import { PHASE_LABELS, PHASE_STAGE, type StageState } from './types.js';

export type TransitionResult = { ok: true; state: StageState } | { ok: false; reasons: Reason[] };

export function initialStageState(): StageState {
  return { stage: 'improvement', phase: 'self_inspection', round: 1, paused: false };
}

function notAllowed(state: StageState, type: StageEventType): Reason {
  const phase = PHASE_LABELS[state.phase];
  const event = STAGE_EVENT_LABELS[type];
  return reason(
    'event_not_allowed',
    `当前处于“${phase.zh}”，不能执行“${event.zh}”。`,
    `“${event.en}” is not possible during “${phase.en}”.`,
  );
}

function enter(state: StageState, rule: TransitionRule): StageState {
  return {
    stage: PHASE_STAGE[rule.to],
    phase: rule.to,
    round: rule.startsRound ? state.round + 1 : state.round,
    paused: false,
  };
}

function hasText(text: string): boolean {
  return text.trim().length > 0;
}

/**
 * Applies one event to a pilot's stage state. Pure: the same state and event always give the same
 * answer, which workflow replay depends on. Refusals carry the reasons instead of throwing.
 */
export function transition(state: StageState, event: StageEvent): TransitionResult {
  if (PHASE_STAGE[state.phase] !== state.stage) {
    return {
      ok: false,
      reasons: [
        reason(
          'state_inconsistent',
          '阶段与环节不一致，状态数据有误。',
          `Phase ${state.phase} does not belong to stage ${state.stage}.`,
        ),
      ],
    };
  }
  if (state.phase === 'withdrawn') {
    return {
      ok: false,
      reasons: [
        reason(
          'withdrawn',
          '试点已退出，不能再变更。',
          'The pilot has been withdrawn; nothing can change any more.',
        ),
      ],
    };
  }

  switch (event.type) {
    case 'WITHDRAWN':
      if (!WITHDRAWABLE_PHASES.includes(state.phase))
        return { ok: false, reasons: [notAllowed(state, event.type)] };
      if (!hasText(event.reason)) {
        return {
          ok: false,
          reasons: [reason('reason_required', '退出试点必须说明原因。', 'Withdrawing needs a reason.')],
        };
      }
      return {
        ok: true,
        state: { stage: 'withdrawn', phase: 'withdrawn', round: state.round, paused: false },
      };
    case 'RESUMED':
      if (!state.paused)
        return {
          ok: false,
          reasons: [reason('not_paused', '试点未暂停，无需恢复。', 'The pilot is not paused.')],
        };
      return { ok: true, state: { ...state, paused: false } };
    default:
      break;
  }

  if (state.paused) {
    return {
      ok: false,
      reasons: [
        reason('paused', '试点已暂停，请先恢复。', 'The pilot is paused; resume it first.'),
        notAllowed(state, event.type),
      ],
    };
  }

  if (event.type === 'PAUSED') {
    if (!PAUSABLE_PHASES.includes(state.phase))
      return { ok: false, reasons: [notAllowed(state, event.type)] };
    if (!hasText(event.reason)) {
      return {
        ok: false,
        reasons: [reason('reason_required', '暂停试点必须说明原因。', 'Pausing needs a reason.')],
      };
    }
    return { ok: true, state: { ...state, paused: true } };
  }

  const candidates = STAGE_TRANSITIONS.filter(
    (rule) => rule.from === state.phase && rule.event === event.type,
  );
  if (candidates.length === 0) return { ok: false, reasons: [notAllowed(state, event.type)] };

  if (event.type === 'ASSESSMENT_RECORDED') {
    const expected = PHASE_STAGE[state.phase];
    if (event.verdict.stage !== expected) {
      return {
        ok: false,
        reasons: [
          reason(
            'assessment_stage_mismatch',
            '评估结论不属于当前阶段。',
            `The assessment is for the ${event.verdict.stage} stage, but the pilot is in ${expected}.`,
          ),
        ],
      };
    }
    const guard = event.verdict.ok ? 'assessment_passed' : 'assessment_failed';
    const rule = candidates.find((candidate) => candidate.guard === guard);
    return rule
      ? { ok: true, state: enter(state, rule) }
      : { ok: false, reasons: [notAllowed(state, event.type)] };
  }

  if (event.type === 'DEMONSTRATION_PROMOTED' && !event.eligibility.ok) {
    return {
      ok: false,
      reasons: [
        reason(
          'not_eligible',
          '不符合示范小区评定条件。',
          'The compound does not qualify as a demonstration compound.',
        ),
        ...event.eligibility.reasons,
      ],
    };
  }

  const rule = candidates[0];
  return rule
    ? { ok: true, state: enter(state, rule) }
    : { ok: false, reasons: [notAllowed(state, event.type)] };
}

/** Event types that have a rule from the current state, before guards (for offering UI actions). */
export function availableEvents(state: StageState): StageEventType[] {
  if (state.phase === 'withdrawn') return [];
  const events = new Set<StageEventType>(['WITHDRAWN']);
  if (state.paused) {
    events.add('RESUMED');
  } else {
    if (PAUSABLE_PHASES.includes(state.phase)) events.add('PAUSED');
    for (const rule of STAGE_TRANSITIONS) if (rule.from === state.phase) events.add(rule.event);
  }
  return [...events];
}
