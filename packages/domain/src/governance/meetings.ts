// 四方联席会议 (subdistrict, community, owners' representatives, firm): 会前 an opinion window and an
// agenda, 会上 attendance, minutes and resolutions (each with its responsible party and deadline,
// each a matter), 会后 the resolutions tracked to closure and a feedback notice to the residents.
import * as z from 'zod';
import type { LocalizedText } from '../catalogue/types.js';
import { actorSchema, auditActorSchema, type Actor } from '../contract/actor.js';
import { reason, type Reason } from '../shared/reason.js';
import { matterWorkflowInputSchema } from '../matters/contract.js';

const epochMs = z.number().int();

export const MEETING_PHASES = ['opinions', 'meeting', 'follow_up', 'closed'] as const;
export type MeetingPhase = (typeof MEETING_PHASES)[number];
export const MEETING_PHASE_LABELS: Readonly<Record<MeetingPhase, LocalizedText>> = {
  opinions: { zh: '会前征集', en: 'Collecting opinions' },
  meeting: { zh: '待召开', en: 'To be held' },
  follow_up: { zh: '会后跟踪', en: 'Following up' },
  closed: { zh: '已反馈', en: 'Feedback published' },
};

/** The four sides of 四方联席; each must be present for a meeting to count. */
export const MEETING_SIDES = ['subdistrict', 'community', 'owners', 'firm'] as const;
export type MeetingSide = (typeof MEETING_SIDES)[number];
export const MEETING_SIDE_LABELS: Readonly<Record<MeetingSide, LocalizedText>> = {
  subdistrict: { zh: '街道', en: 'Subdistrict' },
  community: { zh: '社区', en: 'Community' },
  owners: { zh: '业主代表', en: 'Owners’ representatives' },
  firm: { zh: '物业企业', en: 'Property firm' },
};

/** Where an opinion came from before the meeting (会前征集). */
export const OPINION_SOURCES = ['resident', 'grid', 'reception', 'open_matter'] as const;
export type OpinionSource = (typeof OPINION_SOURCES)[number];
export const OPINION_SOURCE_LABELS: Readonly<Record<OpinionSource, LocalizedText>> = {
  resident: { zh: '居民意见征集表', en: 'Resident opinion form' },
  grid: { zh: '网格走访', en: 'Grid visit' },
  reception: { zh: '物业经理接待日', en: 'Manager reception day' },
  open_matter: { zh: '未办结事项', en: 'Open matter' },
};

export const meetingInputSchema = z.object({
  meetingId: z.string().min(1),
  title: z.string().trim().min(2).max(100),
  /** null: a subdistrict-wide meeting. */
  communityId: z.string().nullable(),
  /** `YYYY-MM-DD`, the first day of the meeting's month. */
  month: z.iso.date(),
  opinionsUntil: epochMs,
  scheduledAt: epochMs,
  createdBy: auditActorSchema,
});
export type MeetingInput = z.infer<typeof meetingInputSchema>;

export const meetingStateSchema = z.object({
  phase: z.enum(MEETING_PHASES),
  opinions: z.number().int(),
  heldAt: epochMs.nullable(),
  resolutions: z.array(z.object({ seq: z.number().int(), matterId: z.string(), closed: z.boolean() })),
  feedbackAt: epochMs.nullable(),
  appliedUpdates: z.array(z.object({ id: z.string(), result: z.unknown() })),
});
export type MeetingState = z.infer<typeof meetingStateSchema>;

export const addOpinionRequestSchema = z.object({
  actor: actorSchema,
  opinionId: z.string().min(1),
  source: z.enum(OPINION_SOURCES).exclude(['open_matter']),
  text: z.string().trim().min(2).max(1000),
});
export type AddOpinionRequest = z.infer<typeof addOpinionRequestSchema>;

export const attendanceSchema = z.object(
  Object.fromEntries(
    MEETING_SIDES.map((side) => [side, z.array(z.string().trim().min(1).max(50)).min(1).max(20)]),
  ) as Record<MeetingSide, z.ZodArray<z.ZodString>>,
);
export type Attendance = z.infer<typeof attendanceSchema>;

