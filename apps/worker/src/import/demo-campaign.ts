// 全面推广 in the demo: the article's rollout from 玫瑰家园 (the origin pilot, 祥顺物业) to the
// 拟达标 firms of the four other communities, convened at a deployment meeting, one compound per
// community — two to run as 试点小区 and two to be built up as 示范小区. The campaign is drafted and
// confirmed as the working group would, then its own workflow starts the four pilots (linked to
// 玫瑰家园); this only starts it, the pilots' months lie ahead of them.
import {
  appendAudit,
  defaultAuditKeyring,
  DEMO_IDS,
  firmsListedOn,
  jsonValue,
  type PrismaClient,
} from '@pilot/db';
import {
  campaignDraftSchema,
  campaignWorkflowId,
  formatLocalDate,
  type InspectorAssignment,
} from '@pilot/domain';
import { startCampaign } from '@pilot/workflows/client';
import type { Client } from '@temporalio/client';

export const DEMO_CAMPAIGN_ID = 'campaign-demo-rollout';

const team = (lead: string, second: string): InspectorAssignment[] => [
  { inspectorId: lead, kinds: ['concentrated', 'weekly', 'consolidation'] },
  { inspectorId: second, kinds: ['monthly', 'quarterly'] },
];

/**
 * Per community, the compounds that may take part, in order of preference: the first one neither in
 * a pilot nor of a firm on the black list today is taken (the demo's 黑榜 depends on its figures).
 */
const CANDIDATES: ReadonlyArray<{
  community: string;
  /** 试点小区 or 示范小区, as the meeting decided. */
  aim: 'pilot' | 'demonstration';
  compounds: readonly string[];
  assignments: InspectorAssignment[];
}> = [
  {
    community: '东湖社区',
    aim: 'demonstration',
    compounds: ['cmp-shuianjiayuan', 'cmp-binhexiaoqu', 'cmp-xingfuli'],
    assignments: team('usr-insp-sun', 'usr-insp-zhao'),
  },
  {
    community: '翠屏社区',
    aim: 'pilot',
    compounds: ['cmp-taiheyuan', 'cmp-jiaoshigongyu', 'cmp-cuipingmingzhu'],
    assignments: team('usr-insp-ma', 'usr-insp-gao'),
  },
  {
    community: '书院社区',
    aim: 'demonstration',
    compounds: ['cmp-shuxiangmingdi', 'cmp-heshunxiaoqu', 'cmp-wenchangyuan'],
    assignments: team('usr-insp-zhao', 'usr-insp-sun'),
  },
  {
    community: '南山社区',
    aim: 'pilot',
    compounds: ['cmp-nanshanhuafu', 'cmp-fuxingjiayuan', 'cmp-nanshanxincun'],
    assignments: team('usr-insp-gao', 'usr-insp-ma'),
  },
];

const DAY_MS = 86_400_000;

/**
 * Drafts, confirms and starts the demo campaign unless it exists; returns its compounds' names, or
 * null when it was there already (a confirmed campaign's workflow is made sure of: the start finds
 * the running one).
 */
