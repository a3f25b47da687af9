// One wake of a compound's upkeep workflow: the register's maintenance plan at the workflow's time,
// the firm reminded of what comes due and told what is overdue, and visitors' personal data past its
// retention deleted — read and written in one transaction, each write keyed (a mark per item and due
// day, a notice per mark and user, the audit entry by the activity), so a retried wake repeats nothing.
import type { Prisma, PrismaClient } from '@pilot/db';
import {
  configuredChannels,
  defaultCalendarRelease,
  formatLocalDate,
  planUpkeep,
  releaseWorkingCalendar,
  resolveCalendarReleaseRef,
  traceAuditStream,
  workingDayTest,
  type MatterNotice,
  type NoticeChannel,
  type RunUpkeepInput,
  type UpkeepItem,
  type UpkeepRunResult,
  type WorkingDayTest,
} from '@pilot/domain';
import { latestCalendarReleaseRef } from '../pilot/calendar.activities.js';
import { systemActor, type ActivityAudit } from '../pilot/audit-context.js';
import { recordMatterNotices } from '../matters/matter-notices.js';
import { noticesWithPendingDeliveries } from '../notices/record-notices.js';
import type { NoticeDependencies } from '../notices/types.js';

/**
 * The calendar the register is scheduled on: the newest published release, as the API shows the
 * next maintenance with it. Read at every wake, so a release published later moves due days without
 * restarting anything.
 */
async function currentWorkingDays(prisma: PrismaClient): Promise<WorkingDayTest> {
  const ref = await latestCalendarReleaseRef(prisma);
  const release = (ref && resolveCalendarReleaseRef(ref)) ?? defaultCalendarRelease();
  return workingDayTest(releaseWorkingCalendar(release));
}

interface Wake {
  result: UpkeepRunResult;
  /** Notices with deliveries to start once the transaction has committed. */
  pending: string[];
}

type Slot = { equipmentId: string; dueOn: string };

