// 激励评价 in the demo: once the pilots' history is in, the months with records (July to November
// 2026) and the third quarter are computed and published in order, so the latest ranking shows
// movement; the admin has confirmed one firm onto a list with a reason, and the other candidates
// wait for an admin. Run again, it leaves published periods and decided entries as they are.
import {
  computeEvaluationPeriod,
  confirmListEntry,
  publishEvaluationPeriod,
  type EvaluationWriter,
} from '@pilot/activities/incentives';
import { appendAudit, defaultAuditKeyring, DEMO_IDS, type PrismaClient } from '@pilot/db';
import { formatLocalDate, parsePeriodId, periodEnded } from '@pilot/domain';

/** Months first (each compares with the one before), then the quarter. */
export const DEMO_PERIODS = ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-Q3'] as const;

export interface DemoEvaluationsResult {
  published: string[];
  confirmed: string | null;
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
  return { published, confirmed };
}
