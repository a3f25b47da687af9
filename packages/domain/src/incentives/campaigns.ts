// 全面推广 campaigns: the experience of the origin pilot(s) is carried to the firms that aim to reach
// the standard (拟达标物业企业), convened at a deployment meeting (召集…开会部署), and their compounds
// are enrolled together. Here: the shapes people type, the contract of the campaign workflow and its
// activities, and the workload forecast a coordinator reads before confirming (inspections per
// inspector per ISO week, from the schedules the new pilots would follow plus the work already
// assigned to the same inspectors). Pure: the workflow may import all of it.
import * as z from 'zod';
import { addLocalDays, formatLocalDate, parseLocalDate } from '../calendar/shanghai.js';
import { actorSchema } from '../contract/actor.js';
import { buildPilotSchedule } from '../plan/schedule.js';
import type { PilotPlan } from '../plan/pilot-plan.js';
import {
  catalogueVersionIdSchema,
  idSchema,
  inspectorAssignmentsSchema,
  localDateSchema,
} from '../schemas/common.js';
import type { InspectorAssignment } from '../contract/pilot-state.js';
import { localizedParams } from '../schemas/custom-issue.js';
import { reasonSchema } from '../shared/reason.js';

export const CAMPAIGN_STATUSES = ['draft', 'enrolling', 'enrolled', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_COMPOUND_STATES = ['planned', 'started', 'already_enrolled', 'failed'] as const;
export type CampaignCompoundState = (typeof CAMPAIGN_COMPOUND_STATES)[number];

/** The most compounds one campaign enrolls: the subdistrict patrols 28; a campaign is a part of them. */
export const CAMPAIGN_MAX_COMPOUNDS = 40;
/** Weeks the forecast covers: the next six months. */
export const FORECAST_WEEKS = 26;

const names = z.array(z.string().trim().min(1).max(50)).max(30);

/** Who came to the deployment meeting, by side: the subdistrict's group, the communities, the firms. */
export const campaignAttendeesSchema = z.object({
  subdistrict: names.min(1),
  community: names.default([]),
  firms: names.min(1),
});
export type CampaignAttendees = z.infer<typeof campaignAttendeesSchema>;

/** One compound of the campaign: the origin pilot it learns from and the inspectors it will have. */
export const campaignCompoundInputSchema = z.object({
  compoundId: idSchema,
  /** Defaults to the campaign's first origin pilot. */
  originEnrollmentId: idSchema.optional(),
  inspectorAssignments: inspectorAssignmentsSchema,
});
export type CampaignCompoundInput = z.infer<typeof campaignCompoundInputSchema>;

/** A draft campaign as a whole (create, and every edit sends the whole draft again). */
export const campaignDraftSchema = z
  .object({
    name: z.string().trim().min(2).max(100),
    originEnrollmentIds: z.array(idSchema).min(1).max(5),
    invitedFirmIds: z.array(idSchema).min(1).max(40),
    meetingOn: localDateSchema.nullable().default(null),
    meetingPlace: z.string().trim().max(100).nullable().default(null),
    meetingAttendees: campaignAttendeesSchema.nullable().default(null),
    meetingMinutes: z.string().trim().max(10_000).nullable().default(null),
    startDate: localDateSchema,
    catalogueVersion: catalogueVersionIdSchema,
    weeklyCapacity: z.number().int().min(1).max(200),
    compounds: z.array(campaignCompoundInputSchema).min(1).max(CAMPAIGN_MAX_COMPOUNDS),
  })
  .superRefine((draft, ctx) => {
    const seen = new Map<string, number>();
    draft.compounds.forEach((compound, index) => {
      const first = seen.get(compound.compoundId);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['compounds', index, 'compoundId'],
          params: localizedParams(`与第 ${first + 1} 个小区重复。`, `The same compound as #${first + 1}.`),
        });
      } else seen.set(compound.compoundId, index);
      if (compound.originEnrollmentId && !draft.originEnrollmentIds.includes(compound.originEnrollmentId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['compounds', index, 'originEnrollmentId'],
          params: localizedParams(
            '来源试点须是本次推广所列的来源试点之一。',
            "The origin pilot must be one of the campaign's origin pilots.",
          ),
        });
      }
    });
    if (new Set(draft.originEnrollmentIds).size !== draft.originEnrollmentIds.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['originEnrollmentIds'],
        params: localizedParams('来源试点重复。', 'An origin pilot is listed twice.'),
      });
    }
    if (new Set(draft.invitedFirmIds).size !== draft.invitedFirmIds.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['invitedFirmIds'],
        params: localizedParams('拟达标企业重复。', 'An invited firm is listed twice.'),
      });
    }
  });