async function wake(
  tx: Prisma.TransactionClient,
  audit: ActivityAudit,
  channels: readonly NoticeChannel[],
  isWorking: WorkingDayTest,
  { compoundId, atMs }: RunUpkeepInput,
): Promise<Wake> {
  const at = new Date(atMs);
  const none: Wake = {
    result: { wakeAtMs: null, reminded: 0, markedOverdue: 0, visitorsDeleted: 0 },
    pending: [],
  };
  const compound = await tx.compound.findUnique({
    where: { id: compoundId },
    select: { name: true, firmId: true },
  });
  if (!compound) return none;
  const equipment = await tx.equipment.findMany({
    where: { compoundId, active: true, maintenanceIntervalDays: { not: null } },
    select: {
      id: true,
      code: true,
      name: true,
      maintenanceIntervalDays: true,
      responsibleUserId: true,
      createdAt: true,
    },
  });
  const ids = equipment.map((item) => item.id);
  // Entries dated after the wake's instant had not happened at it: the same instant plans the same.
  const entries = await tx.logbookEntry.findMany({
    where: { compoundId, kind: 'maintenance', equipmentId: { in: ids }, occurredAt: { lte: at } },
    select: { id: true, equipmentId: true, occurredAt: true, correctsId: true },
    orderBy: { occurredAt: 'desc' },
  });
  // A corrected entry is replaced by its correction (itself a maintenance entry), never counted.
  const corrected = new Set(entries.flatMap((e) => (e.correctsId ? [e.correctsId] : [])));
  const lastDone = new Map<string, number>();
  for (const item of equipment) {
    const last = entries.find((e) => e.equipmentId === item.id && !corrected.has(e.id));
    lastDone.set(item.id, (last?.occurredAt ?? item.createdAt).getTime());
  }
  // Only the marks of the due days still ahead of each item's last visit can matter.
  const marks =
    ids.length === 0
      ? []
      : await tx.upkeepMark.findMany({
          where: {
            equipmentId: { in: ids },
            dueOn: { gte: formatLocalDate(Math.min(...lastDone.values())) },
          },
        });
  const items: UpkeepItem[] = equipment.map((item) => ({
    id: item.id,
    maintenanceIntervalDays: item.maintenanceIntervalDays,
    lastDoneMs: lastDone.get(item.id)!,
    reminded: marks.filter((m) => m.equipmentId === item.id && m.remindedAt).map((m) => m.dueOn),
    overdue: marks.filter((m) => m.equipmentId === item.id && m.overdueAt).map((m) => m.dueOn),
  }));
  const firstPurge = await tx.visitorRecord.findFirst({
    where: { compoundId },
    orderBy: { purgeAfter: 'asc' },
    select: { purgeAfter: true },
  });
  const plan = planUpkeep(isWorking, items, firstPurge?.purgeAfter.getTime() ?? null, atMs);

  // 设备责任人 first; an item without one, or whose person has left the firm, tells the firm.
  const responsible = new Set(
    (
      await tx.user.findMany({
        where: {
          id: { in: equipment.flatMap((item) => (item.responsibleUserId ? [item.responsibleUserId] : [])) },
          active: true,
          role: 'firm',
          firmId: compound.firmId,
        },
        select: { id: true },
      })
    ).map((user) => user.id),
  );
  const byId = new Map(equipment.map((item) => [item.id, item]));
  const notice = ({ equipmentId, dueOn }: Slot, overdue: boolean): MatterNotice => {
    const item = byId.get(equipmentId)!;
    const what = `${compound.name} ${item.name}（${item.code}）`;
    return {
      target:
        item.responsibleUserId && responsible.has(item.responsibleUserId)
          ? { to: 'user', userId: item.responsibleUserId }
          : { to: 'firm', firmId: compound.firmId },
      kind: overdue ? 'overdue' : 'reminder',
      title: overdue
        ? `维保已逾期：${item.name}（${item.code}）`
        : `维保将到期：${item.name}（${item.code}）`,
      body: overdue
        ? `${what}应于 ${dueOn} 完成的维保尚未登记，已记为逾期，检查人员在痕迹记录中可见。请尽快安排维保并登记维保记录。`
        : `${what}的维保应在 ${dueOn} 前完成（间隔 ${item.maintenanceIntervalDays} 天，遇休息日提前），请联系维保单位并登记维保记录。`,
    };
  };

  const pending: string[] = [];
  const mark = async ({ equipmentId, dueOn }: Slot, overdue: boolean) => {
    const slot = { equipmentId, dueOn };
    const stamp = overdue ? { overdueAt: at } : { remindedAt: at };
    await tx.upkeepMark.upsert({
      where: { equipmentId_dueOn: slot },
      create: { ...slot, ...stamp },
      update: stamp,
    });
    pending.push(
      ...(await recordMatterNotices(tx, {
        entityId: slot.equipmentId,
        stepKey: `upkeep:${slot.equipmentId}:${slot.dueOn}:${overdue ? 'overdue' : 'remind'}`,
        notices: [notice(slot, overdue)],
        at,
        channels,
        entityType: 'equipment',
      })),
    );
  };
  for (const slot of plan.remind) await mark(slot, false);
  for (const slot of plan.markOverdue) await mark(slot, true);

  let visitorsDeleted = 0;
  let wakeAtMs = plan.wakeAtMs;
  if (plan.purgeVisitors) {
    // RETURNING names exactly the rows this transaction removed, even if another attempt raced it.
    const deleted = await tx.$queryRaw<Array<{ entryId: string }>>`
      DELETE FROM "visitor_record"
      WHERE "compoundId" = ${compoundId} AND "purgeAfter" <= ${at}
      RETURNING "entryId"`;
    visitorsDeleted = deleted.length;
    if (deleted.length > 0) {
      const entryIds = deleted.map((row) => row.entryId).sort();
      // Which entries lost their visitor's data, and when; never the data itself.
      await audit.append(
        tx,
        traceAuditStream(compoundId),
        [
          {
            actor: systemActor(),
            action: 'visitor.purge',
            entityType: 'compound',
            entityId: compoundId,
            after: { count: entryIds.length, entryIds },
          },
        ],
        at,
      );
    }
    // The plan knew only the first retention end; the next one is among what is left.
    const next = await tx.visitorRecord.findFirst({
      where: { compoundId },
      orderBy: { purgeAfter: 'asc' },
      select: { purgeAfter: true },
    });
    if (next) {
      const nextMs = next.purgeAfter.getTime();
      wakeAtMs = wakeAtMs === null ? nextMs : Math.min(wakeAtMs, nextMs);
    }
  }
  return {
    result: {
      wakeAtMs,
      reminded: plan.remind.length,
      markedOverdue: plan.markOverdue.length,
      visitorsDeleted,
    },
    pending,
  };
}

export function upkeepActivities(
  prisma: PrismaClient,
  audit: ActivityAudit,
  notices: NoticeDependencies | undefined,
) {
  const channels = notices ? configuredChannels(notices.settings) : [];
  return {
    /** One wake of `compound-upkeep:<compoundId>` at the workflow's `atMs`; answers when to wake next. */
    async runUpkeep(input: RunUpkeepInput): Promise<UpkeepRunResult> {
      const isWorking = await currentWorkingDays(prisma);
      const { result, pending } = await prisma.$transaction((tx) =>
        wake(tx, audit, channels, isWorking, input),
      );
      if (notices && pending.length > 0) {
        // After the commit, so a delivery workflow never looks for rows that are not there yet.
        const ready = await noticesWithPendingDeliveries(prisma, pending);
        await Promise.all(ready.map((id) => notices.startDelivery({ notificationId: id, dedupeKey: id })));
      }
      return result;
    },
  };
}
