// Names shared by workflow code and its clients (API, tests). Kept free of I/O so both sides import it.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const TASK_QUEUE = 'pilot';

/** Typed search attributes, so pilots can be listed and filtered in the Temporal Web UI. */
export const searchAttributes = {
  stage: defineSearchAttributeKey('PilotStage', SearchAttributeType.KEYWORD),
  compoundId: defineSearchAttributeKey('PilotCompoundId', SearchAttributeType.KEYWORD),
  firmId: defineSearchAttributeKey('PilotFirmId', SearchAttributeType.KEYWORD),
} as const;

export const engineProbeWorkflowId = (probeId: string): string => `engine-probe:${probeId}`;
