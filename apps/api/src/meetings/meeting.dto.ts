import {
  MATTER_STATUSES,
  MEETING_PHASES,
  MEETING_SIDES,
  OPINION_SOURCES,
  instantSchema,
  localDateSchema,
} from '@pilot/domain';
import * as z from 'zod';
import { codedSchema, refSchema } from '../pilots/pilot.dto.js';

/* Response shapes of the meeting routes; the service returns `z.infer` of them. */

export const meetingItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** null: a subdistrict-wide meeting. */
  community: refSchema.nullable(),
  /** `YYYY-MM`. */
  month: z.string(),
  phase: codedSchema(MEETING_PHASES),
  opinionsUntil: instantSchema,
  scheduledAt: instantSchema,
  heldAt: instantSchema.nullable(),
  feedbackAt: instantSchema.nullable(),
  opinions: z.number().int(),
  resolutions: z.number().int(),
  openResolutions: z.number().int(),
});

export const meetingPageSchema = z.object({
  items: z.array(meetingItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const meetingOpinionSchema = z.object({
  id: z.string(),
  source: codedSchema(OPINION_SOURCES),
  text: z.string(),
  createdAt: instantSchema,
  /** The open matter an agenda item comes from. */
  matter: z.object({ id: z.string(), number: z.string() }).nullable(),
  /** The resident who wrote it: only coordinators and admins see who. */
  resident: refSchema.nullable(),
  /** Whether the caller wrote it. */
  mine: z.boolean(),
});

export const meetingResolutionViewSchema = z.object({
  seq: z.number().int(),
  text: z.string(),
  dueOn: localDateSchema,
  matter: z.object({
    id: z.string(),
    number: z.string(),
    status: codedSchema(MATTER_STATUSES),
    assignee: z.object({ kind: z.enum(['firm', 'party']), id: z.string(), name: z.string() }).nullable(),
    resolveBy: instantSchema.nullable(),
    closed: z.boolean(),
  }),
});

export const MEETING_ACTIONS = ['opinion', 'hold', 'feedback'] as const;

export const meetingDetailSchema = meetingItemSchema.extend({
  /** 会前征集 is open now. */
  opinionsOpen: z.boolean(),
  /** Opinions sent before the meeting (residents' forms, grid visits, reception days). */
  opinionList: z.array(meetingOpinionSchema),
  /** The agenda: those opinions and the community's open matters gathered when the window closed. */
  agenda: z.array(meetingOpinionSchema),
  /** Who came, by side; null before the meeting and for residents. */
  attendance: z.array(z.object({ side: codedSchema(MEETING_SIDES), names: z.array(z.string()) })).nullable(),
  minutes: z.string().nullable(),
  resolutions: z.array(meetingResolutionViewSchema),
  feedback: z.string().nullable(),
  /** What the caller may do now. */
  actions: z.array(z.enum(MEETING_ACTIONS)),
});

export type MeetingItem = z.infer<typeof meetingItemSchema>;
export type MeetingPage = z.infer<typeof meetingPageSchema>;
export type MeetingOpinionView = z.infer<typeof meetingOpinionSchema>;
export type MeetingResolutionView = z.infer<typeof meetingResolutionViewSchema>;
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];
