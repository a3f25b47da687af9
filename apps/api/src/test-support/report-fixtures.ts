// Pilot records written straight into the read model, for tests of dashboards, exports and archives:
// the numbers those aggregate must be known exactly, which running real workflows would not give.
import type { Prisma, PrismaClient } from '@pilot/db';
import { DAY_MS, DEFAULT_CATALOGUE, localDateParts } from '@pilot/domain';

type Stage = 'improvement' | 'consolidation' | 'rollout' | 'withdrawn';
type Kind = 'self' | 'concentrated' | 'weekly' | 'monthly' | 'quarterly' | 'consolidation';

export interface RoundSpec {
  number: number;
  score: number;
  stars: number;
  categoryScores: Array<{ category: string; score: number | null }>;
}

export interface ResultSpec {
  key: string;
  kind: Kind;
  submittedAt: Date;
  pass: number;
  fail: number;
  na?: number;
  assigneeId: string;
}

export interface TaskSpec {
  key: string;
  kind: Kind;
  dueAt: Date;
  status: 'scheduled' | 'open';
  assigneeId: string | null;
}

export interface RectificationSpec {
  id: string;
  status: 'open' | 'responded' | 'reopened' | 'closed' | 'cancelled';
  openedAt: Date;
  deadline: Date;
  closedAt?: Date;
  standardCode?: string;
  finding?: string;
  severity?: 'minor' | 'major' | 'critical';
}

export interface PilotSpec {
  id: string;
  compoundId: string;
  firmId: string;
  stage: Stage;
  phase: string;
  inspectorId: string;
  currentRound?: number;
  latestScore?: number | null;
  starRating?: number | null;
  rounds?: RoundSpec[];
  results?: ResultSpec[];
  tasks?: TaskSpec[];
  rectifications?: RectificationSpec[];
}

const codes = DEFAULT_CATALOGUE.standards.map((standard) => standard.code);

/** Writes one pilot and everything under it; ids derive from the pilot id. */
export async function createPilotRecords(prisma: PrismaClient, spec: PilotSpec): Promise<void> {
  const start = new Date(Date.now() - 120 * DAY_MS);
  await prisma.enrollment.create({
    data: {
      id: spec.id,
      workflowId: `test-${spec.id}`,
      compoundId: spec.compoundId,
      firmId: spec.firmId,
      catalogueVersionId: DEFAULT_CATALOGUE.version,
      stage: spec.stage,
      phase: spec.phase,
      startDate: start,
      plan: {},
      currentRound: spec.currentRound ?? spec.rounds?.length ?? 0,
      latestScore: spec.latestScore ?? null,
      starRating: spec.starRating ?? null,
      assignments: { create: [{ userId: spec.inspectorId, lead: true }] },
    },
  });
  for (const round of spec.rounds ?? []) {
    await prisma.round.create({
      data: {
        id: `${spec.id}:r${round.number}`,
        enrollmentId: spec.id,
        number: round.number,
        kind: round.number === 1 ? 'improvement' : 'consolidation',
        startsAt: new Date(start.getTime() + (round.number - 1) * 90 * DAY_MS),
        endsAt: new Date(start.getTime() + round.number * 90 * DAY_MS),
        status: 'evaluated',
        focusCategories: [],
        keyAreas: [],
        score: round.score,
        starRating: round.stars,
        categoryScores: round.categoryScores as Prisma.InputJsonValue,
        evaluatedAt: new Date(start.getTime() + round.number * 90 * DAY_MS),
      },
    });
  }
  for (const result of spec.results ?? []) {
    const taskId = `${spec.id}:${result.key}`;
    await prisma.inspectionTask.create({
      data: {
        id: taskId,
        enrollmentId: spec.id,
        key: result.key,
        kind: result.kind,
        opensAt: new Date(result.submittedAt.getTime() - DAY_MS),
        dueAt: new Date(result.submittedAt.getTime() + DAY_MS),
        status: 'submitted',
        submittedAt: result.submittedAt,
        assigneeId: result.assigneeId,
      },
    });
    const outcomes = [
      ...Array<'pass'>(result.pass).fill('pass'),
      ...Array<'fail'>(result.fail).fill('fail'),
      ...Array<'na'>(result.na ?? 0).fill('na'),
    ];
    if (outcomes.length > codes.length) throw new Error('more items than standards');
    await prisma.inspectionResult.create({
      data: {
        id: `${taskId}:result`,
        taskId,
        enrollmentId: spec.id,
        submittedById: result.assigneeId,
        catalogueVersionId: DEFAULT_CATALOGUE.version,
        categoryScores: [],
        submittedAt: result.submittedAt,
        items: {
          createMany: {
            data: outcomes.map((outcome, index) => ({
              standardCode: codes[index]!,
              outcome,
              evidenceIds: [],
            })),
          },
        },
      },
    });
  }
  for (const task of spec.tasks ?? []) {
    await prisma.inspectionTask.create({
      data: {
        id: `${spec.id}:${task.key}`,
        enrollmentId: spec.id,
        key: task.key,
        kind: task.kind,
        opensAt: new Date(task.dueAt.getTime() - 7 * DAY_MS),
        dueAt: task.dueAt,
        status: task.status,
        assigneeId: task.assigneeId,
      },
    });
  }
  for (const item of spec.rectifications ?? []) {
    await prisma.rectification.create({
      data: {
        id: item.id,
        enrollmentId: spec.id,
        taskId: `${spec.id}:task`,
        standardCode: item.standardCode ?? 'E-01',
        finding: item.finding ?? '消防控制室值班记录缺失',
        severity: item.severity ?? 'major',
        deadline: item.deadline,
        status: item.status,
        openedAt: item.openedAt,
        closedAt: item.closedAt ?? null,
      },
    });
  }
}

