// Names of the campaign workflow shared with its clients (API, worker import, tests); no I/O.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CampaignProgress, CampaignRetryRequest } from '@pilot/domain';

export { campaignWorkflowId } from '@pilot/domain';

/** Every compound's state, and whether a pass over them is running. */
export const campaignProgressQuery = defineQuery<CampaignProgress>('campaignProgress');
/**
 * Start the named failed compounds again. A signal (not an Update) so that the API can send it
 * with signalWithStart: to the running campaign, or to a new run when the campaign had finished.
 */
export const retryCampaignSignal = defineSignal<[CampaignRetryRequest]>('retryCampaign');
