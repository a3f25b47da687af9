import type { ResponseOf } from '@pilot/api-client';

/* The governance answers (常态化巡查, 四方联席, 居民注册) as the API's OpenAPI document describes them. */

export type PatrolPlanList = ResponseOf<'get', '/patrols/plans'>;
export type PatrolPlan = ResponseOf<'get', '/patrols/plans/{id}'>;
export type PatrolVisit = ResponseOf<'get', '/patrols/visits'>['items'][number];
export type PatrolLedger = ResponseOf<'get', '/patrols/ledger'>;
export type PatrolLedgerRow = PatrolLedger['items'][number];
export type MeetingList = ResponseOf<'get', '/meetings'>;
export type MeetingSummary = MeetingList['items'][number];
export type Meeting = ResponseOf<'get', '/meetings/{id}'>;
export type MeetingPhase = Meeting['phase']['code'];
export type ResidentApplicationList = ResponseOf<'get', '/residents/applications'>;
export type ResidentApplication = ResidentApplicationList['items'][number];