/** First instant of the current Asia/Shanghai month, and `YYYY-MM` of it and the month before. */
export function currentLocalMonth(nowMs = Date.now()): { startMs: number; key: string; previousKey: string } {
  const { year, month } = localDateParts(nowMs);
  const startMs = Date.UTC(year, month - 1, 1) - 8 * 3600_000;
  const previous = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  const key = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
  return { startMs, key: key(year, month), previousKey: key(previous.year, previous.month) };
}

export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY_MS);

/**
 * Three pilots with known figures:
 * - P1 玫瑰家园 (祥顺物业, insp.zhang): consolidation, 4★ 85.5, rounds A/B 70/80 → 90/85; inspections of
 *   62 pass / 38 fail last month and 89 / 11 this month; rectifications closed in 3 days (on time) and
 *   5 days (late), one open past deadline, one responded past deadline; one open task past due.
 * - P2 金桂园 (锦润物业, insp.li): improvement round, 3★ 72, round A/B 60/70; this month 10 / 10 / 5 n.a.;
 *   a reopened item past deadline, an open one not yet due, a cancelled one; one open task past due.
 * - P3 锦水花园 (祥顺物业, insp.li): self-inspection, not rated, nothing else.
 */
export async function seedReportScenario(prisma: PrismaClient): Promise<void> {
  const month = currentLocalMonth();
  const thisMonth = new Date(month.startMs + 3600_000);
  const lastMonth = new Date(month.startMs - 10 * DAY_MS);
  await createPilotRecords(prisma, {
    id: 'enr-test-meigui',
    compoundId: 'cmp-meiguijiayuan',
    firmId: 'firm-xiangshun',
    stage: 'consolidation',
    phase: 'consolidation_round',
    inspectorId: 'usr-insp-zhang',
    latestScore: 85.5,
    starRating: 4,
    rounds: [
      {
        number: 1,
        score: 75,
        stars: 3,
        categoryScores: [
          { category: 'A', score: 70 },
          { category: 'B', score: 80 },
        ],
      },
      {
        number: 2,
        score: 85.5,
        stars: 4,
        categoryScores: [
          { category: 'A', score: 90 },
          { category: 'B', score: 85 },
        ],
      },
    ],
    results: [
      {
        key: 'r1-weekly-01',
        kind: 'weekly',
        submittedAt: lastMonth,
        pass: 62,
        fail: 38,
        assigneeId: 'usr-insp-zhang',
      },
      {
        key: 'r2-weekly-01',
        kind: 'weekly',
        submittedAt: thisMonth,
        pass: 89,
        fail: 11,
        assigneeId: 'usr-insp-zhang',
      },
    ],
    tasks: [
      {
        key: 'r2-weekly-02',
        kind: 'weekly',
        dueAt: daysFromNow(-2),
        status: 'open',
        assigneeId: 'usr-insp-zhang',
      },
    ],
    rectifications: [
      {
        id: 'rect-m1',
        status: 'closed',
        openedAt: daysFromNow(-20),
        deadline: daysFromNow(-15),
        closedAt: daysFromNow(-17),
      },
      {
        id: 'rect-m2',
        status: 'closed',
        openedAt: daysFromNow(-12),
        deadline: daysFromNow(-9),
        closedAt: daysFromNow(-7),
      },
      {
        id: 'rect-m3',
        status: 'open',
        openedAt: daysFromNow(-6),
        deadline: daysFromNow(-2),
        finding: '=电梯维保记录缺两次, "年检"标志过期',
        severity: 'critical',
        standardCode: 'C-05',
      },
      { id: 'rect-m4', status: 'responded', openedAt: daysFromNow(-5), deadline: daysFromNow(-1) },
    ],
  });
  await createPilotRecords(prisma, {
    id: 'enr-test-jingui',
    compoundId: 'cmp-jinguiyuan',
    firmId: 'firm-jinrun',
    stage: 'improvement',
    phase: 'improvement_round',
    inspectorId: 'usr-insp-li',
    latestScore: 72,
    starRating: 3,
    rounds: [
      {
        number: 1,
        score: 72,
        stars: 3,
        categoryScores: [
          { category: 'A', score: 60 },
          { category: 'B', score: 70 },
        ],
      },
    ],
    results: [
      {
        key: 'r1-weekly-01',
        kind: 'weekly',
        submittedAt: thisMonth,
        pass: 10,
        fail: 10,
        na: 5,
        assigneeId: 'usr-insp-li',
      },
    ],
    tasks: [
      {
        key: 'r1-weekly-02',
        kind: 'weekly',
        dueAt: daysFromNow(-1),
        status: 'open',
        assigneeId: 'usr-insp-li',
      },
      {
        key: 'r1-weekly-03',
        kind: 'weekly',
        dueAt: daysFromNow(3),
        status: 'open',
        assigneeId: 'usr-insp-li',
      },
      {
        key: 'r1-monthly-01',
        kind: 'monthly',
        dueAt: daysFromNow(-3),
        status: 'scheduled',
        assigneeId: 'usr-insp-li',
      },
    ],
    rectifications: [
      {
        id: 'rect-j1',
        status: 'reopened',
        openedAt: daysFromNow(-8),
        deadline: daysFromNow(-3),
        severity: 'minor',
        standardCode: 'F-02',
      },
      { id: 'rect-j2', status: 'open', openedAt: daysFromNow(-1), deadline: daysFromNow(5) },
      { id: 'rect-j3', status: 'cancelled', openedAt: daysFromNow(-9), deadline: daysFromNow(-4) },
    ],
  });
  await createPilotRecords(prisma, {
    id: 'enr-test-jinshui',
    compoundId: 'cmp-jinshuihuayuan',
    firmId: 'firm-xiangshun',
    stage: 'improvement',
    phase: 'self_inspection',
    inspectorId: 'usr-insp-li',
  });
}

export interface Download {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

/** A GET whose answer is a file, kept as bytes (the harness's client parses JSON). */
export async function downloadFile(
  client: { baseUrl: string; token: string | null },
  path: string,
  headers: Record<string, string> = {},
): Promise<Download> {
  const response = await fetch(`${client.baseUrl}${path}`, {
    headers: { ...(client.token ? { authorization: `Bearer ${client.token}` } : {}), ...headers },
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

/** The lines of a CSV download after checking it starts with the UTF-8 BOM and uses CRLF. */
export function csvLines(bytes: Uint8Array): string[] {
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error('CSV without a UTF-8 BOM');
  // TextDecoder drops the BOM by default.
  const text = new TextDecoder().decode(bytes);
  if (!text.endsWith('\r\n')) throw new Error('CSV does not end with CRLF');
  return text.slice(0, -2).split('\r\n');
}
