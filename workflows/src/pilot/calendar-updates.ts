// 应用新版工作日历: a running pilot adopts a newer published calendar release. Its plan takes the
// release's days (its own local adjustments on top); tasks of the running round that have not
// opened move off the new holidays; what is open, submitted or missed, every rectification
// deadline and the round's window stay as they are. Later rounds are built on the new calendar.
import { patched } from '@temporalio/workflow';
import {
  adoptCalendar,
  adoptCalendarRequestSchema,
  auditActor,
  rescheduleNotYetOpen,
  resolveCalendarReleaseRef,
  type AdoptCalendarResult,
} from '@pilot/domain';
import { adoptCalendarUpdate } from '../messages.js';
import { db } from './activities.js';
import { PATCH_ADOPT_CALENDAR } from './patches.js';
import { refuseAdoptCalendar } from './refusals.js';
import type { RunContext } from './run-context.js';
import { onUpdate } from './update-registry.js';

export function registerCalendarUpdates(ctx: RunContext): void {
  const { state, input } = ctx;

  onUpdate(ctx, {
    definition: adoptCalendarUpdate,
    schema: adoptCalendarRequestSchema,
    validate: (request) => refuseAdoptCalendar(state, request),
    handler: async (request): Promise<AdoptCalendarResult> => {
      // Marks the runs that adopted a release: their histories pin this rescheduling rule, and a
      // later rule goes behind a patch of its own while these replay as they ran.
      patched(PATCH_ADOPT_CALENDAR);
      const release = resolveCalendarReleaseRef(request.release)!;
      const now = Date.now();
      const adoption = adoptCalendar({ plan: state.plan, calendar: state.calendar }, release);
      const round = state.round;
      const { moved, kept } = round
        ? rescheduleNotYetOpen(round, state.plan, adoption.plan, now)
        : { moved: [], kept: 0 };
      // The state changes before the first await: a wake-up that runs meanwhile already sees the
      // new times, so no task opens or falls due at a time the new calendar moved.
      for (const change of moved) {
        const task = round!.tasks.find((t) => t.id === change.taskId)!;
        Object.assign(task, change.after);
      }
      state.plan = adoption.plan;
      state.calendar = adoption.calendar;
      // Retried until the records follow (the workflow's state is already the truth).
      await db.recordCalendarAdoption({
        enrollmentId: input.enrollmentId,
        calendarVersion: release.version,
        previousVersion: adoption.previousVersion,
        firstYear: release.firstYear,
        lastYear: release.lastYear,
        plan: adoption.plan,
        tasks: moved.map((change) => ({
          taskId: change.taskId,
          key: change.key,
          before: change.before,
          after: change.after,
        })),
        actor: auditActor(request.actor),
        at: now,
      });
      return {
        version: release.version,
        previousVersion: adoption.previousVersion,
        firstYear: release.firstYear,
        lastYear: release.lastYear,
        moved: moved.map((change) => ({
          taskId: change.taskId,
          key: change.key,
          kind: change.kind,
          fromDueAt: change.before.dueAt,
          toDueAt: change.after.dueAt,
          calendarDueDate: change.calendarDueDate,
        })),
        kept,
      };
    },
  });
}
