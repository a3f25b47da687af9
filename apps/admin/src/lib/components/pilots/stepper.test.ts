import { describe, expect, it } from 'vitest';
import { buildStepper } from './stepper';

describe('buildStepper', () => {
  it('marks earlier phases done, the current one current and the rest upcoming', () => {
    const stepper = buildStepper('consolidation', 'consolidation_round');
    expect(stepper.stages.map((stage) => [stage.stage, stage.state])).toEqual([
      ['improvement', 'done'],
      ['consolidation', 'current'],
      ['rollout', 'upcoming'],
    ]);
    expect(stepper.stages[1]?.phases.map((phase) => phase.state)).toEqual(['done', 'current', 'upcoming']);
    expect(stepper.position).toBe(6);
    expect(stepper.total).toBe(10);
    expect(stepper.withdrawn).toBe(false);
  });

  it('starts with the self-inspection and ends with the demonstration compound', () => {
    const first = buildStepper('improvement', 'self_inspection');
    expect(first.position).toBe(1);
    expect(first.stages[0]?.phases[0]).toEqual({ phase: 'self_inspection', state: 'current' });

    const last = buildStepper('rollout', 'demonstration');
    expect(last.stages.map((stage) => stage.state)).toEqual(['done', 'done', 'current']);
    expect(last.position).toBe(last.total);
  });

  it('shows a withdrawn pilot off the track: nothing current', () => {
    const stepper = buildStepper('withdrawn', 'withdrawn');
    expect(stepper.withdrawn).toBe(true);
    expect(stepper.stages.flatMap((stage) => stage.phases).every((phase) => phase.state === 'upcoming')).toBe(
      true,
    );
  });
});
