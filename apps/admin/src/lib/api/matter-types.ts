import type {
  MatterCategory,
  MatterEventKind,
  MatterSource,
  MatterStatus,
  MatterUrgency,
  PartyKind,
} from '@pilot/domain';

/*
 * The matters (事项) answers the admin reads. Written out by hand from the API's announced shapes
 * until its routes are in the OpenAPI document; then each becomes ResponseOf<…> like types.ts.
 */

/** What a role may do to a matter now, as the API decides it (domain MATTER_ACTIONS). */
export type MatterActionName =
  'assign' | 'accept' | 'return' | 'join' | 'progress' | 'answer' | 'rate' | 'confirm' | 'cancel';

export interface MatterSummary {
  id: string;
  number: string;
  source: MatterSource;
  category: MatterCategory;
  categoryLabel?: { zh: string; en: string } | string | null;
  urgency: MatterUrgency;
  status: MatterStatus;
  compoundName: string | null;
  communityName: string | null;
  assigneeName: string | null;
  acceptBy: string | null;
  resolveBy: string | null;
  confirmBy: string | null;
  overdue: boolean;
  reopenCount: number;
  createdAt: string;
  ageDays: number;
}

export interface MatterList {
  items: MatterSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface MatterTimelineEntry {
  kind: MatterEventKind;
  label?: { zh: string; en: string } | string | null;
  at: string;
  actorName: string | null;
  unit: string | null;
  note: string | null;
  evidenceIds: string[];
}

export interface MatterDetail extends MatterSummary {
  description: string;
  location: string;
  compoundId: string | null;
  firmId: string | null;
  evidenceIds: string[];
  callerName?: string | null;
  callerPhone?: string | null;
  /** Whether a resident account reported it (else the coordinator's 回访 closes it). */
  hasReporter?: boolean;
  rating?: number | null;
  timeline: MatterTimelineEntry[];
  actions: MatterActionName[];
}

export interface Party {
  id: string;
  code: string;
  name: string;
  kind: PartyKind;
  kindLabel?: { zh: string; en: string } | string | null;
  communityId: string | null;
}

/** A possible duplicate the API found when a matter was reported (409 matter_possible_duplicate). */
export interface DuplicateCandidate {
  number: string;
  location: string;
  status: MatterStatus;
  createdAt: string;
}

/** One row of GET /matters/stats: counts and the three rates (0–1, null without a denominator). */
export interface MatterStatsRow {
  key: string;
  label: string;
  collected: number;
  solved: number;
  responseRate: number | null;
  solveRate: number | null;
  satisfactionRate: number | null;
}

export interface MatterStats {
  from: string;
  to: string;
  totals: MatterStatsRow;
  rows: MatterStatsRow[];
}
