// 全面推广 campaigns: the campaign workflow's activities. Each compound is started through the same
// PilotStarter as a pilot's rollout (the pilot's workflow id derives from the compound, so a second
// start finds the first); its outcome is recorded on the campaign's compound row, which is also
// what makes a retried activity answer the first outcome instead of starting anything again.
import { ApplicationFailure, Context } from '@temporalio/activity';
import { firmsListedOn, jsonValue, Prisma, type PrismaClient } from '@pilot/db';
import {
  auditActor,
  formatLocalDate,
  inspectorAssignmentSchema,
  reason,
  reasonSchema,
  type CampaignCompoundOutcome,
  type EnrollCampaignCompoundInput,
  type Reason,
  type RecordCampaignFailureInput,
  type RecordCampaignStatusInput,
} from '@pilot/domain';
import type { ActivityAudit } from '../pilot/audit-context.js';
import { latestCalendarReleaseRef } from '../pilot/calendar.activities.js';
import type { PilotStarter } from '../pilot/types.js';

/** A campaign's audit stream: its drafting, confirmation and every compound's start. */
export function campaignStream(campaignId: string): string {
  return `campaign:${campaignId}`;
}

interface CompoundRow {
  compoundId: string;
  state: CampaignCompoundOutcome['state'];
  enrollmentId: string | null;
  failure: unknown;
  attempts: number;
}

function outcomeOf(row: CompoundRow): CampaignCompoundOutcome {
  const failure = reasonSchema.array().safeParse(row.failure);
  return {
    compoundId: row.compoundId,
    state: row.state,
    enrollmentId: row.enrollmentId,
    failure: failure.success ? failure.data : null,
    attempts: row.attempts,
  };
}