export const holdMeetingRequestSchema = z.object({
  actor: actorSchema,
  attendance: attendanceSchema,
  minutes: z.string().trim().min(10).max(10_000),
  /** Each resolution as the matter that tracks it: the API builds them (numbers, rules, calendar). */
  resolutions: z
    .array(
      z.object({
        text: z.string().trim().min(2).max(500),
        dueOn: z.iso.date(),
        matter: matterWorkflowInputSchema,
      }),
    )
    .max(30),
});
export type HoldMeetingRequest = z.infer<typeof holdMeetingRequestSchema>;

export const publishFeedbackRequestSchema = z.object({
  actor: actorSchema,
  feedback: z.string().trim().min(10).max(5000),
});
export type PublishFeedbackRequest = z.infer<typeof publishFeedbackRequestSchema>;

export const meetingUpdateResultSchema = z.object({
  meetingId: z.string(),
  phase: z.enum(MEETING_PHASES),
  resolutions: z.number().int(),
  openResolutions: z.number().int(),
});
export type MeetingUpdateResult = z.infer<typeof meetingUpdateResultSchema>;

// ─── refusals ────────────────────────────────────────────────────────────────────────────────

const coordinatorOnly = reason(
  'role_not_allowed',
  '只有街道工作专班可以办理此事项。',
  'Only a coordinator may do this.',
);

function isCoordinator(actor: Actor): boolean {
  return actor.role === 'coordinator' || actor.role === 'admin';
}

/** Opinions come from residents themselves, or a coordinator records a grid visit or reception day. */
export function refuseOpinion(
  state: MeetingState,
  input: Pick<MeetingInput, 'opinionsUntil'>,
  request: AddOpinionRequest,
  now: number,
): Reason[] {
  if (request.source === 'resident' ? request.actor.role !== 'resident' : !isCoordinator(request.actor))
    return [
      reason(
        'role_not_allowed',
        '居民本人填写意见征集表；网格走访和接待日意见由街道工作专班登记。',
        'Residents write their own opinions; coordinators record grid visits and reception days.',
      ),
    ];
  if (state.phase !== 'opinions' || now > input.opinionsUntil)
    return [
      reason('opinions_closed', '会前意见征集已截止。', 'The opinion window before the meeting has closed.'),
    ];
  return [];
}

export function refuseHold(state: MeetingState, request: HoldMeetingRequest): Reason[] {
  if (!isCoordinator(request.actor)) return [coordinatorOnly];
  if (state.phase === 'follow_up' || state.phase === 'closed')
    return [reason('meeting_already_held', '会议已召开。', 'The meeting has been held already.')];
  const ids = request.resolutions.map((r) => r.matter.matterId);
  if (new Set(ids).size !== ids.length)
    return [reason('resolution_duplicate', '议定事项重复。', 'A resolution is listed twice.')];
  return [];
}

export function refuseFeedback(state: MeetingState, request: PublishFeedbackRequest): Reason[] {
  if (!isCoordinator(request.actor)) return [coordinatorOnly];
  if (state.phase === 'closed')
    return [reason('feedback_published', '会后反馈已发布。', 'The feedback has been published already.')];
  if (state.phase !== 'follow_up')
    return [
      reason('meeting_not_held', '会议尚未召开，不能发布会后反馈。', 'The meeting has not been held yet.'),
    ];
  return [];
}

// ─── what the activities write ───────────────────────────────────────────────────────────────

export const recordMeetingPhaseInputSchema = z.object({
  meetingId: z.string(),
  phase: z.enum(MEETING_PHASES),
  at: epochMs,
  actor: auditActorSchema,
  /** Agenda gathering at the end of the window: the open matters of the meeting's community. */
  gatherAgenda: z.boolean().optional(),
  held: z
    .object({
      attendance: attendanceSchema,
      minutes: z.string(),
      resolutions: z.array(
        z.object({ seq: z.number().int(), text: z.string(), matterId: z.string(), dueOn: z.iso.date() }),
      ),
    })
    .optional(),
  feedback: z.string().optional(),
});
export type RecordMeetingPhaseInput = z.infer<typeof recordMeetingPhaseInputSchema>;

export const recordOpinionInputSchema = z.object({
  meetingId: z.string(),
  opinionId: z.string(),
  source: z.enum(OPINION_SOURCES),
  text: z.string(),
  actor: auditActorSchema,
  at: epochMs,
});
export type RecordOpinionInput = z.infer<typeof recordOpinionInputSchema>;
