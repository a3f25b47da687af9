import { fail } from '@sveltejs/kit';
import type { Community, Firm } from '$lib/api/register-types';
import { featureEffects, type FeatureEffects } from '$lib/components/register/feature-effects';
import type { FormProblem } from '$lib/ui/form-problem';
import { fieldErrors, type Api, type ApiFailure, type ApiResult } from './api';
import { apiFailure } from './forms';

/*
 * Server helpers of the register (台账) screens: the communities and firms a form picks from, what
 * a compound's features decide under the catalogue in force, and the API's answers to a write
 * placed on the form's fields.
 */

const PAGE = 100;
/** A subdistrict has a few dozen communities and firms; this bounds the paging if it has thousands. */
const MAX_PAGES = 20;

async function pageThrough<T>(
  fetchPage: (page: number) => Promise<ApiResult<{ items: T[]; total: number }>>,
): Promise<ApiResult<T[]>> {
  const items: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const result = await fetchPage(page);
    if (!result.ok) return result;
    items.push(...result.data.items);
    if (items.length >= result.data.total || result.data.items.length === 0) break;
  }
  return { ok: true, status: 200, data: items };
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'zh-CN');

/** Every community (only the active ones when `active` is true), by name. */
export async function allCommunities(api: Api, active?: boolean): Promise<ApiResult<Community[]>> {
  const result = await pageThrough((page) =>
    api.call((c) =>
      c.GET('/communities', {
        params: {
          query: { page, pageSize: PAGE, ...(active === undefined ? {} : { active: String(active) }) },
        },
      }),
    ),
  );
  return result.ok ? { ...result, data: result.data.sort(byName) } : result;
}

/** Every firm (only the active ones when `active` is true), by name. */
export async function allFirms(api: Api, active?: boolean): Promise<ApiResult<Firm[]>> {
  const result = await pageThrough((page) =>
    api.call((c) =>
      c.GET('/firms', {
        params: {
          query: { page, pageSize: PAGE, ...(active === undefined ? {} : { active: String(active) }) },
        },
      }),
    ),
  );
  return result.ok ? { ...result, data: result.data.sort(byName) } : result;
}

/**
 * What each feature decides under the newest published catalogue version, for the compound form's
 * hints. Null when the catalogue cannot be read: the form then says only what the features are.
 */
export async function currentFeatureEffects(api: Api): Promise<FeatureEffects | null> {
  const list = await api.call((c) =>
    c.GET('/catalogue/versions', { params: { query: { status: 'published', pageSize: 100 } } }),
  );
  if (!list.ok) return null;
  const newest = [...list.data.items].sort((a, b) => b.effectiveFrom - a.effectiveFrom)[0];
  if (!newest) return null;
  const detail = await api.call((c) =>
    c.GET('/catalogue/versions/{id}', { params: { path: { id: newest.id } } }),
  );
  return detail.ok ? featureEffects(detail.data) : null;
}

/**
 * `apiFailure` for the register's writes. A name or code already taken is the API's 409 with the
 * field it concerns (社区编码, 企业名称, 统一社会信用代码), so it stands next to that field like a 400's
 * issue does, with the API's sentence above the form saying what to change.
 */
export function registerFailure<T extends Record<string, unknown>>(
  form: string,
  error: ApiFailure,
  values: T,
  fields: readonly string[],
) {
  if (error.status !== 409 || error.issues.length === 0) return apiFailure(form, error, values, fields);
  const all = fieldErrors(error);
  const placed = Object.fromEntries(Object.entries(all).filter(([name]) => fields.includes(name)));
  const unplaced = error.issues
    .filter((issue) => !fields.includes(issue.path.split('.')[0] ?? ''))
    .map((issue) => issue.message);
  const problem: FormProblem = {
    form,
    message: unplaced.length > 0 ? unplaced.join(' ') : error.message,
    fields: placed,
    reasons: [],
    requestId: error.requestId ?? null,
  };
  return fail(409, { ...values, problem });
}
