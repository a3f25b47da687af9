import type { PatrolVisit } from '$lib/api/governance-types';
import type { ChipTone } from '$lib/components/field-work/status';

/** 待巡查 / 已巡查 / 逾期: a planned visit whose day has passed is late even before the API marks it. */
export type VisitState = 'planned' | 'done' | 'late';

export function visitState(
  visit: Pick<PatrolVisit, 'status' | 'late' | 'plannedOn'>,
  today: string,
): VisitState {
  if (visit.status.code === 'done') return 'done';
  if (visit.status.code === 'missed' || visit.late || visit.plannedOn < today) return 'late';
  return 'planned';
}

export const VISIT_TONES: Record<VisitState, ChipTone> = { planned: 'warn', done: 'ok', late: 'danger' };

/** Visits by their planned day, days in order. */
export function byDate<T extends Pick<PatrolVisit, 'plannedOn'>>(visits: readonly T[]): Array<[string, T[]]> {
  const days = new Map<string, T[]>();
  for (const visit of visits) days.set(visit.plannedOn, [...(days.get(visit.plannedOn) ?? []), visit]);
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b));
}
