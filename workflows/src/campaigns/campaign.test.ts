// 全面推广 campaign on the time-skipping server: four compounds started in one pass, one refused
// (its firm black-listed after the confirmation) and recorded without stopping the others, a lost
// answer of a start retried by Temporal without a second pilot, then the refused one retried.
import type { StartPilotRequest } from '@pilot/domain';
import { campaignWorkflowId } from '@pilot/domain';
import type { PilotStartOptions } from '@pilot/activities';
import { createPilotWorker, type PilotWorker } from '@pilot/activities/worker';
import { defaultAuditKeyring } from '@pilot/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowBundlePath } from '../bundle-path.js';
import { pilotStarter, retryCampaign, startCampaign } from '../client.js';
import { campaignProgressQuery, pilotWorkflowId, scheduledWorkQueue } from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { saveHistories, writeIndex } from '../test-support/histories.js';
import { actors, startDateIn, startDemoPilot } from '../test-support/pilot-driver.js';

/** One compound in each of four more communities, none of them in a pilot in the seed. */
const COMPOUNDS = [
  { compoundId: 'cmp-binhexiaoqu', firmId: 'firm-jinrun' },
  { compoundId: 'cmp-taiheyuan', firmId: 'firm-hengtai' },
  { compoundId: 'cmp-wenchangyuan', firmId: 'firm-anhe' },
  { compoundId: 'cmp-songheyuan', firmId: 'firm-kangju' },
] as const;
const team = [
  { inspectorId: 'usr-insp-sun', kinds: ['concentrated', 'weekly', 'consolidation'] },
  { inspectorId: 'usr-insp-zhao', kinds: ['monthly', 'quarterly'] },
];
const CAMPAIGN = 'cmpn-test-1';
const recording = ['1', 'all', 'campaign'].some((name) =>
  (process.env.RECORD_HISTORIES ?? '').split(',').includes(name),
);

