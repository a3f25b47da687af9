// 规范操作 from the logbooks: of the work the register and the routes made due in a period, the
// share each post did on time. The dashboard shows it beside 规范操作执行率 (the inspections' pass
// rate of staff-operation items): one is what an inspector saw, this is what the records show.
import type { WorkingDayTest } from '../calendar/working-days.js';
import { FIRM_STAFF_ROLES, FIRM_STAFF_ROLE_LABELS, type FirmStaffRole } from './equipment.js';
import { slotsOf, type TraceFacts } from './summary.js';
import type { TraceRule } from './trace-standards.js';

export interface RoleOnTime {
  role: FirmStaffRole;
  label: { zh: string; en: string };
  due: number;
  onTime: number;
  /** 0..100 with two decimals; null with nothing due. */
  rate: number | null;
}

const SCHEDULED: readonly TraceRule[] = [
  { source: 'maintenance' },
  { source: 'inspection' },
  { source: 'patrol' },
];

/** On-time work as a percent with two decimals; null with nothing due. */
export const onTimeRate = (due: number, onTime: number): number | null =>
  due === 0 ? null : Math.round((onTime / due) * 10_000) / 100;

/** Per post (those with anything due), and all posts together. */
export function onTimeByRole(
  facts: Pick<TraceFacts, 'equipment' | 'routes' | 'entries' | 'fromMs' | 'untilMs'>,
  isWorking: WorkingDayTest,
): { roles: RoleOnTime[]; total: { due: number; onTime: number; rate: number | null } } {
  const corrected = new Set(facts.entries.flatMap((e) => (e.correctsId ? [e.correctsId] : [])));
  const tally = new Map<FirmStaffRole, { due: number; onTime: number }>();
  const add = (role: FirmStaffRole, onTime: boolean) => {
    const t = tally.get(role) ?? { due: 0, onTime: 0 };
    t.due += 1;
    if (onTime) t.onTime += 1;
    tally.set(role, t);
  };
  const full: TraceFacts = {
    ...facts,
    stewards: { count: 0, buildings: 0, buildingsTotal: null },
    formatInstant: String,
    formatDay: String,
  };
  for (const rule of SCHEDULED) {
    const entries = facts.entries.filter((e) => e.kind === rule.source && !corrected.has(e.id));
    // One subject at a time, so each slot is counted for the post that owns it.
    const subjects =
      rule.source === 'patrol'
        ? facts.routes.map((route) => ({
            role: route.staffRole,
            facts: { ...full, equipment: [], routes: [route] },
          }))
        : facts.equipment.map((item) => ({
            role: item.staffRole,
            facts: { ...full, equipment: [item], routes: [] },
          }));
    for (const subject of subjects)
      for (const { slot } of slotsOf(rule, subject.facts, isWorking, entries))
        add(subject.role, slot.status === 'on_time');
  }
  const rate = (t: { due: number; onTime: number }) => onTimeRate(t.due, t.onTime);
  const roles = FIRM_STAFF_ROLES.flatMap((role) => {
    const t = tally.get(role);
    return t ? [{ role, label: FIRM_STAFF_ROLE_LABELS[role], ...t, rate: rate(t) }] : [];
  });
  const total = roles.reduce((sum, r) => ({ due: sum.due + r.due, onTime: sum.onTime + r.onTime }), {
    due: 0,
    onTime: 0,
  });
  return { roles, total: { ...total, rate: rate(total) } };
}
