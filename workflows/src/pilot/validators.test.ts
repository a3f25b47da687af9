// Update validators: a request the process does not allow is refused with reason codes, and a
// refused request leaves nothing behind — no record, no audit entry, not even a history event.
import type { SubmitInspectionRequest, SubmittedItem } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  respondRectificationUpdate,
  submitInspectionUpdate,
  verifyRectificationUpdate,
} from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import {
  actors,
  demo,
  itemsFor,
  PilotDriver,
  refusedCodes,
  startDemoPilot,
} from '../test-support/pilot-driver.js';

describe('update validators on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('refuses wrong people, incomplete checklists and tasks not open yet, writing nothing', async () => {
    await h.run(async () => {
      // A long grace keeps the (unsubmitted) self-inspection open when the concentrated one opens.
      const started = await startDemoPilot(h, { planOverrides: { graceHours: 240 } });
      const driver = new PilotDriver(h.env, started.handle, { firmId: demo.firmId, submit: () => false });
      const handle = started.handle;
      const p = h.db.prisma;
      const enrollmentId = started.enrollmentId;

      // The concentrated inspection opens on its day while the self-inspection is still open; the
      // special checks wait for it (自查自纠 → 集中检查 → 专项检查).
      const snap = await driver.until((s) => s.openTasks.some((t) => t.kind === 'concentrated'), 10);
      const inspection = snap.openTasks.find((t) => t.kind === 'concentrated')!;
      const self = snap.openTasks.find((t) => t.kind === 'self')!;
      const notYetOpen = snap.upcomingTasks.find((t) => t.kind === 'monthly')!;
      expect(inspection.assigneeId).toBe('usr-insp-zhang');
      expect(notYetOpen.status).toBe('scheduled');
      // Wait for the enrollment records, so "nothing written" compares against a settled database.
      for (
        let i = 0;
        i < 50 && (await p.inspectionTask.count({ where: { enrollmentId, status: 'open' } })) < 2;
        i++
      ) {
        await new Promise((r) => setTimeout(r, 100));
      }

      const before = {
        audit: await p.auditLog.count(),
        results: await p.inspectionResult.count(),
        rectifications: await p.rectification.count(),
        tasks: JSON.stringify(
          await p.inspectionTask.findMany({ where: { enrollmentId }, orderBy: { id: 'asc' } }),
        ),
        events: (await handle.fetchHistory()).events?.length ?? 0,
      };
      const full = itemsFor(inspection, snap);
      const submit = (request: SubmitInspectionRequest) =>
        refusedCodes(handle.executeUpdate(submitInspectionUpdate, { args: [request] }));
      const as = (userId: string) => actors.inspector(userId);

      // Wrong people.
      expect(await submit({ actor: as('usr-insp-li'), taskId: inspection.id, items: full })).toEqual([
        'not_assigned',
      ]);
      expect(await submit({ actor: actors.firm(demo.firmId), taskId: inspection.id, items: full })).toEqual([
        'role_not_allowed',
      ]);
      expect(
        await submit({ actor: as('usr-insp-zhang'), taskId: self.id, items: itemsFor(self, snap) }),
      ).toEqual(['role_not_allowed']);
      expect(
        await submit({ actor: actors.firm('firm-jinrun'), taskId: self.id, items: itemsFor(self, snap) }),
      ).toEqual(['not_your_compound']);

      // Incomplete or wrong checklists.
      const incomplete = await handle
        .executeUpdate(submitInspectionUpdate, {
          args: [{ actor: as('usr-insp-zhang'), taskId: inspection.id, items: full.slice(3) }],
        })
        .catch((error: unknown) => error);
      expect(await refusedCodes(Promise.reject(incomplete))).toEqual(['checklist_incomplete']);
      // The refusal names what is missing, in both languages.
      expect(String((incomplete as Error).cause)).toContain(full[0]!.code);
      const notOnList = 'H-99';
      expect(
        await submit({
          actor: as('usr-insp-zhang'),
          taskId: inspection.id,
          items: [...full, { code: notOnList, outcome: 'pass' }],
        }),
      ).toEqual(['not_on_checklist']);
      const unexplained: SubmittedItem[] = full.map((item, i) =>
        i === 0
          ? { code: item.code, outcome: 'fail', ...(item.score !== undefined ? { score: 0 } : {}) }
          : item,
      );
      expect(
        await submit({ actor: as('usr-insp-zhang'), taskId: inspection.id, items: unexplained }),
      ).toEqual(['fail_needs_note']);
      const graded = full.findIndex((item) => item.score !== undefined);
      expect(graded).toBeGreaterThanOrEqual(0);
      const outOfRange = full.map((item, i) => (i === graded ? { ...item, score: 1000 } : item));
      expect(await submit({ actor: as('usr-insp-zhang'), taskId: inspection.id, items: outOfRange })).toEqual(
        ['graded_score_range'],
      );

      // Not open yet, or no such task.
      expect(
        await submit({
          actor: as('usr-insp-li'),
          taskId: notYetOpen.id,
          items: itemsFor(notYetOpen, snap),
        }),
      ).toEqual(['task_not_open']);
      expect(
        await submit({ actor: as('usr-insp-zhang'), taskId: `${enrollmentId}:r9-monthly-01`, items: full }),
      ).toEqual(['task_not_found']);

      // Rectification requests with nothing to act on.
      expect(
        await refusedCodes(
          handle.executeUpdate(respondRectificationUpdate, {
            args: [
              {
                actor: actors.firm(demo.firmId),
                rectificationId: 'nope',
                text: '已整改',
                evidenceIds: ['ev-1'],
              },
            ],
          }),
        ),
      ).toEqual(['rectification_not_found']);
      expect(
        await refusedCodes(
          handle.executeUpdate(verifyRectificationUpdate, {
            args: [{ actor: actors.firm(demo.firmId), rectificationId: 'nope', decision: 'accept' }],
          }),
        ),
      ).toEqual(['role_not_allowed']);

      // Nothing written anywhere, and the refused updates left no trace in the history.
      expect(await p.auditLog.count()).toBe(before.audit);
      expect(await p.inspectionResult.count()).toBe(before.results);
      expect(await p.rectification.count()).toBe(before.rectifications);
      expect(
        JSON.stringify(await p.inspectionTask.findMany({ where: { enrollmentId }, orderBy: { id: 'asc' } })),
      ).toBe(before.tasks);
      // (The test server keeps the workflow tasks that ran the validators, which a real server
      // drops; neither records an accepted update or a command.)
      const added = ((await handle.fetchHistory()).events ?? []).slice(before.events);
      expect(
        added.filter(
          (e) =>
            !e.workflowTaskScheduledEventAttributes &&
            !e.workflowTaskStartedEventAttributes &&
            !e.workflowTaskCompletedEventAttributes,
        ),
      ).toEqual([]);

      // The control: the right inspector with the full checklist (one finding) is accepted.
      const failing = full.find((item) => item.score === undefined)!.code;
      const accepted = await handle.executeUpdate(submitInspectionUpdate, {
        args: [
          {
            actor: as('usr-insp-zhang'),
            taskId: inspection.id,
            items: itemsFor(inspection, snap, [failing]),
          },
        ],
      });
      expect(accepted.rectifications.map((r) => r.standardCode)).toEqual([failing]);
      expect(await p.inspectionResult.count({ where: { taskId: inspection.id } })).toBe(1);
      expect(await submit({ actor: as('usr-insp-zhang'), taskId: inspection.id, items: full })).toEqual([
        'task_already_submitted',
      ]);

      // Rectification validators against a real item.
      const itemId = accepted.rectifications[0]!.id;
      const respond = (evidenceIds: string[], actor = actors.firm(demo.firmId)) =>
        refusedCodes(
          handle.executeUpdate(respondRectificationUpdate, {
            args: [{ actor, rectificationId: itemId, text: '已整改', evidenceIds }],
          }),
        );
      const verify = (userId: string) =>
        refusedCodes(
          handle.executeUpdate(verifyRectificationUpdate, {
            args: [{ actor: as(userId), rectificationId: itemId, decision: 'accept' }],
          }),
        );
      expect(await respond([])).toEqual(['evidence_required']);
      expect(await respond(['ev-1'], actors.firm('firm-jinrun'))).toEqual(['not_your_compound']);
      expect(await respond(['ev-1'], as('usr-insp-zhang'))).toEqual(['role_not_allowed']);
      expect(await verify('usr-insp-li')).toEqual(['rectification_not_responded']);
      expect(await verify('usr-insp-sun')).toEqual(['not_assigned']);
      expect(await p.rectificationResponse.count()).toBe(0);
      expect(await p.auditLog.count({ where: { entityType: 'rectification' } })).toBe(0);
    });
  });
});
