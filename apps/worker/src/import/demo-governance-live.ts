// The live part of the demo's governance loop (the history is in the seed): the 56th 群众诉求, assigned
// to 祥顺物业, a report to 玫瑰家园's 物业管家, and this month's 四方联席 meeting of 锦水园社区 collecting
// opinions. Started through the same workflows the API drives; safe to run again.
import { DEMO_IDS, type PrismaClient } from '@pilot/db';
import {
  DAY_MS,
  HOUR_MS,
  MATTER_RULES_1,
  defaultCalendarRelease,
  localDateParts,
  localMidnight,
  releaseWorkingCalendar,
  type MatterWorkflowInput,
} from '@pilot/domain';
import { startMatter, startMeeting } from '@pilot/workflows/client';
import { matterWorkflowId, meetingWorkflowId } from '@pilot/workflows/messages';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';

/** What differs between the demo's live matters; the rest is 韩 of 玫瑰家园 reporting. */
interface LiveMatter {
  matterId: string;
  category: MatterWorkflowInput['category'];
  location: string;
  description: string;
}

const LIVE_MATTER: LiveMatter = {
  matterId: 'mt-demo-live-1',
  category: 'ev_charging',
  location: '5号楼地下车库',
  description: '地下车库有人从楼上拉线给电动车充电，存在火灾隐患。',
};

/** 向管家反映: told to 玫瑰家园's steward (the demo traces' `st-mg-1`), which must exist first. */
const STEWARD_MATTER: LiveMatter = {
  matterId: 'mt-demo-steward-1',
  category: 'facilities',
  location: '3号楼1单元楼道',
  description: '3号楼1单元三楼声控灯不亮，晚上老人上下楼看不清台阶。',
};

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
  if (await startLiveMatter(prisma, client, taskQueue, now, LIVE_MATTER)) {
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

/** The report to the steward, after the demo traces named one; false when it was started before. */
export async function startStewardReport(
  prisma: PrismaClient,
  client: Client,
  taskQueue: string,
): Promise<boolean> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: DEMO_IDS.firmUser },
    select: { id: true, displayName: true },
  });
  return startLiveMatter(prisma, client, taskQueue, Date.now(), STEWARD_MATTER, {
    assignmentId: 'st-mg-1',
    userId: user.id,
    name: user.displayName,
  });
}

// The worker starts after this script (in the API), so nothing here waits for a workflow to answer:
// the matter starts already assigned to the firm.
async function startLiveMatter(
  prisma: PrismaClient,
  client: Client,
  taskQueue: string,
  now: number,
  matter: LiveMatter,
  steward: MatterWorkflowInput['steward'] = null,
): Promise<boolean> {
  if (await running(client, matterWorkflowId(matter.matterId))) return false;
  await startMatter(client, taskQueue, {
    matterId: matter.matterId,
    number: await nextNumber(prisma, now),
    source: steward ? 'steward' : 'resident',
    compoundId: DEMO_IDS.compound,
    communityId: DEMO_IDS.community,
    firmId: DEMO_IDS.firm,
    category: matter.category,
    urgency: 'ordinary',
    location: matter.location,
    description: matter.description,
    evidenceIds: [],
    reporterId: 'usr-resident-han',
    callerName: null,
    callerPhone: null,
    patrolVisitId: null,
    meetingId: null,
    steward,
    assignee: { kind: 'firm', firmId: DEMO_IDS.firm },
    resolveBy: null,
    rules: MATTER_RULES_1,
    calendar: releaseWorkingCalendar(defaultCalendarRelease()),
    createdBy: { userId: 'usr-resident-han', role: 'resident', requestId: null },
  });
  return true;
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
