// A matter's whole loop on the time-skipping server: assignment, the acceptance and resolution
// limits counted in working days across a holiday, the reminder and 超时督办, joint handling, a bad
// rating that reopens it, 销号 after a good one; and a hotline matter returned, re-assigned,
// answered and closed by itself when nobody confirms it. The records are read back from the database.
import {
  MATTER_RULES_1,
  addLocalDays,
  formatLocalDate,
  releaseWorkingCalendar,
  defaultCalendarRelease,
  startOfLocalDay,
  type Actor,
  type MatterWorkflowInput,
  type WorkingCalendar,
} from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMatter } from '../client.js';
import {
  acceptMatterUpdate,
  answerMatterUpdate,
  assignMatterUpdate,
  joinMatterUpdate,
  matterProgressUpdate,
  matterRecordedUpdate,
  matterStateQuery,
  matterWorkflowId,
  rateMatterUpdate,
  returnMatterUpdate,
} from '../messages.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { saveHistories, writeIndex, type FixtureEntry } from '../test-support/histories.js';
import { HOUR, refusedCodes } from '../test-support/pilot-driver.js';

const recording = ['1', 'all', 'matter'].some((name) =>
  (process.env.RECORD_HISTORIES ?? '').split(',').includes(name),
);

const coordinator: Actor = { userId: 'usr-coord-wang', role: 'coordinator' };
const firm: Actor = { userId: 'usr-firm-xiangshun', role: 'firm', firmId: 'firm-xiangshun' };
const resident: Actor = { userId: 'usr-resident-han', role: 'resident' };
const otherResident: Actor = { userId: 'usr-resident-feng', role: 'resident' };
const enforcement: Actor = { userId: 'usr-party-zhzf', role: 'party', partyId: 'pty-zhzf' };
const police: Actor = { userId: 'usr-party-pcs', role: 'party', partyId: 'pty-pcs' };

/** The next working day after `from` by the plain rules (weekends and the given days off). */
function nextWorkingDay(from: number, calendar: WorkingCalendar): string {
  let day = startOfLocalDay(from);
  for (;;) {
    day = addLocalDays(day, 1);
    const key = formatLocalDate(day);
    const weekday = new Date(day + 8 * HOUR).getUTCDay();
    if (calendar.makeUpWorkdays.includes(key)) return key;
    if (!calendar.holidays.includes(key) && !calendar.weekendDays.includes(weekday)) return key;
  }
}

