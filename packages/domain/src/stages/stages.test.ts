import { describe, expect, it } from 'vitest';
import type { StageVerdict } from '../scoring/stage-assessment.js';
import type { StageEvent } from './events.js';
import { STAGE_EVENT_LABELS, STAGE_EVENT_TYPES } from './events.js';
import { availableEvents, initialStageState, transition } from './machine.js';
import {
  PHASE_LABELS,
  PHASE_STAGE,
  PHASES,
  STAGE_LABELS,
  STAGES,
  type Phase,
  type StageState,
} from './types.js';

const verdict = (stage: StageVerdict['stage'], ok: boolean): StageVerdict => ({
  stage,
  ok,
  stars: ok ? 4 : 2,
  reasons: ok ? [] : [{ code: 'score_below_minimum', zh: '得分不足', en: 'Score too low' }],
  met: [],
});

/** Every event in each of its interesting variants, named for the table below. */
const EVENT_VARIANTS: Record<string, StageEvent> = {
  self: { type: 'SELF_INSPECTION_SUBMITTED' },
  concentrated: { type: 'CONCENTRATED_INSPECTION_COMPLETED' },
  roundDone: { type: 'ROUND_COMPLETED' },
  improvementPassed: { type: 'ASSESSMENT_RECORDED', verdict: verdict('improvement', true) },
  improvementFailed: { type: 'ASSESSMENT_RECORDED', verdict: verdict('improvement', false) },
  consolidationPassed: { type: 'ASSESSMENT_RECORDED', verdict: verdict('consolidation', true) },
  consolidationFailed: { type: 'ASSESSMENT_RECORDED', verdict: verdict('consolidation', false) },
  archived: { type: 'ARCHIVE_COMPLETED' },
  summarized: { type: 'EXPERIENCE_SUMMARIZED' },
  promoteEligible: { type: 'DEMONSTRATION_PROMOTED', eligibility: { ok: true, reasons: [], met: [] } },
  promoteIneligible: {
    type: 'DEMONSTRATION_PROMOTED',
    eligibility: {
      ok: false,
      reasons: [{ code: 'stars_below_minimum', zh: '星级不足', en: 'Too few stars' }],
      met: [],
    },
  },
  pause: { type: 'PAUSED', reason: '业主大会换届' },
  pauseNoReason: { type: 'PAUSED', reason: '  ' },
  resume: { type: 'RESUMED' },
  withdraw: { type: 'WITHDRAWN', reason: '物业合同到期' },
  withdrawNoReason: { type: 'WITHDRAWN', reason: '' },
};

/**
 * The rules, written out independently of the implementation's table: `phase|paused|variant` →
 * resulting `phase|paused|roundDelta`. Everything not listed must be refused.
 */
const ALLOWED: Record<string, string> = {
  'self_inspection|run|self': 'concentrated_inspection|run|0',
  'concentrated_inspection|run|concentrated': 'improvement_round|run|0',
  'improvement_round|run|roundDone': 'evaluation|run|0',
  'evaluation|run|improvementPassed': 'archiving|run|0',
  'evaluation|run|improvementFailed': 'improvement_round|run|1',
  'archiving|run|archived': 'consolidation_round|run|1',
  'consolidation_round|run|roundDone': 'final_assessment|run|0',
  'final_assessment|run|consolidationPassed': 'experience_summary|run|0',
  'final_assessment|run|consolidationFailed': 'consolidation_round|run|1',
  'experience_summary|run|summarized': 'eligible|run|0',
  'eligible|run|promoteEligible': 'demonstration|run|0',
};
for (const phase of PHASES) {
  if (phase === 'withdrawn') continue;
  ALLOWED[`${phase}|run|withdraw`] = 'withdrawn|run|0';
  ALLOWED[`${phase}|paused|withdraw`] = 'withdrawn|run|0';
  ALLOWED[`${phase}|paused|resume`] = `${phase}|run|0`;
  if (phase !== 'demonstration') ALLOWED[`${phase}|run|pause`] = `${phase}|paused|0`;
}

