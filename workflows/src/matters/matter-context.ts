// What every part of one matter run works on: its input, the state it carries, and whether its
// record exists yet. The workflow file creates it; the update handlers receive it explicitly.
import {
  reason,
  type MatterFacts,
  type MatterState,
  type MatterWorkflowInput,
  type WorkingDayTest,
} from '@pilot/domain';
import type { UpdateHost } from '../pilot/update-registry.js';

export interface MatterContext extends UpdateHost {
  readonly input: MatterWorkflowInput;
  readonly facts: MatterFacts;
  state: MatterState;
  readonly isWorking: WorkingDayTest;
  /** The last step's write: the next one starts after it. */
  writes: Promise<unknown>;
}

export const MATTER_STARTING = reason(
  'matter_starting',
  '事项正在登记，请稍后再试。',
  'The matter is being recorded; try again shortly.',
);
