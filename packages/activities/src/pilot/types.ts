import type { EnrolledPilot, StartPilotRequest } from '@pilot/domain';

/**
 * Starts (or finds) the pilot workflow of one compound. Injected by the composition root, which
 * knows the workflow package; the activities package stays below it in the dependency graph.
 */
export interface PilotStartOptions {
  /**
   * Answer only once the pilot's workflow says it has written its records (its
   * enrollmentRecorded Update), so the caller may read them at once without polling.
   */
  awaitRecorded?: boolean;
  /**
   * Gives up that wait when aborted: a worker shutting down stops running the workflow tasks that
   * would answer it, so an activity waiting without its cancellation signal would hold the shutdown
   * for ever.
   */
  signal?: AbortSignal;
}
export type PilotStarter = (
  request: StartPilotRequest,
  options?: PilotStartOptions,
) => Promise<Omit<EnrolledPilot, 'compoundId'>>;
