import type { StageEventType } from './events.js';
import { PHASES, type Phase } from './types.js';

/**
 * Conditions a rule adds on top of "this event in this phase". They are evaluated by the machine;
 * listing them here keeps the whole rule set readable as data.
 */
export type TransitionGuard = 'assessment_passed' | 'assessment_failed' | 'eligibility_ok';

export interface TransitionRule {
  from: Phase;
  event: StageEventType;
  to: Phase;
  guard?: TransitionGuard;
  /** Entering the target starts a new inspection round. */
  startsRound?: boolean;
}

/** Progress through the three stages. A failed assessment sends the pilot into another round of the same stage. */
export const STAGE_TRANSITIONS: readonly TransitionRule[] = [
  { from: 'self_inspection', event: 'SELF_INSPECTION_SUBMITTED', to: 'concentrated_inspection' },
  { from: 'concentrated_inspection', event: 'CONCENTRATED_INSPECTION_COMPLETED', to: 'improvement_round' },
  { from: 'improvement_round', event: 'ROUND_COMPLETED', to: 'evaluation' },
  { from: 'evaluation', event: 'ASSESSMENT_RECORDED', guard: 'assessment_passed', to: 'archiving' },
  {
    from: 'evaluation',
    event: 'ASSESSMENT_RECORDED',
    guard: 'assessment_failed',
    to: 'improvement_round',
    startsRound: true,
  },
  { from: 'archiving', event: 'ARCHIVE_COMPLETED', to: 'consolidation_round', startsRound: true },
  { from: 'consolidation_round', event: 'ROUND_COMPLETED', to: 'final_assessment' },
  {
    from: 'final_assessment',
    event: 'ASSESSMENT_RECORDED',
    guard: 'assessment_passed',
    to: 'experience_summary',
  },
  {
    from: 'final_assessment',
    event: 'ASSESSMENT_RECORDED',
    guard: 'assessment_failed',
    to: 'consolidation_round',
    startsRound: true,
  },
  { from: 'experience_summary', event: 'EXPERIENCE_SUMMARIZED', to: 'eligible' },
  { from: 'eligible', event: 'DEMONSTRATION_PROMOTED', guard: 'eligibility_ok', to: 'demonstration' },
];

/**
 * Phases in which the coordinator may pause a pilot: every phase that still has work ahead.
 * A demonstration compound has nothing left to pause; a withdrawn pilot is over.
 */
export const PAUSABLE_PHASES: readonly Phase[] = PHASES.filter(
  (phase) => phase !== 'demonstration' && phase !== 'withdrawn',
);

/** Withdrawal is possible from anywhere except withdrawn, including while paused or after promotion. */
export const WITHDRAWABLE_PHASES: readonly Phase[] = PHASES.filter((phase) => phase !== 'withdrawn');
