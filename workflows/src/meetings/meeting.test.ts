// A 四方联席 meeting on the time-skipping server: a resident's opinion in the window, the agenda
// gathered from the community's open matters when it closes, the meeting held with the four sides
// and one resolution that becomes a matter, the resolution followed to closure, the working group
// told, and the feedback published to the residents. RECORD_HISTORIES=meeting keeps it as a fixture.
import {
  MATTER_RULES_1,
  defaultCalendarRelease,
  formatLocalDate,
  releaseWorkingCalendar,
  type Actor,
  type MatterWorkflowInput,
} from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMatter, startMeeting } from '../client.js';
import {
  acceptMatterUpdate,
  addOpinionUpdate,
  answerMatterUpdate,
  confirmMatterUpdate,
  holdMeetingUpdate,
  matterRecordedUpdate,
  matterWorkflowId,
  meetingRecordedUpdate,
  meetingWorkflowId,
  publishFeedbackUpdate,
} from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { saveHistories, writeIndex } from '../test-support/histories.js';
import { DAY, refusedCodes } from '../test-support/pilot-driver.js';

const recording = ['1', 'all', 'meeting'].some((name) =>
  (process.env.RECORD_HISTORIES ?? '').split(',').includes(name),
);
const coordinator: Actor = { userId: 'usr-coord-wang', role: 'coordinator' };
const firm: Actor = { userId: 'usr-firm-xiangshun', role: 'firm', firmId: 'firm-xiangshun' };
const resident: Actor = { userId: 'usr-resident-han', role: 'resident' };

function matter(id: string, over: Partial<MatterWorkflowInput> = {}): MatterWorkflowInput {
  return {
    matterId: id,
    number: `SX-M-${id}`,
    source: 'resident',
    compoundId: 'cmp-meiguijiayuan',
    communityId: 'com-jinshuiyuan',
    firmId: 'firm-xiangshun',
    category: 'parking',
    urgency: 'ordinary',
    location: '南门',
    description: '南门口车辆乱停，消防通道被占。',
    evidenceIds: [],
    reporterId: 'usr-resident-han',
    callerName: null,
    callerPhone: null,
    patrolVisitId: null,
    meetingId: null,
    assignee: null,
    resolveBy: null,
    rules: MATTER_RULES_1,
    calendar: releaseWorkingCalendar(defaultCalendarRelease()),
    createdBy: { userId: 'usr-resident-han', role: 'resident', requestId: null },
    ...over,
  };
}