export type CampaignDraftInput = z.infer<typeof campaignDraftSchema>;

/** 调整检查员: one compound's inspectors in the draft, after reading the forecast. */
export const rebalanceCampaignSchema = z.object({
  compoundId: idSchema,
  inspectorAssignments: inspectorAssignmentsSchema,
});
export type RebalanceCampaignInput = z.infer<typeof rebalanceCampaignSchema>;

/** Start the failed compounds again (all of them, or those named). */
export const retryCampaignSchema = z.object({
  compoundIds: z.array(idSchema).min(1).max(CAMPAIGN_MAX_COMPOUNDS).optional(),
});
export type RetryCampaignInput = z.infer<typeof retryCampaignSchema>;

export const listCampaignsQuerySchema = z.object({
  status: z.enum(CAMPAIGN_STATUSES).optional(),
});
export type ListCampaignsQuery = z.infer<typeof listCampaignsQuerySchema>;

// ─── the campaign workflow's contract ─────────────────────────────────────────────────────────

export const campaignWorkflowInputSchema = z.object({
  campaignId: z.string(),
  compoundIds: z.array(z.string()).max(CAMPAIGN_MAX_COMPOUNDS),
  /** Who confirmed: the new pilots are enrolled in their name. */
  actor: actorSchema,
  /** Compounds to start again in a new run (a retry after the previous run had finished). */
  retry: z.array(z.string()).optional(),
});
export type CampaignWorkflowInput = z.infer<typeof campaignWorkflowInputSchema>;

export const campaignRetryRequestSchema = z.object({
  actor: actorSchema,
  compoundIds: z.array(z.string()).max(CAMPAIGN_MAX_COMPOUNDS),
});
export type CampaignRetryRequest = z.infer<typeof campaignRetryRequestSchema>;

/** What one compound's start came to (the activity's answer, also its recorded state). */
export const campaignCompoundOutcomeSchema = z.object({
  compoundId: z.string(),
  state: z.enum(CAMPAIGN_COMPOUND_STATES),
  enrollmentId: z.string().nullable(),
  failure: z.array(reasonSchema).nullable(),
  attempts: z.number().int(),
});
export type CampaignCompoundOutcome = z.infer<typeof campaignCompoundOutcomeSchema>;

export const enrollCampaignCompoundInputSchema = z.object({
  campaignId: z.string(),
  compoundId: z.string(),
  actor: actorSchema,
  /** A retry: a compound recorded as failed is tried again (otherwise its outcome is answered). */
  retry: z.boolean(),
});
export type EnrollCampaignCompoundInput = z.infer<typeof enrollCampaignCompoundInputSchema>;

export const recordCampaignFailureInputSchema = z.object({
  campaignId: z.string(),
  compoundId: z.string(),
  failure: z.array(reasonSchema),
  actor: actorSchema,
  at: z.number(),
});
export type RecordCampaignFailureInput = z.infer<typeof recordCampaignFailureInputSchema>;

export const recordCampaignStatusInputSchema = z.object({
  campaignId: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  actor: actorSchema,
  at: z.number(),
  counts: z.record(z.enum(CAMPAIGN_COMPOUND_STATES), z.number()),
});
export type RecordCampaignStatusInput = z.infer<typeof recordCampaignStatusInputSchema>;

/** The workflow's live view: every compound's state and whether a pass is running. */
export interface CampaignProgress {
  campaignId: string;
  running: boolean;
  compounds: Array<{ compoundId: string; state: CampaignCompoundState | 'starting'; attempts: number }>;
}

export const campaignWorkflowId = (campaignId: string): string => `campaign:${campaignId}`;

// ─── the workload forecast ────────────────────────────────────────────────────────────────────

/** One inspection a forecast counts: who does it, on which local day it is due, and why it exists. */
export interface ForecastInspection {
  inspectorId: string;
  dueOn: string;
  source: 'campaign' | 'running';
  compoundId: string;
}

/** A Monday-to-Sunday ISO week: `2026-W23`, its Monday and Sunday. */
export interface IsoWeek {
  week: string;
  startsOn: string;
  endsOn: string;
}

const DAY_MS = 86_400_000;

/**
 * The ISO week of a local date (weeks start on Monday; week 1 holds the year's first Thursday).
 * Computed on the date's own digits, so no time zone can move it.
 */
