import type { UserPage } from '$lib/api/admin-types';
import type { Compound, Person, Ref } from '$lib/api/pilot-types';
import type { UserRole } from '$lib/api/types';
import type { Places } from '$lib/components/field-work/list-filters';
import { inspectorsOf, uniqueRefs } from '$lib/components/pilots/board';
import type { Api, ApiResult, ClientOutcome } from './api';

/*
 * The names the coordinator and admin screens pick from: communities, firms and compounds (from
 * `GET /compounds`) and the active inspectors (`GET /users/inspectors`, open to coordinators).
 */

export interface Directory {
  communities: Ref[];
  firms: Ref[];
  compounds: Compound[];
  inspectors: Person[];
}

const PAGE = 100;

/** Every compound (the subdistrict has 28; pages through in case there are more). */
export async function allCompounds(api: Api): Promise<ApiResult<Compound[]>> {
  const items: Compound[] = [];
  for (let page = 1; page <= 20; page += 1) {
    const result = await api.call((c) =>
      c.GET('/compounds', { params: { query: { page, pageSize: PAGE } } }),
    );
    if (!result.ok) return result;
    items.push(...result.data.items);
    if (items.length >= result.data.total || result.data.items.length === 0) break;
  }
  items.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return { ok: true, status: 200, data: items };
}

/** `GET /users` answers are not described in the OpenAPI document; this is their real shape. */
const untyped = <T>(outcome: Promise<ClientOutcome<unknown>>) => outcome as Promise<ClientOutcome<T>>;

export function listUsers(
  api: Api,
  query: { role?: UserRole; q?: string; firmId?: string; page?: number; pageSize?: number },
): Promise<ApiResult<UserPage>> {
  return api.call((c) => untyped<UserPage>(c.GET('/users', { params: { query } })));
}

export async function allInspectors(api: Api, role: UserRole): Promise<Person[]> {
  if (role !== 'admin' && role !== 'coordinator') {
    // Inspectors and firms filter the board by the inspectors of the pilots they can see.
    const pilots = await api.call((c) => c.GET('/pilots', { params: { query: { pageSize: PAGE } } }));
    return pilots.ok ? inspectorsOf(pilots.data.items) : [];
  }
  const result = await api.call((c) =>
    untyped<Array<{ id: string; displayName: string }>>(c.GET('/users/inspectors')),
  );
  if (!result.ok) return [];
  return result.data
    .map((user) => ({ id: user.id, displayName: user.displayName }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
}

export async function loadDirectory(api: Api, role: UserRole): Promise<Directory> {
  const [compounds, inspectors] = await Promise.all([allCompounds(api), allInspectors(api, role)]);
  const list = compounds.ok ? compounds.data : [];
  return {
    communities: uniqueRefs(list.map((compound) => compound.community)),
    firms: uniqueRefs(list.map((compound) => compound.firm)),
    compounds: list,
    inspectors,
  };
}

export type { Places };

/**
 * The communities, firms and compounds of the pilots the user can see (GET /pilots is scoped by
 * role: an inspector's assignments, a firm's own compounds, everything for a coordinator), so a
 * filter never offers a place whose list would be empty by rule.
 */
export async function loadPlaces(api: Api): Promise<Places> {
  const pilots = await api.call((c) => c.GET('/pilots', { params: { query: { pageSize: PAGE } } }));
  const items = pilots.ok ? pilots.data.items : [];
  return {
    communities: uniqueRefs(items.map((pilot) => pilot.compound.community)),
    firms: uniqueRefs(items.map((pilot) => pilot.firm)),
    compounds: uniqueRefs(items.map((pilot) => pilot.compound)),
  };
}
