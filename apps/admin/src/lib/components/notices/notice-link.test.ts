import { describe, expect, it } from 'vitest';
import { navItem } from '$lib/navigation/nav';
import { badgeText, noticeTarget, targetPath } from './notice-link';

const pilot = { id: 'enr-cmp-meiguijiayuan', compoundName: '玫瑰家园' };
const task = {
  subject: { type: 'inspection_task' as const, id: 'enr-cmp-meiguijiayuan:r1-weekly-01' },
  pilot,
};
const rectification = { subject: { type: 'rectification' as const, id: 'rect-1' }, pilot };

describe('where a notice leads', () => {
  it('opens a task for those who do it, and its pilot for those who follow it', () => {
    expect(noticeTarget(task, 'inspector')).toEqual({ page: 'task', id: task.subject.id });
    expect(noticeTarget(task, 'firm')).toEqual({ page: 'task', id: task.subject.id });
    expect(noticeTarget(task, 'coordinator')).toEqual({ page: 'pilot', id: pilot.id });
    expect(noticeTarget(task, 'admin')).toEqual({ page: 'pilot', id: pilot.id });
    expect(noticeTarget(task, 'resident')).toBeNull();
    expect(targetPath({ page: 'task', id: task.subject.id })).toBe(
      '/tasks/enr-cmp-meiguijiayuan%3Ar1-weekly-01',
    );
  });

  it('opens a rectification for everyone with the ledger, and the pilot for admins', () => {
    for (const role of ['coordinator', 'inspector', 'firm'] as const)
      expect(noticeTarget(rectification, role)).toEqual({ page: 'rectification', id: 'rect-1' });
    expect(noticeTarget(rectification, 'admin')).toEqual({ page: 'pilot', id: pilot.id });
  });

  it('falls back to what the role has of the pilot, and to nothing without one', () => {
    const about = { subject: { type: 'enrollment' as const, id: pilot.id }, pilot };
    expect(noticeTarget(about, 'coordinator')).toEqual({ page: 'pilot', id: pilot.id });
    expect(noticeTarget(about, 'firm')).toEqual({ page: 'compounds' });
    expect(noticeTarget(about, 'inspector')).toEqual({ page: 'tasks' });
    expect(noticeTarget({ subject: null, pilot }, 'admin')).toEqual({ page: 'pilot', id: pilot.id });
    expect(noticeTarget({ subject: null, pilot: null }, 'coordinator')).toBeNull();
  });

  it('only ever leads to a section the role has, where it goes through a section', () => {
    const sections = {
      pilot: 'pilots',
      rectification: 'rectifications',
      matter: 'matters',
      compounds: 'compounds',
      tasks: 'tasks',
    } as const;
    const matter = { subject: { type: 'matter' as const, id: 'm-1' }, pilot: null };
    for (const role of ['admin', 'coordinator', 'inspector', 'firm', 'resident', 'party'] as const) {
      for (const notice of [task, rectification, matter, { subject: null, pilot }]) {
        const target = noticeTarget(notice, role);
        // The task page is open to inspectors and firms by its own guard, not through a section.
        if (!target || target.page === 'task') continue;
        expect(navItem(role, sections[target.page]), `${role} → ${target.page}`).toBeDefined();
      }
    }
  });

  it('keeps the badge short', () => {
    expect(badgeText(0)).toBe('0');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});
