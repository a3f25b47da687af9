// The live part of the demo's governance loop (the history is in the seed): the 56th 群众诉求, assigned
// to 祥顺物业, and this month's 四方联席 meeting of 锦水园社区 collecting opinions. Started through the same workflows the API drives; safe to run again.
import type { PrismaClient } from '@pilot/db';
import {
  DAY_MS,
  HOUR_MS,
  MATTER_RULES_1,
  defaultCalendarRelease,
  localDateParts,
  localMidnight,
  releaseWorkingCalendar,
} from '@pilot/domain';
import { startMatter, startMeeting } from '@pilot/workflows/client';
import { matterWorkflowId, meetingWorkflowId } from '@pilot/workflows/messages';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';

const LIVE_MATTER_ID = 'mt-demo-live-1';

async function nextNumber(prisma: PrismaClient, at: number): Promise<string> {
  const [row] = await prisma.$queryRaw<Array<{ n: bigint }>>`SELECT nextval('matter_number_seq') AS n`;
  return `SX${localDateParts(at).year}-${String(row!.n).padStart(5, '0')}`;
}

export async function startLiveGovernance(
  prisma: PrismaClient,
  client: Client,
  taskQueue: string,
): Promise<string[]> {
  // The worker starts after this script (in the API), so nothing here waits for a workflow to
  // answer: the matter starts already assigned to the firm, and the meeting just starts.
  const started: string[] = [];
  const now = Date.now();
  if (!(await running(client, matterWorkflowId(LIVE_MATTER_ID)))) {
    await startMatter(client, taskQueue, {
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
      assignee: { kind: 'firm', firmId: 'firm-xiangshun' },
      resolveBy: null,
      rules: MATTER_RULES_1,
      calendar: releaseWorkingCalendar(defaultCalendarRelease()),
      createdBy: { userId: 'usr-resident-han', role: 'resident', requestId: null },
    });
    started.push('1 matter for 祥顺物业 to accept');
  }

  const { year, month } = localDateParts(now);
  const monthKey = `${year}-${String(month).padStart(2, '0')}`;
  // The id a meeting of this community and month gets from the API: the demo's is the real one.
  const meetingId = `mtg-com-jinshuiyuan-${monthKey}`;
  if (!(await running(client, meetingWorkflowId(meetingId)))) {
    // The window closes on the 20th (or a week from today late in the month), the meeting follows.
    const opinionsUntil = Math.max(localMidnight(year, month, 20) + 18 * HOUR_MS, now + 7 * DAY_MS);
    await startMeeting(client, taskQueue, {
      meetingId,
      title: `锦水园社区${month}月四方联席会议`,
      communityId: 'com-jinshuiyuan',
      month: `${monthKey}-01`,
      opinionsUntil,
      scheduledAt: opinionsUntil + 5 * DAY_MS - 3 * HOUR_MS,
      createdBy: { userId: 'usr-coord-wang', role: 'coordinator', requestId: null },
    });
    started.push(`the ${monthKey} meeting collecting opinions`);
  }
  return started;
}

/** Whether a workflow of this id was ever started (running or finished). */
async function running(client: Client, workflowId: string): Promise<boolean> {
  try {
    await client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}
