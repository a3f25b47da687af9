// 激励评价 in the demo: once the pilots' history is in, the months with records (July to November
// 2026) and the third quarter are computed and published in order, so the latest ranking shows
// movement; the admin has confirmed one firm onto a list with a reason, and the other candidates
// wait for an admin. Rule set 2 (设备维保按期率 weighed too) waits as a draft: the published
// rankings stay rule set 1's, and an admin decides when the maintenance starts to count. Run again,
// it leaves published periods, decided entries and rule sets as they are.
import {
  computeEvaluationPeriod,
  confirmListEntry,
  publishEvaluationPeriod,
  type EvaluationWriter,
} from '@pilot/activities/incentives';
import { appendAudit, defaultAuditKeyring, DEMO_IDS, type PrismaClient } from '@pilot/db';
import {
  EVALUATION_RULES_1,
  EVALUATION_RULES_2,
  formatLocalDate,
  parsePeriodId,
  periodEnded,
} from '@pilot/domain';

/** Months first (each compares with the one before), then the quarter. */
export const DEMO_PERIODS = ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-Q3'] as const;

export interface DemoEvaluationsResult {
  published: string[];
  confirmed: string | null;
  /** The rule set version drafted by this run (null: a set was there already). */
  drafted: number | null;
}

const RULES_2_NOTE =
  '第 2 版草稿（基于第 1 版）：新增“设备维保按期率”，即小区设施设备台账中到期的维保按期完成的比例，' +
  '权重 5%，由“检查评分”的 35% 调为 30%；其他评价项、等级和红黑榜规则不变。发布后，此后计算的评价周期按本版计分，' +
  '已发布的周期不变。';

/**
 * Rule set 2 as an admin would draft it from rule set 1, audited the same way, when no set beyond
 * the built-in one exists yet (an admin's own draft or publication is never overwritten).
 */
async function draftRuleSet2(prisma: PrismaClient, writer: EvaluationWriter): Promise<number | null> {
  return prisma.$transaction(async (tx) => {
    if ((await tx.evaluationRuleSet.count()) > 0) return null;
    await tx.evaluationRuleSet.create({
      data: {
        version: EVALUATION_RULES_2.version,
        rules: EVALUATION_RULES_2,
        status: 'draft',
        note: RULES_2_NOTE,
        createdById: writer.actorId,
      },
    });
    await writer.audit(tx, {
      action: 'evaluation_rules.draft',
      entityType: 'evaluation_rules',
      entityId: String(EVALUATION_RULES_2.version),
      before: EVALUATION_RULES_1,
      after: EVALUATION_RULES_2,
    });
    return EVALUATION_RULES_2.version;
  });
}

export async function importDemoEvaluations(
  prisma: PrismaClient,
  nowMs: number,
): Promise<DemoEvaluationsResult> {
  const { signer } = await defaultAuditKeyring();
  const today = formatLocalDate(nowMs);
  const writer: EvaluationWriter = {
    prisma,
    audit: (tx, record) =>
      appendAudit(tx, signer, { actorId: DEMO_IDS.admin, actorRole: 'admin', requestId: null, ...record }),
    actorId: DEMO_IDS.admin,
    today,
  };
  const published: string[] = [];
  for (const id of DEMO_PERIODS) {
    const period = parsePeriodId(id);
    // A demo started before the period is over leaves it to the admin (and the monthly draft).
    if (!period || !periodEnded(period, today)) continue;
    const row = await prisma.evaluationPeriod.findUnique({ where: { id } });
    if (row?.status === 'published') continue;
    await computeEvaluationPeriod(writer, id);
    await publishEvaluationPeriod(writer, id);
    published.push(id);
  }
  // One decided entry, as an admin would: the first black-list candidate of the latest month (a
  // red one when there is none), so both a listing and waiting candidates show.
  let confirmed: string | null = null;
  const decidedBefore = await prisma.firmListEntry.count({ where: { status: { not: 'candidate' } } });
  if (decidedBefore === 0) {
    const waiting = await prisma.firmListEntry.findMany({
      where: { status: 'candidate', periodId: { in: [...DEMO_PERIODS] } },
      orderBy: [{ periodId: 'desc' }, { id: 'asc' }],
    });
    const pick = waiting.find((e) => e.list === 'black') ?? waiting.find((e) => e.list === 'red');
    if (pick) {
      await confirmListEntry(writer, pick.id, {
        reason:
          pick.list === 'black'
            ? '评价周期内整改质量不达标，经街道工作专班核实，列入黑榜督促整改。'
            : '连续获评最高等级，经街道工作专班核实，列入红榜予以表扬。',
        effectiveFrom: today,
      });
      confirmed = pick.id;
    }
  }
  // After the periods, which are computed with the set in force (rule set 1), never with a draft.
  const drafted = await draftRuleSet2(prisma, writer);
  return { published, confirmed, drafted };
}
