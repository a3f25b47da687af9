// Entry point of the workflow bundle: every workflow type the worker registers.
export { engineProbeWorkflow, type EngineProbeInput } from './engine-probe.js';
export { pilotWorkflow } from './pilot/pilot.workflow.js';
export { auditAnchorWorkflow } from './audit/audit-anchor.workflow.js';
export { noticeDeliveryWorkflow } from './notices/notice-delivery.workflow.js';
export { matterWorkflow } from './matters/matter.workflow.js';
export { meetingWorkflow } from './meetings/meeting.workflow.js';
export { campaignWorkflow } from './campaigns/campaign.workflow.js';
export { upkeepWorkflow } from './upkeep/upkeep.workflow.js';
