import { jsonValue, type Prisma, type PrismaClient } from '@pilot/db';
import {
  configuredChannels,
  type ApplyTaskChangesInput,
  type ScheduleRoundInput,
  type TaskRow,
} from '@pilot/domain';
import { noticesWithPendingDeliveries, recordNotices } from '../notices/record-notices.js';
import type { NoticeDependencies } from '../notices/types.js';
import { pilotStream, systemActor, type ActivityAudit } from './audit-context.js';

const date = (ms: number | null | undefined): Date | null | undefined =>
  ms === undefined ? undefined : ms === null ? null : new Date(ms);

function taskRecord(
  enrollmentId: string,
  roundId: string,
  task: TaskRow,
): Prisma.InspectionTaskCreateManyInput {
  return {
    id: task.id,
    enrollmentId,
    roundId,
    key: task.key,
    kind: task.kind,
    opensAt: new Date(task.opensAt),
    dueAt: new Date(task.dueAt),
    remindAt: new Date(task.remindAt),
    missedAt: new Date(task.missedAt),
    assigneeId: task.assigneeId,
    status: task.status,
    ...(task.scope ? { scope: jsonValue(task.scope) } : {}),
  };
}

export function scheduleActivities(
  prisma: PrismaClient,
  audit: ActivityAudit,
  notices: NoticeDependencies | undefined,
) {
  const channels = notices ? configuredChannels(notices.settings) : [];
  return {
    /** Writes a round and its scheduled inspections; rows that exist already are left as they are. */
    async scheduleRound(input: ScheduleRoundInput): Promise<void> {
      await prisma.$transaction(async (tx) => {
        await tx.round.upsert({
          where: { id: input.round.id },
          create: {
            id: input.round.id,
            enrollmentId: input.enrollmentId,
            number: input.round.number,
            kind: input.round.kind,
            startsAt: new Date(input.round.startsAt),
            endsAt: new Date(input.round.endsAt),
            status: 'running',
            focusCategories: input.round.focusCategories,
            ...(input.round.keyParts ? { keyParts: jsonValue(input.round.keyParts) } : {}),
          },
          update: {},
        });
        await tx.inspectionTask.createMany({
          data: input.tasks.map((task) => taskRecord(input.enrollmentId, input.round.id, task)),
          skipDuplicates: true,
        });
      });
    },

    /**
     * One batch of what the scheduler decided at one instant: task status and time changes,
     * rectification deadlines and escalations, notifications (deduplicated by key) with their
     * deliveries on the recipients' channels, and audit notes.
     */
    async applyTaskChanges(input: ApplyTaskChangesInput): Promise<void> {
      const at = new Date(input.at);
      await prisma.$transaction(async (tx) => {
        // Set-based: one UPDATE per distinct change (at a wake-up most tasks change alike, e.g.
        // all opened or all cancelled), so the transaction stays short however many tasks move.
        const taskData = input.changes.map((change) => ({
          id: change.taskId,
          data: {
            ...(change.status ? { status: change.status } : {}),
            opensAt: date(change.opensAt) ?? undefined,
            remindAt: date(change.remindAt) ?? undefined,
            dueAt: date(change.dueAt) ?? undefined,
            missedAt: date(change.missedAt) ?? undefined,
            remindedAt: date(change.remindedAt),
            escalatedAt: date(change.escalatedAt),
          },
        }));
        for (const { ids, data } of alike(taskData)) {
          await tx.inspectionTask.updateMany({ where: { id: { in: ids } }, data });
        }
        if (input.rectifications.length > 0) {
          const current = new Map(
            (
              await tx.rectification.findMany({
                where: { id: { in: input.rectifications.map((change) => change.id) } },
                select: { id: true, status: true },
              })
            ).map((row) => [row.id, row.status]),
          );
          const missing = input.rectifications.find((change) => !current.has(change.id));
          if (missing) throw new Error(`rectification ${missing.id} does not exist`);
          const rectData = input.rectifications.map((change) => ({
            id: change.id,
            data: {
              status: change.status,
              deadline: date(change.deadline) ?? undefined,
              escalatedAt: date(change.escalatedAt) ?? undefined,
            },
          }));
          for (const { ids, data } of alike(rectData)) {
            await tx.rectification.updateMany({ where: { id: { in: ids } }, data });
          }
          const events = input.rectifications.flatMap((change) => {
            const from = current.get(change.id)!;
            if (!change.status || change.status === from) return [];
            const id = `${change.id}:${change.status}:${input.at}`;
            return [{ id, rectificationId: change.id, fromStatus: from, toStatus: change.status, at }];
          });
          if (events.length > 0)
            await tx.rectificationEvent.createMany({ data: events, skipDuplicates: true });
        }
        if (input.newTasks && input.newTasks.length > 0 && input.round) {
          const roundId = input.round.id;
          await tx.inspectionTask.createMany({
            data: input.newTasks.map((task) => taskRecord(input.enrollmentId, roundId, task)),
            skipDuplicates: true,
          });
        }
        if (input.round) {
          await tx.round.update({
            where: { id: input.round.id },
            data: {
              ...(input.round.endsAt !== undefined ? { endsAt: new Date(input.round.endsAt) } : {}),
              ...(input.round.keyParts ? { keyParts: jsonValue(input.round.keyParts) } : {}),
            },
          });
        }
        await recordNotices(tx, {
          enrollmentId: input.enrollmentId,
          notices: input.notifications,
          at,
          channels,
        });
        const audits = [
          ...input.changes
            .filter((c) => c.status === 'missed' || c.status === 'cancelled')
            .map((c) => ({
              actor: systemActor(),
              action: `task.${c.status}`,
              entityType: 'inspection_task',
              entityId: c.taskId,
            })),
          ...(input.audit ?? []).map((note) => ({
            ...note,
            entityType: note.entityType ?? 'enrollment',
            entityId: note.entityId ?? input.enrollmentId,
          })),
        ];
        if (audits.length > 0) await audit.append(tx, pilotStream(input.enrollmentId), audits, at);
      });
      // After the commit, so a delivery workflow never looks for rows that are not there yet. A
      // crash before the starts retries this activity: the writes above are no-ops then, and the
      // notices whose deliveries are still pending are started again (each once, by its id).
      if (notices && channels.length > 0) {
        const pending = await noticesWithPendingDeliveries(
          prisma,
          input.notifications.map((n) => n.dedupeKey),
        );
        await Promise.all(pending.map((id) => notices.startDelivery({ notificationId: id, dedupeKey: id })));
      }
    },
  };
}

/** Rows that get the same data, grouped, so each group is one UPDATE … WHERE id IN (…). */
function alike<D extends object>(rows: Array<{ id: string; data: D }>): Array<{ ids: string[]; data: D }> {
  const groups = new Map<string, { ids: string[]; data: D }>();
  for (const row of rows) {
    // JSON drops undefined fields as Prisma ignores them, and writes dates as instants: equal text, equal write.
    const key = JSON.stringify(row.data);
    const group = groups.get(key);
    if (group) group.ids.push(row.id);
    else groups.set(key, { ids: [row.id], data: row.data });
  }
  return [...groups.values()];
}