describe('stage machine', () => {
  it('allows exactly the listed transitions and refuses every other pair with reasons', () => {
    let refused = 0;
    for (const phase of PHASES) {
      for (const paused of [false, true]) {
        if (phase === 'withdrawn' && paused) continue;
        const state: StageState = { stage: PHASE_STAGE[phase], phase, round: 3, paused };
        for (const [name, event] of Object.entries(EVENT_VARIANTS)) {
          const key = `${phase}|${paused ? 'paused' : 'run'}|${name}`;
          const result = transition(state, event);
          const expected = ALLOWED[key];
          if (expected === undefined) {
            expect(result.ok, key).toBe(false);
            if (!result.ok) {
              expect(result.reasons.length, key).toBeGreaterThan(0);
              for (const reason of result.reasons) {
                expect(reason.zh, key).toMatch(/[\u4e00-\u9fff]/);
                expect(reason.en.length, key).toBeGreaterThan(0);
              }
            }
            refused += 1;
          } else {
            expect(result.ok, key).toBe(true);
            if (result.ok) {
              const [toPhase, toPaused, delta] = expected.split('|') as [Phase, string, string];
              expect(result.state, key).toEqual({
                stage: PHASE_STAGE[toPhase],
                phase: toPhase,
                paused: toPaused === 'paused',
                round: 3 + Number(delta),
              });
            }
          }
        }
      }
    }
    // 21 states × 16 variants, minus the allowed ones: guard against the loop silently shrinking.
    expect(refused).toBe(21 * 16 - Object.keys(ALLOWED).length);
  });

  it('walks the happy path from self-inspection to demonstration', () => {
    const steps: StageEvent[] = [
      EVENT_VARIANTS['self'],
      EVENT_VARIANTS['concentrated'],
      EVENT_VARIANTS['roundDone'],
      EVENT_VARIANTS['improvementFailed'],
      EVENT_VARIANTS['roundDone'],
      EVENT_VARIANTS['improvementPassed'],
      EVENT_VARIANTS['archived'],
      EVENT_VARIANTS['roundDone'],
      EVENT_VARIANTS['consolidationPassed'],
      EVENT_VARIANTS['summarized'],
      EVENT_VARIANTS['promoteEligible'],
    ].map((event) => {
      if (!event) throw new Error('variant missing');
      return event;
    });
    let state = initialStageState();
    const phases: string[] = [state.phase];
    for (const event of steps) {
      const result = transition(state, event);
      if (!result.ok) throw new Error(result.reasons.map((r) => r.en).join('; '));
      state = result.state;
      phases.push(`${state.phase}@${state.round}`);
    }
    expect(phases).toEqual([
      'self_inspection',
      'concentrated_inspection@1',
      'improvement_round@1',
      'evaluation@1',
      'improvement_round@2',
      'evaluation@2',
      'archiving@2',
      'consolidation_round@3',
      'final_assessment@3',
      'experience_summary@3',
      'eligible@3',
      'demonstration@3',
    ]);
    expect(state.stage).toBe('rollout');
  });

  it('passes the eligibility reasons through when promotion is refused', () => {
    const state: StageState = { stage: 'rollout', phase: 'eligible', round: 2, paused: false };
    const result = transition(state, EVENT_VARIANTS['promoteIneligible'] as StageEvent);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.reasons.map((r) => r.code)).toEqual(['not_eligible', 'stars_below_minimum']);
  });

  it('refuses a state whose phase does not belong to its stage', () => {
    const result = transition(
      { stage: 'rollout', phase: 'evaluation', round: 1, paused: false },
      EVENT_VARIANTS['withdraw'] as StageEvent,
    );
    expect(result.ok).toBe(false);
  });

  it('offers the events that have a rule', () => {
    expect(availableEvents(initialStageState()).sort()).toEqual([
      'PAUSED',
      'SELF_INSPECTION_SUBMITTED',
      'WITHDRAWN',
    ]);
    expect(
      availableEvents({ stage: 'improvement', phase: 'evaluation', round: 1, paused: true }).sort(),
    ).toEqual(['RESUMED', 'WITHDRAWN']);
    expect(availableEvents({ stage: 'withdrawn', phase: 'withdrawn', round: 1, paused: false })).toEqual([]);
  });

  it('labels every stage, phase and event in both languages', () => {
    for (const stage of STAGES) expect(STAGE_LABELS[stage].zh && STAGE_LABELS[stage].en).toBeTruthy();
    for (const phase of PHASES) expect(PHASE_LABELS[phase].zh && PHASE_LABELS[phase].en).toBeTruthy();
    for (const type of STAGE_EVENT_TYPES)
      expect(STAGE_EVENT_LABELS[type].zh && STAGE_EVENT_LABELS[type].en).toBeTruthy();
    expect(new Set(Object.values(EVENT_VARIANTS).map((e) => e.type))).toEqual(new Set(STAGE_EVENT_TYPES));
  });
});