describe('the matter workflow on the time-skipping server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  function input(over: Partial<MatterWorkflowInput>, now: number): MatterWorkflowInput {
    const base = releaseWorkingCalendar(defaultCalendarRelease());
    // The two days after today are a local holiday: the limits must step over them.
    const holidays = [1, 2].map((d) => formatLocalDate(addLocalDays(startOfLocalDay(now), d)));
    return {
      matterId: `mt-test-${Math.round(now)}-${over.source ?? 'resident'}`,
      number: `SX-T-${over.source ?? 'resident'}`,
      source: 'resident',
      compoundId: 'cmp-meiguijiayuan',
      communityId: 'com-jinshuiyuan',
      firmId: 'firm-xiangshun',
      category: 'facilities',
      urgency: 'ordinary',
      location: '5号楼东侧路灯',
      description: '路灯坏了一周，晚上很黑。',
      evidenceIds: [],
      reporterId: 'usr-resident-han',
      callerName: null,
      callerPhone: null,
      patrolVisitId: null,
      meetingId: null,
      assignee: null,
      resolveBy: null,
      rules: MATTER_RULES_1,
      calendar: { ...base, holidays: [...base.holidays, ...holidays] },
      createdBy: { userId: 'usr-resident-han', role: 'resident', requestId: null },
      ...over,
    };
  }

  // One worker run for both (a worker polls once): the scenarios are the functions below.
  it('runs a resident’s report to 销号, and a returned hotline matter to its automatic close', async () => {
    const ran = await h.run(async () => ({
      'matter-reopened': await residentReportReopenedThenClosed(),
      'matter-auto-closed': await hotlineMatterReturnedThenClosedByItself(),
    }));
    // RECORD_HISTORIES=matter keeps both runs as replay fixtures (see src/record-histories.test.ts).
    if (recording) {
      const entries: FixtureEntry[] = [];
      for (const [scenario, matterId] of Object.entries(ran)) {
        const workflowId = matterWorkflowId(matterId);
        const { runId } = await h.env.client.workflow.getHandle(workflowId).describe();
        entries.push(...(await saveHistories(h.env.client, scenario, workflowId, [runId])));
      }
      await writeIndex(entries);
    }
  });

  async function residentReportReopenedThenClosed(): Promise<string> {
    const now = await h.env.currentTimeMs();
    const matter = input({}, now);
    const handle = await startMatter(h.env.client, h.taskQueue, matter);
    expect(await handle.executeUpdate(matterRecordedUpdate)).toEqual({
      matterId: matter.matterId,
      number: matter.number,
    });
    const p = h.db.prisma;
    expect(await p.matter.findUniqueOrThrow({ where: { id: matter.matterId } })).toMatchObject({
      status: 'reported',
      reporterId: 'usr-resident-han',
    });

    // Only a coordinator assigns; only the firm it went to accepts.
    const assignment = {
      category: 'facilities' as const,
      urgency: 'ordinary' as const,
      assignee: { kind: 'firm' as const, firmId: 'firm-xiangshun' },
      assigneeName: '祥顺物业',
    };
    expect(
      await refusedCodes(
        handle.executeUpdate(assignMatterUpdate, { args: [{ actor: firm, ...assignment }] }),
      ),
    ).toEqual(['role_not_allowed']);
    const assigned = await handle.executeUpdate(assignMatterUpdate, {
      args: [{ actor: coordinator, ...assignment }],
      updateId: 'assign-1',
    });
    expect(assigned.status).toBe('assigned');
    // One working day: the end of the first working day after today, past the two days off.
    expect(formatLocalDate(assigned.acceptBy! - 1)).toBe(nextWorkingDay(now, matter.calendar));
    // A retried request answers the first result and writes nothing more.
    expect(
      await handle.executeUpdate(assignMatterUpdate, {
        args: [{ actor: coordinator, ...assignment }],
        updateId: 'assign-1',
      }),
    ).toEqual(assigned);
    expect(
      await refusedCodes(
        handle.executeUpdate(acceptMatterUpdate, { args: [{ actor: police, unitName: '派出所' }] }),
      ),
    ).toEqual(['matter_not_yours']);

    // Nobody accepts: the reminder, then 超时督办 to the working group.
    await h.env.sleep(assigned.acceptBy! - now + HOUR);
    const late = await p.matter.findUniqueOrThrow({ where: { id: matter.matterId } });
    expect(late.overdue).toBe(true);
    expect(late.escalatedAt).not.toBeNull();
    const kinds = async () =>
      (await p.matterEvent.findMany({ where: { matterId: matter.matterId }, orderBy: { seq: 'asc' } })).map(
        (e) => e.kind,
      );
    expect(await kinds()).toEqual(['collected', 'assigned', 'reminded', 'escalated']);
    expect(
      await p.notification.count({
        where: { entityId: matter.matterId, userId: 'usr-coord-wang', kind: 'escalation' },
      }),
    ).toBe(1);
    expect(
      await p.notification.count({
        where: { entityId: matter.matterId, userId: 'usr-firm-xiangshun', kind: 'reminder' },
      }),
    ).toBe(1);

    await handle.executeUpdate(acceptMatterUpdate, { args: [{ actor: firm, unitName: '祥顺物业' }] });
    // 联动: the enforcement squad joins and posts progress; it may not answer for the firm.
    await handle.executeUpdate(joinMatterUpdate, {
      args: [
        { actor: firm, unitName: '祥顺物业', parties: [{ partyId: 'pty-zhzf', name: '锦水综合执法中队' }] },
      ],
    });
    await handle.executeUpdate(matterProgressUpdate, {
      args: [
        {
          actor: enforcement,
          unitName: '锦水综合执法中队',
          note: '已现场查看，线路老化。',
          evidenceIds: [],
        },
      ],
    });
    const progressOnly = {
      actor: enforcement,
      unitName: '锦水综合执法中队',
      note: '已修好',
      evidenceIds: [],
    };
    expect(await refusedCodes(handle.executeUpdate(answerMatterUpdate, { args: [progressOnly] }))).toEqual([
      'matter_not_yours',
    ]);
    const answered = await handle.executeUpdate(answerMatterUpdate, {
      args: [{ actor: firm, unitName: '祥顺物业', note: '已更换路灯灯头。', evidenceIds: [] }],
    });
    expect(answered.status).toBe('answered');

    // Only the reporter rates; 2 stars reopens it to the same firm, 5 stars closes it.
    expect(
      await refusedCodes(
        handle.executeUpdate(rateMatterUpdate, {
          args: [{ actor: otherResident, solved: true, rating: 5 }],
        }),
      ),
    ).toEqual(['matter_not_reporter']);
    const reopened = await handle.executeUpdate(rateMatterUpdate, {
      args: [{ actor: resident, solved: false, rating: 2, comment: '还是不亮' }],
    });
    expect(reopened.status).toBe('in_progress');
    await handle.executeUpdate(answerMatterUpdate, {
      args: [{ actor: firm, unitName: '祥顺物业', note: '更换了整条线路，已亮。', evidenceIds: [] }],
    });
    const closed = await handle.executeUpdate(rateMatterUpdate, {
      args: [{ actor: resident, solved: true, rating: 5, comment: '亮了，谢谢' }],
    });
    expect(closed).toMatchObject({ status: 'closed', closeKind: 'rated' });
    expect(await handle.result()).toEqual({ matterId: matter.matterId, closeKind: 'rated', rating: 5 });

    const row = await p.matter.findUniqueOrThrow({ where: { id: matter.matterId } });
    expect(row).toMatchObject({
      status: 'closed',
      closeKind: 'rated',
      rating: 5,
      ratingComment: '亮了，谢谢',
      reopenCount: 1,
      acceptedInTime: false,
      jointPartyIds: ['pty-zhzf'],
      overdue: false,
    });
    expect(await kinds()).toEqual([
      'collected',
      'assigned',
      'reminded',
      'escalated',
      'accepted',
      'joined',
      'progress',
      'answered',
      'reopened',
      'answered',
      'rated',
    ]);
    // Every step is in the matter's audit stream, in order.
    expect(await p.auditLog.count({ where: { stream: `matter:${matter.matterId}` } })).toBe(11);
    return matter.matterId;
  }

  async function hotlineMatterReturnedThenClosedByItself(): Promise<string> {
    const now = await h.env.currentTimeMs();
    const matter = input(
      {
        source: 'hotline',
        reporterId: null,
        callerName: '刘先生',
        callerPhone: '13900000000',
        urgency: 'urgent',
        category: 'security',
        location: '3号楼地下车库入口',
        description: '12345转办：车库入口积水，车辆无法通行。',
        assignee: { kind: 'party', partyId: 'pty-pcs' },
        createdBy: { userId: 'usr-coord-wang', role: 'coordinator', requestId: null },
      },
      now,
    );
    const handle = await startMatter(h.env.client, h.taskQueue, matter);
    await handle.executeUpdate(matterRecordedUpdate);
    let state = await handle.query(matterStateQuery);
    expect(state.status).toBe('assigned');
    // Urgent: accepted within 2 hours on the clock, holiday or not.
    expect(state.acceptBy! - state.assignedAt!).toBe(2 * HOUR);

    await handle.executeUpdate(returnMatterUpdate, {
      args: [{ actor: police, unitName: '锦水派出所', reason: '属于物业排水问题，非治安事项。' }],
    });
    state = await handle.query(matterStateQuery);
    expect(state).toMatchObject({ status: 'reported', returnCount: 1, assignee: null });
    await handle.executeUpdate(assignMatterUpdate, {
      args: [
        {
          actor: coordinator,
          category: 'drainage',
          urgency: 'urgent',
          assignee: { kind: 'firm', firmId: 'firm-xiangshun' },
          assigneeName: '祥顺物业',
        },
      ],
    });
    await handle.executeUpdate(acceptMatterUpdate, { args: [{ actor: firm, unitName: '祥顺物业' }] });
    const answered = await handle.executeUpdate(answerMatterUpdate, {
      args: [{ actor: firm, unitName: '祥顺物业', note: '已清淤并加装截水沟。', evidenceIds: [] }],
    });
    // Nobody confirms within the window: it closes by itself and says so.
    await h.env.sleep(answered.confirmBy! - now + HOUR);
    expect(await handle.result()).toEqual({ matterId: matter.matterId, closeKind: 'auto', rating: null });
    const row = await h.db.prisma.matter.findUniqueOrThrow({ where: { id: matter.matterId } });
    expect(row).toMatchObject({
      status: 'closed',
      closeKind: 'auto',
      category: 'drainage',
      returnCount: 1,
      acceptedInTime: true,
      resolvedInTime: true,
      assigneeFirmId: 'firm-xiangshun',
      assigneePartyId: null,
    });
    const returned = await h.db.prisma.matterEvent.findFirstOrThrow({
      where: { matterId: matter.matterId, kind: 'returned' },
    });
    // A return's reason is internal: the reporter's 进度查询 does not show it.
    expect(returned.public).toBe(false);
    return matter.matterId;
  }
});
