// What the production shape asks of a running Temporal server through the CLI (the same binary as
// the dev server): is it serving, and does the namespace exist.
import { CommandError, run } from './run.js';

/** Polls the frontend's health until it answers SERVING; fails early when the server has died. */
export async function waitForTemporal(
  cli: string,
  address: string,
  options: { timeoutMs: number; alive: () => boolean; logFile: string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last: string;
  for (;;) {
    if (!options.alive())
      throw new Error(`the Temporal server exited while starting; see ${options.logFile}`);
    try {
      const answer = await run(cli, ['operator', 'cluster', 'health', '--address', address], {
        what: 'temporal operator cluster health',
      });
      if (answer.includes('SERVING')) return;
      last = answer.trim();
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline)
      throw new Error(
        `Temporal at ${address} was not serving within ${options.timeoutMs / 1000} s (last answer: ${last}); see ${options.logFile}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Creates the namespace unless it exists. Retention of closed workflows is 180 days: the audit
 * anchors live in workflow histories and must outlive the six months the log is kept (README, 审计).
 */
export async function ensureNamespace(
  cli: string,
  address: string,
  namespace: string,
  retention = '180d',
): Promise<'created' | 'existed'> {
  const describe = () =>
    run(cli, ['operator', 'namespace', 'describe', '--address', address, '-n', namespace], {
      what: `temporal operator namespace describe ${namespace}`,
    });
  try {
    await describe();
    return 'existed';
  } catch (error) {
    if (!(error instanceof CommandError && /not found/i.test(error.output))) throw error;
  }
  try {
    await run(
      cli,
      ['operator', 'namespace', 'create', '--address', address, '-n', namespace, '--retention', retention],
      { what: `temporal operator namespace create ${namespace}` },
    );
    return 'created';
  } catch (error) {
    // Another bring-up against the same server created it in the same moment.
    if (error instanceof CommandError && /already exists/i.test(error.output)) return 'existed';
    throw error;
  }
}
