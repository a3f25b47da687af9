import {
  CAMPAIGN_COMPOUND_STATES,
  CAMPAIGN_STATUSES,
  campaignAttendeesSchema,
  inspectorAssignmentSchema,
  instantSchema,
  localDateSchema,
  localizedSchema,
  reasonSchema,
} from '@pilot/domain';
import * as z from 'zod';
import { refSchema } from '../pilots/pilot.dto.js';

/*
 * Response shapes of the 全面推广 campaign routes; the views are `z.infer` of these, and the OpenAPI
 * document is rendered from them.
 */

const inspectorRefSchema = z.object({ id: z.string(), displayName: z.string() });

export const campaignCompoundSchema = z.object({
  compound: z.object({
    id: z.string(),
    name: z.string(),
    isDemonstration: z.boolean(),
    community: refSchema,
  }),
  firm: refSchema,
  /** The pilot it learns from, with that pilot's compound (由 玫瑰家园 推广). */
  origin: z.object({ enrollmentId: z.string(), compoundName: z.string() }),
  inspectorAssignments: z.array(inspectorAssignmentSchema),
  inspectors: z.array(inspectorRefSchema),
  state: z.enum(CAMPAIGN_COMPOUND_STATES),
  stateLabel: localizedSchema,
  /** The new pilot (or the one found running) once the start is done. */
  enrollmentId: z.string().nullable(),
  /** Why the last start failed (a refusal or a fault), in both languages. */
  failure: z.array(reasonSchema).nullable(),
  attempts: z.number().int(),
});

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  statusLabel: localizedSchema,
  originPilots: z.array(z.object({ enrollmentId: z.string(), compound: refSchema, firm: refSchema })),
  invitedFirms: z.array(refSchema),
  /** 召集拟达标物业企业开会部署: the deployment meeting. */
  meeting: z.object({
    on: localDateSchema.nullable(),
    place: z.string().nullable(),
    attendees: campaignAttendeesSchema.nullable(),
    minutes: z.string().nullable(),
  }),
  startDate: localDateSchema,
  catalogueVersion: z.string(),
  weeklyCapacity: z.number().int(),
  compounds: z.array(campaignCompoundSchema),
  /** Compounds per state. */
  counts: z.record(z.enum(CAMPAIGN_COMPOUND_STATES), z.number().int()),
  workflowId: z.string().nullable(),
  createdAt: instantSchema,
  createdBy: inspectorRefSchema.nullable(),
  confirmedAt: instantSchema.nullable(),
  confirmedBy: inspectorRefSchema.nullable(),
});

export const campaignSummarySchema = campaignSchema.omit({ compounds: true, meeting: true }).extend({
  meetingOn: localDateSchema.nullable(),
  compoundCount: z.number().int(),
});
export const campaignListSchema = z.object({ items: z.array(campaignSummarySchema) });

const weekLoadSchema = z.object({
  week: z.string(),
  campaign: z.number().int(),
  running: z.number().int(),
  total: z.number().int(),
  over: z.boolean(),
});

export const campaignForecastSchema = z.object({
  campaignId: z.string(),
  capacity: z.number().int(),
  weeks: z.array(z.object({ week: z.string(), startsOn: localDateSchema, endsOn: localDateSchema })),
  inspectors: z.array(
    z.object({
      inspector: inspectorRefSchema,
      weeks: z.array(weekLoadSchema),
      peak: z.number().int(),
      peakWeek: z.string().nullable(),
      flaggedWeeks: z.array(z.string()),
    }),
  ),
  /** Inspector-weeks above the capacity. */
  flagged: z.number().int(),
});

export const campaignProgressSchema = z.object({
  campaignId: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  compounds: z.array(campaignCompoundSchema),
  counts: z.record(z.enum(CAMPAIGN_COMPOUND_STATES), z.number().int()),
  /** The workflow's own view while it runs; null when it has finished or cannot answer now. */
  live: z
    .object({
      running: z.boolean(),
      compounds: z.array(
        z.object({
          compoundId: z.string(),
          state: z.enum([...CAMPAIGN_COMPOUND_STATES, 'starting']),
          attempts: z.number().int(),
        }),
      ),
    })
    .nullable(),
});

export type CampaignView = z.infer<typeof campaignSchema>;
export type CampaignCompoundView = z.infer<typeof campaignCompoundSchema>;
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;
export type CampaignList = z.infer<typeof campaignListSchema>;
export type CampaignForecastView = z.infer<typeof campaignForecastSchema>;
export type CampaignProgressView = z.infer<typeof campaignProgressSchema>;
