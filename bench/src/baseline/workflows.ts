// The baselines' workflows: as little as a workflow can be, so what the pilot's own costs on top
// of Temporal shows in the ratio. Bundled by the baseline worker; workflow code only.
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

/** An Update that does nothing but answer: the least any Update of a running workflow costs. */
export const touchUpdate = defineUpdate<number, [number]>('touch');
export const finishSignal = defineSignal('finish');

/** Starts and ends: the baseline of starting a pilot. */
export async function noopWorkflow(): Promise<void> {}

/** Waits for Updates until told to finish: the baseline of an inspection's Update. */
export async function updatableWorkflow(): Promise<number> {
  let touched = 0;
  let finished = false;
  setHandler(touchUpdate, (value) => {
    touched++;
    return value;
  });
  setHandler(finishSignal, () => {
    finished = true;
  });
  await condition(() => finished);
  return touched;
}
