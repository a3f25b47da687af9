import type { ResponseOf } from '@pilot/api-client';

/*
 * The pilot side of the API as the coordinator and admin screens read it: every shape comes from the
 * typed client generated from the API's OpenAPI document, so a change there is a compile error here.
 */

export type PilotPage = ResponseOf<'get', '/pilots'>;
export type PilotSummary = PilotPage['items'][number];
export type PilotDetail = ResponseOf<'get', '/pilots/{id}'>;
export type PilotSnapshot = NonNullable<PilotDetail['snapshot']>;
export type PilotTimeline = PilotDetail['timeline'];
export type SnapshotRound = PilotSnapshot['rounds'][number];
export type TimelineRound = PilotTimeline['rounds'][number];
/** A page of the pilot's audit entries, newest first, as the detail and GET /pilots/{id}/timeline send it. */
export type TimelineAuditPage = ResponseOf<'get', '/pilots/{id}/timeline'>;
export type TimelineAuditEntry = TimelineAuditPage['items'][number];

export type SchedulePreview = ResponseOf<'post', '/pilots/preview'>;
export type PreviewRound = SchedulePreview['rounds'][number];
export type PreviewTask = PreviewRound['tasks'][number];
export type EnrollResult = ResponseOf<'post', '/pilots'>;

export type CompoundPage = ResponseOf<'get', '/compounds'>;
export type Compound = CompoundPage['items'][number];

export type Stage = PilotSummary['stage'];
export type Phase = PilotSnapshot['phase'];
export type InspectionKind = PreviewTask['kind'];

/** The three progressive stages (三层梯进式) in order, each with its phases in order. */
export const STAGE_PHASES = [
  {
    stage: 'improvement',
    phases: ['self_inspection', 'concentrated_inspection', 'improvement_round', 'evaluation'],
  },
  { stage: 'consolidation', phases: ['archiving', 'consolidation_round', 'final_assessment'] },
  { stage: 'rollout', phases: ['experience_summary', 'eligible', 'demonstration'] },
] as const satisfies ReadonlyArray<{ stage: Exclude<Stage, 'withdrawn'>; phases: readonly Phase[] }>;

export type ActiveStage = (typeof STAGE_PHASES)[number]['stage'];

/** Kinds an inspector is assigned to; the self-inspection (自查自纠) is the firm's own. */
export const INSPECTOR_KINDS = ['concentrated', 'weekly', 'monthly', 'quarterly', 'consolidation'] as const;
export type InspectorKind = (typeof INSPECTOR_KINDS)[number];

export const CATEGORY_CODES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;

/** Someone who may be given inspections: an id and the name people know them by. */
export interface Person {
  id: string;
  displayName: string;
}

export interface Ref {
  id: string;
  name: string;
}
