import { STAGE_PHASES, type Person, type PilotSummary, type Ref, type Stage } from '$lib/api/pilot-types';

/*
 * 试点看板: the filters as the address carries them, and the pilots grouped by stage (columns) and
 * phase (groups inside a column), in the order the three progressive stages run.
 */

export interface BoardFilters {
  communityId?: string;
  firmId?: string;
  inspectorId?: string;
  /** Star rating of the latest evaluated round, 1–5. */
  stars?: number;
  /** true: only paused pilots; false: only running ones. */
  paused?: boolean;
  q?: string;
}

const ID = /^[A-Za-z0-9._:-]{1,64}$/;

function id(value: string | null): string | undefined {
  const trimmed = value?.trim() ?? '';
  return ID.test(trimmed) ? trimmed : undefined;
}

/** Reads the board's filters from the address; anything malformed is ignored rather than refused. */
export function parseBoardFilters(params: URLSearchParams): BoardFilters {
  const filters: BoardFilters = {};
  const communityId = id(params.get('community'));
  const firmId = id(params.get('firm'));
  const inspectorId = id(params.get('inspector'));
  if (communityId) filters.communityId = communityId;
  if (firmId) filters.firmId = firmId;
  if (inspectorId) filters.inspectorId = inspectorId;
  const stars = Number(params.get('stars'));
  if (Number.isInteger(stars) && stars >= 1 && stars <= 5) filters.stars = stars;
  const paused = params.get('paused');
  if (paused === 'true' || paused === 'false') filters.paused = paused === 'true';
  const q = params.get('q')?.trim().slice(0, 100);
  if (q) filters.q = q;
  return filters;
}

/** The same filters as `GET /pilots` takes them. */
export function pilotsQuery(filters: BoardFilters) {
  return {
    ...(filters.communityId ? { communityId: filters.communityId } : {}),
    ...(filters.firmId ? { firmId: filters.firmId } : {}),
    ...(filters.inspectorId ? { inspectorId: filters.inspectorId } : {}),
    ...(filters.stars !== undefined ? { stars: filters.stars } : {}),
    ...(filters.paused !== undefined ? { paused: String(filters.paused) as 'true' | 'false' } : {}),
    ...(filters.q ? { q: filters.q } : {}),
  };
}

/** The filters as the address writes them (the form's field names). */
export function filtersToSearch(filters: BoardFilters): Record<string, string | undefined> {
  return {
    community: filters.communityId,
    firm: filters.firmId,
    inspector: filters.inspectorId,
    stars: filters.stars === undefined ? undefined : String(filters.stars),
    paused: filters.paused === undefined ? undefined : String(filters.paused),
    q: filters.q,
  };
}

export function activeFilterCount(filters: BoardFilters): number {
  return Object.values(filters).filter((value) => value !== undefined).length;
}

export interface PhaseGroup {
  phase: string;
  pilots: PilotSummary[];
}

export interface BoardColumn {
  stage: Stage;
  count: number;
  groups: PhaseGroup[];
}

const byName = (a: PilotSummary, b: PilotSummary) =>
  a.compound.name.localeCompare(b.compound.name, 'zh-CN') || a.id.localeCompare(b.id);

/**
 * One column per stage, always the three stages in order (an empty stage still shows, so the board
 * reads the same every time); withdrawn pilots get a fourth column only when there are any. Inside a
 * column, one group per phase that has pilots, phases in the order the stage runs them.
 */
export function groupByStage(pilots: readonly PilotSummary[]): BoardColumn[] {
  const columns: BoardColumn[] = STAGE_PHASES.map(({ stage, phases }) => {
    const inStage = pilots.filter((pilot) => pilot.stage === stage);
    const known: readonly string[] = phases;
    const order = [...known, ...new Set(inStage.map((p) => p.phase).filter((p) => !known.includes(p)))];
    const groups = order
      .map((phase) => ({ phase, pilots: inStage.filter((p) => p.phase === phase).sort(byName) }))
      .filter((group) => group.pilots.length > 0);
    return { stage, count: inStage.length, groups };
  });
  const withdrawn = pilots.filter((pilot) => pilot.stage === 'withdrawn');
  if (withdrawn.length > 0) {
    columns.push({
      stage: 'withdrawn',
      count: withdrawn.length,
      groups: [{ phase: 'withdrawn', pilots: [...withdrawn].sort(byName) }],
    });
  }
  return columns;
}

/** Communities and firms named by the compounds, sorted by name, each once. */
export function uniqueRefs(refs: Iterable<Ref>): Ref[] {
  const byId = new Map<string, Ref>();
  for (const ref of refs) if (!byId.has(ref.id)) byId.set(ref.id, { id: ref.id, name: ref.name });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Inspectors named by pilots' assignments, each once, sorted by name. */
export function inspectorsOf(pilots: Iterable<Pick<PilotSummary, 'inspectors'>>): Person[] {
  const byId = new Map<string, Person>();
  for (const pilot of pilots) {
    for (const inspector of pilot.inspectors) {
      if (!byId.has(inspector.id))
        byId.set(inspector.id, { id: inspector.id, displayName: inspector.displayName });
    }
  }
  return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
}