describe('the 四方联席 meeting workflow on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('collects opinions, gathers the agenda, holds the meeting, follows its resolution and publishes the feedback', async () => {
    const meetingId = 'mtg-test-1';
    await h.run(async () => {
      const p = h.db.prisma;
      const now = await h.env.currentTimeMs();
      // An open matter of the community: it joins the agenda when the window closes.
      const open = await startMatter(h.env.client, h.taskQueue, matter('mt-open-parking'));
      await open.executeUpdate(matterRecordedUpdate);

      const handle = await startMeeting(h.env.client, h.taskQueue, {
        meetingId,
        title: '锦水园社区12月四方联席会议',
        communityId: 'com-jinshuiyuan',
        month: `${formatLocalDate(now).slice(0, 7)}-01`,
        opinionsUntil: now + 3 * DAY,
        scheduledAt: now + 5 * DAY,
        createdBy: { userId: 'usr-coord-wang', role: 'coordinator', requestId: null },
      });
      expect((await handle.executeUpdate(meetingRecordedUpdate)).phase).toBe('opinions');
      // Residents were asked for opinions (会前征集).
      expect(await p.notification.count({ where: { entityId: meetingId, userId: 'usr-resident-han' } })).toBe(
        1,
      );
      await handle.executeUpdate(addOpinionUpdate, {
        args: [
          { actor: resident, opinionId: 'op-1', source: 'resident', text: '希望规划电动车集中充电区。' },
        ],
      });
      expect(
        await refusedCodes(
          handle.executeUpdate(addOpinionUpdate, {
            args: [{ actor: resident, opinionId: 'op-2', source: 'grid', text: '网格员走访记录' }],
          }),
        ),
      ).toEqual(['role_not_allowed']);

      await h.env.sleep(3 * DAY + 60_000);
      const gathered = await p.meeting.findUniqueOrThrow({
        where: { id: meetingId },
        include: { opinions: true },
      });
      expect(gathered.phase).toBe('meeting');
      expect(gathered.opinions.map((o) => o.source).sort()).toEqual(['open_matter', 'resident']);
      expect(
        await refusedCodes(
          handle.executeUpdate(addOpinionUpdate, {
            args: [{ actor: resident, opinionId: 'op-3', source: 'resident', text: '晚了吗？' }],
          }),
        ),
      ).toEqual(['opinions_closed']);

      const dueOn = formatLocalDate(now + 10 * DAY);
      const resolution = matter('mt-resolution-1', {
        source: 'meeting',
        meetingId,
        reporterId: null,
        category: 'ev_charging',
        location: '3号楼北侧空地',
        description: '议定：物业在3号楼北侧建设电动车集中充电区，社区协调供电。',
        assignee: { kind: 'firm', firmId: 'firm-xiangshun' },
        resolveBy: now + 11 * DAY,
        createdBy: { userId: 'usr-coord-wang', role: 'coordinator', requestId: null },
      });
      const held = await handle.executeUpdate(holdMeetingUpdate, {
        args: [
          {
            actor: coordinator,
            attendance: {
              subdistrict: ['王志刚'],
              community: ['李秀梅'],
              owners: ['赵国华', '韩秀英'],
              firm: ['祥顺物业 项目经理'],
            },
            minutes: '会议听取了居民意见，议定建设电动车集中充电区。',
            resolutions: [{ text: '建设电动车集中充电区', dueOn, matter: resolution }],
          },
        ],
      });
      expect(held).toEqual({ meetingId, phase: 'follow_up', resolutions: 1, openResolutions: 1 });
      // The resolution is a matter of its own, assigned to the firm with the meeting's deadline.
      const resolutionMatter = h.env.client.workflow.getHandle(matterWorkflowId('mt-resolution-1'));
      await resolutionMatter.executeUpdate(matterRecordedUpdate);
      expect(await p.matter.findUniqueOrThrow({ where: { id: 'mt-resolution-1' } })).toMatchObject({
        source: 'meeting',
        meetingId,
        status: 'assigned',
        resolveBy: new Date(now + 11 * DAY),
      });
      expect(
        await refusedCodes(
          handle.executeUpdate(holdMeetingUpdate, {
            args: [
              {
                actor: coordinator,
                attendance: { subdistrict: ['a'], community: ['b'], owners: ['c'], firm: ['d'] },
                minutes: '再开一次会议记录内容',
                resolutions: [],
              },
            ],
          }),
        ),
      ).toEqual(['meeting_already_held']);

      await resolutionMatter.executeUpdate(acceptMatterUpdate, {
        args: [{ actor: firm, unitName: '祥顺物业' }],
      });
      await resolutionMatter.executeUpdate(answerMatterUpdate, {
        args: [{ actor: firm, unitName: '祥顺物业', note: '充电区已建成，12个车位。', evidenceIds: [] }],
      });
      await resolutionMatter.executeUpdate(confirmMatterUpdate, {
        args: [{ actor: coordinator, solved: true, rating: 5, note: '现场复核，已投入使用。' }],
      });
      await resolutionMatter.result();
      // The working group is told every resolution is closed, and publishes the feedback.
      await h.env.sleep(60_000);
      expect(await p.notification.count({ where: { entityId: meetingId, userId: 'usr-coord-wang' } })).toBe(
        1,
      );
      const closed = await handle.executeUpdate(publishFeedbackUpdate, {
        args: [{ actor: coordinator, feedback: '12月议定的电动车集中充电区已建成投用，感谢居民的意见。' }],
      });
      expect(closed.phase).toBe('closed');
      expect(await handle.result()).toEqual({
        meetingId,
        phase: 'closed',
        resolutions: 1,
        openResolutions: 0,
      });
      const row = await p.meeting.findUniqueOrThrow({
        where: { id: meetingId },
        include: { resolutions: true },
      });
      expect(row).toMatchObject({ phase: 'closed', minutes: expect.stringContaining('充电区') });
      expect(row.resolutions).toHaveLength(1);
      expect(await p.notification.count({ where: { entityId: meetingId, userId: 'usr-resident-han' } })).toBe(
        2,
      );
      expect(await p.auditLog.count({ where: { stream: `meeting:${meetingId}` } })).toBe(5);
    });
    if (recording) {
      const workflowId = meetingWorkflowId(meetingId);
      const { runId } = await h.env.client.workflow.getHandle(workflowId).describe();
      await writeIndex(await saveHistories(h.env.client, 'meeting', workflowId, [runId]));
    }
  });
});
