// Names of a compound's upkeep workflow shared with its clients (API, demo import, tests); no I/O.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { UpkeepState } from '@pilot/domain';

/** One upkeep per compound: a second start (another register change) finds the running one. */
export const upkeepWorkflowId = (compoundId: string): string => `compound-upkeep:${compoundId}`;

/**
 * The register or a logbook changed (an item added or changed, a maintenance or a visitor
 * recorded): plan again now. A signal rather than an Update, so the API can send it with
 * signalWithStart whether or not the compound's workflow runs yet, and nobody waits on the answer.
 */
export const upkeepRegisterChangedSignal = defineSignal<[]>('upkeepRegisterChanged');

/** When the workflow last woke and when it wakes next. */
export const upkeepStateQuery = defineQuery<UpkeepState>('upkeepState');
