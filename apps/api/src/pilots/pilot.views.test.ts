import { describe, expect, it } from 'vitest';
import type { TimelineAuditRow } from './pilot.repository.js';
import { timelineAuditView } from './pilot.views.js';

function auditRow(seq: number, action: string, entityType: string, actorId: string | null): TimelineAuditRow {
  return {
    seq: BigInt(seq),
    at: new Date('2026-03-02T01:30:00Z'),
    actorId,
    actorRole: actorId ? 'firm' : 'system',
    action,
    entityType,
    entityId: 'enr-1',
  };
}

describe('the pilot timeline’s audit entries', () => {
  it('carry the words for their action and entity next to the codes', () => {
    const page = timelineAuditView(
      {
        rows: [
          auditRow(3, 'pilot.something_new', 'parking_space', 'usr-firm'),
          auditRow(2, 'task.missed', 'inspection_task', null),
          auditRow(1, 'pilot.self_inspection_submitted', 'enrollment', null),
        ],
        more: false,
        actors: new Map([['usr-firm', '祥顺物业']]),
      },
      null,
    );
    expect(page.nextCursor).toBeNull();
    expect(page.items).toMatchObject([
      {
        seq: '3',
        action: 'pilot.something_new',
        actor: { id: 'usr-firm', displayName: '祥顺物业' },
        actionLabel: { zh: '其他操作（pilot.something_new）' },
        entityLabel: { zh: '其他对象（parking_space）' },
      },
      {
        action: 'task.missed',
        at: '2026-03-02T09:30:00.000+08:00',
        actionLabel: { zh: '检查任务逾期未完成', en: 'Inspection task missed' },
        entityLabel: { zh: '检查任务', en: 'Inspection task' },
      },
      {
        action: 'pilot.self_inspection_submitted',
        actionLabel: { zh: '提交自查结果', en: 'Self-inspection submitted' },
        entityLabel: { zh: '试点', en: 'Pilot' },
      },
    ]);
  });
});