describe('campaign bulk enrollment on the time-skipping server', () => {
  let h: Harness;
  let worker: PilotWorker;
  const starts: string[] = [];
  beforeAll(async () => {
    h = await createHarness('time-skipping');
    // A worker of our own whose starter loses its first answer for 泰和苑: the pilot starts, the
    // activity fails, Temporal retries it, and the retry must find that pilot instead of a second.
    const taskQueue = `${h.taskQueue}-campaign`;
    const real = pilotStarter(h.env.client, taskQueue);
    let lost = false;
    worker = await createPilotWorker({
      connection: h.env.nativeConnection,
      namespace: h.env.namespace ?? 'default',
      taskQueue,
      scheduledTaskQueue: scheduledWorkQueue(taskQueue),
      workflowBundlePath,
      prisma: h.db.prisma,
      storage: h.storage,
      audit: (await defaultAuditKeyring()).signer,
      startPilot: async (request: StartPilotRequest, options?: PilotStartOptions) => {
        starts.push(request.compoundId);
        const started = await real(request, options);
        if (request.compoundId === 'cmp-taiheyuan' && !lost) {
          lost = true;
          throw new Error('connection reset after the start');
        }
        return started;
      },
    });
    h = { ...h, taskQueue };
  });
  afterAll(async () => h?.close());

  it('starts every compound once, records a refusal with its reason, and retries only the failed one', async () => {
    await worker.runUntil(async () => {
      const p = h.db.prisma;
      const origin = await startDemoPilot(h);
      const startDate = await startDateIn(h.env);
      await h.asOwner(async (owner) => {
        await owner.rolloutCampaign.create({
          data: {
            id: CAMPAIGN,
            name: '全面推广（测试）',
            originEnrollmentIds: [origin.enrollmentId],
            invitedFirmIds: COMPOUNDS.map((c) => c.firmId),
            startDate: new Date(`${startDate}T00:00:00Z`),
            catalogueVersionId: '2026.1',
            weeklyCapacity: 6,
            status: 'enrolling',
            confirmedAt: new Date(),
            workflowId: campaignWorkflowId(CAMPAIGN),
            compounds: {
              create: COMPOUNDS.map((c) => ({
                compoundId: c.compoundId,
                firmId: c.firmId,
                originEnrollmentId: origin.enrollmentId,
                inspectorAssignments: team,
              })),
            },
          },
        });
        // 康居物业 lands on the black list after the confirmation: its start is refused.
        await owner.firmListEntry.create({
          data: {
            id: 'fle-test-kangju',
            firmId: 'firm-kangju',
            list: 'black',
            status: 'listed',
            rule: 'manual',
            evidence: {},
            decisionReason: '测试',
            effectiveFrom: new Date('2020-01-01T00:00:00Z'),
          },
        });
      });

      const input = {
        campaignId: CAMPAIGN,
        compoundIds: COMPOUNDS.map((c) => c.compoundId),
        actor: actors.coordinator,
      };
      const handle = await startCampaign(h.env.client, h.taskQueue, input);
      // A repeated confirmation finds the same run.
      const again = await startCampaign(h.env.client, h.taskQueue, input);
      expect(again.firstExecutionRunId).toBe(handle.firstExecutionRunId);

      const settled = async (done: (rows: Awaited<ReturnType<typeof rowsOf>>) => boolean) => {
        for (let i = 0; i < 300; i++) {
          const rows = await rowsOf();
          const live = await handle.query(campaignProgressQuery);
          if (!live.running && done(rows)) return rows;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`campaign did not settle: ${JSON.stringify(await rowsOf())}`);
      };
      const rowsOf = () =>
        p.campaignCompound.findMany({ where: { campaignId: CAMPAIGN }, orderBy: { compoundId: 'asc' } });

      const first = await settled((rows) => rows.every((r) => r.state !== 'planned'));
      const stateOf = (rows: typeof first, id: string) => rows.find((r) => r.compoundId === id)!;
      expect(stateOf(first, 'cmp-songheyuan')).toMatchObject({
        state: 'failed',
        enrollmentId: null,
        attempts: 1,
      });
      expect(stateOf(first, 'cmp-songheyuan').failure).toMatchObject([{ code: 'firm_black_listed' }]);
      for (const id of ['cmp-binhexiaoqu', 'cmp-taiheyuan', 'cmp-wenchangyuan']) {
        expect(stateOf(first, id)).toMatchObject({
          state: 'started',
          enrollmentId: `enr-${id}`,
          failure: null,
        });
      }
      // The lost answer: two starts of 泰和苑, one pilot, counted as one attempt.
      expect(starts.filter((id) => id === 'cmp-taiheyuan')).toHaveLength(2);
      expect(stateOf(first, 'cmp-taiheyuan').attempts).toBe(1);
      expect(await p.enrollment.count({ where: { compoundId: 'cmp-taiheyuan' } })).toBe(1);
      // The new pilots link to their origin and to the campaign.
      const enrolled = await p.enrollment.findMany({
        where: { campaignId: CAMPAIGN },
        orderBy: { id: 'asc' },
      });
      expect(enrolled.map((e) => [e.compoundId, e.originEnrollmentId])).toEqual([
        ['cmp-binhexiaoqu', origin.enrollmentId],
        ['cmp-taiheyuan', origin.enrollmentId],
        ['cmp-wenchangyuan', origin.enrollmentId],
      ]);
      expect(await p.enrollment.count({ where: { compoundId: 'cmp-songheyuan' } })).toBe(0);
      expect((await p.rolloutCampaign.findUniqueOrThrow({ where: { id: CAMPAIGN } })).status).toBe(
        'enrolled',
      );
      const audited = await p.auditLog.findMany({
        where: { stream: `campaign:${CAMPAIGN}` },
        orderBy: { seq: 'asc' },
      });
      expect(audited.map((a) => a.action).sort()).toEqual(
        [
          'campaign.compound_started',
          'campaign.compound_started',
          'campaign.compound_started',
          'campaign.compound_failed',
          'campaign.enrolled',
        ].sort(),
      );

      // The listing ends; the retry starts 松鹤苑 and nothing else, however often it is asked.
      await h.asOwner((owner) =>
        owner.firmListEntry.update({ where: { id: 'fle-test-kangju' }, data: { status: 'ended' } }),
      );
      const startsBefore = starts.length;
      const request = { actor: actors.coordinator, compoundIds: input.compoundIds };
      await retryCampaign(h.env.client, h.taskQueue, input, request);
      await retryCampaign(h.env.client, h.taskQueue, input, request);
      const second = await settled((rows) => rows.every((r) => r.state === 'started'));
      expect(stateOf(second, 'cmp-songheyuan')).toMatchObject({
        state: 'started',
        enrollmentId: 'enr-cmp-songheyuan',
        failure: null,
        attempts: 2,
      });
      expect(starts.slice(startsBefore)).toEqual(['cmp-songheyuan']);
      for (const c of COMPOUNDS) {
        expect(await p.enrollment.count({ where: { compoundId: c.compoundId } })).toBe(1);
        await h.env.client.workflow.getHandle(pilotWorkflowId(c.compoundId)).describe();
      }
      // With nothing left to retry the campaign's run ends, enrolled.
      const result = await handle.result();
      expect(result.compounds.map((c) => c.state)).toEqual(['started', 'started', 'started', 'started']);
      expect((await p.rolloutCampaign.findUniqueOrThrow({ where: { id: CAMPAIGN } })).status).toBe(
        'enrolled',
      );
    });
    if (recording) {
      // The run that took the refusal, the signal and the retry: replay pins all three paths.
      const workflowId = campaignWorkflowId(CAMPAIGN);
      const { runId } = await h.env.client.workflow.getHandle(workflowId).describe();
      await writeIndex(await saveHistories(h.env.client, 'campaign', workflowId, [runId]));
    }
  });
});
