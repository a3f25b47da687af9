// The governance closed loop's history for the demo, as a subdistrict would bring in its paper
// ledgers: months of closed matters (群众诉求 56 collected, 55 solved with the last one still being
// handled live; 92% satisfied), 64 patrols with 160+ findings rectified, and 21 四方联席 meetings with
// their resolutions. Deterministic from the "as of" day; finished processes are records only.
import {
  DAY_MS,
  HOUR_MS,
  MATTER_CATEGORIES,
  MATTER_RULES_1,
  PATROL_TOPICS,
  addLocalDays,
  fnv1a64,
  localDateParts,
  defaultCalendarRelease,
  localMidnight,
  releaseWorkingCalendar,
  spreadPatrolDates,
  workingDayTest,
  workingDaysOfMonth,
  startOfLocalDay,
  type MatterCategory,
  type MatterEventKind,
  type MatterSource,
} from '@pilot/domain';
import { DEMO_COMMUNITIES, DEMO_COMPOUNDS, DEMO_PARTIES } from './demo-data.js';

/** 群众诉求 in the history; the 56th is started live by the demo import (apps/worker). */
export const DEMO_HISTORY_REQUESTS = 55;
/** Rated requests and how many of them rated 4 or 5 stars: 46 of 50 is the article's 92%. */
export const DEMO_RATED_REQUESTS = 50;
export const DEMO_SATISFIED_REQUESTS = 46;
/** Every twelfth request (from the sixth) is one of the unsatisfied four: ~9 requests a month apart. */
const UNHAPPY_EVERY = 12;
export const DEMO_PATROL_VISITS = 64;
export const DEMO_MEETINGS = 21;

