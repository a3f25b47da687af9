import type { UserRole } from '$lib/api/types';
import type { MessageKey } from '$lib/i18n';

/*
 * What each role may open, in the order its navigation shows it. The same table guards the routes
 * on the server (see server/guard.ts), so a link is never shown for a page that would refuse, and
 * a page is never reachable just because someone typed its address. The API checks roles again.
 */

export type IconName =
  | 'dashboard'
  | 'pilots'
  | 'catalogue'
  | 'archives'
  | 'audit'
  | 'users'
  | 'enroll'
  | 'rectifications'
  | 'verify'
  | 'tasks'
  | 'compounds'
  | 'register'
  | 'calendars'
  | 'matters'
  | 'report'
  | 'governance'
  | 'incentives'
  | 'traces';

/** The sections of the admin; each is one top-level path. */
export const SECTIONS = [
  'dashboard',
  'pilots',
  'catalogue',
  'archives',
  'audit',
  'users',
  'enroll',
  'rectifications',
  'tasks',
  'compounds',
  'register',
  'calendars',
  'matters',
  'report',
  'governance',
  'incentives',
  'traces',
] as const;
export type Section = (typeof SECTIONS)[number];

export interface NavItem {
  section: Section;
  href: `/${Section}`;
  label: MessageKey;
  /** What the section is for, in the role's words (shown on its page). */
  description: MessageKey;
  icon: IconName;
}

const item = (section: Section, label: MessageKey, description: MessageKey, icon: IconName): NavItem => ({
  section,
  href: `/${section}`,
  label,
  description,
  icon,
});

const dashboard = item('dashboard', 'nav.dashboard', 'dashboard.title', 'dashboard');
const pilots = item('pilots', 'nav.pilots', 'sections.pilots', 'pilots');
// 台账管理: admins keep it (and import it); coordinators read it.
const register = item('register', 'nav.register', 'sections.register', 'register');
const rectifications = item(
  'rectifications',
  'nav.rectifications',
  'sections.rectifications',
  'rectifications',
);

// 事项: one list for everyone, each role seeing its own part (the API scopes it) under its own name.
const matters = item('matters', 'nav.matters', 'sections.matters', 'matters');
const handling = item('matters', 'nav.mattersHandling', 'sections.mattersHandling', 'matters');
// 社区共治: 常态化巡查, 四方联席 and 居民注册审核 under one entry (tabs inside), so the phone bar keeps
// its few doors. A resident meets only the meetings of their community there (意见征集, 会后反馈).
const governance = item('governance', 'nav.governance', 'sections.governance', 'governance');
const meetings = item('governance', 'nav.meetings', 'sections.meetings', 'governance');
// 激励评价: evaluation and ranking, 红/黑榜, 三微案例, 信息公开 and 推广 under one entry (tabs inside);
// a firm meets its own evaluation and submits its cases there.
const incentives = item('incentives', 'nav.incentives', 'sections.incentives', 'incentives');
// 痕迹记录 (痕迹化管理): the firm keeps its register, logbooks, patrol routes and 物业管家 there (on the
// phone, from an equipment label's QR code); the working group, admins and the pilots' inspectors read them.
const traces = item('traces', 'nav.traces', 'sections.traces', 'traces');

export const NAVIGATION: Readonly<Record<UserRole, readonly NavItem[]>> = {
  admin: [
    dashboard,
    pilots,
    register,
    traces,
    item('catalogue', 'nav.catalogue', 'sections.catalogue', 'catalogue'),
    // 工作日历: the admin publishes each year's holidays and applies them to running pilots.
    item('calendars', 'nav.calendars', 'sections.calendars', 'calendars'),
    // 事项: the admin publishes the loop's 办理规则 there and reads its 办理成效.
    matters,
    incentives,
    item('archives', 'nav.archives', 'sections.archives', 'archives'),
    item('audit', 'nav.audit', 'sections.audit', 'audit'),
    item('users', 'nav.users', 'sections.users', 'users'),
  ],
  coordinator: [
    dashboard,
    matters,
    governance,
    incentives,
    pilots,
    item('enroll', 'nav.enroll', 'sections.enroll', 'enroll'),
    rectifications,
    traces,
    register,
  ],
  inspector: [
    item('tasks', 'nav.tasks', 'sections.tasks', 'tasks'),
    // Inspectors meet the same ledger from the other side: they verify what firms answered.
    item('rectifications', 'nav.verifications', 'sections.verifications', 'verify'),
    traces,
    governance,
  ],
  firm: [
    item('compounds', 'nav.compounds', 'sections.compounds', 'compounds'),
    traces,
    rectifications,
    handling,
    incentives,
  ],
  // 问题反映—进度查询—服务评价: reporting, and their own matters (where each is rated once answered).
  resident: [
    item('report', 'nav.report', 'sections.report', 'report'),
    item('matters', 'nav.myMatters', 'sections.myMatters', 'matters'),
    meetings,
  ],
  // A partner unit's staff work the matters assigned to their unit.
  // Community committees (居委会) also patrol, meet and review registrations; the API answers other
  // units' staff with nothing there, and the page says so.
  party: [handling, governance],
};

export function navigationFor(role: UserRole): readonly NavItem[] {
  return NAVIGATION[role];
}

export function navItem(role: UserRole, section: Section): NavItem | undefined {
  return NAVIGATION[role].find((entry) => entry.section === section);
}

/**
 * Where a role lands after log-in: its first section, or the start page when it has none. Residents
 * land on the start page, which puts their two doors (报事, 我的事项) and what waits for them first.
 */
export function homeOf(role: UserRole): string {
  if (role === 'resident') return '/';
  return NAVIGATION[role][0]?.href ?? '/';
}

export function isSection(value: string): value is Section {
  return (SECTIONS as readonly string[]).includes(value);
}
