// The live part of the demo's governance loop (the history is in the seed): the 56th 群众诉求 being
// handled jointly by 祥顺物业 and the enforcement squad, and this month's 四方联席 meeting of 锦水园社区
// collecting opinions. Started through the same workflows the API drives; safe to run again.
import type { PrismaClient } from '@pilot/db';
import {
  DAY_MS,
  HOUR_MS,
  MATTER_RULES_1,
  defaultCalendarRelease,
  formatLocalDate,
  localDateParts,
  localMidnight,
  releaseWorkingCalendar,
  type Actor,
} from '@pilot/domain';
import { startMatter, startMeeting } from '@pilot/workflows/client';
import {
  acceptMatterUpdate,
  assignMatterUpdate,
  joinMatterUpdate,
  matterRecordedUpdate,
  matterStateQuery,
  meetingRecordedUpdate,
} from '@pilot/workflows/messages';
import type { Client } from '@temporalio/client';

const LIVE_MATTER_ID = 'mt-demo-live-1';
const coordinator: Actor = { userId: 'usr-coord-wang', role: 'coordinator' };
const firm: Actor = { userId: 'usr-firm-xiangshun', role: 'firm', firmId: 'firm-xiangshun' };

async function nextNumber(prisma: PrismaClient, at: number): Promise<string> {
  const [row] = await prisma.$queryRaw<Array<{ n: bigint }>>`SELECT nextval('matter_number_seq') AS n`;
  return `SX${localDateParts(at).year}-${String(row!.n).padStart(5, '0')}`;
}

export async function startLiveGovernance(
  prisma: PrismaClient,
  client: Client,
  taskQueue: string,
): Promise<string[]> {
  const started: string[] = [];
  const now = Date.now();
  if (!(await prisma.matter.findUnique({ where: { id: LIVE_MATTER_ID } }))) {
    const handle = await startMatter(client, taskQueue, {
      matterId: LIVE_MATTER_ID,
      number: await nextNumber(prisma, now),
      source: 'resident',
      compoundId: 'cmp-meiguijiayuan',
      communityId: 'com-jinshuiyuan',
      firmId: 'firm-xiangshun',
      category: 'ev_charging',
      urgency: 'ordinary',
      location: '5号楼地下车库',
      description: '地下车库有人从楼上拉线给电动车充电，存在火灾隐患。',
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
    });
    await handle.executeUpdate(matterRecordedUpdate);
    if ((await handle.query(matterStateQuery)).status === 'reported') {
      await handle.executeUpdate(assignMatterUpdate, {
        args: [
          {
            actor: coordinator,
            category: 'ev_charging',
            urgency: 'ordinary',
            assignee: { kind: 'firm', firmId: 'firm-xiangshun' },
            assigneeName: '祥顺物业',
          },
        ],
        updateId: 'demo-assign',
      });
      await handle.executeUpdate(acceptMatterUpdate, {
        args: [{ actor: firm, unitName: '祥顺物业' }],
        updateId: 'demo-accept',
      });
      await handle.executeUpdate(joinMatterUpdate, {
        args: [
          {
            actor: firm,
            unitName: '祥顺物业',
            parties: [{ partyId: 'pty-zhzf', name: '锦水综合执法中队' }],
            note: '飞线充电需执法中队联合劝导。',
          },
        ],
        updateId: 'demo-join',
      });
    }
    started.push('1 matter in joint handling');
  }

  const { year, month } = localDateParts(now);
  const monthKey = `${year}-${String(month).padStart(2, '0')}`;
  const meetingId = `mtg-demo-live-${monthKey}`;
  if (!(await prisma.meeting.findUnique({ where: { id: meetingId } }))) {
    // The window closes on the 20th (or a week from today late in the month), the meeting follows.
    const opinionsUntil = Math.max(localMidnight(year, month, 20) + 18 * HOUR_MS, now + 7 * DAY_MS);
    const handle = await startMeeting(client, taskQueue, {
      meetingId,
      title: `锦水园社区${month}月四方联席会议`,
      communityId: 'com-jinshuiyuan',
      month: `${monthKey}-01`,
      opinionsUntil,
      scheduledAt: opinionsUntil + 5 * DAY_MS - 3 * HOUR_MS,
      createdBy: { userId: 'usr-coord-wang', role: 'coordinator', requestId: null },
    });
    await handle.executeUpdate(meetingRecordedUpdate);
    started.push(`the ${formatLocalDate(now).slice(0, 7)} meeting collecting opinions`);
  }
  return started;
}
