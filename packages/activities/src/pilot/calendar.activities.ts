import { jsonValue, type Prisma, type PrismaClient } from '@pilot/db';
import {
  calendarReleaseRef,
  formatInstant,
  type CalendarReleaseRef,
  type RecordCalendarAdoptionInput,
} from '@pilot/domain';
import { pilotStream, type ActivityAudit } from './audit-context.js';

const days = (value: Prisma.JsonValue): string[] =>
  Array.isArray(value) ? value.filter((day): day is string => typeof day === 'string') : [];

/**
 * The newest published calendar release as a pilot is told it (by reference when the code ships
 * it), or null before any release is published.
 */
export async function latestCalendarReleaseRef(
  prisma: Pick<PrismaClient, 'calendarRelease'>,
): Promise<CalendarReleaseRef | null> {
  const row = await prisma.calendarRelease.findFirst({
    where: { status: 'published' },
    orderBy: { version: 'desc' },
  });
  if (!row) return null;
  return calendarReleaseRef({
    version: row.version,
    firstYear: row.firstYear,
    lastYear: row.lastYear,
    holidays: days(row.holidays),
    makeUpWorkdays: days(row.makeUpWorkdays),
    localHolidays: days(row.localHolidays),
    localMakeUpWorkdays: days(row.localMakeUpWorkdays),
  });
}

export function calendarActivities(prisma: PrismaClient, audit: ActivityAudit) {
  return {
    /**
     * A pilot adopted a newer calendar release: the enrollment says which one it follows and keeps
     * the new plan, the moved tasks get their new times, and the pilot's audit stream says what
     * moved where, in one transaction. Writing the same values again is a no-op, and the audit
     * entry is keyed by the activity, so a retry writes nothing twice.
     */
    async recordCalendarAdoption(input: RecordCalendarAdoptionInput): Promise<void> {
      const at = new Date(input.at);
      await prisma.$transaction(async (tx) => {
        await tx.enrollment.update({
          where: { id: input.enrollmentId },
          data: { calendarVersion: input.calendarVersion, plan: jsonValue(input.plan) },
        });
        for (const task of input.tasks) {
          await tx.inspectionTask.updateMany({
            where: { id: task.taskId, enrollmentId: input.enrollmentId, status: 'scheduled' },
            data: {
              opensAt: new Date(task.after.opensAt),
              remindAt: new Date(task.after.remindAt),
              dueAt: new Date(task.after.dueAt),
              missedAt: new Date(task.after.missedAt),
            },
          });
        }
        await audit.append(
          tx,
          pilotStream(input.enrollmentId),
          [
            {
              actor: input.actor,
              action: 'pilot.adopt_calendar',
              entityType: 'enrollment',
              entityId: input.enrollmentId,
              before: { calendarVersion: input.previousVersion },
              after: {
                calendarVersion: input.calendarVersion,
                years: `${input.firstYear}–${input.lastYear}`,
                movedTasks: input.tasks.map((task) => ({
                  id: task.taskId,
                  key: task.key,
                  dueAt: { from: formatInstant(task.before.dueAt), to: formatInstant(task.after.dueAt) },
                })),
              },
            },
          ],
          at,
        );
      });
    },
  };
}
