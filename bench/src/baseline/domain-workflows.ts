// The memory diagnostic's second workflow, in a bundle of its own: the same as updatableWorkflow
// but with the whole pure domain package the pilot workflow imports (and zod with it) — every
// export is touched, so the bundler drops none — so that the difference of the two workers' memory
// per cached workflow is what that package's module state costs each workflow.
import * as domain from '@pilot/domain';
import { condition, defineSignal, setHandler } from '@temporalio/workflow';

export const releaseSignal = defineSignal('release');

export async function domainWorkflow(): Promise<number> {
  let released = false;
  setHandler(releaseSignal, () => {
    released = true;
  });
  await condition(() => released);
  return Object.keys(domain).length;
}
