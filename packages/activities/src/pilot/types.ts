import type { EnrolledPilot, StartPilotRequest } from '@pilot/domain';

/**
 * Starts (or finds) the pilot workflow of one compound. Injected by the composition root, which
 * knows the workflow package; the activities package stays below it in the dependency graph.
 */
export type PilotStarter = (request: StartPilotRequest) => Promise<Omit<EnrolledPilot, 'compoundId'>>;
