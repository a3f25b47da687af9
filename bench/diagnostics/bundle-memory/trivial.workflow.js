// A workflow that imports nothing: what the SDK costs a cached workflow on its own.
import { condition, defineSignal, setHandler } from '@temporalio/workflow';
export const releaseSignal = defineSignal('release');
export async function probe() {
  let released = false;
  setHandler(releaseSignal, () => {
    released = true;
  });
  await condition(() => released);
  return 0;
}
