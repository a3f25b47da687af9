import type { ResponseOf } from '@pilot/api-client';
import type { MatterStatus } from '@pilot/domain';

/* The matters (事项) answers the admin reads, as the API's OpenAPI document describes them. */

export type MatterList = ResponseOf<'get', '/matters'>;
export type MatterSummary = MatterList['items'][number];
export type MatterDetail = ResponseOf<'get', '/matters/{id}'>;
export type MatterTimelineEntry = MatterDetail['events'][number];
/** What a role may do to a matter now, as the API decides it (domain MATTER_ACTIONS). */
export type MatterActionName = MatterDetail['actions'][number];
export type Party = ResponseOf<'get', '/parties'>['items'][number];
export type MatterStats = ResponseOf<'get', '/matters/stats'>;
export type MatterStatsRow = MatterStats['groups'][number];

/**
 * A possible duplicate the API found when a matter was reported (409 matter_possible_duplicate,
 * `candidates` beside the reasons; the document does not describe 409 bodies, so it is written
 * out here as apps/api/src/matters/matter.service.ts sends it).
 */
export interface DuplicateCandidate {
  id: string;
  number: string;
  location: string;
  status: MatterStatus;
  createdAt: string;
}
