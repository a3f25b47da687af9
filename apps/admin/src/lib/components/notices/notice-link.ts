import type { Notice } from '$lib/api/notice-types';
import type { UserRole } from '$lib/api/types';

/*
 * Where opening a notice leads, for the reader's role: the page about its subject that the role
 * can open (the same rules the routes' guards apply), else the pilot, else nothing. An inspection
 * task is done on the task page by inspectors and firms; coordinators and admins follow it on the
 * pilot's page. A rectification has its own page for everyone who works on it; admins see it on
 * the pilot's. A matter (事项) opens on its own page for every role that has 事项.
 */

export type NoticeTarget =
  | { page: 'task'; id: string }
  | { page: 'rectification'; id: string }
  | { page: 'matter'; id: string }
  | { page: 'pilot'; id: string }
  | { page: 'compounds' }
  | { page: 'tasks' };

const pilotPage = (pilotId: string, role: UserRole): NoticeTarget | null => {
  switch (role) {
    case 'admin':
    case 'coordinator':
      return { page: 'pilot', id: pilotId };
    case 'firm':
      return { page: 'compounds' };
    case 'inspector':
      return { page: 'tasks' };
    default:
      return null;
  }
};

export function noticeTarget(notice: Pick<Notice, 'subject' | 'pilot'>, role: UserRole): NoticeTarget | null {
  const { subject, pilot } = notice;
  const fallback = pilot ? pilotPage(pilot.id, role) : null;
  if (!subject) return fallback;
  switch (subject.type) {
    case 'inspection_task':
      return role === 'inspector' || role === 'firm' ? { page: 'task', id: subject.id } : fallback;
    case 'rectification':
      return role === 'coordinator' || role === 'inspector' || role === 'firm'
        ? { page: 'rectification', id: subject.id }
        : fallback;
    case 'enrollment':
      return pilotPage(subject.id, role);
    // 事项: its page for everyone who has the matters section; a meeting's notice has no page yet.
    case 'matter':
      return role === 'admin' || role === 'inspector' ? fallback : { page: 'matter', id: subject.id };
    case 'meeting':
      return fallback;
  }
}

/** The address of a target (server side: the inbox's open route redirects there). */
export function targetPath(target: NoticeTarget): string {
  switch (target.page) {
    case 'task':
      return `/tasks/${encodeURIComponent(target.id)}`;
    case 'rectification':
      return `/rectifications/${encodeURIComponent(target.id)}`;
    case 'matter':
      return `/matters/${encodeURIComponent(target.id)}`;
    case 'pilot':
      return `/pilots/${encodeURIComponent(target.id)}`;
    case 'compounds':
      return '/compounds';
    case 'tasks':
      return '/tasks';
  }
}

/** The shell's badge: a count that fits the bell. */
export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}