export async function importDemoCampaign(
  prisma: PrismaClient,
  client: Client,
  taskQueue: string,
  nowMs: number,
): Promise<string[] | null> {
  const actor = { userId: DEMO_IDS.coordinator, role: 'coordinator' as const };
  const existing = await prisma.rolloutCampaign.findUnique({
    where: { id: DEMO_CAMPAIGN_ID },
    include: { compounds: { select: { compoundId: true }, orderBy: { compoundId: 'asc' } } },
  });
  if (existing && existing.status !== 'draft') {
    if (existing.status === 'enrolling') {
      await startCampaign(client, taskQueue, {
        campaignId: existing.id,
        compoundIds: existing.compounds.map((c) => c.compoundId),
        actor,
      });
    }
    return null;
  }

  const origin = await prisma.enrollment.findFirstOrThrow({
    where: { compoundId: 'cmp-meiguijiayuan' },
    select: { id: true },
  });
  const today = formatLocalDate(nowMs);
  const candidates = await prisma.compound.findMany({
    where: { id: { in: CANDIDATES.flatMap((c) => c.compounds) }, active: true, enrollments: { none: {} } },
    select: { id: true, name: true, firmId: true, firm: { select: { name: true } } },
  });
  const black = await firmsListedOn(
    prisma,
    'black',
    today,
    candidates.map((c) => c.firmId),
  );
  const picked = CANDIDATES.flatMap((community) => {
    const compound = community.compounds
      .map((id) => candidates.find((c) => c.id === id))
      .find((c) => c !== undefined && !black.has(c.firmId));
    return compound ? [{ ...community, compound }] : [];
  });
  if (picked.length === 0) return null;

  const firmNames = [...new Set(picked.map((p) => p.compound.firm.name))];
  const draft = campaignDraftSchema.parse({
    name: '物业企业激励评价机制全面推广（东湖、翠屏、书院、南山社区）',
    originEnrollmentIds: [origin.id],
    invitedFirmIds: [...new Set(picked.map((p) => p.compound.firmId))],
    meetingOn: formatLocalDate(nowMs - 3 * DAY_MS),
    meetingPlace: '锦水街道办事处三楼会议室',
    meetingAttendees: {
      subdistrict: ['街道工作专班', '街道工作小组检查员'],
      community: picked.map((p) => p.community),
      firms: firmNames,
    },
    meetingMinutes: [
      '召集辖区内拟达标物业企业开会部署，介绍玫瑰家园试点的做法：自查自纠、集中检查，周、月、季专项检查，两轮巩固后建档建册。',
      `本次推广${picked.length}个小区，每个社区一个：${picked
        .map(
          (p) => `${p.compound.name}（${p.community}，${p.aim === 'pilot' ? '试点小区' : '创建示范小区'}）`,
        )
        .join('、')}。`,
      '各企业按玫瑰家园的周检查表开展自查，街道工作小组按计划检查并督促整改。',
    ].join('\n'),
    startDate: today,
    catalogueVersion: '2026.1',
    weeklyCapacity: 6,
    compounds: picked.map((p) => ({ compoundId: p.compound.id, inspectorAssignments: p.assignments })),
  });

  const { signer } = await defaultAuditKeyring();
  const audit = {
    actorId: actor.userId,
    actorRole: actor.role,
    requestId: null,
    stream: campaignWorkflowId(DEMO_CAMPAIGN_ID),
  };
  const at = new Date(nowMs);
  await prisma.$transaction(async (tx) => {
    if (!existing) {
      await tx.rolloutCampaign.create({
        data: {
          id: DEMO_CAMPAIGN_ID,
          name: draft.name,
          originEnrollmentIds: draft.originEnrollmentIds,
          invitedFirmIds: draft.invitedFirmIds,
          meetingOn: new Date(`${draft.meetingOn!}T00:00:00Z`),
          meetingPlace: draft.meetingPlace,
          meetingAttendees: jsonValue(draft.meetingAttendees),
          meetingMinutes: draft.meetingMinutes,
          startDate: new Date(`${draft.startDate}T00:00:00Z`),
          catalogueVersionId: draft.catalogueVersion,
          weeklyCapacity: draft.weeklyCapacity,
          status: 'draft',
          createdById: actor.userId,
          createdAt: new Date(nowMs - 3 * DAY_MS),
        },
      });
      await tx.campaignCompound.createMany({
        data: picked.map((p) => ({
          campaignId: DEMO_CAMPAIGN_ID,
          compoundId: p.compound.id,
          firmId: p.compound.firmId,
          originEnrollmentId: origin.id,
          inspectorAssignments: jsonValue(p.assignments),
        })),
      });
      await appendAudit(tx, signer, {
        ...audit,
        action: 'campaign.draft',
        entityType: 'rollout_campaign',
        entityId: DEMO_CAMPAIGN_ID,
        after: { name: draft.name, compounds: picked.map((p) => p.compound.id) },
        at: new Date(nowMs - 3 * DAY_MS),
      });
    }
    await tx.rolloutCampaign.update({
      where: { id: DEMO_CAMPAIGN_ID },
      data: {
        status: 'enrolling',
        confirmedAt: at,
        confirmedById: actor.userId,
        workflowId: campaignWorkflowId(DEMO_CAMPAIGN_ID),
      },
    });
    await appendAudit(tx, signer, {
      ...audit,
      action: 'campaign.confirm',
      entityType: 'rollout_campaign',
      entityId: DEMO_CAMPAIGN_ID,
      before: { status: 'draft' },
      after: { status: 'enrolling', compounds: picked.map((p) => p.compound.id) },
      at,
    });
  });
  const compoundIds = (
    await prisma.campaignCompound.findMany({
      where: { campaignId: DEMO_CAMPAIGN_ID },
      select: { compoundId: true },
      orderBy: { compoundId: 'asc' },
    })
  ).map((c) => c.compoundId);
  await startCampaign(client, taskQueue, { campaignId: DEMO_CAMPAIGN_ID, compoundIds, actor });
  return picked.map((p) => p.compound.name);
}