export interface DemoMatterRow {
  id: string;
  number: string;
  workflowId: string;
  source: MatterSource;
  patrolVisitId: string | null;
  meetingId: string | null;
  compoundId: string | null;
  communityId: string;
  firmId: string | null;
  category: MatterCategory;
  urgency: 'urgent' | 'ordinary';
  location: string;
  description: string;
  reporterId: string | null;
  callerName: string | null;
  callerPhone: string | null;
  status: 'closed';
  assigneeKind: 'firm' | 'party';
  assigneeFirmId: string | null;
  assigneePartyId: string | null;
  assignedAt: Date;
  acceptBy: Date;
  acceptedAt: Date;
  acceptedInTime: boolean;
  resolveBy: Date;
  answeredAt: Date;
  resolvedInTime: boolean;
  closedAt: Date;
  closeKind: 'rated' | 'confirmed' | 'auto';
  rating: number | null;
  ratingComment: string | null;
  solved: boolean;
  ruleVersion: number;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoMatterEvent {
  id: string;
  matterId: string;
  seq: number;
  kind: MatterEventKind;
  at: Date;
  actorId: string | null;
  actorRole: string;
  actorUnit: string | null;
  note: string | null;
  public: boolean;
}

export interface DemoGovernance {
  matters: DemoMatterRow[];
  events: DemoMatterEvent[];
  plans: Array<{ id: string; month: Date; title: string; createdById: string; createdAt: Date }>;
  visits: Array<{
    id: string;
    planId: string;
    compoundId: string;
    plannedOn: Date;
    status: 'done' | 'planned';
    patrollers: string[];
    note: string | null;
    doneAt: Date | null;
    doneById: string | null;
    findingCount: number;
  }>;
  meetings: Array<{
    id: string;
    workflowId: string;
    communityId: string | null;
    month: Date;
    title: string;
    phase: 'closed';
    opinionsUntil: Date;
    scheduledAt: Date;
    heldAt: Date;
    attendance: Record<string, string[]>;
    minutes: string;
    feedback: string;
    feedbackAt: Date;
    closedAt: Date;
    createdById: string;
    createdAt: Date;
  }>;
  opinions: Array<{
    id: string;
    meetingId: string;
    source: string;
    text: string;
    residentId: string | null;
    createdAt: Date;
  }>;
  resolutions: Array<{
    id: string;
    meetingId: string;
    seq: number;
    text: string;
    matterId: string;
    dueOn: Date;
  }>;
}

/** A number from 0 to n-1 that depends only on the key. */
function pick(key: string, n: number): number {
  return Number(BigInt(`0x${fnv1a64(key)}`) % BigInt(n));
}

const PLACES = [
  '1号楼东侧',
  '3号楼北侧空地',
  '南门岗亭',
  '地下车库入口',
  '中心花园',
  '5号楼2单元',
  '西侧围墙',
  '垃圾分类亭',
];
const PROBLEMS: Record<MatterCategory, string> = {
  sanitation: '垃圾清运不及时，有异味。',
  greening: '绿地杂草多，灌木长时间未修剪。',
  parking: '车辆乱停乱放，占用消防通道。',
  facilities: '路灯损坏，夜间照明不足。',
  ev_charging: '有居民从楼上拉线给电动车充电。',
  drainage: '雨后积水，排水口堵塞。',
  security: '单元门禁损坏，外来人员随意进出。',
  noise: '夜间装修噪音扰民。',
  building: '楼道墙皮脱落，扶手松动。',
  service: '物业客服电话长时间无人接听。',
  other: '小区公告栏信息长期未更新。',
};
const ANSWERS: Record<MatterCategory, string> = {
  sanitation: '已增加清运频次至每日两次，并对垃圾亭消杀。',
  greening: '已组织绿化班组修剪，补种草皮。',
  parking: '已施划停车位，安排秩序维护员巡逻。',
  facilities: '已更换灯具并检修线路。',
  ev_charging: '已劝导拆除飞线，引导到集中充电区充电。',
  drainage: '已疏通排水管道，清理雨水篦子。',
  security: '已维修门禁，加强门岗登记。',
  noise: '已约谈装修户，告知施工时间规定。',
  building: '已修补墙面并紧固扶手。',
  service: '已增设值班电话并公示服务时间。',
  other: '已更新公告栏内容。',
};

const at = (ms: number) => new Date(ms);
/** UTC midnight of a local date, which is how a `@db.Date` column stores it. */
const dateColumn = (localMs: number) => new Date(localMs + 8 * HOUR_MS);

/** The first `count` months before the "as of" month, oldest first, as local midnights. */
function monthsBefore(asOf: Date, count: number): number[] {
  const { year, month } = localDateParts(asOf.getTime());
  return Array.from({ length: count }, (_, i) => {
    const back = count - i;
    const total = year * 12 + (month - 1) - back;
    return localMidnight(Math.floor(total / 12), (total % 12) + 1, 1);
  });
}

/** A working-hours instant on day `day` (0-based) of the month starting at `monthStart`. */
function dayTime(monthStart: number, day: number, hour: number): number {
  return addLocalDays(monthStart, day) + hour * HOUR_MS;
}

export function demoGovernance(asOf: Date, firmNames: ReadonlyMap<string, string>): DemoGovernance {
  const out: DemoGovernance = {
    matters: [],
    events: [],
    plans: [],
    visits: [],
    meetings: [],
    opinions: [],
    resolutions: [],
  };
  const compounds = DEMO_COMPOUNDS;
  let serial = 0;
  const residents = ['usr-resident-han', 'usr-resident-feng'];
  const residentCompound: Record<string, string> = {
    'usr-resident-han': 'cmp-meiguijiayuan',
    'usr-resident-feng': 'cmp-donghuyayuan',
  };

  function closedMatter(spec: {
    key: string;
    source: MatterSource;
    compound: (typeof compounds)[number];
    category: MatterCategory;
    collectedAt: number;
    reporterId: string | null;
    rating: number | null;
    closeKind: 'rated' | 'confirmed' | 'auto';
    assignee: { kind: 'firm'; firmId: string } | { kind: 'party'; partyId: string };
    patrolVisitId?: string;
    meetingId?: string;
    description?: string;
    lateAnswer?: boolean;
  }): string {
    serial += 1;
    const id = `mt-demo-${spec.key}`;
    const { compound, category } = spec;
    const urgent = pick(`${spec.key}:urgent`, 8) === 0;
    const assignedAt =
      spec.collectedAt + (spec.source === 'patrol' || spec.source === 'meeting' ? 0 : 2 * HOUR_MS);
    const acceptBy = assignedAt + (urgent ? 2 * HOUR_MS : DAY_MS);
    const acceptedAt = assignedAt + (urgent ? HOUR_MS : (3 + pick(`${spec.key}:acc`, 20)) * HOUR_MS);
    const resolveBy = assignedAt + (urgent ? 1 : 5) * DAY_MS;
    const answeredAt = spec.lateAnswer
      ? resolveBy + DAY_MS
      : acceptedAt + (urgent ? 6 * HOUR_MS : (1 + pick(`${spec.key}:ans`, 3)) * DAY_MS);
    const closedAt =
      spec.closeKind === 'auto'
        ? answeredAt + 3 * DAY_MS
        : answeredAt + (4 + pick(`${spec.key}:cls`, 30)) * HOUR_MS;
    const assigneeName =
      spec.assignee.kind === 'firm'
        ? (firmNames.get(spec.assignee.firmId) ?? spec.assignee.firmId)
        : (DEMO_PARTIES.find((p) => p.id === (spec.assignee as { partyId: string }).partyId)?.name ?? '');
    const location = PLACES[pick(`${spec.key}:place`, PLACES.length)]!;
    const actor = spec.reporterId ?? 'usr-coord-wang';
    const actorRole = spec.reporterId ? 'resident' : 'coordinator';
    out.matters.push({
      id,
      // H: numbered when the paper ledger was brought in, apart from the live sequence.
      number: `SX${localDateParts(spec.collectedAt).year}-H${serial.toString().padStart(4, '0')}`,
      workflowId: `matter:${id}`,
      source: spec.source,
      patrolVisitId: spec.patrolVisitId ?? null,
      meetingId: spec.meetingId ?? null,
      compoundId: compound.id,
      communityId: compound.communityId,
      firmId: compound.firmId,
      category,
      urgency: urgent ? 'urgent' : 'ordinary',
      location,
      description: spec.description ?? PROBLEMS[category],
      reporterId: spec.reporterId,
      callerName: spec.source === 'hotline' || spec.source === 'phone' ? '刘先生' : null,
      callerPhone: spec.source === 'hotline' || spec.source === 'phone' ? '13900001111' : null,
      status: 'closed',
      assigneeKind: spec.assignee.kind,
      assigneeFirmId: spec.assignee.kind === 'firm' ? spec.assignee.firmId : null,
      assigneePartyId: spec.assignee.kind === 'party' ? spec.assignee.partyId : null,
      assignedAt: at(assignedAt),
      acceptBy: at(acceptBy),
      acceptedAt: at(acceptedAt),
      acceptedInTime: acceptedAt <= acceptBy,
      resolveBy: at(resolveBy),
      answeredAt: at(answeredAt),
      resolvedInTime: answeredAt <= resolveBy,
      closedAt: at(closedAt),
      closeKind: spec.closeKind,
      rating: spec.rating,
      ratingComment:
        spec.rating === null ? null : spec.rating >= 4 ? '处理及时，满意。' : '处理了，但还不够彻底。',
      solved: true,
      ruleVersion: MATTER_RULES_1.version,
      createdById: actor,
      createdAt: at(spec.collectedAt),
      updatedAt: at(closedAt),
    });
    const steps: Array<Omit<DemoMatterEvent, 'id' | 'matterId' | 'seq'>> = [
      {
        kind: 'collected',
        at: at(spec.collectedAt),
        actorId: actor,
        actorRole,
        actorUnit: null,
        note: spec.description ?? PROBLEMS[category],
        public: true,
      },
      ...(spec.source === 'patrol' || spec.source === 'meeting'
        ? []
        : [
            {
              kind: 'assigned' as const,
              at: at(assignedAt),
              actorId: 'usr-coord-wang',
              actorRole: 'coordinator',
              actorUnit: assigneeName,
              note: null,
              public: true,
            },
          ]),
      {
        kind: 'accepted',
        at: at(acceptedAt),
        actorId: null,
        actorRole: spec.assignee.kind === 'firm' ? 'firm' : 'party',
        actorUnit: assigneeName,
        note: null,
        public: true,
      },
      {
        kind: 'answered',
        at: at(answeredAt),
        actorId: null,
        actorRole: spec.assignee.kind === 'firm' ? 'firm' : 'party',
        actorUnit: assigneeName,
        note: ANSWERS[category],
        public: true,
      },
      spec.closeKind === 'rated'
        ? {
            kind: 'rated',
            at: at(closedAt),
            actorId: spec.reporterId,
            actorRole: 'resident',
            actorUnit: null,
            note: null,
            public: true,
          }
        : spec.closeKind === 'confirmed'
          ? {
              kind: 'confirmed',
              at: at(closedAt),
              actorId: 'usr-coord-wang',
              actorRole: 'coordinator',
              actorUnit: null,
              note: spec.source === 'patrol' ? '复查合格，销号。' : '回访确认已解决。',
              public: true,
            }
          : {
              kind: 'auto_closed',
              at: at(closedAt),
              actorId: null,
              actorRole: 'system',
              actorUnit: null,
              note: '反映人未在规定时间内评价，系统自动办结。',
              public: true,
            },
    ];
    steps.forEach((step, seq) => out.events.push({ ...step, id: `${id}:${seq}`, matterId: id, seq }));
    return id;
  }

  // ── 群众诉求: 55 closed over the six months before this one ──
  const requestMonths = monthsBefore(asOf, 6);
  const sources: MatterSource[] = ['resident', 'resident', 'resident', 'hotline', 'phone', 'reception'];
  for (let i = 0; i < DEMO_HISTORY_REQUESTS; i += 1) {
    const key = `req-${i + 1}`;
    const monthStart = requestMonths[Math.floor((i * requestMonths.length) / DEMO_HISTORY_REQUESTS)]!;
    const source = sources[pick(`${key}:src`, sources.length)]!;
    const reporterId = source === 'resident' ? residents[pick(`${key}:who`, residents.length)]! : null;
    const compound = reporterId
      ? compounds.find((c) => c.id === residentCompound[reporterId])!
      : compounds[pick(`${key}:cmp`, compounds.length)]!;
    const category = MATTER_CATEGORIES[pick(`${key}:cat`, MATTER_CATEGORIES.length)]!;
    // The first 50 are rated, the other five closed by a follow-up or by themselves. Of the rated, 4
    // got 3 stars, one in each of four months (a month of only unhappy residents would be a story
    // the article does not tell); the rest 4–5 stars.
    const rated = i < DEMO_RATED_REQUESTS && reporterId !== null;
    const unhappy =
      i % UNHAPPY_EVERY === 5 && i < UNHAPPY_EVERY * (DEMO_RATED_REQUESTS - DEMO_SATISFIED_REQUESTS);
    const ratingFor = () => (unhappy ? 3 : 4 + pick(`${key}:stars`, 2));
    const party =
      category === 'noise' || category === 'security'
        ? DEMO_PARTIES.find((p) => p.kind === 'judicial')!
        : null;
    closedMatter({
      key,
      source,
      compound,
      category,
      collectedAt: dayTime(monthStart, pick(`${key}:day`, 26), 9 + pick(`${key}:hour`, 8)),
      reporterId,
      rating: i < DEMO_RATED_REQUESTS ? ratingFor() : null,
      closeKind: rated ? 'rated' : i < DEMO_RATED_REQUESTS ? 'confirmed' : 'auto',
      assignee: party ? { kind: 'party', partyId: party.id } : { kind: 'firm', firmId: compound.firmId },
      lateAnswer: i % 19 === 7,
    });
  }

  // ── 常态化巡查: 8 visits in the pilot's first patrol month, then all 28 compounds twice ──
  const patrolMonths = monthsBefore(asOf, 3);
  let visitsLeft = DEMO_PATROL_VISITS;
  patrolMonths.forEach((monthStart, m) => {
    const monthKey = new Date(monthStart + 8 * HOUR_MS).toISOString().slice(0, 7);
    const planId = `pp-demo-${monthKey}`;
    out.plans.push({
      id: planId,
      month: dateColumn(monthStart),
      title: `${monthKey} 常态化巡查`,
      createdById: 'usr-coord-wang',
      createdAt: at(monthStart - DAY_MS),
    });
    const visiting = m === 0 ? compounds.slice(0, visitsLeft - 2 * compounds.length) : compounds;
    visiting.forEach((compound, v) => {
      visitsLeft -= 1;
      const day = 1 + pick(`${planId}:${compound.id}`, 24);
      const visitId = `pv-demo-${monthKey}-${compound.id}`;
      const findings = 2 + pick(`${visitId}:n`, 2) + (v % 9 === 0 ? 1 : 0);
      const doneAt = dayTime(monthStart, day, 10);
      out.visits.push({
        id: visitId,
        planId,
        compoundId: compound.id,
        plannedOn: dateColumn(addLocalDays(monthStart, day)),
        status: 'done',
        patrollers: [
          '王志刚（街道）',
          `${DEMO_COMMUNITIES.find((c) => c.id === compound.communityId)?.name ?? ''}网格员`,
        ],
        note: null,
        doneAt: at(doneAt),
        doneById: 'usr-coord-wang',
        findingCount: findings,
      });
      for (let f = 0; f < findings; f += 1) {
        const category = PATROL_TOPICS[pick(`${visitId}:${f}`, PATROL_TOPICS.length)]!;
        closedMatter({
          key: `${visitId}-${f}`.replace(/^pv-demo-/, 'pt-'),
          source: 'patrol',
          compound,
          category,
          collectedAt: doneAt + f * 10 * 60_000,
          reporterId: null,
          rating: null,
          closeKind: 'confirmed',
          assignee: { kind: 'firm', firmId: compound.firmId },
          patrolVisitId: visitId,
        });
      }
    });
  });

  // ── this month's plan: every compound on an irregular working day, none visited yet ──
  {
    const { year, month } = localDateParts(asOf.getTime());
    const monthStart = localMidnight(year, month, 1);
    const monthKey = `${year}-${String(month).padStart(2, '0')}`;
    const planId = `pp-demo-${monthKey}`;
    const days = workingDaysOfMonth(
      workingDayTest(releaseWorkingCalendar(defaultCalendarRelease())),
      year,
      month,
    );
    const dates = spreadPatrolDates(
      planId,
      compounds.map((c) => c.id),
      days,
    );
    out.plans.push({
      id: planId,
      month: dateColumn(monthStart),
      title: `${monthKey} 常态化巡查`,
      createdById: 'usr-coord-wang',
      createdAt: at(monthStart - DAY_MS),
    });
    for (const compound of compounds) {
      out.visits.push({
        id: `pv-demo-${monthKey}-${compound.id}`,
        planId,
        compoundId: compound.id,
        plannedOn: new Date(`${dates.get(compound.id)!}T00:00:00Z`),
        status: 'planned',
        patrollers: [],
        note: null,
        doneAt: null,
        doneById: null,
        findingCount: 0,
      });
    }
  }

  // ── 四方联席: each community monthly for four months, and one subdistrict-wide meeting ──
  const meetingMonths = monthsBefore(asOf, 4);
  const meetingSpecs = [
    ...meetingMonths.flatMap((monthStart) =>
      DEMO_COMMUNITIES.map((community) => ({ monthStart, community })),
    ),
    { monthStart: meetingMonths.at(-1)!, community: null },
  ].slice(0, DEMO_MEETINGS);
  meetingSpecs.forEach(({ monthStart, community }, index) => {
    const monthKey = new Date(monthStart + 8 * HOUR_MS).toISOString().slice(0, 7);
    const id = `mtg-demo-${monthKey}-${community?.id ?? 'jinshui'}`;
    const title = `${community?.name ?? '锦水街道'}${Number(monthKey.slice(5))}月四方联席会议`;
    const heldAt = dayTime(monthStart, 20 + (index % 5), 15);
    const resolutions = 1 + pick(`${id}:res`, 3);
    const where = compounds.filter((c) => !community || c.communityId === community.id);
    out.meetings.push({
      id,
      workflowId: `meeting:${id}`,
      communityId: community?.id ?? null,
      month: dateColumn(monthStart),
      title,
      phase: 'closed',
      opinionsUntil: at(dayTime(monthStart, 15, 18)),
      scheduledAt: at(heldAt),
      heldAt: at(heldAt),
      attendance: {
        subdistrict: ['王志刚'],
        community: ['社区书记'],
        owners: ['业主代表2名'],
        firm: ['物业项目经理'],
      },
      minutes: `会议听取会前征集的居民意见 ${3 + pick(`${id}:op`, 5)} 条，逐项研究，议定 ${resolutions} 项。`,
      feedback: `本月议定的 ${resolutions} 项事项均已办结，感谢居民的意见和监督。`,
      feedbackAt: at(heldAt + 20 * DAY_MS),
      closedAt: at(heldAt + 20 * DAY_MS),
      createdById: 'usr-coord-wang',
      createdAt: at(monthStart),
    });
    out.opinions.push({
      id: `${id}:op-1`,
      meetingId: id,
      source: 'resident',
      text: '希望增设电动车集中充电车棚。',
      residentId: null,
      createdAt: at(dayTime(monthStart, 5, 10)),
    });
    out.opinions.push({
      id: `${id}:op-2`,
      meetingId: id,
      source: 'grid',
      text: '网格走访：老人反映楼道照明不足。',
      residentId: null,
      createdAt: at(dayTime(monthStart, 8, 10)),
    });
    for (let r = 0; r < resolutions; r += 1) {
      const compound = where[pick(`${id}:${r}:cmp`, where.length)]!;
      const category = (['ev_charging', 'facilities', 'parking', 'greening'] as const)[
        pick(`${id}:${r}`, 4)
      ]!;
      const text = `${compound.name}：${ANSWERS[category].replace(/^已/, '')}`;
      const matterId = closedMatter({
        key: `${id}-r${r}`.replace(/^mtg-demo-/, 'mr-'),
        source: 'meeting',
        compound,
        category,
        collectedAt: heldAt,
        reporterId: null,
        rating: null,
        closeKind: 'confirmed',
        assignee: { kind: 'firm', firmId: compound.firmId },
        meetingId: id,
        description: `议定：${text}`,
      });
      out.resolutions.push({
        id: `${id}:${r}`,
        meetingId: id,
        seq: r,
        text,
        matterId,
        dueOn: dateColumn(addLocalDays(startOfLocalDay(heldAt), 14)),
      });
    }
  });
  return out;
}