export function isoWeekOf(day: string): IsoWeek {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d);
  const weekday = (new Date(utc).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = utc - weekday * DAY_MS;
  const thursday = monday + 3 * DAY_MS;
  const isoYear = new Date(thursday).getUTCFullYear();
  const firstThursday = Date.UTC(isoYear, 0, 4);
  const firstMonday = firstThursday - ((new Date(firstThursday).getUTCDay() + 6) % 7) * DAY_MS;
  const number = Math.round((monday - firstMonday) / (7 * DAY_MS)) + 1;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    week: `${isoYear}-W${String(number).padStart(2, '0')}`,
    startsOn: iso(monday),
    endsOn: iso(monday + 6 * DAY_MS),
  };
}

/**
 * The inspections a new pilot would bring its inspectors: the nominal schedule (both rounds) the
 * single-enrollment preview shows, each task given to the inspector who holds its kind. The firm's
 * own 自查自纠 is nobody's inspection. Due days are the calendar's (holidays moved them already).
 */
export function plannedInspections(
  plan: PilotPlan,
  startMs: number,
  assignments: readonly InspectorAssignment[],
  compoundId: string,
): ForecastInspection[] {
  const holderOf = new Map<string, string>();
  for (const assignment of assignments) {
    for (const kind of assignment.kinds) if (!holderOf.has(kind)) holderOf.set(kind, assignment.inspectorId);
  }
  return buildPilotSchedule(plan, startMs).tasks.flatMap((task) => {
    const inspectorId = task.kind === 'self' ? undefined : holderOf.get(task.kind);
    return inspectorId
      ? [{ inspectorId, dueOn: task.calendarDueDate, source: 'campaign' as const, compoundId }]
      : [];
  });
}

export interface InspectorWeekLoad {
  week: string;
  /** From the campaign's new pilots. */
  campaign: number;
  /** Already assigned to the inspector in running pilots. */
  running: number;
  total: number;
  /** Above the campaign's weekly capacity. */
  over: boolean;
}

export interface InspectorForecast {
  inspectorId: string;
  weeks: InspectorWeekLoad[];
  peak: number;
  /** The first week with the peak load (null: nothing due in the window). */
  peakWeek: string | null;
  flaggedWeeks: string[];
}

export interface WorkloadForecast {
  capacity: number;
  weeks: IsoWeek[];
  inspectors: InspectorForecast[];
  /** Inspector-weeks above the capacity, across all inspectors. */
  flagged: number;
}

/**
 * Inspections per inspector per ISO week over `weeks` weeks from the week of `from`, with the weeks
 * above `capacity` flagged. Inspectors listed in `inspectorIds` appear even with nothing due (so a
 * rebalanced inspector's row does not vanish); inspections outside the window are not counted.
 */
export function workloadForecast(options: {
  from: string;
  capacity: number;
  inspections: readonly ForecastInspection[];
  inspectorIds?: readonly string[];
  weeks?: number;
}): WorkloadForecast {
  const count = options.weeks ?? FORECAST_WEEKS;
  const first = parseLocalDate(isoWeekOf(options.from).startsOn);
  if (first === null) throw new RangeError(`not a date: ${options.from}`);
  const weeks = Array.from({ length: count }, (_, index) =>
    isoWeekOf(formatLocalDate(addLocalDays(first, 7 * index))),
  );
  const indexOf = new Map(weeks.map((week, index) => [week.week, index]));
  const loads = new Map<string, Array<{ campaign: number; running: number }>>();
  const rowOf = (inspectorId: string) => {
    let row = loads.get(inspectorId);
    if (!row) {
      row = weeks.map(() => ({ campaign: 0, running: 0 }));
      loads.set(inspectorId, row);
    }
    return row;
  };
  for (const id of options.inspectorIds ?? []) rowOf(id);
  for (const inspection of options.inspections) {
    const index = indexOf.get(isoWeekOf(inspection.dueOn).week);
    if (index === undefined) continue;
    rowOf(inspection.inspectorId)[index]![inspection.source] += 1;
  }
  const inspectors = [...loads.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([inspectorId, row]): InspectorForecast => {
      const loadWeeks = row.map((load, index): InspectorWeekLoad => {
        const total = load.campaign + load.running;
        return { week: weeks[index]!.week, ...load, total, over: total > options.capacity };
      });
      const peak = Math.max(0, ...loadWeeks.map((w) => w.total));
      return {
        inspectorId,
        weeks: loadWeeks,
        peak,
        peakWeek: peak > 0 ? (loadWeeks.find((w) => w.total === peak)?.week ?? null) : null,
        flaggedWeeks: loadWeeks.filter((w) => w.over).map((w) => w.week),
      };
    });
  return {
    capacity: options.capacity,
    weeks,
    inspectors,
    flagged: inspectors.reduce((sum, inspector) => sum + inspector.flaggedWeeks.length, 0),
  };
}
