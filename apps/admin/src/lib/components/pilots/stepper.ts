import { STAGE_PHASES, type ActiveStage, type Phase, type Stage } from '$lib/api/pilot-types';

/*
 * The stage stepper (三层梯进式): the three stages with their phases, each marked done, current or
 * upcoming from where the pilot stands. A withdrawn pilot has left the track: nothing is current.
 */

export type StepState = 'done' | 'current' | 'upcoming';

export interface PhaseStep {
  phase: Phase;
  state: StepState;
}

export interface StageStep {
  stage: ActiveStage;
  state: StepState;
  phases: PhaseStep[];
}

export interface Stepper {
  stages: StageStep[];
  withdrawn: boolean;
  /** 1-based position of the current phase over all phases, and how many there are. */
  position: number;
  total: number;
}

const ORDER: readonly Phase[] = STAGE_PHASES.flatMap((entry) => [...entry.phases]);

export function buildStepper(stage: Stage, phase: string): Stepper {
  const withdrawn = stage === 'withdrawn' || phase === 'withdrawn';
  const index = withdrawn ? -1 : ORDER.indexOf(phase as Phase);
  const stateOf = (at: number): StepState => {
    if (index < 0) return 'upcoming';
    if (at < index) return 'done';
    return at === index ? 'current' : 'upcoming';
  };
  const stages = STAGE_PHASES.map((entry) => {
    const phases = entry.phases.map((p) => ({ phase: p, state: stateOf(ORDER.indexOf(p)) }));
    const state: StepState = phases.some((p) => p.state === 'current')
      ? 'current'
      : phases.every((p) => p.state === 'done')
        ? 'done'
        : 'upcoming';
    return { stage: entry.stage, state, phases };
  });
  return { stages, withdrawn, position: index + 1, total: ORDER.length };
}