export function campaignActivities(
  prisma: PrismaClient,
  audit: ActivityAudit,
  startPilot: PilotStarter | undefined,
) {
  const key = (campaignId: string, compoundId: string) => ({
    campaignId_compoundId: { campaignId, compoundId },
  });

  /** Records a compound's outcome (and the campaign id on the new pilot) with its audit entry. */
  async function settle(
    input: { campaignId: string; compoundId: string; actor: EnrollCampaignCompoundInput['actor'] },
    outcome: {
      state: 'started' | 'already_enrolled' | 'failed';
      enrollmentId: string | null;
      failure: Reason[] | null;
    },
  ): Promise<CampaignCompoundOutcome> {
    const at = new Date();
    return prisma.$transaction(async (tx) => {
      if (outcome.state === 'started' && outcome.enrollmentId) {
        // Set once: the pilot's own recordEnrollment does not know the campaign (its input stays as
        // running pilots have it), so the campaign writes it after the start.
        await tx.enrollment.updateMany({
          where: { id: outcome.enrollmentId, campaignId: null },
          data: { campaignId: input.campaignId },
        });
      }
      const row = await tx.campaignCompound.update({
        where: key(input.campaignId, input.compoundId),
        data: {
          state: outcome.state,
          enrollmentId: outcome.enrollmentId,
          // The last failure's reasons; a start that went through clears them.
          failure: outcome.failure ? jsonValue(outcome.failure) : Prisma.DbNull,
        },
      });
      await audit.append(
        tx,
        campaignStream(input.campaignId),
        [
          {
            actor: auditActor(input.actor),
            action: `campaign.compound_${outcome.state}`,
            entityType: 'campaign_compound',
            entityId: `${input.campaignId}:${input.compoundId}`,
            after: {
              compoundId: input.compoundId,
              enrollmentId: outcome.enrollmentId,
              failure: outcome.failure?.map((r) => r.code) ?? null,
              attempts: row.attempts,
            },
          },
        ],
        at,
      );
      return outcomeOf(row);
    });
  }

  return {
    /**
     * Starts one compound's pilot for the campaign, or answers what happened before: a compound
     * already started (or found enrolled elsewhere) is never started twice; a failed one is tried
     * again only when the workflow says it is a retry. Refusals found now (the firm black-listed
     * since the confirmation, the compound given to another firm or deactivated) are recorded as
     * the compound's failure, not thrown, so the other compounds go on.
     */
    async enrollCampaignCompound(input: EnrollCampaignCompoundInput): Promise<CampaignCompoundOutcome> {
      if (!startPilot)
        throw ApplicationFailure.nonRetryable('this worker cannot start pilots', 'Misconfigured');
      const row = await prisma.campaignCompound.findUnique({
        where: key(input.campaignId, input.compoundId),
        include: { campaign: true, compound: true },
      });
      if (!row) {
        throw ApplicationFailure.nonRetryable(
          `campaign ${input.campaignId} has no compound ${input.compoundId}`,
          'CampaignCompoundMissing',
        );
      }
      if (row.state === 'started' || row.state === 'already_enrolled') return outcomeOf(row);
      if (row.state === 'failed' && !input.retry) return outcomeOf(row);
      // Counted once per activity execution (its retries are one attempt of the campaign).
      if (Context.current().info.attempt === 1) {
        await prisma.campaignCompound.update({
          where: key(input.campaignId, input.compoundId),
          data: { attempts: { increment: 1 } },
        });
      }

      const confirmedAt = row.campaign.confirmedAt;
      /** A pilot this campaign started: marked already, or begun after the confirmation from the same origin. */
      const ours = (enrollment: {
        campaignId: string | null;
        originEnrollmentId: string | null;
        createdAt: Date;
      }) =>
        enrollment.campaignId === input.campaignId ||
        (enrollment.campaignId === null &&
          enrollment.originEnrollmentId === row.originEnrollmentId &&
          confirmedAt !== null &&
          enrollment.createdAt >= confirmedAt);

      const existing = await prisma.enrollment.findFirst({ where: { compoundId: input.compoundId } });
      if (existing && !ours(existing)) {
        return settle(input, { state: 'already_enrolled', enrollmentId: existing.id, failure: null });
      }

      if (!existing) {
        const refusals: Reason[] = [];
        const black = await firmsListedOn(prisma, 'black', formatLocalDate(Date.now()), [row.firmId]);
        if (black.has(row.firmId)) {
          refusals.push(
            reason(
              'firm_black_listed',
              '该小区的物业企业已列入黑榜，黑榜期间不能纳入推广。',
              "The compound's firm is on the black list and cannot be rolled out to while listed.",
            ),
          );
        }
        if (row.compound.firmId !== row.firmId) {
          refusals.push(
            reason(
              'firm_does_not_serve_compound',
              '该小区已不由所列物业企业服务。',
              'The compound is no longer served by the firm listed.',
            ),
          );
        }
        if (!row.compound.active) {
          refusals.push(reason('compound_inactive', '该小区已停用。', 'The compound is deactivated.'));
        }
        if (refusals.length > 0)
          return settle(input, { state: 'failed', enrollmentId: null, failure: refusals });
      }

      // Written by the API from the domain's schema when the draft was saved; parsed, not trusted.
      const assignments = inspectorAssignmentSchema.array().parse(row.inspectorAssignments);
      // The wait for the new pilot's first activity may outlast the heartbeat timeout on a busy worker.
      const context = Context.current();
      const beating = setInterval(() => context.heartbeat(), 5_000);
      const started = await startPilot(
        {
          compoundId: input.compoundId,
          firmId: row.firmId,
          startDate: formatLocalDate(row.campaign.startDate.getTime()),
          catalogueVersionId: row.campaign.catalogueVersionId,
          inspectorAssignments: assignments,
          planOverrides: null,
          originEnrollmentId: row.originEnrollmentId,
          enrolledBy: input.actor,
          calendar: await latestCalendarReleaseRef(prisma),
        },
        // The workflow answers once it has written the enrollment: read at once, no polling.
        // Cancelled (a worker's shutdown), it stops waiting; the retry finds the pilot started.
        { awaitRecorded: true, signal: context.cancellationSignal },
      ).finally(() => clearInterval(beating));

      const enrollment = await prisma.enrollment.findUniqueOrThrow({ where: { id: started.enrollmentId } });
      return ours(enrollment)
        ? settle(input, { state: 'started', enrollmentId: enrollment.id, failure: null })
        : settle(input, { state: 'already_enrolled', enrollmentId: enrollment.id, failure: null });
    },

    /** A start that kept failing (the workflow service away, a fault): recorded, the others go on. */
    async recordCampaignFailure(input: RecordCampaignFailureInput): Promise<CampaignCompoundOutcome> {
      const row = await prisma.campaignCompound.findUniqueOrThrow({
        where: key(input.campaignId, input.compoundId),
      });
      // A start that succeeded after all (its answer lost) keeps its outcome.
      if (row.state === 'started' || row.state === 'already_enrolled') return outcomeOf(row);
      return settle(input, { state: 'failed', enrollmentId: null, failure: input.failure });
    },

    /** The campaign's status once a pass over its compounds is done; audited when it changes. */
    async recordCampaignStatus(input: RecordCampaignStatusInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const campaign = await tx.rolloutCampaign.findUniqueOrThrow({ where: { id: input.campaignId } });
        if (campaign.status === input.status) return;
        await tx.rolloutCampaign.update({ where: { id: input.campaignId }, data: { status: input.status } });
        await audit.append(
          tx,
          campaignStream(input.campaignId),
          [
            {
              actor: auditActor(input.actor),
              action: `campaign.${input.status}`,
              entityType: 'rollout_campaign',
              entityId: input.campaignId,
              before: { status: campaign.status },
              after: { status: input.status, counts: input.counts },
            },
          ],
          new Date(input.at),
        );
      });
    },
  };
}
