// A 四方联席 meeting's records, written by its workflow only: the row, its opinions, the record of
// the meeting (attendance, minutes, resolutions) and the feedback with its notices to the residents.
// Keyed by the meeting and the phase, so a retried activity writes nothing twice.
import type { Prisma, PrismaClient } from '@pilot/db';
import {
  MATTER_CATEGORY_LABELS,
  formatLocalDate,
  OPEN_MATTER_STATUSES,
  type MatterCategory,
  type MeetingInput,
  type RecordMeetingPhaseInput,
  type RecordOpinionInput,
} from '@pilot/domain';
import type { ActivityAudit } from '../pilot/audit-context.js';
import { recordMatterNotices } from '../matters/matter-notices.js';

export function meetingStream(meetingId: string): string {
  return `meeting:${meetingId}`;
}

// The attendance is the contract's JSON object; Prisma's JSON input type cannot say so.
const json = (value: unknown) => value as Prisma.InputJsonValue;

export function meetingActivities(prisma: PrismaClient, audit: ActivityAudit) {
  return {
    async recordMeetingCreated(input: {
      input: MeetingInput;
      workflowId: string;
      at: number;
    }): Promise<void> {
      const { input: meeting } = input;
      const at = new Date(input.at);
      await prisma.$transaction(async (tx) => {
        const created = await tx.meeting.createMany({
          data: [
            {
              id: meeting.meetingId,
              workflowId: input.workflowId,
              communityId: meeting.communityId,
              month: new Date(`${meeting.month}T00:00:00Z`),
              title: meeting.title,
              phase: 'opinions',
              opinionsUntil: new Date(meeting.opinionsUntil),
              scheduledAt: new Date(meeting.scheduledAt),
              createdById: meeting.createdBy.userId,
              createdAt: at,
            },
          ],
          skipDuplicates: true,
        });
        if (created.count === 0) return;
        await audit.append(
          tx,
          meetingStream(meeting.meetingId),
          [
            {
              actor: meeting.createdBy,
              action: 'meeting.created',
              entityType: 'meeting',
              entityId: meeting.meetingId,
              after: { title: meeting.title },
            },
          ],
          at,
        );
        // Residents of the community hear that opinions are open (会前征集).
        const residents = await tx.user.findMany({
          where: {
            role: 'resident',
            active: true,
            ...(meeting.communityId ? { compound: { communityId: meeting.communityId } } : {}),
          },
          select: { id: true },
        });
        await recordMatterNotices(tx, {
          entityId: meeting.meetingId,
          stepKey: `${meeting.meetingId}:opinions`,
          notices: residents.map((r) => ({
            target: { to: 'user' as const, userId: r.id },
            kind: 'info' as const,
            title: `${meeting.title}：征集居民意见`,
            body: `欢迎在 ${formatLocalDate(meeting.opinionsUntil)} 前提出您对小区管理的意见和建议。`,
          })),
          at,
          channels: [],
          entityType: 'meeting',
        });
      });
    },

    async recordMeetingOpinion(input: RecordOpinionInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const created = await tx.meetingOpinion.createMany({
          data: [
            {
              id: input.opinionId,
              meetingId: input.meetingId,
              source: input.source,
              text: input.text,
              residentId: input.actor.role === 'resident' ? input.actor.userId : null,
              createdAt: new Date(input.at),
            },
          ],
          skipDuplicates: true,
        });
        if (created.count > 0)
          await audit.append(
            tx,
            meetingStream(input.meetingId),
            [
              {
                actor: input.actor,
                action: 'meeting.opinion',
                entityType: 'meeting',
                entityId: input.meetingId,
                after: { source: input.source },
              },
            ],
            new Date(input.at),
          );
      });
    },

    async recordMeetingPhase(input: RecordMeetingPhaseInput): Promise<void> {
      const at = new Date(input.at);
      await prisma.$transaction(async (tx) => {
        const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: input.meetingId } });
        if (meeting.phase === input.phase) return;
        if (input.gatherAgenda) {
          // 会前 agenda: every open matter of the community joins the opinions, once.
          const open = await tx.matter.findMany({
            where: {
              status: { in: [...OPEN_MATTER_STATUSES] },
              ...(meeting.communityId ? { communityId: meeting.communityId } : {}),
            },
            select: { id: true, number: true, category: true, location: true, description: true },
            orderBy: { createdAt: 'asc' },
            take: 50,
          });
          await tx.meetingOpinion.createMany({
            data: open.map((m) => ({
              id: `${input.meetingId}:matter:${m.id}`,
              meetingId: input.meetingId,
              source: 'open_matter',
              text: `${m.number} ${MATTER_CATEGORY_LABELS[m.category as MatterCategory]?.zh ?? m.category}·${m.location}：${m.description}`,
              matterId: m.id,
              createdAt: at,
            })),
            skipDuplicates: true,
          });
        }
        if (input.held) {
          await tx.meetingResolution.createMany({
            data: input.held.resolutions.map((r) => ({
              id: `${input.meetingId}:${r.seq}`,
              meetingId: input.meetingId,
              seq: r.seq,
              text: r.text,
              matterId: r.matterId,
              dueOn: new Date(`${r.dueOn}T00:00:00Z`),
            })),
            skipDuplicates: true,
          });
        }
        await tx.meeting.update({
          where: { id: input.meetingId },
          data: {
            phase: input.phase,
            ...(input.held
              ? { heldAt: at, attendance: json(input.held.attendance), minutes: input.held.minutes }
              : {}),
            ...(input.feedback !== undefined
              ? { feedback: input.feedback, feedbackAt: at, closedAt: at }
              : {}),
          },
        });
        await audit.append(
          tx,
          meetingStream(input.meetingId),
          [
            {
              actor: input.actor,
              action: `meeting.${input.phase}`,
              entityType: 'meeting',
              entityId: input.meetingId,
              after: input.held
                ? { resolutions: input.held.resolutions.length }
                : input.feedback !== undefined
                  ? { feedback: input.feedback }
                  : {},
            },
          ],
          at,
        );
        if (input.feedback !== undefined) {
          // 会后反馈: the community's residents read what was decided and where each resolution stands.
          const residents = await tx.user.findMany({
            where: {
              role: 'resident',
              active: true,
              ...(meeting.communityId ? { compound: { communityId: meeting.communityId } } : {}),
            },
            select: { id: true },
          });
          await recordMatterNotices(tx, {
            entityId: input.meetingId,
            stepKey: `${input.meetingId}:feedback`,
            notices: residents.map((r) => ({
              target: { to: 'user' as const, userId: r.id },
              kind: 'info' as const,
              title: `${meeting.title}：会后反馈`,
              body: input.feedback!,
            })),
            at,
            channels: [],
            entityType: 'meeting',
          });
        }
      });
    },

    /** 会后: every resolution's matter is closed; the working group is asked to publish the feedback. */
    async noteMeetingResolutionsClosed(input: { meetingId: string; at: number }): Promise<void> {
      const meeting = await prisma.meeting.findUniqueOrThrow({ where: { id: input.meetingId } });
      await prisma.$transaction((tx) =>
        recordMatterNotices(tx, {
          entityId: input.meetingId,
          stepKey: `${input.meetingId}:resolved`,
          notices: [
            {
              target: { to: 'coordinators' },
              kind: 'info',
              title: `${meeting.title}：议定事项已全部办结`,
              body: '请发布会后反馈，向居民通报议定事项的办理结果。',
            },
          ],
          at: new Date(input.at),
          channels: [],
          entityType: 'meeting',
        }),
      );
    },
  };
}
